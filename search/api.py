"""GET /api/v1/search: the same parameters, results and facet counts as the search page."""

from typing import Literal

from django.http import HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from portal.cache_headers import set_search_cache_headers
from portal.site_address import absolute_url

from . import params as search_params
from .service import run_search
from .vocabulary import get_vocabulary

router = Router(tags=["search"])


class FacetValueOut(Schema):
    slug: str
    label: str
    count: int = Field(description="Results you get by selecting this value (for a selected value: its share).")
    selected: bool
    group: str = Field("", description="Framework (equity) or parent service (service).")


class ResultOut(Schema):
    title: str
    url: str
    type: Literal["evaluation", "summary", "case-study", "glossary-term", "resource", "event", "in-progress"]
    summary: str
    services: list[str]
    equity_dimensions: list[str]
    year: int | None


class SuggestionOut(Schema):
    q: str = Field(description="The query with each unknown word replaced by the closest word the portal uses.")
    url: str = Field(description="The search page for it, with the same filters.")


class ConceptOut(Schema):
    label: str
    kind: Literal["service", "equity"]
    slug: str = Field(description="Its slug for the service or equity parameter.")
    words: str = Field(description="The words of the query that named it.")


class AlsoMatchingOut(Schema):
    type: Literal["in-progress"]
    count: int = Field(description="Results of this type that match but are left out, as no type was asked for.")
    url: str = Field(description="The search page with them included (every type, or the chosen types and this one).")


class SearchOut(Schema):
    count: int
    page: int
    num_pages: int
    query: str
    notices: list[str]
    glossary_match: dict | None = None
    suggestion: SuggestionOut | None = Field(
        None,
        description='"Did you mean …?": offered when the query found fewer than 3 results and the corrected query '
        "finds more; null otherwise. The query itself is never replaced.",
    )
    also_searching: list[ConceptOut] = Field(
        [],
        description="Services and equity dimensions named in the query: what is tagged with them was found too "
        "(concepts=off turns this off).",
    )
    also_matching: list[AlsoMatchingOut] = Field(
        [],
        description="Evaluations in progress are left out unless asked for (type=in-progress): how many match, and "
        "the search with them.",
    )
    results: list[ResultOut]
    facets: dict[str, list[FacetValueOut]]


class ErrorOut(Schema):
    error: str
    parameter: str | None = None


class SearchQuery(Schema):
    q: str | None = Field(None, description="Free text (at most 200 characters are used).")
    service: list[str] = Field([], description="Service slugs; a parent includes its children. OR within.")
    equity: list[str] = Field([], description="Equity dimension slugs (OR within).")
    place: list[str] = Field([], description="Place slugs (OR within).")
    year: list[int] = Field([], description="Completion years (OR within).")
    method: list[str] = Field([], description="Evaluation methods (OR within).")
    type: list[str] = Field(
        [],
        description="evaluation, summary, case-study, glossary-term, resource, event, in-progress (OR within). "
        "Without it, every type but in-progress (evaluations under way, from the register): name it to include them.",
    )
    changed: list[Literal["yes"]] = Field(
        [],
        description="yes: only evaluations with an approved 'What happened next' answer saying something changed.",
    )
    sort: Literal["relevance", "newest"] | None = None
    page: int | None = Field(None, description="1-based page of 20 results.")
    crosswalk: Literal["on", "off"] | None = Field(
        None,
        description="on (default): an equity dimension also finds its matches in other frameworks (the crosswalk in "
        "/api/v1/glossary/skos.jsonld); off: only itself.",
    )
    concepts: Literal["on", "off"] | None = Field(
        None,
        description="on (default): words naming a service or an equity dimension (its name, or any name in the "
        "glossary entry that explains it) also find what is tagged with it; off: only the words.",
    )


@router.get("/search", response={200: SearchOut, 400: ErrorOut}, summary="Search the evidence with facet counts")
def search(request, response: HttpResponse, filters: Query[SearchQuery]):  # filters: documented, parsed below
    # Parse the raw query string ourselves: the page, the CSV and the API must accept and reject exactly alike.
    set_search_cache_headers(request, response)
    try:
        parsed = search_params.parse(request.GET, strict=True, vocabulary=get_vocabulary())
        result = run_search(parsed, request, strict=True)
    except search_params.InvalidParameter as problem:
        return Status(400, {"error": problem.message, "parameter": problem.name})
    match = result.glossary_match
    return Status(
        200,
        {
            "count": result.total,
            "page": result.page,
            "num_pages": result.num_pages,
            "query": parsed.q,
            "notices": list(result.notices),
            "glossary_match": (
                {
                    "term": match.term,
                    "slug": match.slug,
                    "definition": match.definition,
                    "url": absolute_url(match.url, request),
                }
                if match
                else None
            ),
            "suggestion": (
                {"q": suggestion.q, "url": absolute_url(reverse("search") + suggestion.url, request)}
                if (suggestion := result.suggestion)
                else None
            ),
            "also_searching": [
                {"label": c.label, "kind": c.kind, "slug": c.slug, "words": " ".join(c.terms)} for c in parsed.concepts
            ],
            "also_matching": [
                {"type": also.type, "count": also.count, "url": absolute_url(reverse("search") + also.url, request)}
                for also in result.also_matching
            ],
            "results": [
                {
                    "title": item.title,
                    "url": absolute_url(item.url, request),
                    "type": item.type,
                    "summary": item.summary,
                    "services": [s.slug for s in item.services],
                    "equity_dimensions": [d.slug for d in item.equity_dimensions],
                    "year": item.year,
                }
                for item in result.items
            ],
            "facets": {
                group: [
                    {"slug": v.slug, "label": v.label, "count": v.count, "selected": v.selected, "group": v.group}
                    for v in values
                ]
                for group, values in result.facets.items()
            },
        },
    )
