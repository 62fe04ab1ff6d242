"""Whatever arrives, the public forms answer with the form (200), a redirect (302) or 405 for other methods: never 400
or 500. CSRF is enforced, and nothing is cached."""

import pytest
from django.test import Client

from feedback.models import EvaluationProposal, GlossarySuggestion, PageFeedback

pytestmark = pytest.mark.django_db
FORM_URLS = ["/feedback/", "/suggest-a-glossary-term/", "/propose-an-evaluation/"]
THANKS_URLS = ["/suggest-a-glossary-term/thank-you/", "/propose-an-evaluation/thank-you/"]
ALL_URLS = FORM_URLS + THANKS_URLS
GARBAGE = [
    {},
    {"page": "1; DROP TABLE", "helpful": "maybe", "role": "king", "service": "../../etc", "term": "\x00"},
    {"page": ["1", "2"], "helpful": ["yes", "maybe"], "term": ["a", "b" * 121], "description": ["a", ""], "role": "x"},
    {"term": "a" * 100_000, "description": "b" * 100_000, "comment": "c" * 100_000, "path": "d" * 100_000},
    {"email": "@" * 300, "service": "\x00", "equity_dimension": "%", "place": "'", "page": "-1", "path": "\x00"},
    {"csrfmiddlewaretoken": "x", "website": ""},
]


def assert_nothing_stored():
    assert not PageFeedback.objects.exists()
    assert not GlossarySuggestion.objects.exists()
    assert not EvaluationProposal.objects.exists()


@pytest.mark.parametrize("url", FORM_URLS)
@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_posts_get_the_form_back(client, taxonomy, url, data):
    response = client.post(url, data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize("url", FORM_URLS)
@pytest.mark.parametrize(
    "body, content_type",
    [(b"\xff\xfe\x00garbage", "application/octet-stream"), (b'{"term": "x"}', "application/json"), (b"", "text/plain")],
)
def test_non_form_bodies_are_not_a_crash(client, url, body, content_type):
    response = client.generic("POST", url, body, content_type=content_type)
    assert response.status_code == 200
    assert_nothing_stored()


@pytest.mark.parametrize("url", ALL_URLS)
@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "trace"])
def test_other_methods_are_not_allowed(client, url, method):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("url", THANKS_URLS)
def test_thank_you_pages_do_not_take_posts(client, url):
    assert client.post(url, {"term": "x"}).status_code == 405


@pytest.mark.parametrize("url", ALL_URLS)
def test_never_cached(client, url):
    for response in (client.get(url), client.head(url)):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("url", FORM_URLS)
def test_responses_with_errors_are_never_cached(client, url):
    assert "no-store" in client.post(url, {})["Cache-Control"]


def test_redirects_after_success_are_never_cached(client, evaluation):
    response = client.post("/feedback/", {"page": evaluation.pk, "helpful": "yes"})
    assert response.status_code == 302 and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url, data, model",
    [
        ("/suggest-a-glossary-term/", {"term": "PCN"}, GlossarySuggestion),
        ("/propose-an-evaluation/", {"description": "x", "role": "other"}, EvaluationProposal),
    ],
)
def test_csrf_token_is_required(url, data, model):
    client = Client(enforce_csrf_checks=True)
    assert client.post(url, data).status_code == 403
    assert not model.objects.exists()
    body = client.get(url).content.decode()
    token = body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code == 302
    assert model.objects.count() == 1


def test_page_feedback_refuses_other_sites_instead_of_needing_a_token(evaluation):
    """No token in the include (it would set a cookie on every page, decision 0005): a post naming another site is
    refused, one from this site is kept (tests/feedback/test_feedback_without_cookie.py has the cases)."""
    client = Client(enforce_csrf_checks=True)
    data = {"page": evaluation.pk, "helpful": "yes"}
    assert client.post("/feedback/", data, headers={"Origin": "https://evil.example"}).status_code == 403
    assert not PageFeedback.objects.exists()
    assert client.post("/feedback/", data, headers={"Origin": "http://testserver"}).status_code == 302
    assert PageFeedback.objects.count() == 1


@pytest.mark.parametrize("url", FORM_URLS)
def test_honeypot_is_hidden_out_of_tab_order_and_labelled(client, url, evaluation):
    body = client.get(f"{url}?page={evaluation.pk}").content.decode()
    hidden = body.split('<div class="nhsuk-u-visually-hidden">', 1)[1].split("</div>", 1)[0]
    assert '<label for="id_website">Leave this field empty.' in hidden
    assert 'name="website"' in hidden and 'autocomplete="off"' in hidden and 'tabindex="-1"' in hidden


@pytest.mark.parametrize("url", FORM_URLS)
@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"--x\r\nContent-Disposition: form-data; name=\r\n\r\n", "multipart/form-data; boundary=x"),
        (b"a=1", "multipart/form-data"),  # no boundary
        (b"a=1" + b"&b=2" * 1200, "application/x-www-form-urlencoded"),  # more fields than Django accepts
    ],
)
def test_broken_requests_are_refused_by_django_not_a_crash(url, body, content_type):
    """Below the form: Django answers requests it cannot parse with 400 before the view runs. Never a 500."""
    client = Client(raise_request_exception=False)
    response = client.generic("POST", url, body, content_type=content_type)
    assert response.status_code in (200, 400)
    assert_nothing_stored()
