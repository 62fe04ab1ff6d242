"""Facet counts: drill-down equals clicking, OR within a facet, AND across, hierarchy roll-up, completeness."""

import pytest
from django.http import QueryDict

from search.params import parse
from search.service import run_search
from search.vocabulary import get_vocabulary

from .conftest import EQUITY_SLUGS


def search(query_string=""):
    return run_search(parse(QueryDict(query_string.lstrip("?")), vocabulary=get_vocabulary()))


def values(result, group):
    return {v.slug: v for v in result.facets[group]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start",
    ["", "equity=dim-01", "service=primary-care&year=2022", "q=wellbeing", "q=wellbeing&type=evaluation&equity=dim-00"],
)
def test_every_count_is_what_clicking_gives(corpus, start):
    result = search(start)
    checked = 0
    for group, facet_values in result.facets.items():
        for value in facet_values:
            if value.selected:
                assert value.slug not in search(value.url).params.selections()[group]
            elif value.url:
                assert search(value.url).total == value.count, (start, group, value.slug)
                checked += 1
            else:
                assert value.count == 0 and not value.selected
    assert checked >= 10


@pytest.mark.django_db
def test_or_within_a_facet_and_across_facets(corpus):
    assert search("equity=dim-00&equity=dim-12").total == len(corpus.matching(equity=["dim-00", "dim-12"]))
    expected = corpus.matching(equity=["dim-00", "dim-12"], service=["general-practice"])
    result = search("equity=dim-00&equity=dim-12&service=general-practice")
    assert result.total == len(expected) > 0
    assert {item.title for item in result.items} == {doc.title for doc in expected}


@pytest.mark.django_db
def test_counts_match_the_known_corpus(corpus):
    result = search()
    assert result.total == len(corpus.docs)
    for slug, value in values(result, "equity").items():
        assert value.count == len(corpus.matching(equity=[slug])), slug
    for year, value in values(result, "year").items():
        assert value.count == len(corpus.matching(year=[int(year)])), year
    for kind, value in values(result, "type").items():
        assert value.count == len(corpus.matching(type=[kind])), kind


@pytest.mark.django_db
def test_parent_service_rolls_up_its_children_counting_each_document_once(corpus):
    result = search()
    primary = values(result, "service")["primary-care"]
    expected = corpus.matching(service=["primary-care"])
    # Evaluation 2 is tagged with two primary-care children: it counts once.
    assert primary.count == len(expected)
    assert primary.level == 0 and values(result, "service")["general-practice"].level == 1
    assert search("service=primary-care").total == len(expected)
    assert search("service=general-practice").total == len(corpus.matching(service=["general-practice"]))


@pytest.mark.django_db
def test_a_facet_with_more_than_ten_values_lists_them_all_with_zero_counts(corpus):
    result = search("service=mental-health")
    equity = values(result, "equity")
    assert set(EQUITY_SLUGS) <= set(equity)
    zero = [v for v in equity.values() if v.count == 0]
    assert zero and all(not v.url for v in zero)


@pytest.mark.django_db
def test_selected_values_show_their_share_and_link_to_removal(corpus):
    result = search("equity=dim-01&equity=dim-12")
    chosen = values(result, "equity")
    assert chosen["dim-01"].selected and chosen["dim-01"].count == len(corpus.matching(equity=["dim-01"]))
    assert "dim-01" not in chosen["dim-01"].url and "dim-12" in chosen["dim-01"].url


@pytest.mark.django_db
def test_browse_and_query_paths_agree(corpus):
    # Every page in the corpus says "wellbeing"; so does one glossary term.
    for filters in ["", "&equity=dim-01", "&service=primary-care&place=northshore", "&year=2024&method=outcome"]:
        browse = search("type=evaluation&type=summary&type=case-study" + filters)
        query = search("q=wellbeing&type=evaluation&type=summary&type=case-study" + filters)
        assert browse.total == query.total
        for group in ("service", "equity", "place", "year", "method"):
            assert [(v.slug, v.count) for v in browse.facets[group]] == [(v.slug, v.count) for v in query.facets[group]]


@pytest.mark.django_db
def test_summaries_share_their_evaluations_taxonomy_and_drafts_are_never_found(corpus):
    result = search("q=wellbeing&service=talking-therapies&type=summary")
    assert {i.title for i in result.items} == {
        d.title for d in corpus.matching(service=["talking-therapies"], type=["summary"])
    }
    assert "Wellbeing draft" not in {i.title for i in search("q=wellbeing").items}


@pytest.mark.django_db
def test_glossary_match_shows_the_definition(corpus):
    result = search("q=imd")
    assert result.glossary_match.slug == "imd"
    assert result.glossary_match.definition == "What Index of Multiple Deprivation means."
    assert search("q=pharmacy").glossary_match is None


@pytest.mark.django_db
def test_newest_first_and_relevance(corpus):
    years = [item.year for item in search("type=evaluation").items]
    assert years == sorted(years, reverse=True)
    # Evidence first: the glossary term is shown as the definition above the results, and listed after them.
    result = search("q=wellbeing&sort=relevance")
    types = [item.type for item in result.items]
    assert types[0] != "glossary-term" and "glossary-term" in types
    assert types.index("glossary-term") == len(types) - types[::-1].count("glossary-term")
    assert result.glossary_match.term == "Wellbeing"


@pytest.mark.django_db
def test_results_carry_what_the_page_shows(corpus):
    item = search("q=wellbeing&type=evaluation&service=community-pharmacy").items[0]
    assert item.url.startswith("/evaluations/")
    assert item.services and item.equity_dimensions and item.year
    assert "<mark>" in str(item.highlight).lower()
