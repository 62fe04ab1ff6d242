"""Services have two levels (an area and its services): the admin refuses anything that would make a third."""

import pytest
from django.urls import reverse

from devdata.factories import ServiceFactory
from evidence.models import Service

pytestmark = pytest.mark.django_db


def post_service(client, service, parent):
    url = reverse("wagtailsnippets_evidence_service:edit", args=[service.pk])
    data = {"name": service.name, "slug": service.slug, "parent": parent.pk if parent else "", "sort_order": 0}
    return client.post(url, data)


def test_an_area_with_services_cannot_be_put_under_another_area(client, editor, taxonomy):
    client.force_login(editor)
    other_area = ServiceFactory(name="Community care", slug="community-care")
    response = post_service(client, taxonomy["parent"], other_area)
    assert response.status_code == 200  # the form again, with the reason
    assert "This service area has services in it" in response.content.decode()
    assert Service.objects.get(pk=taxonomy["parent"].pk).parent_id is None


def test_a_service_cannot_go_under_a_service(client, editor, taxonomy):
    client.force_login(editor)
    eye_tests = ServiceFactory(name="Eye tests", slug="eye-tests")
    response = post_service(client, eye_tests, taxonomy["pharmacy"])  # only areas are offered as parents
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert Service.objects.get(pk=eye_tests.pk).parent_id is None


def test_an_empty_area_can_become_a_service(client, editor, taxonomy):
    client.force_login(editor)
    lonely = ServiceFactory(name="Lonely area", slug="lonely-area")
    assert post_service(client, lonely, taxonomy["parent"]).status_code == 302
    assert Service.objects.get(pk=lonely.pk).parent_id == taxonomy["parent"].pk
