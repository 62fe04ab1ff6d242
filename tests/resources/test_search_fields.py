"""Wagtail's search (the admin's page search, and any `.search()`) finds resources and events by their text."""

import pytest
from django.urls import reverse

from devdata.resource_factories import EventPageFactory, ResourcePageFactory, paragraphs
from resources.models import EventPage, ResourcePage

pytestmark = pytest.mark.django_db


def test_resources_and_events_are_found_by_their_words(client, editor):
    ResourcePageFactory(title="Consent forms", body=paragraphs("How to ask for consent in plain words."))
    EventPageFactory(title="Cohort day", who_for="Teams in Westmoor.", place="Westmoor library", online=False)
    assert [page.title for page in ResourcePage.objects.live().search("plain words")] == ["Consent forms"]
    assert [page.title for page in EventPage.objects.live().search("Westmoor")] == ["Cohort day"]
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "consent"}).content.decode()
    assert "Consent forms" in html
