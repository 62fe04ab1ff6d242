"""Per-client limits through the real endpoints: the first N in a window pass (and are stored), the next gets 429
with Retry-After and nothing is stored; the API answers JSON; a client cannot escape by claiming another address."""

import json

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from feedback.models import EvaluationProposal, GlossarySuggestion, PageFeedback
from tests.security.limits import limits

pytestmark = pytest.mark.django_db


def assert_friendly_429(response, wait_words=("try again in",)):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    body = response.content.decode()
    assert "<h1>Sorry, you have sent too many requests</h1>" in body
    assert all(words in body for words in wait_words)
    assert "no-store" in response["Cache-Control"]
    return body


@limits(forms="3/m")
def test_glossary_suggestions_over_the_limit_are_refused_and_not_stored(client):
    for n in range(3):
        assert client.post("/suggest-a-glossary-term/", {"term": f"Word {n}"}).status_code == 302
    body = assert_friendly_429(client.post("/suggest-a-glossary-term/", {"term": "One too many"}))
    assert "We have not saved what you sent" in body
    assert sorted(GlossarySuggestion.objects.values_list("term", flat=True)) == ["Word 0", "Word 1", "Word 2"]
    assert client.get("/suggest-a-glossary-term/").status_code == 200  # reading the form is never limited


@limits(forms="2/m")
def test_evaluation_proposals_over_the_limit_are_refused_and_not_stored(client):
    proposal = {"description": "Interpreters at A&E", "role": "patient-carer"}
    assert [client.post("/propose-an-evaluation/", proposal).status_code for _ in range(3)] == [302, 302, 429]
    assert EvaluationProposal.objects.count() == 2


@limits(forms="2/m")
def test_page_feedback_over_the_limit_is_refused_and_not_stored(client, evaluation):
    data = {"page": evaluation.pk, "path": evaluation.url, "helpful": "yes", "comment": ""}
    assert [client.post("/feedback/", data).status_code for _ in range(3)] == [302, 302, 429]
    assert PageFeedback.objects.count() == 2


@limits(forms="1/m")
def test_each_form_counts_on_its_own(client, evaluation):
    assert client.post("/suggest-a-glossary-term/", {"term": "PCN"}).status_code == 302
    proposal = {"description": "Interpreters at A&E", "role": "patient-carer"}
    assert client.post("/propose-an-evaluation/", proposal).status_code == 302


@limits(forms="2/m")
def test_a_spoofed_forwarded_for_does_not_escape_the_limit(client):
    """Without TRUSTED_PROXIES, X-Forwarded-For is ignored: a new address per request is still one client."""
    codes = [
        client.post("/suggest-a-glossary-term/", {"term": f"W{n}"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 429, 429]
    assert GlossarySuggestion.objects.count() == 2


@limits(forms="1/m")
@override_settings(TRUSTED_PROXIES=["127.0.0.1/32"])
def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_count(client):
    def post(address, term):
        return client.post("/suggest-a-glossary-term/", {"term": term}, HTTP_X_FORWARDED_FOR=address).status_code

    assert post("203.0.113.1", "a") == 302
    assert post("203.0.113.2", "b") == 302  # another reader behind the same proxy
    assert post("203.0.113.1", "c") == 429
    # A client can prepend what it likes; the proxy appends the address it saw, and that is the one counted.
    assert post("198.51.100.9, 203.0.113.1", "d") == 429
    assert GlossarySuggestion.objects.count() == 2


@limits(forms="1/m")
@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_forwarded_for_from_an_address_outside_trusted_proxies_is_ignored(client):
    codes = [
        client.post("/suggest-a-glossary-term/", {"term": f"W{n}"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(2)
    ]
    assert codes == [302, 429]


@limits(page_password="2/m")
def test_page_password_guesses_are_limited(client, evaluation):
    restriction = PageViewRestriction.objects.create(
        page=evaluation, restriction_type=PageViewRestriction.PASSWORD, password="right-password"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{evaluation.pk}/"
    wrong = {"password": "guess", "return_url": evaluation.url}
    assert [client.post(url, wrong).status_code for _ in range(2)] == [200, 200]  # the form again, with an error
    response = client.post(url, {"password": "right-password", "return_url": evaluation.url})
    body = assert_friendly_429(response)
    assert "try a page password" in body
    assert client.get(evaluation.url).status_code == 200 and b"right-password" not in response.content
    # The right password was not even checked: the page is still locked for this reader.
    assert b'name="password"' in client.get(evaluation.url).content


@limits(csv="2/m")
def test_search_csv_is_limited(client, evaluation):
    assert [client.get("/search/export.csv").status_code for _ in range(2)] == [200, 200]
    body = assert_friendly_429(client.get("/search/export.csv?q=blood"))
    assert "download data" in body


@limits(csv="1/m")
def test_evidence_map_csv_is_limited_and_the_map_page_is_not(client, evaluation):
    assert client.get("/evidence-map.csv").status_code == 200
    assert_friendly_429(client.get("/evidence-map.csv"))
    assert client.get("/evidence-map/").status_code == 200


@limits(api="3/m")
def test_api_is_limited_with_a_json_error(client, evaluation):
    codes = [client.get("/api/v1/search").status_code for _ in range(3)]
    assert codes == [200, 200, 200]
    response = client.get("/api/v1/glossary")  # every endpoint shares the count
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert 0 < int(response["Retry-After"]) <= 60
    error = json.loads(response.content)["error"]
    assert error.startswith("Too many requests: try again in ")


@limits(forms=None)  # what RATE_LIMIT_FORMS=off gives (tests/security/test_limit_settings.py)
def test_off_turns_a_limit_off(client):
    assert {client.post("/suggest-a-glossary-term/", {"term": f"W{n}"}).status_code for n in range(8)} == {302}
