"""Bring the search engine's index up to date after an outage.

    manage.py catch_up_index --minutes 90
    manage.py catch_up_index --since 2026-11-25T14:00:00Z [--backend default] [--no-prune]

While the engine is down, publishing still works: modelsearch logs and swallows engine errors, and the
database index (the fallback) is written in the same transaction. Once the engine is back, run this with a
time from before the outage started. It re-indexes into the engine:

- pages created, edited, published, unpublished or moved since then (`latest_revision_created_at`,
  `first_published_at`, `last_published_at` and the page history), with the summaries of changed evaluations;
- pages tagged with a service, equity dimension or place edited since then in the admin (the names are part of
  the indexed text), and those taxonomy terms;
- glossary terms edited or published since then.

Pages that no longer exist are removed. Unless `--no-prune` is given, the command also removes every engine
document whose object was deleted (it compares the ids in each index with the database): deletions leave no
timestamp to look for. It exits non-zero if the engine still does not answer.

`update_index` rebuilds everything (into a new index, swapped in with an alias when it is complete). Objects
published while it runs are written to the old index and lost at the swap: run
`catch_up_index --since <the time update_index started>` after it.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from modelsearch.backends import get_search_backend
from modelsearch.backends.base import get_model_root
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from evidence.models import EquityDimension, EvaluationPage, GlossaryTerm, Place, PlainLanguageSummaryPage, Service

CHUNK = 500
TAXONOMY = {
    Service: ("page_services__service", True),
    EquityDimension: ("page_equity_dimensions__equity_dimension", False),
    Place: ("page_places__place", False),
}


def _chunks(values, size=CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


class Command(BaseCommand):
    help = "Re-index into the search engine everything changed since a time (after an engine outage)."

    def add_arguments(self, parser):
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--since", help="ISO 8601 date-time, e.g. 2026-11-25T14:00:00Z (local time if no zone)")
        when.add_argument("--minutes", type=float, help="changes in the last N minutes")
        parser.add_argument("--backend", default="default", help="search backend name (default: default)")
        parser.add_argument("--no-prune", action="store_true", help="do not remove documents of deleted objects")

    def handle(self, *args, since=None, minutes=None, backend="default", no_prune=False, **options):
        self.verbosity = options.get("verbosity", 1)
        since = self._since(since, minutes)
        self.backend = get_search_backend(backend)
        if not isinstance(self.backend, ElasticsearchBaseSearchBackend):
            self.stdout.write(f"'{backend}' is not a search engine: its index is written with the data. Nothing to do.")
            return
        try:
            counts = self._catch_up(since)
            removed = 0 if no_prune else self._prune()
        except Exception as error:
            raise CommandError(
                f"The search engine did not accept the updates: {type(error).__name__}: {error}"
            ) from error
        self.stdout.write(
            f"Since {since.isoformat()}: re-indexed {counts['pages']} pages, {counts['glossary']} glossary terms "
            f"and {counts['taxonomy']} taxonomy terms; removed {counts['gone'] + removed} documents."
        )

    @staticmethod
    def _since(since, minutes):
        if minutes is not None:
            if minutes <= 0:
                raise CommandError("--minutes must be positive.")
            return timezone.now() - datetime.timedelta(minutes=minutes)
        parsed = parse_datetime(since.replace("Z", "+00:00")) if since else None
        if parsed is None:
            try:
                parsed = datetime.datetime.combine(datetime.date.fromisoformat(since), datetime.time())
            except ValueError:
                raise CommandError(f"--since: '{since}' is not an ISO 8601 date-time.") from None
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed

    # --- what changed ---------------------------------------------------------------------------------------

    def _changed_taxonomy(self, since):
        """{model: ids} of taxonomy terms edited (in the admin) since then."""
        changed = {}
        for model in TAXONOMY:
            content_type = ContentType.objects.get_for_model(model)
            ids = ModelLogEntry.objects.filter(content_type=content_type, timestamp__gte=since).values_list(
                "object_id", flat=True
            )
            changed[model] = {int(pk) for pk in ids if str(pk).isdigit()}
        return changed

    def _changed_page_ids(self, since, taxonomy):
        ids = set(
            Page.objects.filter(
                Q(latest_revision_created_at__gte=since)
                | Q(first_published_at__gte=since)
                | Q(last_published_at__gte=since)
            ).values_list("pk", flat=True)
        )
        ids |= set(PageLogEntry.objects.filter(timestamp__gte=since).values_list("page_id", flat=True))
        for model, (path, has_children) in TAXONOMY.items():
            terms = taxonomy[model]
            if not terms:
                continue
            if has_children:
                terms = terms | set(Service.objects.filter(parent_id__in=terms).values_list("pk", flat=True))
            ids |= set(Page.objects.filter(**{f"{path}__in": terms}).values_list("pk", flat=True))
        # A summary's document repeats its evaluation's taxonomy and dates.
        evaluations = EvaluationPage.objects.filter(pk__in=ids).values_list("pk", flat=True)
        ids |= set(PlainLanguageSummaryPage.objects.filter(evaluation_id__in=evaluations).values_list("pk", flat=True))
        return ids

    def _changed_glossary_ids(self, since):
        ids = set(
            GlossaryTerm.objects.filter(
                Q(latest_revision__created_at__gte=since) | Q(last_published_at__gte=since)
            ).values_list("pk", flat=True)
        )
        content_type = ContentType.objects.get_for_model(GlossaryTerm)
        logged = ModelLogEntry.objects.filter(content_type=content_type, timestamp__gte=since)
        ids |= {int(pk) for pk in logged.values_list("object_id", flat=True) if str(pk).isdigit()}
        return ids

    # --- writing ----------------------------------------------------------------------------------------------

    def _index(self, model, ids):
        """Re-index the objects of `model` with these ids; returns the ids it found."""
        found = set()
        for chunk in _chunks(ids):
            objects = list(model.get_indexed_objects().filter(pk__in=chunk))
            if objects:
                self.backend.add_bulk(model, objects)
            found |= {obj.pk for obj in objects}
        return found

    def _catch_up(self, since):
        taxonomy = self._changed_taxonomy(since)
        page_ids = self._changed_page_ids(since, taxonomy)
        counts = {"pages": 0, "glossary": 0, "taxonomy": 0, "gone": 0}

        by_type = {}
        for pk, content_type_id in Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type_id"):
            by_type.setdefault(content_type_id, []).append(pk)
        for content_type_id, ids in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is not None:
                counts["pages"] += len(self._index(model, ids))
        existing = {pk for ids in by_type.values() for pk in ids}
        for pk in sorted(page_ids - existing):
            self.backend.delete(Page(pk=pk))  # deleted since: remove its document
            counts["gone"] += 1

        counts["glossary"] = len(self._index(GlossaryTerm, self._changed_glossary_ids(since)))
        for model, ids in taxonomy.items():
            counts["taxonomy"] += len(self._index(model, ids))
        return counts

    def _prune(self):
        """Remove documents whose objects no longer exist, index by index."""
        removed = 0
        for index, models in group_models_by_index(self.backend, get_indexed_models()).items():
            if not index.exists():
                continue
            in_index = self._document_ids(index.name)  # read the index first: anything added later is in the database
            root = get_model_root(models[0])
            gone = set(in_index)
            for chunk in _chunks(in_index, 5000):
                gone -= {str(pk) for pk in root._default_manager.filter(pk__in=chunk).values_list("pk", flat=True)}
            if gone:
                actions = [{"_op_type": "delete", "_index": index.name, "_id": doc_id} for doc_id in sorted(gone)]
                self.backend.bulk(self.backend.es, actions, raise_on_error=False)
                removed += len(gone)
                if self.verbosity > 1:
                    self.stdout.write(f"{index.name}: removed {len(gone)} documents of deleted objects")
        return removed

    def _document_ids(self, index_name):
        ids, after = [], None
        while True:
            body = {"size": 5000, "sort": [{"pk": "asc"}], "_source": False, "query": {"match_all": {}}}
            if after is not None:
                body["search_after"] = after
            if self.backend.use_new_elasticsearch_api:
                response = self.backend.es.search(index=index_name, **body)
            else:
                response = self.backend.es.search(index=index_name, body=body)
            hits = response["hits"]["hits"]
            if not hits:
                return ids
            ids += [hit["_id"] for hit in hits]
            after = hits[-1]["sort"]
