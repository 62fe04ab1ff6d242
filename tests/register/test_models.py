"""Registered projects: where they live, what they hold, what a project's page shows and what it never shows."""

import datetime

import pytest
from wagtail.models import Page

from core.choices import Stage, TeamRole
from devdata.factories import EvaluationPageFactory
from register.models import RegisteredProjectPage, RegisterIndexPage

from .factories import SECRET_EMAIL, RegisteredProjectPageFactory

pytestmark = pytest.mark.django_db


def test_the_register_page_exists_at_register_under_home(client):
    register = RegisterIndexPage.objects.get()
    assert register.url == "/register/"
    assert register.get_parent().specific_class.__name__ == "HomePage"
    assert RegisterIndexPage.parent_page_types == ["home.HomePage"] and RegisterIndexPage.max_count == 1
    assert RegisteredProjectPage.parent_page_types == ["register.RegisterIndexPage"]
    assert client.get("/register/").status_code == 200


def test_expected_completion_is_kept_as_a_month():
    project = RegisteredProjectPageFactory(expected_completion=datetime.date(2027, 3, 17))
    project.full_clean()
    assert project.expected_completion == datetime.date(2027, 3, 1)


def test_a_project_page_shows_team_stage_completion_and_taxonomy(client, taxonomy):
    project = RegisteredProjectPageFactory(
        title="Who misses their pharmacy check?",
        stage=Stage.ANALYSE,
        expected_completion=datetime.date(2027, 9, 1),
        services=[taxonomy["pharmacy"]],
        equity_dimensions=[taxonomy["core20"]],
        places=[taxonomy["place"]],
        team=[
            ("Grace Okafor", TeamRole.PUBLIC_ADVISER, ""),
            ("Alan Fry", TeamRole.PUBLIC_ADVISER, ""),
            ("Dr Ben Hale", TeamRole.RESEARCHER, "Westmoor University"),
        ],
    )
    html = client.get(project.url).content.decode()
    assert "Who misses their pharmacy check?" in html
    assert "including 2 public advisers: Grace Okafor and Alan Fry" in html
    assert "Westmoor University" in html and "Researcher" in html
    assert "Analyse" in html
    assert "September 2027" in html
    assert "Community pharmacy" in html and "Core20" in html and "Northshore" in html
    assert "Pat Contact" in html
    assert SECRET_EMAIL not in html
    assert "Evaluation published" not in html


def test_a_linked_evaluation_shows_only_when_a_reader_may_see_it(client):
    published = EvaluationPageFactory(title="Open report")
    project = RegisteredProjectPageFactory(stage=Stage.SHARE, published_evaluation=published)
    html = client.get(project.url + "?fresh=1").content.decode()
    assert "Evaluation published: " in html and f'href="{published.url}"' in html and "Open report" in html

    draft = EvaluationPageFactory(title="Unfinished report", live=False)
    hidden = RegisteredProjectPageFactory(stage=Stage.SHARE, published_evaluation=draft)
    html = client.get(hidden.url).content.decode()
    assert "Evaluation published" not in html and "Unfinished report" not in html


def test_the_contact_email_is_in_no_reader_surface(client):
    project = RegisteredProjectPageFactory()
    for url in ("/register/", project.url, "/", "/sitemap.xml", "/search/?q=Project", "/api/v1/"):
        response = client.get(url)
        assert SECRET_EMAIL not in response.content.decode(errors="replace"), url


def test_the_register_is_searched_as_in_progress_without_the_contact_email():
    from search.backends.engine.fields import PAGE_MODELS

    assert RegisteredProjectPage in PAGE_MODELS and RegisteredProjectPage.doc_type == "in-progress"
    names = {field.field_name for field in RegisteredProjectPage.search_fields}
    assert "contact_email" not in names and "search_doc_type" in names


def test_deleting_the_linked_evaluation_keeps_the_project():
    evaluation = EvaluationPageFactory()
    project = RegisteredProjectPageFactory(published_evaluation=evaluation)
    Page.objects.get(pk=evaluation.pk).delete()
    project.refresh_from_db()
    assert project.published_evaluation_id is None


def test_an_editor_opens_the_admin_forms_and_a_draft_stays_hidden(client, editor):
    register = RegisterIndexPage.objects.get()
    client.force_login(editor)
    add = client.get(f"/admin/pages/add/register/registeredprojectpage/{register.pk}/")
    assert add.status_code == 200
    assert 'name="contact_email"' in add.content.decode()  # editors see and edit the contact's email
    draft = RegisteredProjectPageFactory(title="Not yet", live=False)
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code == 200
    client.logout()
    assert client.get(draft.url).status_code == 404
    assert "Not yet" not in client.get("/register/").content.decode()
