"""Faceted search on the database: SQLite FTS5 or PostgreSQL full text, through Wagtail's database backend.

One SQL query answers every facet group (a UNION ALL of small GROUP BYs), one more the page of results.
Full-text matching uses the search backend's own queryset (`results.get_queryset()`, the same call
modelsearch's `.facet()` uses), so the match is a subquery and never a Python list of ids.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractYear
from modelsearch.backends import get_search_backend
from modelsearch.query import PlainText
from wagtail.models import Page

from evidence.models import (
    CaseStudyPage,
    EvaluationPage,
    GlossaryTerm,
    PageEquityDimension,
    PagePlace,
    PageService,
    PlainLanguageSummaryPage,
)
from search.results import BackendAnswer, DocRef, FacetCounts


@dataclass(frozen=True)
class DocType:
    key: str
    model: type
    tax: str  # the field holding the page whose taxonomy applies
    date: str  # the date that gives the year and "newest" order
    method: str | None


DOC_TYPES = (
    DocType("evaluation", EvaluationPage, "pk", "completed", "method"),
    DocType("summary", PlainLanguageSummaryPage, "evaluation_id", "evaluation__completed", "evaluation__method"),
    DocType("case-study", CaseStudyPage, "pk", "date", None),
)
TAXONOMIES = {
    "service": (PageService, "service"),
    "equity": (PageEquityDimension, "equity_dimension"),
    "place": (PagePlace, "place"),
}
# Reverse accessors from Page to each specific table, for one "newest first" ordering across types.
SORT_DATE = Coalesce(
    "evaluationpage__completed", "plainlanguagesummarypage__evaluation__completed", "casestudypage__date"
)


def database_backend():
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


class DatabaseSearch:
    name = "database"

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary

    # --- building blocks -------------------------------------------------------------------------------

    def _prepare(self, params):
        self.params = params
        self.backend = database_backend()
        self.private = Page.objects.all().private_q()  # one query, reused by every subquery below
        self.query = PlainText(params.engine_query, operator="and") if params.terms else None
        vocab = self.vocabulary
        self.selected = {
            "service": vocab.service_ids_for(set(params.services)),
            "equity": [o.pk for o in vocab.equity if o.slug in params.equity],
            "place": [o.pk for o in vocab.places if o.slug in params.places],
            "year": list(params.years),
            "method": list(params.methods),
            "type": list(params.types),
        }
        self.page_matches = self._matches(Page.objects.live()) if self.query else None

    def _matches(self, queryset, relevance=False):
        results = self.backend.search(self.query, queryset, order_by_relevance=relevance)
        return results.get_queryset()

    def _tagged(self, group):
        through, field = TAXONOMIES[group]
        return through.objects.filter(**{f"{field}_id__in": self.selected[group]}).values("page_id")

    def docs(self, doc_type, exclude=None):
        """Live, public documents of one type matching the query and every selection except `exclude`."""
        selected = self.selected
        if selected["type"] and exclude != "type" and doc_type.key not in selected["type"]:
            return doc_type.model.objects.none()
        qs = doc_type.model.objects.live().exclude(self.private)
        if self.page_matches is not None:
            qs = qs.filter(pk__in=self.page_matches.order_by().values("pk"))
        for group in TAXONOMIES:
            if selected[group] and group != exclude:
                qs = qs.filter(**{f"{doc_type.tax}__in": self._tagged(group)})
        if selected["year"] and exclude != "year":
            qs = qs.filter(**{f"{doc_type.date}__year__in": selected["year"]})
        if selected["method"] and exclude != "method":
            if doc_type.method is None:
                return doc_type.model.objects.none()
            qs = qs.filter(**{f"{doc_type.method}__in": selected["method"]})
        return qs.order_by()

    def glossary_docs(self, exclude=None):
        other = [g for g in ("service", "equity", "place", "year", "method") if self.selected[g] and g != exclude]
        if other or (self.selected["type"] and exclude != "type" and "glossary-term" not in self.selected["type"]):
            return GlossaryTerm.objects.none()
        qs = GlossaryTerm.objects.filter(live=True)
        if self.query:
            qs = qs.filter(pk__in=self._matches(GlossaryTerm.objects.filter(live=True)).order_by().values("pk"))
        return qs.order_by()

    @staticmethod
    def _flag(condition):
        if condition is None:
            return Value(1, output_field=IntegerField())
        return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())

    # --- facets ----------------------------------------------------------------------------------------

    def _facet_parts(self):
        parts = []
        selected = self.selected

        def part(queryset, group, key, flag, count="pk"):
            return (
                queryset.annotate(_group=Value(group, output_field=CharField()), _key=Cast(key, CharField()), _in=flag)
                .values("_group", "_key", "_in")
                .annotate(_n=Count(count, distinct=True))
                .order_by()
            )

        for doc_type in DOC_TYPES:
            for group, (through, field) in TAXONOMIES.items():
                base = through.objects.filter(page_id__in=self.docs(doc_type, exclude=group).values(doc_type.tax))
                flag = self._flag(Q(page_id__in=self._tagged(group)) if selected[group] else None)
                parts.append(part(base, group, f"{field}_id", flag, count="page_id"))
                if group == "service":
                    rollup = Coalesce("service__parent_id", "service_id")
                    parts.append(part(base, "service-parent", rollup, flag, count="page_id"))
            year_docs = self.docs(doc_type, exclude="year")
            year_flag = self._flag(Q(**{f"{doc_type.date}__year__in": selected["year"]}) if selected["year"] else None)
            parts.append(part(year_docs, "year", ExtractYear(doc_type.date), year_flag))
            if doc_type.method:
                method_docs = self.docs(doc_type, exclude="method")
                method_flag = self._flag(
                    Q(**{f"{doc_type.method}__in": selected["method"]}) if selected["method"] else None
                )
                parts.append(part(method_docs, "method", doc_type.method, method_flag))
            type_in = not selected["type"] or doc_type.key in selected["type"]
            type_flag = Value(int(type_in), output_field=IntegerField())
            parts.append(part(self.docs(doc_type, exclude="type"), "type", Value(doc_type.key), type_flag))
        glossary_in = not selected["type"] or "glossary-term" in selected["type"]
        parts.append(
            part(
                self.glossary_docs(exclude="type"),
                "type",
                Value("glossary-term"),
                Value(int(glossary_in), output_field=IntegerField()),
            )
        )
        return parts

    def facets(self):
        first, *rest = self._facet_parts()
        counts = {}
        for row in first.union(*rest, all=True):
            bucket = counts.setdefault(row["_group"], FacetCounts())
            target = bucket.in_selection if row["_in"] else bucket.outside
            target[row["_key"]] = target.get(row["_key"], 0) + row["_n"]
        return counts

    # --- results ---------------------------------------------------------------------------------------

    def _page_union(self):
        condition = Q(pk__in=[])
        for doc_type in DOC_TYPES:
            condition |= Q(pk__in=self.docs(doc_type).values("pk"))
        return Page.objects.filter(condition)

    def _page_refs(self, offset, limit):
        if limit <= 0:
            return []
        pages = self._page_union()
        if self.params.sort == "relevance" and self.query:
            ordered = self._matches(pages, relevance=True)
        else:
            ordered = pages.annotate(_date=SORT_DATE).order_by("-_date", "-pk")
        types = {ContentType.objects.get_for_model(t.model).pk: t.key for t in DOC_TYPES}
        rows = ordered.values_list("pk", "content_type_id")[offset : offset + limit]
        return [DocRef(types[ct], pk) for pk, ct in rows]

    def _glossary_refs(self, offset, limit):
        if limit <= 0:
            return []
        if self.query:
            # glossary_docs() is non-empty only when no other filter applies, so this is the same set, ranked.
            ordered = self._matches(GlossaryTerm.objects.filter(live=True), relevance=True)
        else:
            ordered = self.glossary_docs().order_by("term")
        return [DocRef("glossary-term", pk) for pk in ordered.values_list("pk", flat=True)[offset : offset + limit]]

    def run(self, params, offset, limit):
        self._prepare(params)
        facets = self.facets()
        type_counts = facets.get("type", FacetCounts()).in_selection
        glossary_total = type_counts.get("glossary-term", 0)
        pages_total = sum(n for key, n in type_counts.items() if key != "glossary-term")
        # Relevance puts matching glossary terms first (usually what was meant); "newest" lists them last.
        first, first_total, second = (
            (self._glossary_refs, glossary_total, self._page_refs)
            if params.sort == "relevance"
            else (self._page_refs, pages_total, self._glossary_refs)
        )
        refs = first(offset, min(limit, max(first_total - offset, 0)))
        refs += second(max(offset - first_total, 0), limit - len(refs))
        return BackendAnswer(total=pages_total + glossary_total, refs=refs, facets=facets, backend=self.name)
