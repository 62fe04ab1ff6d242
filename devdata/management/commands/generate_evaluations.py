"""Generate deterministic synthetic evaluations, each with a live plain-language summary, in bulk.

    manage.py generate_evaluations --count 10000 --seed 1 [--batch 1000]

For benchmarks and load tests only: never run it on a real deployment.
"""

import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends_with_name

from devdata import synthetic
from evidence.management.commands.load_demo_content import Command as DemoLoader
from evidence.models import (
    EquityDimension,
    EvaluationIndexPage,
    EvaluationPage,
    PageEquityDimension,
    PagePlace,
    PageService,
    Place,
    PlainLanguageSummaryPage,
    Service,
    SummaryCoAuthor,
    SummaryIndexPage,
    TeamMember,
)
from evidence.readability import measure
from home.content_generation import bump as bump_content_generation

HELP = """Generate COUNT synthetic evaluations (seed SEED), each with a live plain-language summary co-authored by a
public adviser, taxonomy links, a co-production team and search index entries. For benchmarks and load tests only.

The same seed always gives the same titles, slugs, taxonomy, dates and text. Slugs end in -s<seed>-<index>, so a
second run with the same seed reports the evaluations it finds as already present and only adds the missing ones
(a larger --count appends). Pages are written in bulk, straight into the page tree (paths computed here, the
parents' numchild updated); they are live and carry publication dates, but have no revisions (the admin shows
them as published pages without history), no workflow states and no reference-index rows (run
`manage.py rebuild_references_index` if the admin's usage counts matter). If the taxonomies are empty the demo
taxonomy is loaded first. Search: every configured backend is updated in bulk (the database backend, and
OpenSearch when SEARCH_URL is set) after each batch is committed; if that fails (a search engine down), the pages
stay and a re-run reports them as present: bring the index up to date with `manage.py update_index`."""


def _child_path(parent, number):
    """Treebeard materialised path of the parent's `number`-th child (1-based): steplen 4, base 36."""
    step = Page._int2str(number)
    if len(step) > Page.steplen:
        raise CommandError(f"{parent} has no room for more children (path step {Page.steplen}).")
    return parent.path + step.rjust(Page.steplen, Page.alphabet[0])


def _insert_pages(parent, pages, using):
    """Insert specific page instances as the parent's next children: base rows, then the specific table rows.

    Django's bulk_create cannot write multi-table inheritance children, so the base `wagtailcore_page` rows are
    bulk-created as plain Page objects, and the specific table's own columns (page_ptr_id plus the model's local
    fields) are inserted with the manager's `_insert`, the same call Model.save() makes for that table.
    """
    model = type(pages[0])
    parent = Page.objects.using(using).get(pk=parent.pk)
    siblings = Page.objects.using(using).filter(path__startswith=parent.path, depth=parent.depth + 1)
    last_path = siblings.order_by("-path").values_list("path", flat=True).first()
    start = Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
    base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]

    for number, page in enumerate(pages, start=start):
        page.path = _child_path(parent, number)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
    bases = [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages]
    Page.objects.using(using).bulk_create(bases)
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.pk

    fields = model._meta.local_concrete_fields
    size = connections[using].ops.bulk_batch_size(fields, pages) or len(pages)
    for offset in range(0, len(pages), size):
        model._base_manager.using(using)._insert(pages[offset : offset + size], fields=fields, using=using)
    for page in pages:
        page._state.adding, page._state.db = False, using

    Page.objects.using(using).filter(pk=parent.pk).update(numchild=siblings.count())


# Objects per bulk index call. Kept well under 1000: on SQLite, Django 5.2 prefetches a forward foreign key over N
# objects with an N-term OR (summaries prefetch their evaluation's taxonomy for indexing), and SQLite refuses
# expressions deeper than 1000 ("Expression tree is too large").
INDEX_CHUNK = 400


def update_search_index(model, pks):
    """Add these objects to every search backend that is kept up to date on save, in bulk calls."""
    backends = list(get_search_backends_with_name(with_auto_update=True))
    for _name, backend in backends:
        index = backend.get_index_for_model(model)
        if hasattr(index, "exists") and not index.exists():
            index.put()  # a search engine without the index yet (fresh cluster): create it with its settings
        index.add_model(model)  # a no-op for the database backend; puts the mapping for a search engine
    pks = sorted(pks)
    for offset in range(0, len(pks), INDEX_CHUNK):
        chunk = pks[offset : offset + INDEX_CHUNK]
        objects = list(model.get_indexed_objects().filter(pk__in=chunk).order_by("pk"))
        for _name, backend in backends:
            backend.add_bulk(model, objects)
    for _name, backend in backends:
        backend.get_index_for_model(model).refresh()


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many evaluations (indexes 0..COUNT-1).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (0 or more; default 1).")
        parser.add_argument("--batch", type=int, default=1000, help="Evaluations per transaction (default 1000).")

    def handle(self, *args, count, seed, batch, **options):
        if count < 0 or seed < 0 or batch < 1:
            raise CommandError("--count and --seed must be 0 or more, --batch at least 1.")
        self.using = database = DEFAULT_DB_ALIAS
        self.evaluations_index = EvaluationIndexPage.objects.using(database).first()
        self.summaries_index = SummaryIndexPage.objects.using(database).first()
        if not self.evaluations_index or not self.summaries_index:
            raise CommandError("The evaluations and summaries index pages are missing: run migrate first.")
        self._load_context()

        existing = set(Page.objects.using(database).child_of(self.evaluations_index).values_list("slug", flat=True))
        started = time.perf_counter()
        created = present = 0
        timings = {"build": 0.0, "write": 0.0, "index": 0.0}
        for offset in range(0, count, batch):
            tick = time.perf_counter()
            specs = [self._build(seed, i) for i in range(offset, min(count, offset + batch))]
            fresh = [spec for spec in specs if spec.slug not in existing]
            present += len(specs) - len(fresh)
            timings["build"] += time.perf_counter() - tick
            if not fresh:
                continue
            tick = time.perf_counter()
            with transaction.atomic(using=database):
                evaluations, summaries = self._write(fresh)
                bump_content_generation()  # written without signals: cached pages must not outlive it
            timings["write"] += time.perf_counter() - tick
            tick = time.perf_counter()
            update_search_index(EvaluationPage, [page.pk for page in evaluations])
            update_search_index(PlainLanguageSummaryPage, [page.pk for page in summaries])
            timings["index"] += time.perf_counter() - tick
            existing.update(spec.slug for spec in fresh)
            created += len(fresh)
            if options["verbosity"] > 1:
                self.stdout.write(f"  {offset + len(specs)}/{count}")

        elapsed = time.perf_counter() - started
        detail = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic evaluations (seed {seed}): created {created} with their summaries, "
                f"{present} already present, in {elapsed:.1f} s ({detail})."
            )
        )

    # ------------------------------------------------------------------------------------------- context

    def _load_context(self):
        using = self.using
        if not (
            Service.objects.using(using).filter(parent__isnull=False).exists()
            and EquityDimension.objects.using(using).exists()
            and Place.objects.using(using).exists()
        ):
            loader = DemoLoader(stdout=self.stdout, stderr=self.stderr)
            loader.created = {}
            loader.load_taxonomy()
        children = Service.objects.using(using).filter(parent__isnull=False)
        self.services = list(children.values_list("slug", "name"))
        self.dimensions = list(EquityDimension.objects.using(using).values_list("slug", "name"))
        self.places = list(Place.objects.using(using).values_list("slug", "name"))
        self.service_ids = dict(children.values_list("slug", "pk"))
        self.dimension_ids = dict(EquityDimension.objects.using(using).values_list("slug", "pk"))
        self.place_ids = dict(Place.objects.using(using).values_list("slug", "pk"))
        self.locale_id = Locale.get_default().pk
        self.evaluation_type = ContentType.objects.db_manager(using).get_for_model(EvaluationPage)
        self.summary_type = ContentType.objects.db_manager(using).get_for_model(PlainLanguageSummaryPage)
        self.readability = {}

    def _build(self, seed, index):
        return synthetic.build(seed, index, self.services, self.dimensions, self.places)

    def _measure(self, spec):
        """Readability of the summary body, measured once per distinct body (bodies come from a few templates).

        The text measured is the page's own body_text(), so the stored figures are exactly what a save would store.
        """
        key = spec.extra["body_key"]
        if key not in self.readability:
            self.readability[key] = measure(PlainLanguageSummaryPage(body=spec.summary_body).body_text())
        return self.readability[key]

    # ------------------------------------------------------------------------------------------- writing

    def _page_fields(self, spec, title, slug, content_type, translation_key):
        published = spec.published_at
        return {
            "title": title,
            "draft_title": title,
            "slug": slug,
            "content_type": content_type,
            "locale_id": self.locale_id,
            "translation_key": translation_key,
            "live": True,
            "has_unpublished_changes": False,
            "first_published_at": published,
            "last_published_at": published,
            "latest_revision_created_at": published,
            "summary": spec.summary,
        }

    def _write(self, specs):
        using = self.using
        evaluations = [
            EvaluationPage(
                **self._page_fields(spec, spec.title, spec.slug, self.evaluation_type, spec.translation_key),
                period_start=spec.period_start,
                period_end=spec.period_end,
                completed=spec.completed,
                method=spec.method,
                findings=spec.findings,
                recommendations=spec.recommendations,
                who_benefits=spec.who_benefits,
                who_left_out=spec.who_left_out,
                unintended_consequences=spec.unintended_consequences,
                reduce_gap=spec.reduce_gap,
            )
            for spec in specs
        ]
        _insert_pages(self.evaluations_index, evaluations, using)

        summaries = []
        for spec, evaluation in zip(specs, evaluations, strict=True):
            measured = self._measure(spec)
            summaries.append(
                PlainLanguageSummaryPage(
                    **self._page_fields(
                        spec, spec.summary_title, spec.slug, self.summary_type, spec.summary_translation_key
                    ),
                    evaluation_id=evaluation.pk,
                    body=spec.summary_body,
                    reading_age=measured.reading_age,
                    flesch_reading_ease=measured.flesch_reading_ease,
                    word_count=measured.words,
                    average_sentence_length=measured.average_sentence_length,
                )
            )
        _insert_pages(self.summaries_index, summaries, using)

        services, dimensions, places, team, co_authors = [], [], [], [], []
        for spec, evaluation, summary in zip(specs, evaluations, summaries, strict=True):
            services += [PageService(page_id=evaluation.pk, service_id=self.service_ids[s]) for s in spec.service_slugs]
            dimensions += [
                PageEquityDimension(page_id=evaluation.pk, equity_dimension_id=self.dimension_ids[d])
                for d in spec.dimension_slugs
            ]
            places += [PagePlace(page_id=evaluation.pk, place_id=self.place_ids[p]) for p in spec.place_slugs]
            team += [
                TeamMember(page_id=evaluation.pk, name=p.name, role=p.role, organisation=p.organisation, sort_order=n)
                for n, p in enumerate(spec.team)
            ]
            co_authors += [
                SummaryCoAuthor(page_id=summary.pk, name=p.name, role=p.role, sort_order=n)
                for n, p in enumerate(spec.summary_co_authors)
            ]
        for model, rows in (
            (PageService, services),
            (PageEquityDimension, dimensions),
            (PagePlace, places),
            (TeamMember, team),
            (SummaryCoAuthor, co_authors),
        ):
            model.objects.using(using).bulk_create(rows)
        return evaluations, summaries
