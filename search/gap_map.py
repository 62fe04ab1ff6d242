"""The evidence gap map: how many published evaluations cover each service × equity dimension pair.

Pure computation (no requests, no responses), shared by the HTML page and the CSV download in
`search/gap_map_views.py`. Counts come from where the search page's counts come from, so a cell's number is the
number of results its link gives: the engine's aggregations when an engine is configured (one request:
search/backends/engine/gap_map.py), otherwise, or when the engine does not answer, the database search backend's
facet index; with a fixed number of SQL queries whatever the number of evaluations, services or dimensions.
Each cell also says how many evaluations are under way there (the register of projects in progress: one SQL query
on every backend, register/ongoing.py).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from evidence.models import EquityDimension, Framework, Place, Service
from register.ongoing import ongoing_counts, register_path, register_url

DEFAULT_FRAMEWORK = Framework.PROGRESS_PLUS.value
# Years a filter may name; anything else is treated as a mistake (and `datetime.date` would reject it anyway).
MIN_YEAR = 1900
MAX_YEAR = 2100
# ?crosswalk=off: count only evaluations tagged with the column's own dimension. (Not "matches": a form input of
# that name hides Element.matches() on the <form>, and scripts calling it, axe among them, break.)
CROSSWALK_OFF = "off"
PROPOSE_PATH = "/propose-an-evaluation/"  # the proposal form (feedback app); it reads `service` and `equity`


@dataclass(frozen=True)
class Filters:
    """Valid, already-checked filters. `place` is a Place instance (or None for every place)."""

    framework: str = DEFAULT_FRAMEWORK
    year_from: int | None = None
    year_to: int | None = None
    place: Place | None = None
    matches: bool = True  # also count evaluations on matching dimensions of other frameworks (the crosswalk)

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
        if not self.matches:
            params["crosswalk"] = CROSSWALK_OFF
        return params


@dataclass
class Cell:
    dimension: EquityDimension
    count: int
    search_url: str = ""
    propose_url: str = ""
    pair: str = ""  # "for <service> and <dimension>", which screen readers hear with the number or the gap
    # With the crosswalk on, a cell with no evaluation of its own may have some on matching dimensions of other
    # frameworks: how many, which dimensions, and the search for exactly those.
    matched_count: int = 0
    matched_names: str = ""
    matched_url: str = ""
    # Registered projects under way on this service and dimension (register/ongoing.py), and /register/ for them.
    ongoing: int = 0
    ongoing_url: str = ""

    @property
    def count_text(self):
        """The count as text: templates would otherwise localise each of ~700 numbers."""
        return str(self.count)

    @property
    def matched_count_text(self):
        return str(self.matched_count)

    @property
    def ongoing_text(self):
        return f"{self.ongoing} evaluation{'' if self.ongoing == 1 else 's'} under way"

    @property
    def is_gap(self):
        """No evaluation, on this dimension or (with the crosswalk on) on a matching one."""
        return self.count == 0 and self.matched_count == 0

    @property
    def has_matched_only(self):
        return self.count == 0 and self.matched_count > 0


@dataclass
class Row:
    service: Service
    parent: Service | None
    cells: list[Cell] = field(default_factory=list)

    @property
    def label(self):
        return f"{self.service.name} (all services)" if self.is_parent else self.service.name

    @property
    def is_parent(self):
        """A top-level service area: its counts are the roll-up of itself and its children."""
        return self.parent is None


@dataclass
class RowGroup:
    parent: Row
    children: list[Row]

    @property
    def rows(self):
        return [self.parent, *self.children]


@dataclass(frozen=True)
class GapCounts:
    """The numbers behind the map, from the facet index (`index_counts`) or the engine (`engine_counts`)."""

    cells: dict  # (service id, dimension id) -> distinct evaluations (a service area: its roll-up)
    matched: dict  # (service id, column dimension id) -> evaluations on the dimensions matched with it
    evaluations: int  # published evaluations matching the year and place filters
    year_bounds: tuple | None  # first and last completion year of all published evaluations


@dataclass(frozen=True)
class Totals:
    pairs: int  # cells in the table: every service row (areas and services) × every dimension column
    with_evidence: int
    gaps: int  # no evaluation on the dimension nor on a matching one
    matched_only: int  # no evaluation on the dimension, some on a matching dimension of another framework
    evaluations: int  # distinct published evaluations matching the year and place filters
    gaps_under_way: int = 0  # gaps (as counted in `gaps`) with at least one evaluation under way


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
    read_register_path: str | None = None  # the register's address when the counts already read it, else None

    def count(self, service, dimension):
        return self.counts.get((service.pk, dimension.pk), 0)

    @property
    def register_path(self):
        """The register of evaluations in progress, for the legend (register/ongoing.py): read once per map."""
        if self.read_register_path is None:
            self.read_register_path = register_path()
        return self.read_register_path

    @property
    def groups(self):
        groups = []
        for row in self.rows:
            if row.is_parent:
                groups.append(RowGroup(parent=row, children=[]))
            elif groups:
                groups[-1].children.append(row)
        return groups


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


def search_url(service, dimension, filters, years, *, path=None, rest=None):
    """The search for exactly the evaluations a cell counts. `type=evaluation`, because search also finds the
    summaries and case studies tagged the same way, and the number on the results page should match the cell.
    `dimension` may be a list (evaluations on any of them: a cell's matching dimensions). `path` and `rest` (what
    every cell's link shares) may be given, worked out once for the whole map."""
    if rest is None:
        rest = _shared_link_params(filters, years)
    dimensions = dimension if isinstance(dimension, list | tuple) else [dimension]
    head = urlencode([("service", service.slug), *(("equity", d.slug) for d in dimensions)])
    return f"{path or reverse('search')}?{head}&{rest}"


def _shared_link_params(filters, years):
    params = []
    if filters.place is not None:
        params.append(("place", filters.place.slug))
    params.extend(("year", year) for year in years)
    params.append(("type", "evaluation"))
    # A cell counts evaluations tagged with exactly its dimensions: its search must not add their matches.
    params.append(("crosswalk", CROSSWALK_OFF))
    return urlencode(params)


def propose_url(service, dimension):
    return f"{PROPOSE_PATH}?{urlencode([('service', service.slug), ('equity', dimension.slug)])}"


def _year_range(filters):
    """(first, last) year of the filters, or None for every year."""
    if not filters.has_years:
        return None
    first = filters.year_from if filters.year_from is not None else MIN_YEAR
    last = filters.year_to if filters.year_to is not None else MAX_YEAR
    return first, last


def _filter_bits(index, filters):
    """The published evaluations matching the year range and place, as a facet-index bitset."""
    bits = index.values["type"].get("evaluation", 0)
    if years := _year_range(filters):
        first, last = years
        in_range = 0
        for year, year_bits in index.values["year"].items():
            if first <= int(year) <= last:
                in_range |= year_bits
        bits &= in_range  # undated evaluations fall outside any year range
    if filters.place is not None:
        bits &= index.values["place"].get(str(filters.place.pk), 0)
    return bits


def _year_bounds(index):
    evaluations = index.values["type"].get("evaluation", 0)
    years = [int(year) for year, bits in index.values["year"].items() if bits & evaluations]
    return (min(years), max(years)) if years else None


def index_counts(filters, services, columns, matched):
    """GapCounts from the database search backend's facet index (bitsets: each evaluation counted once)."""
    from search.backends.database import facet_index

    index = facet_index()
    values = index.values
    chosen = _filter_bits(index, filters)
    column_bits = [(dimension.pk, values["equity"].get(str(dimension.pk), 0) & chosen) for dimension in columns]
    matched_bits = {}
    for pk, found in matched.items():
        bits = 0
        for dimension in found:
            bits |= values["equity"].get(str(dimension.pk), 0)
        matched_bits[pk] = bits & chosen
    cells, matched_counts = {}, {}
    for service, parent in services:
        group = "service" if parent is not None else "service-parent"  # an area rolls up its services
        row_bits = values[group].get(str(service.pk), 0) & chosen
        if not row_bits:
            continue
        for pk, bits in column_bits:
            if n := (row_bits & bits).bit_count():
                cells[(service.pk, pk)] = n
        for pk, bits in matched_bits.items():
            if n := (row_bits & bits).bit_count():
                matched_counts[(service.pk, pk)] = n
    return GapCounts(cells, matched_counts, chosen.bit_count(), _year_bounds(index))


def matching_dimensions(columns, dimensions):
    """{column id: [dimensions of other frameworks matched with it]} from the crosswalk (evidence/crosswalk.py),
    in one query; `dimensions` is every dimension by id, already loaded."""
    from evidence.crosswalk import crosswalk_pairs

    column_ids = {column.pk for column in columns}
    matched = {}
    for source, target, _kind in crosswalk_pairs():
        if source in column_ids and target in dimensions:
            matched.setdefault(source, []).append(dimensions[target])
    for found in matched.values():
        found.sort(key=lambda d: (d.framework, d.sort_order, d.name))
    return matched


def gap_counts(filters, services, columns, matched):
    """From the engine when one is configured (the database when it does not answer), else the facet index."""
    from search.backends import with_fallback
    from search.backends.engine import engine_configured

    def from_index():
        return index_counts(filters, services, columns, matched)

    if not engine_configured():
        return from_index()
    from search.backends.engine.gap_map import engine_counts

    def from_engine():
        return GapCounts(*engine_counts(_year_range(filters), filters.place, services, columns, matched))

    counts, _fell_back = with_fallback(from_engine, from_index, what="gap map")
    return counts


def compute_gap_map(filters=None):
    """Count published evaluations per (service, dimension) for one framework: the services, the dimensions and
    the crosswalk (three queries), the counts (`gap_counts`) and the evaluations under way (one query).

    Published means live, public (no view restriction) and not an alias, as on the search page. A service
    area's count is the roll-up of the area and its services, each evaluation once.
    """
    filters = filters or Filters()
    services = ordered_services(Service.objects.only("id", "name", "slug", "parent_id", "sort_order"))
    dimensions = {d.pk: d for d in EquityDimension.objects.only("id", "name", "slug", "framework", "sort_order")}
    columns = [d for d in dimensions.values() if d.framework == filters.framework]  # the model's ordering
    matched = matching_dimensions(columns, dimensions) if filters.matches else {}
    found = gap_counts(filters, services, columns, matched)
    column_ids = {dimension.pk for dimension in columns}
    counts = {key: n for key, n in found.cells.items() if key[1] in column_ids}
    # Under way: the column's own dimension and the place filter; completion years are for finished evaluations.
    ongoing = ongoing_counts(column_ids, filters.place)
    ongoing_path = register_path() if ongoing else ""  # the register's address, read once for the whole map

    link_years = years_for_links(filters, found.year_bounds)
    link_path, link_rest = reverse("search"), _shared_link_params(filters, link_years)
    rows = []
    for service, parent in services:
        row = Row(service=service, parent=parent)
        for dimension in columns:
            n = counts.get((service.pk, dimension.pk), 0)
            cell = Cell(dimension=dimension, count=n, pair=f"for {row.label} and {dimension.name}")
            if n:
                cell.search_url = search_url(service, dimension, filters, link_years, path=link_path, rest=link_rest)
            else:
                cell.propose_url = propose_url(service, dimension)
                m = found.matched.get((service.pk, dimension.pk), 0) if dimension.pk in matched else 0
                if m:
                    others = matched[dimension.pk]
                    cell.matched_count = m
                    cell.matched_names = ", ".join(d.name for d in others)
                    cell.matched_url = search_url(service, others, filters, link_years, path=link_path, rest=link_rest)
            if under_way := ongoing.get((service.pk, dimension.pk), 0):
                cell.ongoing = under_way
                cell.ongoing_url = register_url(ongoing_path, service, dimension, filters.place)
            row.cells.append(cell)
        rows.append(row)

    total_pairs = len(rows) * len(columns)
    with_evidence = sum(1 for row in rows for cell in row.cells if cell.count)
    matched_only = sum(1 for row in rows for cell in row.cells if cell.has_matched_only)
    gaps_under_way = sum(1 for row in rows for cell in row.cells if cell.is_gap and cell.ongoing)
    return GapMap(
        filters=filters,
        rows=rows,
        columns=columns,
        counts=counts,
        totals=Totals(
            pairs=total_pairs,
            with_evidence=with_evidence,
            gaps=total_pairs - with_evidence - matched_only,
            matched_only=matched_only,
            evaluations=found.evaluations,
            gaps_under_way=gaps_under_way,
        ),
        year_bounds=found.year_bounds,
        read_register_path=ongoing_path if ongoing else None,
    )
