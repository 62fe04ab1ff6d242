"""Evaluations acted on, per service × equity dimension, for the evidence gap map (search/gap_map_views.py): of the
published evaluations a cell counts, how many have an approved "What happened next" answer saying something
changed (outcomes/acted_on.py).

From the database on every search backend, in ONE SQL query for the whole map, as register/ongoing.py does: live,
public (no view restriction on it or an ancestor, `portal.visibility.restricted_page_q`) and not an alias, with the
map's place and completion-year filters, on the column's own dimension (as the cell's own count; the crosswalk
never adds to it). A service area counts each evaluation of the area or of its services once.
"""

from portal.visibility import restricted_page_q
from search.gap_map import MAX_YEAR, MIN_YEAR
from search.gap_map_cells import pages_per_cell

from .acted_on import acted_on_evaluation_ids


def acted_on_counts(dimension_ids, place=None, years=None):
    """{(service id, dimension id): evaluations acted on}. `dimension_ids`: the map's columns; `place`: a Place or
    None; `years`: (first, last) completion years, or None for every year."""
    from evidence.models import EvaluationPage

    evaluations = EvaluationPage.objects.filter(live=True, alias_of__isnull=True, pk__in=acted_on_evaluation_ids())
    evaluations = evaluations.filter(~restricted_page_q("path"))
    if place is not None:
        evaluations = evaluations.filter(page_places__place=place)
    if years is not None:
        evaluations = evaluations.filter(completed__year__gte=years[0], completed__year__lte=years[1])
    return pages_per_cell(evaluations, dimension_ids)


def add_acted_on(gap_map):
    """Set `acted_on` (a number) and `acted_on_text` on each cell of `gap_map` (search.gap_map.GapMap) that counts
    evaluations, with the map's own filters. One query."""
    filters = gap_map.filters
    years = None
    if filters.has_years:
        years = (filters.year_from or MIN_YEAR, filters.year_to or MAX_YEAR)
    counts = acted_on_counts([dimension.pk for dimension in gap_map.columns], filters.place, years)
    for row in gap_map.rows:
        for cell in row.cells:
            cell.acted_on = counts.get((row.service.pk, cell.dimension.pk), 0) if cell.count else 0
            cell.acted_on_text = f"{cell.acted_on} led to a change"
    return gap_map
