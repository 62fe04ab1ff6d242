"""Pages counted per cell of the evidence gap map (service × equity dimension), for the map's extra counts: work
under way (register/ongoing.py) and evaluations that led to a change (outcomes/map_counts.py)."""

from collections import defaultdict


def pages_per_cell(pages, dimension_ids):
    """{(service id, dimension id): pages} for a queryset of pages with taxonomy links, in one query. A page counts
    in the cells of its own services and of its own dimensions (`dimension_ids`: the map's columns); a service
    area's cell counts each page of the area or of its services once."""
    rows = (
        pages.filter(page_equity_dimensions__equity_dimension_id__in=list(dimension_ids))
        .values_list(
            "pk",
            "page_services__service_id",
            "page_services__service__parent_id",
            "page_equity_dimensions__equity_dimension_id",
        )
        .order_by()
        .distinct()
    )  # one row per page × service × dimension (a handful per page): the sets below count each page once
    found = defaultdict(set)
    for page, service, parent, dimension in rows:
        if service is None:
            continue
        found[(service, dimension)].add(page)
        if parent is not None:
            found[(parent, dimension)].add(page)
    return {key: len(cell) for key, cell in found.items()}
