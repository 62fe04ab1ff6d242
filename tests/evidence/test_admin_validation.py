"""Bad input in the admin gets a clear message, and what was typed is kept."""

import pytest
from django.urls import reverse

from evidence.models import GlossaryTerm, PlainLanguageSummaryPage, Service, SummaryIndexPage
from evidence.models.summary import PUBLIC_ADVISER_MISSING
from tests.admin_forms import glossary_form_data, summary_form_data


def add_summary_url():
    index = SummaryIndexPage.objects.get()
    return reverse("wagtailadmin_pages:add", args=["evidence", "plainlanguagesummarypage", index.pk])


@pytest.mark.django_db
def test_summary_without_a_public_adviser_is_refused_and_kept(client, editor, evaluation):
    client.force_login(editor)
    data = summary_form_data(
        "Typed title kept", "typed-title", evaluation, [("Dr Typed Researcher", "researcher", None)]
    )
    response = client.post(add_summary_url(), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert PUBLIC_ADVISER_MISSING in body
    assert "Typed title kept" in body and "Dr Typed Researcher" in body
    assert not PlainLanguageSummaryPage.objects.filter(slug="typed-title").exists()


@pytest.mark.django_db
def test_summary_with_a_public_adviser_is_saved_with_readability(client, editor, adviser, evaluation):
    client.force_login(editor)
    data = summary_form_data("Good summary", "good-summary", evaluation, [("Ad Viser", "public-adviser", adviser)])
    response = client.post(add_summary_url(), data)
    assert response.status_code == 302
    page = PlainLanguageSummaryPage.objects.get(slug="good-summary").get_latest_revision_as_object()
    assert page.word_count == 6 and page.reading_age > 0


@pytest.mark.django_db
def test_duplicate_page_slug_is_a_clear_error_with_data_kept(client, editor, summary, evaluation):
    client.force_login(editor)
    data = summary_form_data("Second try", summary.slug, evaluation, [("Ad", "public-adviser", None)])
    response = client.post(add_summary_url(), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "is already in use" in body
    assert "Second try" in body


@pytest.mark.django_db
def test_glossary_term_with_empty_definition_is_refused_and_kept(client, editor):
    client.force_login(editor)
    url = reverse("wagtailsnippets_evidence_glossaryterm:add")
    response = client.post(url, glossary_form_data("Typed term", "typed-term", "   ", aliases="typed alias"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Write a short definition" in body
    assert "Typed term" in body and "typed alias" in body
    assert not GlossaryTerm.objects.filter(slug="typed-term").exists()


@pytest.mark.django_db
def test_glossary_definition_over_forty_words_is_refused(client, editor):
    client.force_login(editor)
    url = reverse("wagtailsnippets_evidence_glossaryterm:add")
    long_definition = " ".join(["word"] * 41)
    response = client.post(url, glossary_form_data("Long", "long", long_definition))
    assert response.status_code == 200
    assert "40 words or fewer (it has 41)" in response.content.decode()


@pytest.mark.django_db
def test_glossary_alias_used_by_another_term_is_refused(client, editor, glossary_term):
    client.force_login(editor)
    url = reverse("wagtailsnippets_evidence_glossaryterm:add")
    response = client.post(url, glossary_form_data("Other", "other", "Fine words.", aliases="core20plus5"))
    assert response.status_code == 200
    assert "is already used by" in response.content.decode()


@pytest.mark.django_db
def test_duplicate_glossary_slug_is_refused(client, editor, glossary_term):
    client.force_login(editor)
    url = reverse("wagtailsnippets_evidence_glossaryterm:add")
    response = client.post(url, glossary_form_data("Different", glossary_term.slug, "Fine words."))
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


@pytest.mark.django_db
def test_adviser_can_draft_a_glossary_term_but_not_publish_it(client, adviser):
    client.force_login(adviser)
    url = reverse("wagtailsnippets_evidence_glossaryterm:add")
    data = glossary_form_data("Adviser term", "adviser-term", "Plain words.")
    data["action-publish"] = "action-publish"
    client.post(url, data)
    term = GlossaryTerm.objects.get(slug="adviser-term")
    assert not term.live


@pytest.mark.django_db
def test_duplicate_service_slug_is_refused(client, editor, taxonomy):
    client.force_login(editor)
    url = reverse("wagtailsnippets_evidence_service:add")
    response = client.post(
        url, {"name": "Copy", "slug": "community-pharmacy", "description": "", "parent": "", "sort_order": "0"}
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Service.objects.filter(slug="community-pharmacy").count() == 1
