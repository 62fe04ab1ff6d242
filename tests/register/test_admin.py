"""Editors create and publish a registered project in the admin, posted the way the admin's JavaScript would."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from register.models import RegisteredProjectPage, RegisterIndexPage

pytestmark = pytest.mark.django_db


def project_form_data(taxonomy, evaluation="", **extra):
    return nested_form_data(
        {
            "title": "Who misses the pharmacy check?",
            "slug": "who-misses-the-pharmacy-check",
            "summary": "We ask who does not come for a free check.",
            "stage": "do",
            "expected_completion": "2027-03-17",
            "cohort": "Cohort 6 (2026)",
            "page_services": inline_formset([{"service": taxonomy["pharmacy"].pk}], min=1),
            "page_equity_dimensions": inline_formset([{"equity_dimension": taxonomy["core20"].pk}], min=1),
            "page_places": inline_formset([]),
            "team": inline_formset([{"name": "Grace Okafor", "role": "public-adviser", "organisation": ""}], min=1),
            "contact_name": "Priya Shah",
            "contact_email": "priya.shah@example.org",
            "published_evaluation": evaluation,
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            **extra,
        }
    )


def test_an_editor_publishes_a_project_and_readers_see_it(client, editor, taxonomy):
    register = RegisterIndexPage.objects.get()
    client.force_login(editor)
    data = {**project_form_data(taxonomy), "action-publish": "action-publish"}
    response = client.post(f"/admin/pages/add/register/registeredprojectpage/{register.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    project = RegisteredProjectPage.objects.get(slug="who-misses-the-pharmacy-check")
    assert project.live
    assert str(project.expected_completion) == "2027-03-01"  # kept as a month
    assert [s.slug for s in project.services] == ["community-pharmacy"]
    client.logout()
    html = client.get("/register/").content.decode()
    assert "Who misses the pharmacy check?" in html and "March 2027" in html
    assert "priya.shah@example.org" not in client.get(project.url).content.decode()


def test_a_bad_email_keeps_the_form_with_the_error(client, editor, taxonomy):
    register = RegisterIndexPage.objects.get()
    client.force_login(editor)
    data = {**project_form_data(taxonomy, contact_email="not an email"), "action-publish": "action-publish"}
    response = client.post(f"/admin/pages/add/register/registeredprojectpage/{register.pk}/", data)
    assert response.status_code == 200
    assert "contact_email" in response.context["form"].errors
    assert "Who misses the pharmacy check?" in response.content.decode()  # nothing lost
    assert not RegisteredProjectPage.objects.exists()
