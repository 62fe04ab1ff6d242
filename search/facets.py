"""The facet groups search offers, defined once: the GET parameter (also the group's key in every answer: page,
API, CSV), the heading readers see, and what its values are. Parameters, both backends, the page and the API all
read this list; a new group starts here."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FacetGroup:
    name: str  # the GET parameter, and the group's key in answers
    label: str  # its heading on the search page
    kind: str  # "taxonomy": slugs of services, equity dimensions or places; "year": a year; "choice": a fixed value
    field: str  # the FilterField an engine counts and filters on (TaxonomySearchMixin, evidence/models)
    page_order: int  # where the search page shows it (the parameters keep the order below)
    always_open: bool = False  # shown open on the search page even when nothing in it is chosen


FACET_GROUPS = (
    FacetGroup("service", "Service", "taxonomy", "search_service_ids", page_order=1, always_open=True),
    FacetGroup("equity", "Who it looks at", "taxonomy", "search_equity_ids", page_order=2, always_open=True),
    FacetGroup("place", "Place", "taxonomy", "search_place_ids", page_order=3),
    FacetGroup("year", "Year completed", "year", "search_year", page_order=4),
    FacetGroup("method", "Method", "choice", "search_method", page_order=5),
    FacetGroup("type", "Type of evidence", "choice", "search_doc_type", page_order=0, always_open=True),
    # "yes": an evaluation with an approved 'What happened next' answer saying something changed (outcomes.acted_on).
    FacetGroup("changed", "Led to a change", "choice", "search_led_to_change", page_order=6),
)

GROUPS = tuple(group.name for group in FACET_GROUPS)  # parameter order: service, equity, place, year, method, type, …
TAXONOMY_GROUPS = tuple(group.name for group in FACET_GROUPS if group.kind == "taxonomy")
BY_NAME = {group.name: group for group in FACET_GROUPS}
ON_THE_PAGE = tuple(sorted(FACET_GROUPS, key=lambda group: group.page_order))
