"""The evidence gap map's counts from the engine's aggregations, in one request, exactly as the database's facet
index gives them (search/gap_map.py `index_counts`): published evaluations per (service, equity dimension), a
service area counting its own and its services' evaluations once each, the evaluations on matching dimensions of
other frameworks, and the first and last completion year."""

from .client import engine_backend, msearch
from .faceted import readers_pages
from .fields import all_of, any_of, columns


def _column(cols, field_name):
    (column,) = cols[("filter", field_name)]  # one column per field: tests/engine/test_index_columns.py
    return column


def engine_counts(years, place, services, dimensions, matched):
    """(cells, matched counts, evaluations, year bounds), as `search.gap_map.GapCounts` holds them, for `services`
    ([(service, parent)]) × `dimensions` (the framework's), with `matched` ({dimension pk: [matching dimensions]}),
    `years` ((first, last) or None) and `place` (a Place or None)."""
    backend = engine_backend()
    cols = columns(backend.mapping_class)
    rollup, equity = _column(cols, "search_service_rollup"), _column(cols, "search_equity_ids")
    year = _column(cols, "search_year")

    visible = readers_pages(backend, cols)
    visible["filter"].append(any_of(cols[("filter", "search_doc_type")], ["evaluation"]))
    chosen = []
    if years is not None:
        # Strings: the same range whether the engine maps the year as a number or a keyword (four digits each).
        chosen.append({"range": {year: {"gte": str(years[0]), "lte": str(years[1])}}})  # undated ones fall outside
    if place is not None:
        chosen.append(any_of(cols[("filter", "search_place_ids")], [str(place.pk)]))

    size = 2 * (len(services) + len(dimensions)) + 100  # every value comes back
    row_aggs = {"columns": {"terms": {"field": equity, "size": size}}}
    if matched:
        by_column = {str(pk): any_of([equity], [str(d.pk) for d in found]) for pk, found in matched.items()}
        row_aggs["matched"] = {"filters": {"filters": by_column}}
    body = {
        "query": {"bool": visible},
        "size": 0,
        "track_total_hits": False,
        "aggs": {
            # The years of every published evaluation, whatever the filters (terms: a keyword or a number alike).
            "years": {"terms": {"field": year, "size": 1000}},
            "chosen": {
                "filter": all_of(chosen),
                "aggs": {"rows": {"terms": {"field": rollup, "size": size}, "aggs": row_aggs}},
            },
        },
    }
    (answer,) = msearch(backend, [(backend.get_index_for_model(_page_model()).name, body)])
    aggregations = answer["aggregations"]

    cells, matched_counts = {}, {}
    for row in aggregations["chosen"]["rows"]["buckets"]:
        service = int(row.get("key_as_string", row["key"]))
        for cell in row["columns"]["buckets"]:
            cells[(service, int(cell.get("key_as_string", cell["key"])))] = cell["doc_count"]
        for pk, bucket in row.get("matched", {}).get("buckets", {}).items():
            if bucket["doc_count"]:
                matched_counts[(service, int(pk))] = bucket["doc_count"]
    years_found = [int(bucket.get("key_as_string", bucket["key"])) for bucket in aggregations["years"]["buckets"]]
    bounds = (min(years_found), max(years_found)) if years_found else None
    return cells, matched_counts, aggregations["chosen"]["doc_count"], bounds


def _page_model():
    from wagtail.models import Page

    return Page
