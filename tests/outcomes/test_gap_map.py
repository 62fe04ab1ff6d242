"""The evidence gap map says in each cell how many of its evaluations led to a change (approved "What happened
next" answers saying yes), in words; one SQL query for the whole map (outcomes/map_counts.py)."""

import datetime

import pytest
from wagtail.models import Page, PageViewRestriction

from devdata.factories import EvaluationPageFactory
from evidence.models import Framework
from outcomes.map_counts import acted_on_counts
from outcomes.models import Changed, Status
from tests.search.gap_map_helpers import URL, cell, queries, small_taxonomy, soup

from .helpers import follow_up

EQUALITY_ACT = Framework.EQUALITY_ACT.value

pytestmark = pytest.mark.django_db


@pytest.fixture
def tax(db):
    return small_taxonomy()


def evaluation(services, dimensions, places=(), completed=datetime.date(2024, 3, 1), **kwargs):
    return EvaluationPageFactory(
        services=list(services),
        equity_dimensions=list(dimensions),
        places=list(places),
        completed=completed,
        period_start=completed - datetime.timedelta(days=300),
        period_end=completed - datetime.timedelta(days=30),
        **kwargs,
    )


def acted(page, changed=Changed.YES, status=Status.APPROVED):
    follow_up(page, changed=changed, status=status)
    follow_up(page, months=12, changed=changed, status=status)  # two answers: the evaluation counts once
    return page


def by_slug(counts, tax):
    services = {tax[name].pk: name for name in ("primary", "gp", "pharmacy")}
    dimensions = {tax[name].pk: name for name in ("age", "sex")}
    return {(services[s], dimensions[d]): n for (s, d), n in counts.items()}


def test_each_cell_counts_evaluations_acted_on_and_an_area_counts_each_once(tax):
    t = tax
    acted(evaluation([t["gp"]], [t["age"]]))
    acted(evaluation([t["gp"], t["pharmacy"]], [t["age"], t["sex"]]))
    acted(evaluation([t["pharmacy"]], [t["age"]]), changed=Changed.NOT_YET)  # nothing changed yet
    acted(evaluation([t["pharmacy"]], [t["age"]]), status=Status.ANSWERED)  # not moderated
    acted(evaluation([t["pharmacy"]], [t["age"]]), status=Status.REJECTED)
    acted(evaluation([t["pharmacy"]], [t["age"]], live=False))  # a draft
    private = acted(evaluation([t["pharmacy"]], [t["age"]]))
    PageViewRestriction.objects.create(page=Page.objects.get(pk=private.pk), restriction_type="login")

    counts = by_slug(acted_on_counts([t["age"].pk, t["sex"].pk]), t)
    assert counts == {
        ("primary", "age"): 2,
        ("primary", "sex"): 1,
        ("gp", "age"): 2,
        ("gp", "sex"): 1,
        ("pharmacy", "age"): 1,
        ("pharmacy", "sex"): 1,
    }


def test_the_place_and_year_filters_apply(tax):
    t = tax
    acted(evaluation([t["gp"]], [t["age"]], places=[t["north"]], completed=datetime.date(2021, 5, 1)))
    acted(evaluation([t["gp"]], [t["age"]], completed=datetime.date(2024, 5, 1)))
    key = (t["gp"].pk, t["age"].pk)
    assert acted_on_counts([t["age"].pk])[key] == 2
    assert acted_on_counts([t["age"].pk], place=t["north"])[key] == 1
    assert acted_on_counts([t["age"].pk], years=(2023, 2025))[key] == 1
    assert acted_on_counts([t["age"].pk], place=t["north"], years=(2023, 2025)) == {}


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_the_map_says_it_in_words_and_costs_one_query_more_whatever_the_size(client, tax):
    t = tax
    evaluation([t["gp"]], [t["age"]])
    before = queries(client, URL, {"framework": EQUALITY_ACT})
    html = client.get(URL, {"framework": EQUALITY_ACT}).content.decode()
    assert "led to a change" not in html

    acted(evaluation([t["gp"]], [t["age"]]))
    page = soup(client.get(URL, {"framework": EQUALITY_ACT}))
    gp_age = cell(page, "General practice", 0)
    assert "2" in gp_age.text and "1 led to a change" in gp_age.text
    assert "led to a change" not in cell(page, "General practice", 1).text  # Sex: a gap

    for n in range(4):
        acted(evaluation([t["pharmacy"]], [t["sex"], t["age"]], title=f"More {n}"))
    after = queries(client, URL, {"framework": EQUALITY_ACT})
    assert after == before
    page = soup(client.get(URL, {"framework": EQUALITY_ACT}))
    assert "5 led to a change" in cell(page, "Primary care", 0).text
