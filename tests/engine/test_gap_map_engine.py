"""The evidence gap map from the engine's aggregations (search/backends/engine/gap_map.py) gives the facet index's
numbers exactly, for every framework and filter, with the crosswalk, in one request to the engine."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from devdata.factories import EvaluationPageFactory
from evidence.models import EquityDimension, Framework, Place
from search import gap_map
from search.gap_map import Filters, compute_gap_map

from .support import count_engine_requests, requires_engine

pytestmark = [pytest.mark.engine, requires_engine, pytest.mark.django_db]


def numbers(result):
    cells = [(row.service.pk, c.dimension.pk, c.count, c.matched_count) for row in result.rows for c in row.cells]
    return cells, result.totals, result.year_bounds


def both(filters, monkeypatch):
    engine = compute_gap_map(filters)
    with monkeypatch.context() as patched:
        patched.setattr(gap_map, "gap_counts", lambda *args: gap_map.index_counts(*args))
        index = compute_gap_map(filters)
    return engine, index


def test_every_framework_and_filter_counts_as_the_facet_index(corpus, monkeypatch):
    # A crosswalk match, a restricted evaluation and an alias: each must count the same way on both.
    one, other = EquityDimension.objects.filter(framework=Framework.PROGRESS_PLUS)[:2]
    match = EquityDimension.objects.filter(framework=Framework.CORE20PLUS5_ADULTS).first()
    one.exact_matches.add(match)
    hidden = EvaluationPageFactory(title="Restricted", slug="restricted", equity_dimensions=[other])
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    original = EvaluationPageFactory(title="Copied", slug="copied", equity_dimensions=[other])
    original.create_alias(update_slug="copied-alias")
    place = Place.objects.get(slug="northshore")
    cases = [
        Filters(),
        Filters(framework=Framework.CORE20PLUS5_ADULTS.value),
        Filters(matches=False),
        Filters(year_from=2021, year_to=2023),
        Filters(year_from=2024),
        Filters(place=place),
        Filters(framework=Framework.CORE20PLUS5_ADULTS.value, year_to=2022, place=place),
    ]
    for filters in cases:
        engine, index = both(filters, monkeypatch)
        assert numbers(engine) == numbers(index), filters
    assert numbers(compute_gap_map())[1].evaluations > 0


def test_the_map_is_one_engine_request(corpus, client):
    client.get("/evidence-map/")  # warm the site and the vocabulary
    with count_engine_requests() as calls, CaptureQueriesContext(connection) as queries:
        response = client.get("/evidence-map/?year_from=2020")
    assert response.status_code == 200
    assert len(calls) == 1 and calls[0][1].endswith("/_msearch"), calls
    assert len(queries.captured_queries) <= 12
