"""The search page, its CSV export and the autocomplete endpoint. All use search.service."""

import csv
from dataclasses import dataclass, replace
from itertools import groupby
from urllib.parse import urlencode

from django.http import JsonResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from core.csv_cells import safe_cell
from portal.cache_headers import private_if_query
from portal.rate_limits import rate_limit
from portal.site_address import absolute_url

from . import params as search_params
from .facets import ON_THE_PAGE
from .service import TYPE_LABELS, run_search
from .vocabulary import get_vocabulary

EXPORT_LIMIT = 10_000
EXPORT_BATCH = 500
FACET_HEADINGS = {group.name: group.label for group in ON_THE_PAGE}  # in the page's order
ALWAYS_OPEN = tuple(group.name for group in ON_THE_PAGE if group.always_open)


@dataclass
class FacetPanel:
    """One facet group as the page shows it, worked out here so the template walks each value once."""

    group: str
    heading: str
    subgroups: list  # [(subheading or "", [FacetValue])]
    has_selection: bool

    @property
    def open(self):
        return self.has_selection or self.group in ALWAYS_OPEN


def facet_panels(facets):
    panels = []
    for group, heading in FACET_HEADINGS.items():
        values = facets[group]
        subgroups = [(key, list(items)) for key, items in groupby(values, key=lambda value: value.group)]
        if group != "equity":  # only equity dimensions are shown under their framework's heading
            subgroups = [("", values)]
        panels.append(FacetPanel(group, heading, subgroups, any(value.selected for value in values)))
    return panels


def concept_links(parsed):
    """What the page says about concept mapping (search/concepts.py): the concepts added to the search, each with
    a link that turns its phrase into the facet filter, and a link to search without them (or with them again)."""
    toggled = "?" + urlencode(replace(parsed, concept_mapping=not parsed.concept_mapping, page=1).query_items())
    found = []
    for concept in parsed.concepts:
        # The words of the query (of its OR alternative that named the concept), as the search reads them.
        text = next((part.q for part in parsed.alternatives if concept in part.concepts), parsed.q)
        words = search_params.words_of(text)
        for term in concept.terms:  # the phrase leaves the query: the filter says it now
            words = _without_word(words, term)
        group = "service" if concept.kind == "service" else "equity"
        selection = getattr(parsed, "services" if group == "service" else "equity")
        narrowed = replace(parsed, q=" ".join(words), page=1, **{
            "services" if group == "service" else "equity": tuple(dict.fromkeys((*selection, concept.slug)))
        })  # fmt: skip
        if not set(narrowed.terms) - search_params.STOP_WORDS:
            narrowed = replace(narrowed, q="", sort="newest")  # nothing left that means anything here
        found.append({"concept": concept, "filter_url": "?" + urlencode(narrowed.query_items())})
    return {"on": parsed.concept_mapping, "found": found, "toggle_url": toggled, "asked": bool(parsed.terms)}


def _without_word(words, term):
    for i, word in enumerate(words):
        if word.lower() == term:
            return words[:i] + words[i + 1 :]
    return words


@require_GET
@private_if_query
def search(request):
    parsed = search_params.parse(request.GET, vocabulary=get_vocabulary())
    result = run_search(parsed, request)
    selected = [
        (FACET_HEADINGS[group], value) for group, values in result.facets.items() for value in values if value.selected
    ]
    hidden = [(group, value.slug) for group, values in result.facets.items() for value in values if value.selected]
    if not parsed.crosswalk:
        hidden.append(("crosswalk", "off"))
    if not parsed.concept_mapping:
        hidden.append(("concepts", "off"))
    switched = replace(parsed, crosswalk=not parsed.crosswalk, page=1)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": parsed.q,
            "result": result,
            "facet_panels": facet_panels(result.facets),
            "selected_filters": selected,
            "selected_inputs": hidden,
            "crosswalk": {"on": parsed.crosswalk, "switch_url": "?" + urlencode(switched.query_items())},
            "concepts": concept_links(parsed),
            "clear_url": "?" + ("q=" + parsed.q if parsed.q else ""),
            "export_query": request.GET.urlencode(),
            "sort_options": [("newest", "Newest first")] + ([("relevance", "Best match")] if parsed.q else []),
            "prev_url": result.page_url(result.page - 1),
            "next_url": result.page_url(result.page + 1),
        },
    )


class _Echo:
    def write(self, value):
        return value


CSV_COLUMNS = [
    "Type",
    "Title",
    "URL",
    "Summary",
    "Services",
    "Equity dimensions",
    "Places",
    "Method",
    "Completed",
    "Year",
    "DOI",
]


@rate_limit("csv", reason="download")  # RATE_LIMIT_CSV per client address: an export is costly
@require_GET
@private_if_query
def export_csv(request):
    """Every result of a search (up to EXPORT_LIMIT) as CSV, in the page's order."""
    parsed = search_params.parse(request.GET, vocabulary=get_vocabulary())

    def rows():
        writer = csv.writer(_Echo())
        yield writer.writerow(CSV_COLUMNS)
        fetched = 0
        page = 1
        while fetched < EXPORT_LIMIT:
            batch = run_search(
                search_params.SearchParams(**{**parsed.__dict__, "page": page}),
                request,
                page_size=EXPORT_BATCH,
            )
            for item in batch.items:
                yield writer.writerow(
                    [
                        safe_cell(v)
                        for v in (
                            TYPE_LABELS[item.type],
                            item.title,
                            absolute_url(item.url, request),
                            item.summary,
                            "; ".join(s.name for s in item.services),
                            "; ".join(d.name for d in item.equity_dimensions),
                            "; ".join(p.name for p in item.places),
                            item.method,
                            item.date.isoformat() if item.date else "",
                            item.year or "",
                            item.doi,
                        )
                    ]
                )
            fetched += len(batch.items)
            if page >= batch.num_pages or not batch.items:
                break
            page += 1

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="evidence-search.csv"'
    return response


@require_GET
@private_if_query
def autocomplete(request):
    """Suggestions for the search box: titles and glossary terms starting with what was typed."""
    from .autocomplete import suggestions

    query = search_params.parse(request.GET).q
    return JsonResponse({"query": query, "suggestions": suggestions(query, request)})
