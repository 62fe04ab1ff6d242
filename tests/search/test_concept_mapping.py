"""Concept mapping (search/concepts.py): a phrase naming a service or an equity dimension (its label, or a name
of the glossary entry that explains it, in any word form) also finds what is tagged with it, on every backend
(this folder runs on SQLite, PostgreSQL and OpenSearch); the page says so and offers the filter."""

import pytest
from django.urls import reverse

from devdata.factories import EquityDimensionFactory, EvaluationPageFactory, GlossaryTermFactory, ServiceFactory
from evidence.models import Framework
from search.vocabulary import clear_vocabulary


@pytest.fixture
def tagged(db):
    clear_vocabulary()
    minority = EquityDimensionFactory(
        name="Ethnic minority communities", slug="ethnic-minority", framework=Framework.CORE20PLUS5_ADULTS
    )
    GlossaryTermFactory(
        term="Ethnic minority", slug="ethnic-minority-word", definition="A group that is smaller.",
        aliases="BAME\nethnic minorities", equity_dimension=minority,
    )  # fmt: skip
    jabs = ServiceFactory(name="Immunisation", slug="immunisation")
    GlossaryTermFactory(term="Immunisation", slug="immunisation", definition="Jabs.", aliases="jabs", service=jabs)
    pages = {
        # Tagged, without the words.
        "tagged": EvaluationPageFactory(
            title="Diabetes checks in Eastbridge", summary="Checks in a mosque.", equity_dimensions=[minority]
        ),
        # The words, not tagged.
        "words": EvaluationPageFactory(title="Talking with ethnic minority elders", summary="Stories told."),
        "jab": EvaluationPageFactory(title="Flu clinics at school", summary="Clinics for children.", services=[jabs]),
        "neither": EvaluationPageFactory(title="Hearing tests", summary="Tests in class."),
    }
    yield pages
    clear_vocabulary()


def api(client, **params):
    return client.get("/api/v1/search", params).json()


def titles(data):
    return {r["title"] for r in data["results"] if r["type"] != "glossary-term"}


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ethnic minorities", "what do we know about ethnic minorities"])
def test_a_phrase_naming_a_group_finds_the_words_and_what_is_tagged(client, tagged, query):
    data = api(client, q=query)
    assert titles(data) == {tagged["tagged"].title, tagged["words"].title}
    assert data["also_searching"] == [
        {"label": "Ethnic minority communities", "kind": "equity", "slug": "ethnic-minority",
         "words": "ethnic minorities"}
    ]  # fmt: skip


@pytest.mark.django_db
def test_an_everyday_word_finds_what_is_tagged_and_off_finds_only_the_word(client, tagged):
    data = api(client, q="BAME")  # an alias of the entry that explains the group: in no page's text
    assert titles(data) == {tagged["tagged"].title}
    assert [c["slug"] for c in data["also_searching"]] == ["ethnic-minority"]
    off = api(client, q="BAME", concepts="off")
    assert titles(off) == set() and off["also_searching"] == []


@pytest.mark.django_db
def test_other_words_still_count(client, tagged):
    assert titles(api(client, q="jabs for children")) == {tagged["jab"].title}  # tagged, and "children" in text
    assert titles(api(client, q="jabs for pensioners")) == set()  # tagged, but "pensioners" is nowhere


@pytest.mark.django_db
def test_facet_counts_follow_the_mapped_results(client, tagged):
    data = api(client, q="BAME")
    types = {v["slug"]: v["count"] for v in data["facets"]["type"]}
    assert types["evaluation"] == 1 == data["count"] - types.get("glossary-term", 0)


@pytest.mark.django_db
def test_the_page_says_what_it_added_and_offers_the_filter(client, tagged):
    page = client.get(reverse("search"), {"q": "what do we know about ethnic minorities"}).content.decode()
    assert "Also searching for evidence tagged <strong>Ethnic minority communities</strong> (equity dimension)" in page
    assert "concepts=off" in page
    # The filter link drops the phrase (and the words that mean nothing without it) for the facet.
    assert 'href="?equity=ethnic-minority">Show only evidence tagged Ethnic minority communities</a>' in page
    off = client.get(reverse("search"), {"q": "ethnic minorities", "concepts": "off"}).content.decode()
    assert "You searched only for the words you typed" in off
    assert 'name="concepts" value="off"' in off  # kept by the filters form


@pytest.mark.django_db
def test_bad_concepts_values_are_explained_or_refused(client, tagged):
    page = client.get(reverse("search"), {"q": "BAME", "concepts": "maybe"})
    assert page.status_code == 200 and "concepts must be" in page.content.decode()
    assert client.get("/api/v1/search", {"q": "BAME", "concepts": "maybe"}).status_code == 400
