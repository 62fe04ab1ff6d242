"""The engine answers every search exactly as the database does, in one request to the engine."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from devdata.factories import EvaluationPageFactory, PlainLanguageSummaryPageFactory
from search.backends import SearchWithFallback
from search.backends.database import DatabaseSearch
from search.backends.engine import EngineSearch
from search.params import parse
from search.service import run_search
from search.vocabulary import get_vocabulary

from .support import comparable_facets, count_engine_requests, requires_engine

pytestmark = [pytest.mark.engine, requires_engine, pytest.mark.django_db]

BROWSE = [
    "",
    "equity=dim-01",
    "equity=dim-01&equity=dim-12",
    "service=primary-care",
    "service=general-practice&year=2022",
    "service=primary-care&place=northshore",
    "service=talking-therapies&service=community-pharmacy&equity=dim-04",
    "year=2024&method=outcome",
    "year=2019&year=2025",
    "method=process&method=qualitative",
    "place=eastbridge&type=case-study",
    "type=evaluation",
    "type=glossary-term",
    "type=summary&type=glossary-term",
    "type=case-study&service=mental-health",
    "q=wellbeing&sort=newest",
    "q=wellbeing&sort=newest&type=glossary-term&type=evaluation",
    "q=wellbeing&sort=newest&service=mental-health&method=process",
]
RELEVANCE = [
    "q=wellbeing",
    "q=wellbeing&type=evaluation&equity=dim-00",
    "q=wellbeing&year=2019&year=2025",
    "q=imd",
    "q=index multiple",
    "q=pharmacy",
    "q=talking therapies",
    "q=dimension 01",
    "q=nothing matches zzqx",
    "q=wellbeing&type=glossary-term",
    # Word forms, words that mean nothing here, and phrases naming a service (concept mapping: search/concepts.py)
    "q=pharmacies",
    "q=what do people say about pharmacies",
    "q=general practices",
    "q=mental health wellbeing",
    "q=mental health&concepts=off",
    "q=primary care&equity=dim-01",
    "q=primary care&crosswalk=off",
    # OR: any of the alternatives, each with its own concepts; with a filter on all of them
    "q=pharmacy OR talking therapies",
    "q=wellbeing OR imd&type=evaluation",
    "q=mental health OR pharmacies&equity=dim-01",
    "q=zzqx OR pharmacy OR OR",
]
WINDOWS = [(0, 20), (0, 7), (7, 7), (14, 7), (21, 7), (3, 5), (0, 0), (40, 20)]


def both(query_string, offset=0, limit=20):
    vocabulary = get_vocabulary()
    params = parse(QueryDict(query_string), vocabulary=vocabulary)
    engine = EngineSearch(vocabulary).run(params, offset, limit)
    database = DatabaseSearch(vocabulary).run(params, offset, limit)
    return engine, database


def facets(answer):
    return comparable_facets(answer)


def refs(answer):
    return [(r.type, r.pk) for r in answer.refs]


@pytest.mark.engine_reads_shared_data  # shares the corpus and its documents (tests/module_data.py)
@pytest.mark.parametrize("query_string", BROWSE)
def test_newest_order_totals_and_every_facet_count_are_the_database_s(corpus, query_string):
    for offset, limit in WINDOWS:
        engine, database = both(query_string, offset, limit)
        assert engine.backend != "database"
        assert engine.total == database.total, (query_string, offset)
        assert refs(engine) == refs(database), (query_string, offset, limit)
        assert facets(engine) == facets(database), query_string


@pytest.mark.engine_reads_shared_data  # shares the corpus and its documents (tests/module_data.py)
@pytest.mark.parametrize("query_string", RELEVANCE)
def test_relevance_finds_the_same_documents_evidence_first_with_the_same_counts(corpus, query_string):
    engine, database = both(query_string, 0, 100)
    assert engine.total == database.total
    assert facets(engine) == facets(database)
    assert sorted(refs(engine)) == sorted(refs(database))
    kinds = [r.type for r in engine.refs]
    glossary = kinds.count("glossary-term")
    assert kinds[len(kinds) - glossary :] == ["glossary-term"] * glossary  # evidence first, as in the database
    # Pages of any size put together give the whole list.
    for size in (1, 3, 7):
        pieces = []
        for offset in range(0, engine.total, size):
            pieces += refs(both(query_string, offset, size)[0])
        assert pieces == refs(engine), size


@pytest.mark.engine_reads_shared_data  # shares the corpus and its documents (tests/module_data.py)
def test_the_corpus_answers_are_what_the_corpus_says(corpus):
    engine, _ = both("")
    assert engine.total == len(corpus.docs)
    assert sum(facets(engine)["equity"][0].values()) > 0
    assert len(facets(engine)["equity"][0]) == 14  # more than ten values: every one comes back


@pytest.mark.engine_reads_shared_data  # shares the corpus and its documents (tests/module_data.py)
def test_one_request_to_the_engine_per_search_whatever_the_facets(corpus):
    vocabulary = get_vocabulary()
    for query_string in ["", "q=wellbeing&service=primary-care&equity=dim-01&year=2022&type=summary", *BROWSE]:
        params = parse(QueryDict(query_string), vocabulary=vocabulary)
        with count_engine_requests() as calls:
            answer = SearchWithFallback(vocabulary).run(params, 0, 20)
        assert not getattr(answer, "notices", [])
        assert len(calls) == 1, calls
        assert calls[0][1].endswith("/_msearch")


def test_a_search_page_is_one_engine_request_and_a_few_sql_queries(client, corpus):
    url = "/search/?q=wellbeing&service=primary-care&equity=dim-01"
    client.get(url)  # warm the vocabulary cache, as in a running site
    with count_engine_requests() as calls, CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["result"].backend != "database"
    assert len(calls) == 1
    assert len(queries.captured_queries) <= 12, [q["sql"][:120] for q in queries.captured_queries]
    # The number of queries does not grow with the number of results.
    before = len(queries.captured_queries)
    for i in range(25):
        evaluation = EvaluationPageFactory(title=f"Wellbeing extra {i}", slug=f"extra-{i}")
        PlainLanguageSummaryPageFactory(title=f"Wellbeing extra summary {i}", slug=f"extra-{i}", evaluation=evaluation)
    client.get("/search/?q=wellbeing")  # the first search after a publish re-reads the vocabulary's years, once
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/?q=wellbeing")
    assert len(queries.captured_queries) <= before + 2  # loading the page of 20 results, whatever the total


def test_a_misspelt_search_gets_its_suggestion_in_the_same_engine_request(client, corpus):
    url = "/search/?q=wellbeeing"
    client.get(url)  # warm the vocabulary and the word list, as in a running site
    with count_engine_requests() as calls:
        response = client.get(url)
    assert response.context["result"].backend != "database"
    suggestion = response.context["result"].suggestion
    assert suggestion is not None and suggestion.q == "wellbeing"
    assert len(calls) == 1, calls
    # The same suggestion as the database gives.
    with count_engine_requests() as calls:
        api = client.get("/api/v1/search", {"q": "wellbeeing"}).json()
    assert api["suggestion"]["q"] == "wellbeing"
    assert len(calls) == 1, calls


def test_highlights_are_the_same_escaped_snippets_on_both_backends(corpus):
    # The engine returns ids only; the snippet comes from the loaded summary, so both backends show the same one.
    EvaluationPageFactory(title="Escaping test", slug="escaping", summary="Fish <b>&</b> chips for wellbeing.")
    vocabulary = get_vocabulary()
    params = parse(QueryDict("q=chips"), vocabulary=vocabulary)
    engine = run_search(params)
    database = run_search(params, backend=DatabaseSearch(vocabulary))
    assert engine.backend != "database" and database.backend == "database"
    fragment = str(engine.items[0].highlight)
    assert "<mark>chips</mark>" in fragment
    assert "<b>" not in fragment and "&lt;b&gt;" in fragment
    assert [str(i.highlight) for i in engine.items] == [str(i.highlight) for i in database.items]


def test_private_sections_are_never_found(corpus):
    from wagtail.models import PageViewRestriction

    from evidence.models import CaseStudyIndexPage

    PageViewRestriction.objects.create(
        page=CaseStudyIndexPage.objects.get(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for query_string in ["", "q=wellbeing", "type=case-study", "q=wellbeing&type=case-study&sort=newest"]:
        engine, database = both(query_string)
        assert "case-study" not in {r.type for r in engine.refs}
        assert engine.total == database.total
        assert facets(engine) == facets(database)
    assert both("")[0].total == len(corpus.docs) - len(corpus.matching(type=["case-study"]))


@pytest.mark.engine_reads_shared_data  # shares the corpus and its documents (tests/module_data.py)
@pytest.mark.parametrize(
    "q",
    ["well*", '"unbalanced', "title:wellbeing", "NEAR(wellbeing care)", "-wellbeing", "الصحة والرفاهية", "x" * 200],
)
def test_any_input_is_answered_by_the_engine_itself(corpus, q):
    vocabulary = get_vocabulary()
    params = parse(_querydict(q=q), vocabulary=vocabulary)
    engine = SearchWithFallback(vocabulary).run(params, 0, 20)
    database = DatabaseSearch(vocabulary).run(params, 0, 20)
    assert not getattr(engine, "notices", []), q
    assert engine.total == database.total, q


def _querydict(**values):
    query = QueryDict(mutable=True)
    for key, value in values.items():
        query[key] = value
    return query
