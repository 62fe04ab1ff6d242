"""Faceted search on the database: SQLite FTS5 or PostgreSQL full text, through Wagtail's database backend.

Every document (evaluation, summary, case study, glossary term) becomes one row of a `docs` CTE with a flag
per facet group saying whether it matches that group's selection. One statement then counts every facet
group over the documents matching all the *other* flags, and one more lists the page of results. Django
builds the parts that depend on the schema and the search backend (live and public filters, the full-text
match through `results.get_queryset()`, the same call modelsearch's own `.facet()` uses); this module only
composes them, always with query parameters.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import CharField, DateField, F, FloatField, IntegerField, Value
from django.db.models.functions import ExtractYear
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
    Service,
)
from search.results import BackendAnswer, DocRef, FacetCounts

COLUMNS = ("doc", "t", "tax", "d", "y", "m", "term_name", "score")
# PostgreSQL types an untyped NULL in a derived table as text, so UNION ALL needs every column typed.
POSTGRES_TYPES = {
    "doc": "bigint",
    "t": "text",
    "tax": "bigint",
    "d": "date",
    "y": "integer",
    "m": "text",
    "term_name": "text",
    "score": "double precision",
}
GROUPS = ("service", "equity", "place", "year", "method", "type")
TAXONOMY_TABLES = {
    "service": (PageService._meta.db_table, "service_id"),
    "equity": (PageEquityDimension._meta.db_table, "equity_dimension_id"),
    "place": (PagePlace._meta.db_table, "place_id"),
}


@dataclass(frozen=True)
class DocType:
    key: str
    model: type
    tax: str  # the page whose taxonomy applies
    date: str | None  # gives the year and "newest" order
    method: str | None


DOC_TYPES = (
    DocType("evaluation", EvaluationPage, "pk", "completed", "method"),
    DocType("summary", PlainLanguageSummaryPage, "evaluation_id", "evaluation__completed", "evaluation__method"),
    DocType("case-study", CaseStudyPage, "pk", "date", None),
)


def database_backend():
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


class DatabaseSearch:
    name = "database"

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary

    # --- the documents --------------------------------------------------------------------------------

    def _search(self, queryset):
        """Restrict a queryset to full-text matches, ranked; returns (queryset, descending_score)."""
        results = self.backend.search(self.query, queryset, order_by_relevance=True).annotate_score("_score")
        ranked = results.get_queryset()
        first = ranked.query.order_by[0] if ranked.query.order_by else ""
        # SQLite's bm25 is better when lower (ordered "_score"); PostgreSQL's rank is better when higher.
        descending = first.startswith("-") if isinstance(first, str) else getattr(first, "descending", False)
        return ranked.order_by(), descending

    def _doc_queryset(self, doc_type):
        qs = doc_type.model.objects.live().exclude(self.private)
        score = Value(0.0, output_field=FloatField())
        if self.query:
            qs, self.descending = self._search(qs)
            score = F("_score")
        year = ExtractYear(doc_type.date) if doc_type.date else Value(None, output_field=IntegerField())
        return qs.values(
            doc=F("pk"),
            t=Value(doc_type.key, output_field=CharField()),
            tax=F(doc_type.tax),
            d=F(doc_type.date),
            y=year,
            m=F(doc_type.method) if doc_type.method else Value(None, output_field=CharField()),
            term_name=Value(None, output_field=CharField()),
            score=score,
        )

    def _glossary_queryset(self):
        qs = GlossaryTerm.objects.filter(live=True)
        score = Value(0.0, output_field=FloatField())
        if self.query:
            qs, _ = self._search(qs)
            score = F("_score")
        nothing = {"output_field": IntegerField()}
        return qs.values(
            doc=F("pk"),
            t=Value("glossary-term", output_field=CharField()),
            tax=Value(None, **nothing),
            d=Value(None, output_field=DateField()),
            y=Value(None, **nothing),
            m=Value(None, output_field=CharField()),
            term_name=F("term"),
            score=score,
        )

    def _docs_cte(self):
        sql, params = [], []
        if connection.vendor == "postgresql":
            cols = ", ".join(f"CAST({c} AS {POSTGRES_TYPES[c]}) AS {c}" for c in COLUMNS)
        else:
            cols = ", ".join(COLUMNS)
        for qs in [*(self._doc_queryset(t) for t in DOC_TYPES), self._glossary_queryset()]:
            part_sql, part_params = qs.query.sql_with_params()
            sql.append(f"SELECT {cols} FROM ({part_sql}) AS part")
            params += part_params
        return " UNION ALL ".join(sql), params

    def _flags(self):
        """SQL expressions (with params) that are 1 when a document matches a group's selection."""
        flags = {}
        for group, (table, column) in TAXONOMY_TABLES.items():
            chosen = self.selected[group]
            if chosen:
                sql = f"tax IN (SELECT page_id FROM {table} WHERE {column} IN ({_placeholders(chosen)}))"
                flags[group] = (f"CASE WHEN {sql} THEN 1 ELSE 0 END", list(chosen))
        for group, column in (("year", "y"), ("method", "m"), ("type", "t")):
            chosen = self.selected[group]
            if chosen:
                flags[group] = (f"CASE WHEN {column} IN ({_placeholders(chosen)}) THEN 1 ELSE 0 END", list(chosen))
        return flags

    def _flagged_cte(self):
        docs_sql, params = self._docs_cte()
        flag_sql = []
        for group in GROUPS:
            expression, flag_params = self._flags_by_group.get(group, ("1", []))
            flag_sql.append(f"{expression} AS f_{group}")
            params += flag_params
        sql = f"WITH docs AS ({docs_sql}), flagged AS (SELECT docs.*, {', '.join(flag_sql)} FROM docs) "
        return sql, params

    @staticmethod
    def _others(group):
        return " AND ".join(f"f_{other} = 1" for other in GROUPS if other != group)

    # --- facets and results -----------------------------------------------------------------------------

    def _facet_sql(self):
        parts = []
        service_table = Service._meta.db_table
        for group, (table, column) in TAXONOMY_TABLES.items():
            parts.append(
                f"SELECT '{group}' AS g, CAST(x.{column} AS TEXT) AS k, f.f_{group} AS i, COUNT(DISTINCT f.doc) AS n "
                f"FROM flagged f JOIN {table} x ON x.page_id = f.tax WHERE {self._others(group)} "
                f"GROUP BY x.{column}, f.f_{group}"
            )
        parts.append(
            "SELECT 'service-parent' AS g, CAST(COALESCE(s.parent_id, s.id) AS TEXT) AS k, f.f_service AS i, "
            "COUNT(DISTINCT f.doc) AS n "
            f"FROM flagged f JOIN {TAXONOMY_TABLES['service'][0]} x ON x.page_id = f.tax "
            f"JOIN {service_table} s ON s.id = x.service_id WHERE {self._others('service')} "
            "GROUP BY COALESCE(s.parent_id, s.id), f.f_service"
        )
        for group, column in (("year", "y"), ("method", "m")):
            parts.append(
                f"SELECT '{group}' AS g, CAST({column} AS TEXT) AS k, f_{group} AS i, COUNT(*) AS n FROM flagged "
                f"WHERE {column} IS NOT NULL AND {self._others(group)} GROUP BY {column}, f_{group}"
            )
        parts.append(
            f"SELECT 'type' AS g, t AS k, f_type AS i, COUNT(*) AS n FROM flagged WHERE {self._others('type')} "
            "GROUP BY t, f_type"
        )
        return " UNION ALL ".join(parts)

    def _results_sql(self):
        everything = " AND ".join(f"f_{group} = 1" for group in GROUPS)
        glossary_first = self.params.sort == "relevance" and self.query
        kind = "CASE WHEN t = 'glossary-term' THEN 0 ELSE 1 END"
        if glossary_first:
            order = f"{kind} ASC, score {'DESC' if self.descending else 'ASC'}, doc DESC"
        else:
            order = f"{kind} DESC, d DESC, term_name ASC, doc DESC"
        return f"SELECT t, doc FROM flagged WHERE {everything} ORDER BY {order} LIMIT %s OFFSET %s"

    def run(self, params, offset, limit):
        self.params = params
        self.backend = database_backend()
        self.private = Page.objects.all().private_q()  # one query; reused in every part
        self.query = PlainText(params.engine_query, operator="and") if params.terms else None
        self.descending = False
        vocab = self.vocabulary
        self.selected = {
            "service": vocab.service_ids_for(set(params.services)),
            "equity": [o.pk for o in vocab.equity if o.slug in params.equity],
            "place": [o.pk for o in vocab.places if o.slug in params.places],
            "year": list(params.years),
            "method": list(params.methods),
            "type": list(params.types),
        }
        self._flags_by_group = self._flags()
        # A selected slug that no longer exists selects nothing (not everything).
        for group, slugs in (("service", params.services), ("equity", params.equity), ("place", params.places)):
            if slugs and not self.selected[group]:
                self._flags_by_group[group] = ("0", [])

        prefix, prefix_params = self._flagged_cte()
        facets = {}
        with connection.cursor() as cursor:
            cursor.execute(prefix + self._facet_sql(), prefix_params)
            for group, key, inside, count in cursor.fetchall():
                bucket = facets.setdefault(group, FacetCounts())
                target = bucket.in_selection if inside else bucket.outside
                target[str(key)] = target.get(str(key), 0) + count
            total = sum(facets.get("type", FacetCounts()).in_selection.values())
            refs = []
            if limit > 0 and offset < total:
                cursor.execute(prefix + self._results_sql(), [*prefix_params, limit, offset])
                refs = [DocRef(kind, pk) for kind, pk in cursor.fetchall()]
        return BackendAnswer(total=total, refs=refs, facets=facets, backend=self.name)
