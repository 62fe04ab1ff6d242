"""The evidence gap map: how many published evaluations cover each service × equity dimension pair.

Pure computation (no requests, no responses), shared by the HTML page and the CSV download in
`search/gap_map_views.py`. The number of SQL queries is fixed, whatever the number of evaluations, services or
dimensions (see `compute_gap_map`).
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, F, Max, Min
from django.db.models.functions import Coalesce
from django.urls import reverse

from evidence.models import EquityDimension, EvaluationPage, Framework, PageService, Place, Service

DEFAULT_FRAMEWORK = Framework.PROGRESS_PLUS.value
# Years a filter may name; anything else is treated as a mistake (and `datetime.date` would reject it anyway).
MIN_YEAR = 1900
MAX_YEAR = 2100
PROPOSE_PATH = "/propose-an-evaluation/"  # the proposal form (feedback app); it reads `service` and `equity`


@dataclass(frozen=True)
class Filters:
    """Valid, already-checked filters. `place` is a Place instance (or None for every place)."""

    framework: str = DEFAULT_FRAMEWORK
    year_from: int | None = None
    year_to: int | None = None
    place: Place | None = None

    def __post_init__(self):
        if self.framework not in Framework.values:
            raise ValueError(f"Unknown framework {self.framework!r}")
        for year in (self.year_from, self.year_to):
            if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(f"Year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
        if self.year_from is not None and self.year_to is not None and self.year_to < self.year_from:
            raise ValueError("year_to is before year_from")

    @property
    def framework_label(self):
        return Framework(self.framework).label

    @property
    def has_years(self):
        return self.year_from is not None or self.year_to is not None

    def query_params(self):
        """The GET parameters that reproduce these filters (for the CSV link and the form)."""
        params = {"framework": self.framework}
        if self.year_from is not None:
            params["year_from"] = self.year_from
        if self.year_to is not None:
            params["year_to"] = self.year_to
        if self.place is not None:
            params["place"] = self.place.slug
        return params


@dataclass
class Cell:
    dimension: EquityDimension
    count: int
    search_url: str = ""
    propose_url: str = ""

    @property
    def is_gap(self):
        return self.count == 0


@dataclass
class Row:
    service: Service
    parent: Service | None
    cells: list[Cell] = field(default_factory=list)

    @property
    def is_parent(self):
        """A top-level service area: its counts are the roll-up of itself and its children."""
        return self.parent is None


@dataclass
class RowGroup:
    parent: Row
    children: list[Row]


@dataclass(frozen=True)
class Totals:
    pairs: int  # cells in the table: every service row (areas and services) × every dimension column
    with_evidence: int
    gaps: int
    evaluations: int  # distinct published evaluations matching the year and place filters


@dataclass
class GapMap:
    filters: Filters
    rows: list[Row]  # display order: each service area, then its services
    columns: list[EquityDimension]  # the selected framework's dimensions
    # (service id, dimension id) -> distinct evaluations. For a service area the value is the roll-up over the
    # area and its services (each evaluation once); for a service it is the evaluations tagged with it.
    counts: dict[tuple[int, int], int]
    totals: Totals
    year_bounds: tuple[int, int] | None  # first and last completion year of all published evaluations

    def count(self, service, dimension):
        return self.counts.get((service.pk, dimension.pk), 0)

    @property
    def groups(self):
        groups = []
        for row in self.rows:
            if row.is_parent:
                groups.append(RowGroup(parent=row, children=[]))
            elif groups:
                groups[-1].children.append(row)
        return groups


def published_evaluations():
    """Live, public evaluations (not in a private section, not aliases). One query (view restrictions) to build."""
    return EvaluationPage.objects.live().public().filter(alias_of__isnull=True)


def filter_evaluations(queryset, filters):
    if filters.year_from is not None:
        queryset = queryset.filter(completed__gte=datetime.date(filters.year_from, 1, 1))
    if filters.year_to is not None:
        queryset = queryset.filter(completed__lte=datetime.date(filters.year_to, 12, 31))
    if filters.place is not None:
        queryset = queryset.filter(page_places__place_id=filters.place.pk)
    return queryset


def ordered_services(services):
    """Each service area (sort order, name) followed by its services (sort order, name).

    Services whose parent is not a top-level area (three levels, which `Service.clean` forbids) are left out.
    """
    services = sorted(services, key=lambda s: (s.sort_order, s.name.casefold(), s.pk))
    children = {}
    for service in services:
        if service.parent_id is not None:
            children.setdefault(service.parent_id, []).append(service)
    ordered = []
    for area in services:
        if area.parent_id is None:
            ordered.append((area, None))
            ordered.extend((child, area) for child in children.get(area.pk, []))
    return ordered


def years_for_links(filters, year_bounds):
    """The completion years a search link must name: the filter's range, clipped to the years with evidence."""
    if not filters.has_years or year_bounds is None:
        return []
    first = max(filters.year_from if filters.year_from is not None else year_bounds[0], year_bounds[0])
    last = min(filters.year_to if filters.year_to is not None else year_bounds[1], year_bounds[1])
    return list(range(first, last + 1))


def search_url(service, dimension, filters, years):
    """The search for exactly the evaluations a cell counts. `type=evaluation`, because search also finds the
    summaries and case studies tagged the same way, and the number on the results page should match the cell."""
    params = [("service", service.slug), ("equity", dimension.slug)]
    if filters.place is not None:
        params.append(("place", filters.place.slug))
    params.extend(("year", year) for year in years)
    params.append(("type", "evaluation"))
    return f"{reverse('search')}?{urlencode(params)}"


def propose_url(service, dimension):
    return f"{PROPOSE_PATH}?{urlencode([('service', service.slug), ('equity', dimension.slug)])}"


def compute_gap_map(filters=None):
    """Count published evaluations per (service, dimension) for one framework. Seven queries, always:

    1. view restrictions (Wagtail's `public()` reads them to build its filter);
    2. the services; 3. the framework's dimensions;
    4. the first and last completion years (for the year options and the year range in search links);
    5. COUNT(DISTINCT page) over PageService ⨝ PageEquityDimension (on page), grouped by (service, dimension);
    6. the same grouped by (COALESCE(service.parent, service), dimension): the service-area roll-ups;
    7. COUNT(DISTINCT page) of the evaluations matching the filters.
    """
    filters = filters or Filters()
    published = published_evaluations()
    evaluation_ids = filter_evaluations(published, filters).values("pk")

    services = ordered_services(Service.objects.only("id", "name", "slug", "parent_id", "sort_order"))
    columns = list(EquityDimension.objects.filter(framework=filters.framework).only("id", "name", "slug"))

    bounds = published.aggregate(first=Min("completed"), last=Max("completed"))
    year_bounds = (bounds["first"].year, bounds["last"].year) if bounds["first"] else None

    pairs = PageService.objects.filter(
        page_id__in=evaluation_ids,
        page__page_equity_dimensions__equity_dimension__framework=filters.framework,
    ).annotate(dimension_id=F("page__page_equity_dimensions__equity_dimension_id"))
    direct = pairs.values("service_id", "dimension_id").annotate(n=Count("page_id", distinct=True))
    rollup = (
        pairs.annotate(area_id=Coalesce("service__parent_id", "service_id"))
        .values("area_id", "dimension_id")
        .annotate(n=Count("page_id", distinct=True))
    )
    counts = {(r["service_id"], r["dimension_id"]): r["n"] for r in direct}
    # Service areas show the roll-up (which includes evaluations tagged with the area itself).
    counts.update({(r["area_id"], r["dimension_id"]): r["n"] for r in rollup})

    evaluations = filter_evaluations(published, filters).aggregate(n=Count("pk", distinct=True))["n"]

    link_years = years_for_links(filters, year_bounds)
    rows = []
    for service, parent in services:
        row = Row(service=service, parent=parent)
        for dimension in columns:
            n = counts.get((service.pk, dimension.pk), 0)
            cell = Cell(dimension=dimension, count=n)
            if n:
                cell.search_url = search_url(service, dimension, filters, link_years)
            else:
                cell.propose_url = propose_url(service, dimension)
            row.cells.append(cell)
        rows.append(row)

    total_pairs = len(rows) * len(columns)
    with_evidence = sum(1 for row in rows for cell in row.cells if cell.count)
    return GapMap(
        filters=filters,
        rows=rows,
        columns=columns,
        counts=counts,
        totals=Totals(
            pairs=total_pairs, with_evidence=with_evidence, gaps=total_pairs - with_evidence, evaluations=evaluations
        ),
        year_bounds=year_bounds,
    )
