""" "Did you mean …?": offered from what readers may see, only when it finds more, never replacing the query."""

import threading
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from devdata.factories import EvaluationPageFactory, GlossaryTermFactory, PlaceFactory, ServiceFactory
from search import spelling
from search.vocabulary import clear_vocabulary, get_vocabulary
from tests import module_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_words():
    clear_vocabulary()
    spelling.forget()
    yield
    clear_vocabulary()
    spelling.forget()


@module_data.fixture  # built once for this module's tests (tests/module_data.py)
def evidence():
    pharmacy = ServiceFactory(name="Community pharmacy", slug="community-pharmacy")
    northshore = PlaceFactory(name="Northshore", slug="northshore")
    PlaceFactory(name="Elsewhere", slug="elsewhere")
    GlossaryTermFactory(term="Homelessness", slug="homelessness", aliases="homeless, rough sleeping", live=True)
    pages = [
        EvaluationPageFactory(
            title=f"Blood pressure checks in a pharmacy {i}",
            slug=f"pharmacy-{i}",
            summary="Who used the pharmacy checks.",
            services=[pharmacy],
            places=[northshore],
        )
        for i in range(4)
    ]
    pages += [
        EvaluationPageFactory(
            title=f"Flu vaccinations for homeless people {i}",
            slug=f"flu-{i}",
            summary="Outreach vaccinations at a homeless hostel.",
        )
        for i in range(3)
    ]
    clear_vocabulary()
    return pages


def search(client, query):
    response = client.get(f"/search/?{query}")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("pharmcy", "pharmacy"), ("vacinations", "vaccinations"), ("homelss", "homeless"), ("Phramacy", "pharmacy")],
)
def test_a_misspelt_word_gets_the_closest_word_readers_can_see(client, evidence, typed, meant):
    response = search(client, f"q={typed}")
    result = response.context["result"]
    assert result.params.q == typed and result.total == 0  # what was typed is what was searched
    assert result.suggestion.q == meant
    assert result.suggestion.url == f"?q={meant}"
    html = response.content.decode()
    assert f'Did you mean <a href="?q={meant}">{meant}</a>?' in html


def test_the_suggestion_keeps_the_filters_and_the_other_words(client, evidence):
    result = search(client, "q=flu+vacinations+homelss&place=&type=evaluation").context["result"]
    assert result.suggestion.q == "flu vaccinations homeless"
    assert result.suggestion.url == "?q=flu+vaccinations+homeless&type=evaluation"
    assert search(client, result.suggestion.url[1:]).context["result"].total == 3


def test_no_suggestion_when_the_corrected_query_finds_no_more(client, evidence):
    # Every pharmacy evaluation is in Northshore: "pharmacy" finds nothing Elsewhere either.
    assert search(client, "q=pharmcy&place=elsewhere").context["result"].suggestion is None


def test_no_suggestion_when_the_query_finds_enough_or_every_word_is_known(client, evidence):
    assert search(client, "q=pharmacy").context["result"].suggestion is None  # 4 results
    assert search(client, "q=pharmacy+xylophone").context["result"].suggestion is None  # no word near xylophone
    assert "Did you mean" not in search(client, "q=pharmacy+xylophone").content.decode()


def test_a_query_that_finds_a_little_still_gets_a_suggestion(client, evidence):
    EvaluationPageFactory(title="Pharmcy typo in a title", slug="typo", summary="One page spelt it wrong.")
    clear_vocabulary()
    result = search(client, "q=pharmcy").context["result"]
    assert result.total == 1 and result.suggestion.q == "pharmacy"


def test_words_of_drafts_and_restricted_pages_are_never_suggested(client, evidence):
    EvaluationPageFactory(title="Zanzibarian outreach", slug="draft", summary="Quetzalcoatlus clinics.", live=False)
    hidden = EvaluationPageFactory(title="Xenomorphic screening", slug="hidden", summary="Kryptonian cohorts.")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="secret")
    GlossaryTermFactory(term="Jabberwocky", slug="jabberwocky", live=False)
    clear_vocabulary()
    known = spelling.word_list(get_vocabulary()).known
    assert {"pharmacy", "community", "northshore", "homeless", "rough", "vaccinations"} <= known
    assert not {"zanzibarian", "quetzalcoatlus", "xenomorphic", "kryptonian", "jabberwocky"} & known
    for typed in ("zanzibarain", "xenomorphc", "kryptonain", "jabberwoky"):
        assert spelling.corrected_query(typed, spelling.word_list(get_vocabulary())) is None
        assert search(client, f"q={typed}").context["result"].suggestion is None


def test_a_page_restricted_later_stops_lending_its_words(client, evidence):
    page = EvaluationPageFactory(title="Marmalade outreach", slug="marmalade", summary="Marmalade for everyone.")
    clear_vocabulary()
    assert search(client, "q=marmalde").context["result"].suggestion.q == "marmalade"
    PageViewRestriction.objects.create(page=page, restriction_type="login")  # clears the vocabulary (signal)
    assert "marmalade" not in spelling.word_list(get_vocabulary()).known
    assert search(client, "q=marmalde").context["result"].suggestion is None


def test_the_word_list_is_built_once_per_vocabulary(evidence, django_assert_num_queries):
    vocabulary = get_vocabulary()
    with django_assert_num_queries(2):  # view restrictions, then every public page's title and summary
        first = spelling.word_list(vocabulary)
    with django_assert_num_queries(0):
        assert spelling.word_list(vocabulary) is first


def test_the_word_list_is_bounded(evidence, monkeypatch):
    monkeypatch.setattr(spelling, "MAX_WORDS", 5)
    words = spelling.build_word_list(get_vocabulary())
    assert len(words.known) == 5 and "pharmacy" in words.known  # the most frequent are kept


def test_the_api_gives_the_suggestion_or_null(client, evidence):
    data = client.get("/api/v1/search?q=pharmcy&type=evaluation").json()
    assert data["query"] == "pharmcy" and data["count"] == 0
    assert data["suggestion"] == {"q": "pharmacy", "url": "http://testserver/search/?q=pharmacy&type=evaluation"}
    assert client.get("/api/v1/search?q=pharmacy").json()["suggestion"] is None
    assert client.get("/api/v1/search").json()["suggestion"] is None
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert set(schema["SuggestionOut"]["properties"]) == {"q", "url"}
    assert "suggestion" in schema["SearchOut"]["properties"]


def count_queries(client, url):
    client.get(url)  # warm the vocabulary and the word list, as in a running site
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_suggestion_costs_the_same_queries_whatever_the_content(client, evidence):
    urls = ["/search/?q=pharmcy", "/search/?q=pharmcy+vacinations&place=northshore", "/api/v1/search?q=homelss"]
    before = [count_queries(client, url) for url in urls]
    for i in range(20):
        EvaluationPageFactory(title=f"Pharmacy extra {i}", slug=f"extra-{i}", summary="More pharmacy words.")
    clear_vocabulary()
    assert [count_queries(client, url) for url in urls] == before


@pytest.mark.parametrize("query", ["q=" + "x" * 10_000, "q=pharmcy*", "q=%22pharmcy", "q=NEAR(pharmcy)", "q=%25"])
def test_odd_input_never_breaks_the_suggestion(client, evidence, query):
    search(client, query)
    assert client.get(f"/api/v1/search?{query}").status_code == 200


def test_closest_word_looks_only_at_words_of_a_near_length():
    # 20,000 known words of the typed word's length and one word far longer: only the near ones are compared.
    known = [f"zq{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676)}ab" for i in range(20_000)]
    words = spelling.WordList(dict.fromkeys([*known, "pharmacyxxxxxxxxx"], 1) | {"pharmacy": 100})
    assert words.closest("pharmcy") == "pharmacy"
    assert set(words.by_length) == {7, 8, 17}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_change_the_old_word_list_serves_until_the_new_one_is_built_and_never_leaks(client, settings):
    settings.SPELLING_REBUILD_INLINE = False
    settings.SPELLING_REBUILD_SECONDS = 0
    spelling.forget()
    clear_vocabulary()
    page = EvaluationPageFactory(title="Marmalade outreach", slug="marmalade", summary="Marmalade for everyone.")
    EvaluationPageFactory(title="Pharmacy checks", slug="pharmacy", summary="Pharmacy checks for all.")
    assert search(client, "q=marmalde").context["result"].suggestion.q == "marmalade"  # first list: inline
    old = spelling.word_list(get_vocabulary())
    PageViewRestriction.objects.create(page=page, restriction_type="login")  # a new vocabulary (signal)
    # The old list still knows the word, but the search it would offer finds nothing public: no suggestion.
    assert search(client, "q=marmalde").context["result"].suggestion is None
    deadline = time.monotonic() + 30
    while spelling.word_list(get_vocabulary()) is old and time.monotonic() < deadline:
        time.sleep(0.05)
    fresh = spelling.word_list(get_vocabulary())
    assert fresh is not old and "marmalade" not in fresh.known and "pharmacy" in fresh.known


def test_a_process_rebuilds_its_word_list_at_most_once_an_interval_and_one_build_at_a_time(evidence, settings):
    # An editor publishing every second must not keep the web workers rebuilding (each build reads every page).
    settings.SPELLING_REBUILD_INLINE = False
    settings.SPELLING_REBUILD_SECONDS = 3600
    spelling.forget()
    clear_vocabulary()
    first = spelling.word_list(get_vocabulary())  # a process's first list is built in the request
    newer = object()  # the vocabulary after a publish
    assert spelling.word_list(newer) is first
    assert "building" not in spelling._memo  # within the interval: no rebuild started

    settings.SPELLING_REBUILD_SECONDS = 0
    spelling._memo["building"] = object()  # a build already under way
    assert spelling.word_list(newer) is first
    assert not any(thread.name == "spelling-word-list" for thread in threading.enumerate())
    spelling.forget()
