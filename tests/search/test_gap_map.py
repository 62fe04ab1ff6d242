"""The gap map computation (search/gap_map.py): counts, roll-ups, filters, links and a fixed number of queries."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from wagtail.models import PageViewRestriction

from devdata.factories import EquityDimensionFactory, EvaluationPageFactory, PlaceFactory, ServiceFactory
from evidence.models import Framework
from search.backends.database import facet_index
from search.backends.engine import engine_configured
from search.gap_map import Filters, compute_gap_map

# Services, dimensions, the crosswalk, the evaluations under way (register/ongoing.py), and the facet index's
# signature check (database) or the restricted sections and the hidden pages (engine:
# search/backends/engine/faceted.py `hidden_page_ids`).
GAP_MAP_QUERIES = 6 if engine_configured() else 5


@pytest.fixture
def tax(db):
    primary = ServiceFactory(name="Primary care", slug="primary-care", sort_order=1)
    mental = ServiceFactory(name="Mental health", slug="mental-health", sort_order=2)
    return {
        "primary": primary,
        "pharmacy": ServiceFactory(name="Community pharmacy", slug="community-pharmacy", parent=primary, sort_order=2),
        "gp": ServiceFactory(name="General practice", slug="general-practice", parent=primary, sort_order=1),
        "mental": mental,
        "talking": ServiceFactory(name="Talking therapies", slug="talking-therapies", parent=mental),
        "residence": EquityDimensionFactory(
            name="Place of residence", slug="place-of-residence", framework=Framework.PROGRESS_PLUS, sort_order=1
        ),
        "occupation": EquityDimensionFactory(
            name="Occupation", slug="occupation", framework=Framework.PROGRESS_PLUS, sort_order=2
        ),
        "age": EquityDimensionFactory(name="Age", slug="age", framework=Framework.EQUALITY_ACT),
        "north": PlaceFactory(name="Northshore", slug="northshore"),
        "south": PlaceFactory(name="Southport", slug="southport"),
    }


def evaluation(services, dimensions, places=(), completed=datetime.date(2024, 3, 1), **kwargs):
    return EvaluationPageFactory(
        services=list(services),
        equity_dimensions=list(dimensions),
        places=list(places),
        period_start=completed - datetime.timedelta(days=200),
        period_end=completed,
        completed=completed,
        **kwargs,
    )


def matrix(gap_map):
    """{service slug: {dimension slug: count}} read from the rows (what the page and the CSV show)."""
    return {row.service.slug: {cell.dimension.slug: cell.count for cell in row.cells} for row in gap_map.rows}


def test_counts_per_pair_and_distinct_parent_rollup(tax):
    t = tax
    evaluation([t["pharmacy"], t["gp"]], [t["residence"]])  # two services of one area: once for the area
    evaluation([t["pharmacy"]], [t["residence"], t["occupation"]])
    evaluation([t["primary"]], [t["occupation"]])  # tagged with the area itself
    evaluation([t["talking"]], [t["age"]])  # another framework: not in the PROGRESS-Plus map

    counts = matrix(compute_gap_map())

    assert counts["community-pharmacy"] == {"place-of-residence": 2, "occupation": 1}
    assert counts["general-practice"] == {"place-of-residence": 1, "occupation": 0}
    assert counts["primary-care"] == {"place-of-residence": 2, "occupation": 2}
    assert counts["mental-health"] == {"place-of-residence": 0, "occupation": 0}
    assert counts["talking-therapies"] == {"place-of-residence": 0, "occupation": 0}


def test_rows_are_grouped_by_parent_and_columns_follow_the_framework(tax):
    gap_map = compute_gap_map()

    assert [(row.service.slug, row.is_parent) for row in gap_map.rows] == [
        ("primary-care", True),
        ("general-practice", False),
        ("community-pharmacy", False),
        ("mental-health", True),
        ("talking-therapies", False),
    ]
    assert [row.parent.slug if row.parent else None for row in gap_map.rows] == [
        None,
        "primary-care",
        "primary-care",
        None,
        "mental-health",
    ]
    assert [d.slug for d in gap_map.columns] == ["place-of-residence", "occupation"]
    assert [(g.parent.service.slug, [c.service.slug for c in g.children]) for g in gap_map.groups] == [
        ("primary-care", ["general-practice", "community-pharmacy"]),
        ("mental-health", ["talking-therapies"]),
    ]


def test_framework_switch_changes_columns_and_counts(tax):
    t = tax
    evaluation([t["talking"]], [t["age"], t["residence"]])

    equality = compute_gap_map(Filters(framework=Framework.EQUALITY_ACT))

    assert [d.slug for d in equality.columns] == ["age"]
    assert matrix(equality)["talking-therapies"] == {"age": 1}
    assert matrix(equality)["mental-health"] == {"age": 1}
    assert matrix(compute_gap_map())["talking-therapies"] == {"place-of-residence": 1, "occupation": 0}


def test_only_live_public_evaluations_count(tax):
    t = tax
    evaluation([t["gp"]], [t["residence"]])  # the one that counts
    evaluation([t["gp"]], [t["residence"]], live=False)  # a draft never published
    unpublished = evaluation([t["gp"]], [t["residence"]])
    unpublished.unpublish()
    private = evaluation([t["gp"]], [t["residence"]])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    original = evaluation([t["pharmacy"]], [t["occupation"]])
    original.create_alias(update_slug="alias-of-original")  # an alias is the same evaluation, not another one

    gap_map = compute_gap_map()

    assert gap_map.count(t["gp"], t["residence"]) == 1
    assert gap_map.count(t["primary"], t["residence"]) == 1
    assert gap_map.count(t["pharmacy"], t["occupation"]) == 1
    assert gap_map.totals.evaluations == 2


def test_year_range_filters_by_completion_year_inclusive(tax):
    t = tax
    for completed in (datetime.date(2020, 6, 1), datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)):
        evaluation([t["gp"]], [t["residence"]], completed=completed)
    evaluation([t["gp"]], [t["residence"]], completed=datetime.date(2024, 1, 1))

    def count(**years):
        return compute_gap_map(Filters(**years)).count(t["gp"], t["residence"])

    assert count() == 4
    assert count(year_from=2021) == 3
    assert count(year_to=2022) == 3
    assert count(year_from=2022, year_to=2022) == 2
    assert count(year_from=2021, year_to=2023) == 2
    assert count(year_from=2025) == 0
    assert compute_gap_map(Filters(year_from=2022, year_to=2022)).count(t["primary"], t["residence"]) == 2


def test_place_filter(tax):
    t = tax
    evaluation([t["gp"]], [t["residence"]], places=[t["north"]])
    evaluation([t["gp"], t["pharmacy"]], [t["residence"]], places=[t["north"], t["south"]])
    evaluation([t["pharmacy"]], [t["residence"]], places=[t["south"]])
    evaluation([t["pharmacy"]], [t["residence"]])  # no place

    north = compute_gap_map(Filters(place=t["north"]))
    south = compute_gap_map(Filters(place=t["south"]))

    assert (north.count(t["gp"], t["residence"]), north.count(t["pharmacy"], t["residence"])) == (2, 1)
    assert (south.count(t["gp"], t["residence"]), south.count(t["pharmacy"], t["residence"])) == (1, 2)
    assert north.count(t["primary"], t["residence"]) == 2
    assert south.count(t["primary"], t["residence"]) == 2
    assert (north.totals.evaluations, south.totals.evaluations) == (2, 2)
    assert compute_gap_map().count(t["primary"], t["residence"]) == 4


def test_totals_count_pairs_with_evidence_and_gaps(tax):
    t = tax
    evaluation([t["gp"]], [t["residence"]])

    totals = compute_gap_map().totals

    # 5 rows × 2 columns; evidence for general practice and its area (primary care) under place of residence.
    assert (totals.pairs, totals.with_evidence, totals.gaps, totals.evaluations) == (10, 2, 8, 1)


def test_cells_link_to_search_with_both_facets_and_gaps_to_the_proposal_form(tax):
    t = tax
    evaluation([t["gp"]], [t["residence"]])

    gap_map = compute_gap_map()
    gp = next(row for row in gap_map.rows if row.service == t["gp"])
    evidence, gap = gp.cells

    url = urlsplit(evidence.search_url)
    assert url.path == "/search/"
    assert parse_qs(url.query) == {
        "service": ["general-practice"],
        "equity": ["place-of-residence"],
        "type": ["evaluation"],
        "crosswalk": ["off"],  # the cell counts its own dimension, not matches from other frameworks
    }
    assert evidence.propose_url == ""
    url = urlsplit(gap.propose_url)
    assert url.path == "/propose-an-evaluation/"
    assert parse_qs(url.query) == {"service": ["general-practice"], "equity": ["occupation"]}
    assert gap.search_url == ""


def test_links_carry_place_and_each_year_of_the_range(tax):
    t = tax
    evaluation([t["gp"]], [t["residence"]], places=[t["north"]], completed=datetime.date(2021, 5, 1))
    evaluation([t["gp"]], [t["residence"]], completed=datetime.date(2019, 5, 1))
    evaluation([t["gp"]], [t["residence"]], completed=datetime.date(2024, 5, 1))

    gap_map = compute_gap_map(Filters(year_from=2020, year_to=2030, place=t["north"]))
    cell = next(row for row in gap_map.rows if row.service == t["gp"]).cells[0]

    assert cell.count == 1
    query = parse_qs(urlsplit(cell.search_url).query)
    assert query["service"] == ["general-practice"]
    assert query["equity"] == ["place-of-residence"]
    assert query["place"] == ["northshore"]
    # From 2020 to the last year with any evidence (2024): the search page ORs repeated years.
    assert query["year"] == ["2020", "2021", "2022", "2023", "2024"]


@pytest.mark.parametrize(
    "kwargs",
    [{"framework": "nope"}, {"year_from": 99999}, {"year_to": 1200}, {"year_from": 2024, "year_to": 2020}],
)
def test_filters_refuse_values_that_cannot_be_used(kwargs):
    with pytest.raises(ValueError):
        Filters(**kwargs)


def build(n, width, tag):
    """n evaluations over `width` new services (plus an area) and dimensions in every framework."""
    area = ServiceFactory(name=f"Area {tag}", slug=f"area-{tag}")
    services = [ServiceFactory(name=f"S {tag} {i}", slug=f"s-{tag}-{i}", parent=area) for i in range(width)]
    dimensions = [
        EquityDimensionFactory(name=f"D {tag} {i} {f}", slug=f"d-{tag}-{i}-{f}", framework=f)
        for i in range(width)
        for f in Framework.values
    ]
    place = PlaceFactory(name=f"Place {tag}", slug=f"place-{tag}")
    for i in range(n):
        evaluation(services[: i % width + 1], dimensions, places=[place], completed=datetime.date(2020 + i % 5, 1, 1))
    return place


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_queries_are_a_fixed_number_whatever_the_content(django_assert_num_queries):
    # The facet index is rebuilt (a fixed set of queries of its own) in the first request after a change.
    place = build(2, 1, "small")
    facet_index()
    with django_assert_num_queries(GAP_MAP_QUERIES):
        small = compute_gap_map(Filters(year_from=2020, year_to=2024, place=place))
    assert small.totals.with_evidence > 0

    place = build(15, 6, "large")
    facet_index()
    with django_assert_num_queries(GAP_MAP_QUERIES):
        large = compute_gap_map(Filters(year_from=2020, year_to=2024, place=place))
    assert large.totals.with_evidence > small.totals.with_evidence
    assert len(large.rows) > len(small.rows)
    with django_assert_num_queries(GAP_MAP_QUERIES):
        compute_gap_map()
