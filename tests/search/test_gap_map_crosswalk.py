"""The gap map with the crosswalk: a cell with no evaluation of its own says how many evaluations are on matching
dimensions of other frameworks, links to exactly those, and is told apart from a true gap. Its counts are checked
against counts computed another way: the ORM over the crosswalk's own link tables, for every cell of every
framework of the demo content."""

import pytest
from django.core.management import call_command
from django.http import QueryDict

from evidence.models import EquityDimension, EvaluationPage, Framework, Service
from search.gap_map import Filters, compute_gap_map
from search.params import parse
from search.service import run_search
from search.vocabulary import get_vocabulary
from tests import module_data

# Every test only reads: with a search engine the demo and its documents are shared too (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.engine_reads_shared_data]


@module_data.fixture
def crosswalk_demo():
    """The demo content and its crosswalk, loaded once for this module's tests (tests/module_data.py)."""
    call_command("load_demo_content", verbosity=0)


def crosswalk_table():
    """{dimension id: ids matched with it}, read straight from the two link tables."""
    table = {}
    for field in ("exact_matches", "close_matches"):
        through = getattr(EquityDimension, field).through
        for source, target in through.objects.values_list("from_equitydimension_id", "to_equitydimension_id"):
            table.setdefault(source, set()).add(target)
    return table


def evaluations_count(service, dimension_ids):
    services = [service.pk, *Service.objects.filter(parent=service).values_list("pk", flat=True)]
    return (
        EvaluationPage.objects.live()
        .public()
        .filter(page_services__service__in=services, page_equity_dimensions__equity_dimension__in=dimension_ids)
        .distinct()
        .count()
    )


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_every_cell_of_every_framework_matches_the_crosswalk_table(crosswalk_demo):
    table = crosswalk_table()
    assert table, "the demo content ships a crosswalk"
    matched_cells = 0
    for framework in Framework.values:
        gap_map = compute_gap_map(Filters(framework=framework))
        for row in gap_map.rows:
            for cell in row.cells:
                exact = evaluations_count(row.service, [cell.dimension.pk])
                assert cell.count == exact, (row.service.name, cell.dimension.name)
                if exact:
                    assert cell.matched_count == 0
                    continue
                matched = evaluations_count(row.service, table.get(cell.dimension.pk, set()))
                assert cell.matched_count == matched, (framework, row.service.name, cell.dimension.name)
                assert cell.is_gap == (matched == 0)
                matched_cells += bool(matched)
        assert gap_map.totals.pairs == gap_map.totals.with_evidence + gap_map.totals.matched_only + gap_map.totals.gaps
    assert matched_cells, "the demo content has cells with evidence only on a matching dimension"


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_matched_cell_links_to_exactly_the_evaluations_it_counts(client, crosswalk_demo):
    for framework in Framework.values:
        rows = compute_gap_map(Filters(framework=framework)).rows
        cells = [cell for row in rows for cell in row.cells if cell.matched_count]
        for cell in cells[:5]:
            query = QueryDict(cell.matched_url.split("?", 1)[1])
            answer = run_search(parse(query, vocabulary=get_vocabulary()))
            assert answer.total == cell.matched_count, cell.matched_url


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_the_issue_example_is_a_matching_group_not_a_gap_and_can_be_switched_off(client, crosswalk_demo):
    """An evaluation tagged "Sex" (Equality Act) no longer shows as a gap under PROGRESS-Plus "Gender and sex"."""
    sex = EquityDimension.objects.get(framework=Framework.EQUALITY_ACT, name="Sex")
    matched = [*sex.exact_matches.all(), *sex.close_matches.all()]
    assert any(dimension.framework == Framework.PROGRESS_PLUS for dimension in matched)
    page = client.get("/evidence-map/", {"framework": "progress-plus"}).content.decode()
    assert "Matching group" in page and "more have evaluations only on a matching group" in page
    hidden = client.get("/evidence-map/", {"framework": "progress-plus", "crosswalk": "off"}).content.decode()
    assert 'class="evidence-map__matched"' not in hidden
    assert client.get("/evidence-map/", {"crosswalk": "maybe"}).status_code == 200  # a clear message, not a 500
