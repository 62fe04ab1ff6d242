"""Search with the crosswalk (on by default, `crosswalk=off` to turn it off): an equity dimension selects and counts
the documents tagged with it or with a dimension matched to it in another framework. Expected numbers are worked
out here from the corpus and the crosswalk pairs alone; the suite runs on SQLite, PostgreSQL and OpenSearch."""

import pytest
from django.http import QueryDict

from evidence.models import EquityDimension
from search.params import parse
from search.service import run_search
from search.vocabulary import get_vocabulary

PAIRS = {"exact_matches": [("dim-00", "dim-01")], "close_matches": [("dim-12", "dim-13"), ("dim-04", "dim-05")]}


@pytest.fixture
def crosswalk(corpus, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # re-indexes the pages tagged with either dimension
        for field, pairs in PAIRS.items():
            for a, b in pairs:
                getattr(EquityDimension.objects.get(slug=a), field).add(EquityDimension.objects.get(slug=b))
    matched = {}
    for pairs in PAIRS.values():
        for a, b in pairs:
            matched.setdefault(a, {a}).add(b)
            matched.setdefault(b, {b}).add(a)
    return matched


def search(query):
    return run_search(parse(QueryDict(query), vocabulary=get_vocabulary()))


def expected(corpus, matched, slugs, crosswalk=True, **filters):
    wanted = set()
    for slug in slugs:
        wanted |= matched.get(slug, {slug}) if crosswalk else {slug}
    return {doc.pk for doc in corpus.matching(equity=tuple(wanted), **filters)}


def equity_counts(page):
    return {value.slug: value.count for value in page.facets["equity"]}


@pytest.mark.django_db
@pytest.mark.parametrize("crosswalk_on", [True, False], ids=["crosswalk on", "crosswalk off"])
def test_equity_counts_and_selections_follow_the_crosswalk(corpus, crosswalk, crosswalk_on):
    switch = "" if crosswalk_on else "&crosswalk=off"
    counts = equity_counts(search("type=evaluation" + switch))
    for slug in [f"dim-{i:02d}" for i in range(14)]:
        want = expected(corpus, crosswalk, [slug], crosswalk_on, type=("evaluation",))
        assert counts.get(slug, 0) == len(want), slug
        chosen = search(f"equity={slug}&type=evaluation{switch}")
        assert chosen.total == len(want), slug

    # Two dimensions selected: their union, with or without matches; and with another group (service) too.
    both = search(f"equity=dim-00&equity=dim-12{switch}")
    assert both.total == len(expected(corpus, crosswalk, ["dim-00", "dim-12"], crosswalk_on))
    narrowed = search(f"equity=dim-13&service=general-practice{switch}")
    want = expected(corpus, crosswalk, ["dim-13"], crosswalk_on, service=("general-practice",))
    assert narrowed.total == len(want)


@pytest.mark.django_db
def test_the_crosswalk_changes_what_a_selection_finds(corpus, crosswalk):
    """dim-13 is on one case study only; through its match with dim-12 it also finds two evaluations."""
    assert search("equity=dim-13&type=evaluation&crosswalk=off").total == 0
    found = search("equity=dim-13&type=evaluation")
    assert found.total == len(expected(corpus, crosswalk, ["dim-13"], type=("evaluation",))) == 2


@pytest.mark.django_db
def test_the_switch_is_in_every_link_and_bad_values_are_explained(client, corpus, crosswalk):
    page = client.get("/search/", {"equity": "dim-00", "crosswalk": "off"}).content.decode()
    assert "Also find the same or a close group in the other frameworks" in page
    assert 'name="crosswalk" value="off"' in page  # a new search keeps the choice
    assert "crosswalk=off" in page  # facet and page links keep it
    assert "Count only the group itself" in client.get("/search/", {"equity": "dim-00"}).content.decode()
    response = client.get("/search/", {"crosswalk": "sideways"})
    assert response.status_code == 200 and "crosswalk must be" in response.content.decode()
    api = client.get("/api/v1/search", {"crosswalk": "sideways"})
    assert api.status_code == 400 and api.json()["parameter"] == "crosswalk"
