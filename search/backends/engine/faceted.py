"""Faceted search on OpenSearch or Elasticsearch, giving exactly the answers of `DatabaseSearch`.

One HTTP request per search: an `_msearch` with the searches below (and, for a misspelt query, the count of its
correction: `run(also_count=…)`).

1. The page index. modelsearch keeps every page type in one index, `<prefix>wagtailcore_page` (an alias after an
   atomic `update_index`).
   - `query`: the text (the AND of `params.terms` over `_all_text`, compiled by modelsearch's own query compiler);
     live pages of the searched types (PAGE_MODELS); not in a private section (from SQL: one query when there is none).
   - `post_filter`: every facet group's selection, so the hits and `hits.total` are the results.
   - `aggs`: for each facet group F, a `filter` aggregation on every *other* group's selection (groups with the
     same "others" share one). Inside it is a `terms` aggregation on F's column, sized above the vocabulary so
     every value comes back. When F has a selection, the `terms` aggregation has a `filter` sub-aggregation on
     F's own selection, which splits each count into `in_selection` and `outside`. A `terms` aggregation on
     `_index` (with every hit's `_index`) notices an alias that briefly points at two indexes while
     `update_index` swaps them; the shard count cannot, as an index may have been built with other settings.
   - `sort`, `from` and `size` for the page of results (ids only: snippets are made from the loaded summaries
     by `search.service.highlight`, as on the database, so the fetch phase reads no text). "newest" sorts by
     `search_date` descending, missing dates last, then page id descending. "relevance" sorts by score, then page id.
2. The glossary index: every live glossary term matching the text (glossaries are small). It is sent only when
   glossary terms can be among the results. The database puts them after the evidence (by score for
   "relevance", by name for "newest"), and they count only in the type facet. This module does the same in Python.

Field names come from modelsearch's mapping. A FilterField is named `<field>_filter`, prefixed by
`<app>_<model>__` when it is defined below the root model (`wagtailcore.Page`). The facet fields are defined once,
on the abstract `TaxonomySearchMixin`, so `search_year` is `evidence_taxonomysearchmixin__search_year_filter` on
every page type: one column per facet, and one date column to sort "newest" on.

Errors are typed so the caller (`search.backends.SearchWithFallback`) can fall back to the database:
`EngineUnavailable` (connection, timeout, 5xx, failed shards), `EngineBusy` (an alias swap in progress) and
`BeyondWindow` (a page past the engine's result window, which the database can still answer).
"""

import functools
import operator

from django.db.models import Q
from modelsearch.index import AutocompleteField, FilterField
from modelsearch.query import PlainText
from wagtail.models import Page, PageViewRestriction

from evidence.models import GlossaryTerm
from search.facets import FACET_GROUPS, GROUPS
from search.in_progress import not_under_way_q
from search.params import EXCLUDED_BY_DEFAULT
from search.results import BackendAnswer, DocRef, FacetCounts

from .client import BeyondWindow, backend_label, engine_backend, msearch
from .fields import PAGE_MODELS, all_of, any_of, columns, hit_value, unique

# Facet name -> the FilterField counted (search/facets.py). "service-parent" counts the roll-up but selects like
# "service".
FACETS = {group.name: group.field for group in FACET_GROUPS} | {"service-parent": "search_service_rollup"}
# Aggregation names: "w<n>" filter windows holding "<facet>__<column number>" terms aggregations.
FACET_WINDOW = "w"
FACET_COLUMN = "__"
MAX_WINDOW = 10_000  # the engine's default index.max_result_window
MAX_GLOSSARY = 10_000
# A page tagged with a concept the query names scores as a good text match would (search/concepts.py).
CONCEPT_BOOST = 5.0


class EngineSearch:
    # A spelling correction passed as also_count is counted in the same `_msearch` as the search.
    counts_alongside = True

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary

    @property
    def name(self):
        return backend_label()

    # The request ---------------------------------------------------------------------------------------------

    def _selections(self, params):
        vocab = self.vocabulary
        values = {
            "service": [str(pk) for pk in vocab.service_ids_for(set(params.services))],
            "equity": [str(o.pk) for o in vocab.equity if o.slug in params.equity],
            "place": [str(o.pk) for o in vocab.places if o.slug in params.places],
            "year": [str(year) for year in params.years],
            "method": [str(method) for method in params.methods],
            "type": [t for t in params.types if t != "glossary-term"],
            "changed": list(params.changed),
        }
        # A group filters when anything was asked for in it; a slug that no longer exists selects nothing.
        chosen = selections_of(params)
        selected = {
            group: any_of(self.cols[("filter", self.facets[group])], values[group]) for group in GROUPS if chosen[group]
        }
        if not chosen["type"]:  # no type asked for: every type but those left out by default (in progress)
            left_out = any_of(self.cols[("filter", self.facets["type"])], list(EXCLUDED_BY_DEFAULT))
            selected["type"] = {"bool": {"must_not": [left_out]}}
        return selected

    def _words(self, model, terms):
        query = PlainText(" ".join(terms), operator="and")
        compiler = self.backend.query_compiler_class(model.objects.all(), query)
        return compiler.get_inner_query()

    def _text_query(self, model, params, concepts=False):
        """Every term in the text; with `concepts` (search/concepts.py, pages only), as `DatabaseSearch._found`: the
        unmapped terms in the text, and each concept's phrase in the text OR the page tagged with it. With OR
        alternatives, any of them."""
        if params.alternatives:
            alternatives = [self._text_query(model, part, concepts) for part in params.alternatives]
            return {"bool": {"should": alternatives, "minimum_should_match": 1}}
        if not params.terms:
            return {"match_all": {}}
        if not (concepts and params.concepts):
            return self._words(model, params.terms)
        rest = params.unmapped_terms
        must = [self._words(model, rest)] if rest else []
        for concept in params.concepts:
            tagged = {"constant_score": {"filter": self._tagged(concept), "boost": CONCEPT_BOOST}}
            phrase = self._words(model, concept.terms)
            must.append({"bool": {"should": [phrase, tagged], "minimum_should_match": 1}})
        return {"bool": {"must": must}}

    def _tagged(self, concept):
        if concept.kind == "service":
            ids = [str(pk) for pk in self.vocabulary.service_ids_for({concept.slug})]
            return any_of(self.cols[("filter", self.facets["service"])], ids)
        return any_of(self.cols[("filter", self.facets["equity"])], [str(concept.pk)])

    def _page_search(self, offset, limit):
        cols = self.cols
        id_cols = cols[("filter", "id")]
        base = {"must": self._text_query(Page, self.params, concepts=True), **readers_pages(self.backend, cols)}
        self.base = base

        aggs = {"indexes": {"terms": {"field": "_index", "size": 5}}}
        selected = self.selected
        # Facets whose "other groups" are the same share one filter aggregation: with two groups selected the
        # seven facets need three filters, not seven, and OpenSearch evaluates each filter over every match.
        shared = {}
        for facet, field_name in self.facets.items():
            group = "service" if facet == "service-parent" else facet
            others = tuple(other for other in selected if other != group)
            window = shared.setdefault(others, {"filter": all_of([selected[o] for o in others]), "aggs": {}})
            for i, col in enumerate(cols[("filter", field_name)]):
                terms = {"terms": {"field": col, "size": self._facet_size(facet)}}
                if group in selected:
                    terms["aggs"] = {"in": {"filter": selected[group]}}
                window["aggs"][f"{facet}{FACET_COLUMN}{i}"] = terms
        aggs |= {f"{FACET_WINDOW}{n}": window for n, window in enumerate(shared.values())}

        # Evidence first, then glossary terms (by score or A to Z), as in SQL.
        start = offset
        size = max(0, offset + limit - start)
        if start + size > MAX_WINDOW:
            start, size = 0, 0  # counts only; the caller answers deeper pages from the database if needed
            self.beyond_window = True
        body = {
            "query": {"bool": base},
            "aggs": aggs,
            "from": start,
            "size": size,
            "track_total_hits": True,
            **self._hit_columns(),
        }
        if selected:
            body["post_filter"] = all_of(list(selected.values()))
        if self.relevance:
            body["sort"] = ["_score", *({col: {"order": "desc"}} for col in id_cols)]
        else:
            body["sort"] = self._newest_sort()
        return body

    def _newest_sort(self):
        """Newest first, missing dates last, then the highest page id (as the database orders them)."""
        (date_column,) = self.cols[("filter", "search_date")]
        return [
            {date_column: {"order": "desc", "missing": "_last", "unmapped_type": "keyword"}},
            *({col: {"order": "desc"}} for col in self.cols[("filter", "id")]),
        ]

    def _hit_columns(self):
        """Hits carry the page id and type from doc values, and no stored fields: the fetch
        phase then decompresses no `_source` block, which was half of a cached search's time in OpenSearch."""
        columns = [*self.cols[("filter", "id")], *self.cols[("filter", "search_doc_type")]]
        return {"_source": False, "stored_fields": "_none_", "docvalue_fields": columns}

    def _count_search(self, params):
        """The number of pages another query (a spelling correction) finds with the same filters: no hits, no
        aggregations."""
        query = {
            **self.base,
            "must": self._text_query(Page, params, concepts=True),
            "filter": [*self.base["filter"], *self.selected.values()],
        }
        return {"query": {"bool": query}, "size": 0, "track_total_hits": True}

    def _glossary_search(self, size, params=None):
        mapping = self.backend.mapping_class(GlossaryTerm)
        fields = {
            (isinstance(f, FilterField), f.field_name): mapping.get_field_column_name(f)
            for f in GlossaryTerm.get_search_fields()
            if not isinstance(f, AutocompleteField)
        }
        self.glossary_term_col = fields[(False, "term")]
        body = {
            "query": {
                "bool": {
                    "must": self._text_query(GlossaryTerm, params or self.params),
                    "filter": [
                        {"term": {"_django_content_type": mapping.get_content_type()}},
                        {"term": {fields[(True, "live")]: True}},
                    ],
                }
            },
            "aggs": {"indexes": {"terms": {"field": "_index", "size": 5}}},
            "size": size,
            "track_total_hits": True,
            "_source": [self.glossary_term_col],
        }
        return body

    def _facet_size(self, facet):
        vocab = self.vocabulary
        known = {
            "service": len(vocab.services),
            "service-parent": len(vocab.services),
            "equity": len(vocab.equity),
            "place": len(vocab.places),
            "method": len(vocab.methods),
        }.get(facet, 0)
        return max(1000, 2 * known)

    # Running it ------------------------------------------------------------------------------------------------

    def run(self, params, offset, limit, also_count=None):
        """The answer for `params`; with `also_count` (other params, the same filters), its total too, counted in
        the same request."""
        self.backend = engine_backend()
        self.cols = columns(self.backend.mapping_class)
        self.params = params
        self.terms = list(params.terms)
        self.relevance = params.sort == "relevance" and bool(self.terms)
        # With the crosswalk on, equity dimensions select and count through their matches too (as in SQL).
        self.facets = FACETS | ({"equity": "search_equity_matched_ids"} if params.crosswalk else {})
        self.selected = self._selections(params)
        self.beyond_window = False

        # Glossary terms have no taxonomy, year or method: any selection there leaves them out, as in SQL.
        chosen = selections_of(params)
        glossary_counts = not any(chosen[group] for group in GROUPS if group != "type")
        glossary_in_results = glossary_counts and (not params.types or "glossary-term" in params.types)
        glossary_bound = 0
        if glossary_counts:
            names = {name.slug for name in self.vocabulary.glossary}
            glossary_bound = min(MAX_GLOSSARY, max(100, 2 * len(names)))

        page_index = self.backend.get_index_for_model(Page).name
        glossary_index = self.backend.get_index_for_model(GlossaryTerm).name
        searches = [(page_index, self._page_search(offset, limit))]
        if glossary_counts:
            searches.append((glossary_index, self._glossary_search(glossary_bound)))
        counted = len(searches)
        if also_count is not None:
            searches.append((page_index, self._count_search(also_count)))
            if glossary_in_results:
                searches.append((glossary_index, self._glossary_search(0, also_count)))
        responses = msearch(self.backend, searches)
        also_counted = None
        if also_count is not None:
            also_counted = sum(response["hits"]["total"]["value"] for response in responses[counted:])
            responses = responses[:counted]
        pages = responses[0]
        page_hits = pages["hits"]["hits"]

        glossary = []
        glossary_total = 0
        if glossary_counts:
            found = responses[-1]
            glossary_total = found["hits"]["total"]["value"]
            if glossary_total > len(found["hits"]["hits"]):
                # More matching terms than the vocabulary suggested (it is cached for a minute): ask for all.
                if glossary_total > MAX_GLOSSARY:
                    raise BeyondWindow(f"{glossary_total} glossary terms match")
                found = msearch(self.backend, [(glossary_index, self._glossary_search(glossary_total))])[0]
            glossary = [self._glossary_ref(hit) for hit in found["hits"]["hits"]]
            if self.relevance:
                glossary.sort(key=lambda g: (-g[0], -g[2].pk))
            else:
                glossary.sort(key=lambda g: (g[1], -g[2].pk))

        facets = self._facets(pages)
        if glossary_total:
            bucket = facets.setdefault("type", FacetCounts())
            target = bucket.in_selection if glossary_in_results else bucket.outside
            target["glossary-term"] = target.get("glossary-term", 0) + glossary_total

        page_total = pages["hits"]["total"]["value"]
        glossary_included = glossary_total if glossary_in_results else 0
        total = page_total + glossary_included
        refs = []
        if limit > 0 and offset < total:
            if self.beyond_window:
                raise BeyondWindow(f"offset {offset} is past the engine's result window")
            hits = [self._page_ref(hit) for hit in page_hits]
            glossary_refs = [g[2] for g in glossary] if glossary_in_results else []
            rest = hits[: max(0, limit)]
            start = max(0, offset - page_total)
            refs = (rest + glossary_refs[start : start + limit - len(rest)])[:limit]
        return BackendAnswer(total=total, refs=refs, facets=facets, backend=self.name, also_counted=also_counted)

    # Reading the answer ----------------------------------------------------------------------------------------

    def _page_id(self, hit):
        return int(hit_value(hit, self.cols[("filter", "id")]))

    def _page_ref(self, hit):
        return DocRef(hit_value(hit, self.cols[("filter", "search_doc_type")]), self._page_id(hit))

    def _glossary_ref(self, hit):
        source = hit.get("_source") or {}
        term = source.get(self.glossary_term_col) or ""
        return hit.get("_score") or 0.0, term, DocRef("glossary-term", int(hit["_id"]))

    def _facets(self, response):
        facets = {facet: FacetCounts() for facet in FACETS}
        aggregations = response.get("aggregations", {})
        top_level = {str(o.pk) for o in self.vocabulary.services if o.parent is None}
        columns = [
            (name.split(FACET_COLUMN)[0], agg)
            for window_name, window in aggregations.items()
            if window_name.startswith(FACET_WINDOW)
            for name, agg in window.items()
            if isinstance(agg, dict) and "buckets" in agg
        ]
        for facet, agg in columns:
            group = "service" if facet == "service-parent" else facet
            counts = facets[facet]
            for bucket in agg["buckets"]:
                key = str(bucket.get("key_as_string", bucket["key"]))
                if facet == "service-parent" and key not in top_level:
                    continue  # the roll-up also holds the children; the database counts parents only
                count = bucket["doc_count"]
                inside = bucket["in"]["doc_count"] if group in self.selected else count
                if inside:
                    counts.in_selection[key] = counts.in_selection.get(key, 0) + inside
                if count - inside:
                    counts.outside[key] = counts.outside.get(key, 0) + count - inside
        return facets


def hidden_page_ids():
    """Evidence pages a reader never gets, as index values: aliases (the page they copy is the one found), pages
    in private sections (as Wagtail's `private_q`, without loading pages) and registered projects no longer under
    way (closed or handed over: search/in_progress.py), read from the database at each search so a close or a
    hand-over counts at once, as in the facet index. Two queries: the restricted sections' tree paths (usually
    none), then the pages."""
    paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    hidden = functools.reduce(
        operator.or_, (Q(path__startswith=path) for path in paths), Q(alias_of__isnull=False) | not_under_way_q()
    )
    return [str(pk) for pk in Page.objects.filter(hidden).type(*PAGE_MODELS).values_list("pk", flat=True)]


def readers_pages(backend, cols):
    """The bool clauses that keep a search to what an anonymous reader may see: live evidence pages outside
    private sections, and no aliases (as the database's facet index)."""
    content_types = unique(backend.mapping_class(m).get_content_type() for m in PAGE_MODELS)
    clauses = {
        "filter": [{"terms": {"_django_content_type": list(content_types)}}, any_of(cols[("filter", "live")], [True])]
    }
    hidden = hidden_page_ids()
    if hidden:
        clauses["must_not"] = [any_of(cols[("filter", "id")], hidden)]
    return clauses


def selections_of(params):
    """Which groups have anything selected (slugs as given, before they are resolved)."""
    return {
        "service": bool(params.services),
        "equity": bool(params.equity),
        "place": bool(params.places),
        "year": bool(params.years),
        "method": bool(params.methods),
        "type": bool(params.types),
        "changed": bool(params.changed),
    }
