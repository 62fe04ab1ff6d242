"""The page, the API and the CSV answer the same search the same way; bad input never breaks them."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devdata.factories import EvaluationPageFactory, PlainLanguageSummaryPageFactory

QUERIES = [
    "",
    "q=wellbeing",
    "equity=dim-01&equity=dim-12",
    "service=primary-care&place=northshore",
    "q=wellbeing&type=summary&year=2022&year=2024",
]

BAD_QUERIES = [
    {"q": ""},
    {"q": "x" * 10_000},
    {"q": "!!! ??? ..."},
    {"q": '"unbalanced'},
    {"q": "NEAR(wellbeing care)"},
    {"q": "well*"},
    {"q": "-wellbeing"},
    {"q": "title:wellbeing"},
    {"q": "wellbeing AND OR NOT"},
    {"q": "😀 wellbeing 🏥"},
    {"q": "well\x00being"},
    {"q": "الصحة والرفاهية"},
    {"service": "no-such-service"},
    {"service": ["primary-care", "primary-care"]},
    {"equity": ["dim-01"] * 200},
    {"year": "abc"},
    {"year": "99999"},
    {"page": "0"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "99999"},
    {"sort": "sideways"},
    {"type": "podcast"},
    {"unknown": "1"},
]


def page_titles(client, query):
    return client.get(f"/search/?{query}").context["result"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", QUERIES)
def test_page_api_and_csv_agree(client, corpus, query):
    page = client.get(f"/search/?{query}").context["result"]
    api = client.get(f"/api/v1/search?{query}").json()
    assert api["count"] == page.total
    assert [r["title"] for r in api["results"]] == [item.title for item in page.items]
    for group, values in page.facets.items():
        assert [(v["slug"], v["count"], v["selected"]) for v in api["facets"][group]] == [
            (v.slug, v.count, v.selected) for v in values
        ]
    response = client.get(f"/search/export.csv?{query}")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) - 1 == page.total
    assert [row[1] for row in rows[1 : len(page.items) + 1]] == [item.title for item in page.items]


@pytest.mark.django_db
def test_api_shape(client, corpus):
    data = client.get("/api/v1/search?q=wellbeing&service=primary-care").json()
    assert {"count", "page", "num_pages", "results", "facets"} <= set(data)
    result = data["results"][0]
    assert {"title", "url", "type", "summary", "services", "equity_dimensions", "year"} <= set(result)
    assert set(data["facets"]) == {"service", "equity", "place", "year", "method", "type", "changed"}
    assert any(v["count"] == 0 for v in data["facets"]["equity"])  # zero counts are listed


@pytest.mark.django_db
def test_bad_input_never_breaks_the_page_the_csv_or_the_api(client, corpus):
    # One test, many inputs: building the corpus is the slow part.
    for params in BAD_QUERIES:
        assert client.get("/search/", params).status_code == 200, params
        response = client.get("/search/export.csv", params)
        assert response.status_code == 200, params
        b"".join(response.streaming_content)
        response = client.get("/api/v1/search", params)
        assert response.status_code in (200, 400), params
        if response.status_code == 400:
            body = response.json()
            assert body["error"] and body["parameter"] in params, (params, body)


@pytest.mark.django_db
def test_api_rejects_what_the_page_forgives(client, corpus):
    for params, name in [
        ({"page": "0"}, "page"),
        ({"service": "nope"}, "service"),
        ({"bogus": "1"}, "bogus"),
        ({"page": "99999"}, "page"),
        ({"sort": "x"}, "sort"),
        ({"year": "abc"}, "year"),
    ]:
        response = client.get("/api/v1/search", params)
        assert response.status_code == 400, params
        assert response.json()["parameter"] == name


@pytest.mark.django_db
def test_long_queries_are_truncated_with_a_notice(client, corpus):
    result = client.get("/search/", {"q": "wellbeing " * 2000}).context["result"]
    assert any("longer than" in notice for notice in result.notices)
    assert result.total > 0


@pytest.mark.django_db
def test_page_shows_the_glossary_definition_and_facets(client, corpus):
    body = client.get("/search/?q=IMD").content.decode()
    assert "What does ‘IMD’ mean?" in body
    assert "What Index of Multiple Deprivation means." in body
    body = client.get("/search/?service=mental-health").content.decode()
    assert 'class="portal-facet__empty"' in body  # zero counts stay visible, not as links


@pytest.mark.django_db
def test_search_with_a_query_is_never_cached_by_shared_caches(client, corpus):
    assert "private" in client.get("/search/?q=wellbeing")["Cache-Control"]
    assert "private" in client.get("/api/v1/search?q=wellbeing")["Cache-Control"]
    assert "public" in client.get("/api/v1/search?equity=dim-01")["Cache-Control"]


@pytest.mark.django_db
def test_autocomplete(client, corpus):
    data = client.get("/search/autocomplete?q=wellb").json()
    labels = [s["label"] for s in data["suggestions"]]
    assert "Wellbeing" in labels  # the glossary term first
    assert len(labels) > 1 and all(label.lower().startswith("wellbeing") for label in labels)
    assert client.get("/search/autocomplete?q=").json()["suggestions"] == []


def count_queries(client, url):
    client.get(url)  # warm the vocabulary cache, as in a running site
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


SEARCH_URLS = [
    "/search/?q=wellbeing&service=primary-care&equity=dim-01",
    "/search/?equity=dim-01&year=2024",
    "/api/v1/search?q=wellbeing&place=northshore",
]


@pytest.mark.django_db
def test_queries_per_search_are_few_and_constant(client, corpus):
    before = [count_queries(client, url) for url in SEARCH_URLS]
    for i in range(25):
        evaluation = EvaluationPageFactory(title=f"Wellbeing extra {i}", slug=f"extra-{i}")
        PlainLanguageSummaryPageFactory(title=f"Wellbeing extra summary {i}", slug=f"extra-{i}", evaluation=evaluation)
    after = [count_queries(client, url) for url in SEARCH_URLS]
    assert after == before
    assert max(after) <= 12, after


@pytest.mark.django_db
def test_queries_do_not_depend_on_the_mix_of_result_types(client, corpus):
    one_type = count_queries(client, "/search/?type=evaluation")
    other_type = count_queries(client, "/search/?type=case-study")
    mixed = count_queries(client, "/search/?type=evaluation&type=summary&type=case-study&sort=newest")
    assert one_type == other_type == mixed


@pytest.mark.django_db
def test_csv_has_place_method_completion_date_doi_and_url(client, evaluation, taxonomy):
    evaluation.doi = "10.5555/eep.2024.001"
    evaluation.save_revision().publish()
    response = client.get("/search/export.csv?type=evaluation")
    header, *rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert header == [
        "Type", "Title", "URL", "Summary", "Services", "Equity dimensions", "Places", "Method", "Completed", "Year",
        "DOI",
    ]  # fmt: skip
    row = dict(zip(header, next(r for r in rows if r[1] == evaluation.title), strict=True))
    assert row["URL"] == f"http://testserver{evaluation.url}"
    assert row["Places"] == "; ".join(p.name for p in evaluation.places)
    assert row["Method"] == evaluation.get_method_display()
    assert row["Completed"] == evaluation.completed.isoformat()
    assert row["DOI"] == "10.5555/eep.2024.001"
