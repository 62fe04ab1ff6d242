"""Suggest a word for the glossary: /suggest-a-glossary-term/."""

import pytest

from feedback.models import GlossarySuggestion

pytestmark = pytest.mark.django_db
URL = "/suggest-a-glossary-term/"
FULL = {
    "term": "Health literacy",
    "seen_where": "https://example.org/leaflet",
    "meaning": "How well people understand health information?",
    "name": "Sam",
    "email": "sam@example.org",
}


def test_form_page(client):
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Suggest a word for the glossary</h1>" in body
    assert 'method="post" novalidate' in body and 'name="csrfmiddlewaretoken"' in body
    for label in ("Where did you see it? (optional)", "Your name (optional)", "Your email address (optional)"):
        assert label in body
    assert "we will only use your name and email address" in body  # why we ask
    assert 'autocomplete="email"' in body and 'autocomplete="name"' in body
    assert "nhsuk-error-summary" not in body and "<title>Error" not in body


def test_valid_suggestion_is_stored_as_new(client):
    response = client.post(URL, FULL)
    assert response.status_code == 302
    assert response["Location"] == "/suggest-a-glossary-term/thank-you/"
    suggestion = GlossarySuggestion.objects.get()
    assert {field: getattr(suggestion, field) for field in FULL} == FULL
    assert suggestion.status == GlossarySuggestion.Status.NEW
    assert suggestion.created_at is not None


def test_only_the_term_is_needed(client):
    assert client.post(URL, {"term": "PCN"}).status_code == 302
    suggestion = GlossarySuggestion.objects.get()
    assert (suggestion.term, suggestion.email, suggestion.name) == ("PCN", "", "")


def test_thank_you_page(client):
    body = client.get("/suggest-a-glossary-term/thank-you/").content.decode()
    assert '<h1 class="nhsuk-panel__title">Suggestion sent</h1>' in body


def test_missing_term_shows_errors_and_keeps_everything_typed(client):
    response = client.post(URL, {**FULL, "term": "  ", "email": "not-an-email"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Suggest a word for the glossary" in body
    assert '<a href="#id_term">Enter the word or phrase</a>' in body
    assert '<a href="#id_email">Enter an email address in the correct format, like name@example.com</a>' in body
    assert 'class="nhsuk-input nhsuk-input--error nhsuk-input--width-20"' in body
    assert 'id="id_term-error"' in body and 'aria-describedby="id_term-hint id_term-error"' in body
    assert 'value="https://example.org/leaflet"' in body
    assert "How well people understand health information?</textarea>" in body
    assert 'value="Sam"' in body and 'value="not-an-email"' in body
    assert not GlossarySuggestion.objects.exists()


def test_too_long_term(client):
    body = client.post(URL, {"term": "x" * 121}).content.decode()
    assert '<a href="#id_term">The word or phrase must be 120 characters or fewer</a>' in body
    assert 'value="' + "x" * 121 + '"' in body
    assert 'maxlength="120"' not in body  # never cut what people type: tell them instead
    assert not GlossarySuggestion.objects.exists()


def test_filled_honeypot_pretends_success_and_stores_nothing(client):
    response = client.post(URL, {**FULL, "website": "buy now"})
    assert response.status_code == 302
    assert response["Location"] == "/suggest-a-glossary-term/thank-you/"
    assert not GlossarySuggestion.objects.exists()


def test_suggest_is_not_a_glossary_route(client):
    """The form lives outside /glossary/, so a glossary term may still be called "suggest"."""
    assert client.get("/glossary/suggest/").status_code == 404
