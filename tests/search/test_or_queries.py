"""`pharmacy OR dentist`: an upper-case OR joins searches, any of which a result may match (as PubMed and web search
engines read it); "or" in lower case is an ordinary word. This folder also runs on PostgreSQL and on OpenSearch
(tools/test/matrix.sh)."""

import pytest

from devdata.factories import EvaluationPageFactory, GlossaryTermFactory, ServiceFactory
from search.params import MAX_ALTERNATIVES, split_alternatives
from search.vocabulary import clear_vocabulary


def search(client, q, **params):
    response = client.get("/api/v1/search", {"q": q, **params})
    assert response.status_code == 200, response.content[:300]
    return response.json()


def titles(client, q, **params):
    return {r["title"] for r in search(client, q, **params)["results"]}


@pytest.fixture
def pages(db):
    return {
        "pharmacy": EvaluationPageFactory(title="Blood pressure checks in pharmacies", summary="Walk-in checks."),
        "dental": EvaluationPageFactory(title="A dental van for homeless adults", summary="Check-ups in a van."),
        "hearing": EvaluationPageFactory(title="Hearing tests at school", summary="Children were tested in class."),
    }


@pytest.mark.parametrize(
    ("q", "parts"),
    [
        ("pharmacy OR dentist", ["pharmacy", "dentist"]),
        ("blood pressure OR hearing OR dental van", ["blood pressure", "hearing", "dental van"]),
        ("pharmacy or dentist", ["pharmacy or dentist"]),  # lower case: a word
        ("OR dentist", ["OR dentist"]),
        ("pharmacy OR", ["pharmacy OR"]),
        ("pharmacy OR OR dentist", ["pharmacy", "dentist"]),
        ("OR", ["OR"]),
        ("pharmacy OR !!", ["pharmacy OR !!"]),
        ("wellbeing AND OR NOT", ["wellbeing AND OR NOT"]),
    ],
)
def test_the_query_splits_at_upper_case_or(q, parts):
    assert split_alternatives(q) == parts


@pytest.mark.django_db
def test_or_finds_what_any_alternative_finds(client, pages):
    assert titles(client, "pharmacies OR dental") == {pages["pharmacy"].title, pages["dental"].title}
    # Each alternative keeps all its words: "dental school" is in no page.
    assert titles(client, "pharmacy OR dental school") == {pages["pharmacy"].title}
    assert titles(client, "blood pressure OR hearing OR van") == {p.title for p in pages.values()}
    # Without OR every word must match, as before.
    assert titles(client, "pharmacies dental") == set()
    assert titles(client, "pharmacies or dental") == set()


@pytest.mark.django_db
def test_filters_apply_to_every_alternative_and_counts_stay_exact(client, pages):
    answer = search(client, "pharmacy OR dental OR hearing", type="evaluation")
    assert answer["count"] == 3
    types = {v["slug"]: v["count"] for v in answer["facets"]["type"]}
    assert types.get("evaluation") == 3
    years = {pages["pharmacy"].completed.year}
    answer = search(client, "pharmacy OR dental OR hearing", year=str(min(years)))
    assert answer["count"] == sum(1 for p in pages.values() if p.completed.year == min(years))


@pytest.mark.django_db
def test_odd_or_queries_get_an_answer_not_an_error(client, pages):
    for q in ("OR", "OR OR OR", "pharmacy OR", "OR pharmacy", "pharmacy OR * OR %", '"pharmacy" OR "dental"'):
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200, q
    assert titles(client, '"pharmacy" OR "dental"') == {pages["pharmacy"].title, pages["dental"].title}


@pytest.mark.django_db
def test_too_many_alternatives_are_cut_with_a_notice(client, pages):
    q = " OR ".join(["zzqx"] * MAX_ALTERNATIVES + ["hearing"])
    answer = search(client, q)
    assert answer["count"] == 0  # the last alternative was left out, and the page says so
    response = client.get("/search/", {"q": q})
    assert f"up to {MAX_ALTERNATIVES} searches with OR" in response.content.decode()


@pytest.mark.django_db
def test_each_alternative_maps_its_own_concepts(client, pages):
    clear_vocabulary()
    jabs = ServiceFactory(name="Immunisation", slug="immunisation")
    GlossaryTermFactory(term="Immunisation", slug="immunisation", definition="Jabs.", aliases="jabs", service=jabs)
    flu = EvaluationPageFactory(title="Flu clinics at school", summary="Clinics for children.", services=[jabs])
    answer = search(client, "jabs OR hearing")
    assert {r["title"] for r in answer["results"] if r["type"] != "glossary-term"} == {
        flu.title,
        pages["hearing"].title,
    }
    assert [c["slug"] for c in answer["also_searching"]] == ["immunisation"]
    # With concepts off, "jabs" is only a word, in no page.
    answer = search(client, "jabs OR hearing", concepts="off")
    assert {r["title"] for r in answer["results"] if r["type"] != "glossary-term"} == {pages["hearing"].title}
    clear_vocabulary()


@pytest.mark.django_db
def test_the_filter_offered_for_a_concept_keeps_its_own_alternative_only(client, pages):
    clear_vocabulary()
    jabs = ServiceFactory(name="Immunisation", slug="immunisation")
    GlossaryTermFactory(term="Immunisation", slug="immunisation", definition="Jabs.", aliases="jabs", service=jabs)
    links = client.get("/search/", {"q": "school jabs OR hearing"}).context["concepts"]["found"]
    # "Show only evidence tagged Immunisation": the words of its alternative, less the phrase, and the filter.
    assert [link["filter_url"] for link in links] == ["?q=school&service=immunisation"]
    # Punctuation around the phrase is read as the search reads it.
    links = client.get("/search/", {"q": "(jabs), school!"}).context["concepts"]["found"]
    assert [link["filter_url"] for link in links] == ["?q=school&service=immunisation"]
    clear_vocabulary()
