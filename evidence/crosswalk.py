"""What a selection of equity dimensions means with the crosswalk on.

The crosswalk (`EquityDimension.exact_matches` and `.close_matches`, edited in the admin; the demo one is
explained in docs/crosswalk.md) says which dimensions of other frameworks describe the same, or nearly the same,
people. With crosswalks on, choosing "Sex" (Equality Act 2010) also finds evidence tagged "Gender and sex"
(PROGRESS-Plus).

Matches are followed one step only: a dimension stands for itself and the dimensions it is directly matched
with, never matches of matches. closeMatch is not transitive in SKOS, and following it would drift (Race ~ Ethnic
minority communities ~ ...). The demo crosswalk states every pair it means explicitly.

Both relations are symmetrical many-to-many fields, so Django stores each pair in both directions and one
lookup by `from_equitydimension` finds every match of a dimension.
"""

from django.db.models import Value

from .models import EquityDimension

EXACT = "exact"
CLOSE = "close"


def _through(kind):
    field = {EXACT: "exact_matches", CLOSE: "close_matches"}[kind]
    return getattr(EquityDimension, field).through


def _pairs(kinds, from_ids=None):
    """(from id, to id, kind) rows of the crosswalk, in one query (UNION ALL of the link tables)."""
    querysets = []
    for kind in kinds:
        rows = _through(kind).objects.order_by()
        if from_ids is not None:
            rows = rows.filter(from_equitydimension_id__in=from_ids)
        # The kind is a constant column, so the union keeps which table a row came from.
        querysets.append(
            rows.annotate(kind=Value(kind)).values_list("from_equitydimension_id", "to_equitydimension_id", "kind")
        )
    first, *rest = querysets
    return list(first.union(*rest, all=True) if rest else first)


def with_matches(dimension_ids, include_close=True):
    """{id: {id and the ids of every dimension matched with it}} for each of `dimension_ids`, in one query.

    `include_close=False` follows exact matches (skos:exactMatch) only. Ids with no match (or that no longer
    exist) map to themselves alone, so the answer always has a key for every id asked about."""
    ids = {int(pk) for pk in dimension_ids}
    meaning = {pk: {pk} for pk in ids}
    if not ids:
        return meaning
    kinds = (EXACT, CLOSE) if include_close else (EXACT,)
    for source, target, _kind in _pairs(kinds, from_ids=ids):
        meaning[source].add(target)
    return meaning


def crosswalk_pairs():
    """Every match as (from id, to id, "exact" | "close"), each pair in both directions, in one query: the
    whole table, for callers that relate many dimensions at once (the gap map, facet counts, SKOS)."""
    return _pairs((EXACT, CLOSE))
