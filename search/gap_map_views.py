"""The evidence gap map: services × equity dimensions (see search/gap_map.py).

`/evidence-map/` (HTML) and `/evidence-map.csv` take the same GET parameters: `framework`, `year_from`,
`year_to` (completion years), `place` (a place slug) and `crosswalk` (`on`, the default, or `off`: whether a cell
with no evaluation of its own counts those on matching dimensions of other frameworks). A value that cannot be
used is reported on the page and replaced by its default; neither view ever fails because of its parameters.
"""

import csv
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.csv_cells import safe_cell
from evidence.models import Framework, Place
from outcomes.map_counts import add_acted_on
from portal.cache_headers import private_if_query
from portal.rate_limits import rate_limit

from .gap_map import CROSSWALK_OFF, DEFAULT_FRAMEWORK, MAX_YEAR, MIN_YEAR, Filters, compute_gap_map

CROSSWALK_ON = "on"

YEAR_PATTERN = re.compile(r"\d{4}")
MAX_PARAM_LENGTH = 200  # longer values are never valid; do not look them up


@dataclass
class ParsedParams:
    filters: Filters
    places: list[Place]
    errors: dict[str, str] = field(default_factory=dict)  # field name -> message (in form order)


def _year(params, name, label, errors):
    raw = params.get(name, "").strip()
    if not raw:
        return None
    if not YEAR_PATTERN.fullmatch(raw[:MAX_PARAM_LENGTH]):
        errors[name] = f"Enter the ‘{label}’ year as 4 numbers, for example 2021. We have shown all years."
        return None
    year = int(raw)
    if not MIN_YEAR <= year <= MAX_YEAR:
        errors[name] = f"Enter a ‘{label}’ year between {MIN_YEAR} and {MAX_YEAR}. We have shown all years."
        return None
    return year


def parse_params(params):
    """Check the GET parameters. Returns usable filters (defaults where a value was wrong) and the messages."""
    errors = {}

    framework = params.get("framework", "").strip()
    if not framework:
        framework = DEFAULT_FRAMEWORK
    elif framework not in Framework.values:
        errors["framework"] = (
            f"Choose an equity framework from the list. We have shown {Framework(DEFAULT_FRAMEWORK).label}."
        )
        framework = DEFAULT_FRAMEWORK

    year_from = _year(params, "year_from", "from", errors)
    year_to = _year(params, "year_to", "to", errors)
    if year_from is not None and year_to is not None and year_to < year_from:
        errors["year_to"] = "The ‘to’ year must be the same as or after the ‘from’ year. We have shown all years."
        year_from = year_to = None

    places = list(Place.objects.only("id", "name", "slug"))
    place = None
    slug = params.get("place", "").strip()
    if slug:
        place = next((p for p in places if p.slug == slug[:MAX_PARAM_LENGTH]), None)
        if place is None:
            errors["place"] = "We could not find that place. Choose a place from the list. We have shown all places."

    crosswalk = params.get("crosswalk", "").strip()
    if crosswalk not in ("", CROSSWALK_ON, CROSSWALK_OFF):
        errors["crosswalk"] = "Choose whether to count matching groups from other frameworks. We have counted them."
        crosswalk = ""

    filters = Filters(
        framework=framework, year_from=year_from, year_to=year_to, place=place, matches=crosswalk != CROSSWALK_OFF
    )
    order = ["framework", "year_from", "year_to", "place", "crosswalk"]
    return ParsedParams(filters=filters, places=places, errors={k: errors[k] for k in order if k in errors})


def year_options(gap_map):
    """Every completion year with evidence, plus the years in the filters (so the form shows what is applied)."""
    years = set(range(gap_map.year_bounds[0], gap_map.year_bounds[1] + 1)) if gap_map.year_bounds else set()
    years |= {y for y in (gap_map.filters.year_from, gap_map.filters.year_to) if y is not None}
    return sorted(years)


def describe_filters(filters):
    """The year and place filters in words, for the caption and the summary ("" when there are none)."""
    parts = []
    if filters.year_from is not None and filters.year_to is not None:
        if filters.year_from == filters.year_to:
            parts.append(f"completed in {filters.year_from}")
        else:
            parts.append(f"completed from {filters.year_from} to {filters.year_to}")
    elif filters.year_from is not None:
        parts.append(f"completed in or after {filters.year_from}")
    elif filters.year_to is not None:
        parts.append(f"completed in or before {filters.year_to}")
    if filters.place is not None:
        parts.append(f"in {filters.place.name}")
    return ", ".join(parts)


@require_safe
@private_if_query
def evidence_map(request):
    parsed = parse_params(request.GET)
    gap_map = add_acted_on(compute_gap_map(parsed.filters))  # "N led to a change" (outcomes/map_counts.py)
    context = {
        "gap_map": gap_map,
        "filters": parsed.filters,
        "errors": parsed.errors,
        "frameworks": Framework.choices,
        "places": parsed.places,
        "years": year_options(gap_map),
        "filter_description": describe_filters(parsed.filters),
        "csv_url": f"{reverse('gap_map:evidence_map_csv')}?{urlencode(parsed.filters.query_params())}",
    }
    return TemplateResponse(request, "search/evidence_map.html", context)


def matrix_rows(gap_map):
    """The header and the rows of the map, as plain values (the CSV, and the tests' view of the HTML)."""
    yield [
        "Service",
        "Parent service",
        *(d.name for d in gap_map.columns),
        *(f"Under way: {d.name}" for d in gap_map.columns),  # projects in the register (register/ongoing.py)
    ]
    for row in gap_map.rows:
        yield [
            row.service.name,
            row.parent.name if row.parent else "",
            *(cell.count for cell in row.cells),
            *(cell.ongoing for cell in row.cells),
        ]


@rate_limit("csv", reason="download")  # RATE_LIMIT_CSV per client address: an export is costly
@require_safe
@private_if_query
def evidence_map_csv(request):
    parsed = parse_params(request.GET)
    gap_map = compute_gap_map(parsed.filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evidence-map-{gap_map.filters.framework}.csv"'
    writer = csv.writer(response)
    for values in matrix_rows(gap_map):
        writer.writerow([safe_cell(v) for v in values])
    return response
