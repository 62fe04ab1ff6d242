"""The role × action matrix: who may do what to which page, and what the public can see."""

import pytest
from django.urls import reverse

from devdata.factories import EvaluationPageFactory, PlainLanguageSummaryPageFactory
from evidence.models import EvaluationIndexPage, SummaryIndexPage
from tests.admin_forms import summary_form_data

ACTIONS = ["can_edit", "can_publish", "can_unpublish", "can_delete", "can_move", "can_lock"]

# role -> page kind -> actions allowed
MATRIX = {
    "editor": {"summary": set(ACTIONS), "evaluation": set(ACTIONS)},
    "adviser": {"summary": {"can_edit"}, "evaluation": set()},
    "moderator": {"summary": set(), "evaluation": set()},
}


@pytest.fixture
def draft_summary(evaluation, adviser):
    return PlainLanguageSummaryPageFactory(slug="draft-summary", live=False)


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(MATRIX))
@pytest.mark.parametrize("kind", ["summary", "evaluation"])
def test_role_action_matrix(request, role, kind, summary, evaluation):
    user = request.getfixturevalue(role)
    page = {"summary": summary, "evaluation": evaluation}[kind]
    tester = page.permissions_for_user(user)
    allowed = {action for action in ACTIONS if getattr(tester, action)()}
    assert allowed == MATRIX[role][kind]


@pytest.mark.django_db
def test_adviser_cannot_delete_or_move_even_a_draft(adviser, draft_summary):
    tester = draft_summary.permissions_for_user(adviser)
    assert tester.can_edit()
    assert not tester.can_delete()
    assert not tester.can_move()
    assert not tester.can_publish()


@pytest.mark.django_db
def test_adviser_can_add_summaries_but_not_evaluations(adviser, editor):
    summaries = SummaryIndexPage.objects.get()
    evaluations = EvaluationIndexPage.objects.get()
    assert summaries.permissions_for_user(adviser).can_add_subpage()
    assert not evaluations.permissions_for_user(adviser).can_add_subpage()
    assert evaluations.permissions_for_user(editor).can_add_subpage()


@pytest.mark.django_db
def test_adviser_publish_request_does_not_publish(client, adviser, draft_summary):
    client.force_login(adviser)
    url = reverse("wagtailadmin_pages:edit", args=[draft_summary.pk])
    data = summary_form_data(
        "Adviser tried to publish", draft_summary.slug, draft_summary.evaluation, [("A", "public-adviser", adviser)]
    )
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code in (200, 302, 403)
    draft_summary.refresh_from_db()
    assert not draft_summary.live
    # The edit itself is kept as a draft: nothing the adviser typed is lost.
    assert draft_summary.get_latest_revision_as_object().title == "Adviser tried to publish"


@pytest.mark.django_db
def test_adviser_delete_and_move_requests_are_refused(client, adviser, summary):
    client.force_login(adviser)
    delete = client.post(reverse("wagtailadmin_pages:delete", args=[summary.pk]))
    assert delete.status_code in (302, 403)
    assert type(summary).objects.filter(pk=summary.pk).exists()
    move = client.get(reverse("wagtailadmin_pages:move", args=[summary.pk]))
    assert move.status_code in (302, 403)


@pytest.mark.django_db
def test_adviser_cannot_edit_an_evaluation_in_the_admin(client, adviser, evaluation):
    client.force_login(adviser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[evaluation.pk]))
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_adviser_can_open_a_summary_in_the_editor(client, adviser, summary):
    client.force_login(adviser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[summary.pk]))
    assert response.status_code == 200
    # The editor's action menu offers no publishing to an adviser.
    assert b'name="action-publish"' not in response.content


@pytest.mark.django_db
def test_anonymous_users_never_see_drafts(client, taxonomy):
    draft = EvaluationPageFactory(title="Secret draft evaluation", slug="secret-draft", live=False)
    assert client.get("/evaluations/secret-draft/").status_code == 404
    assert b"Secret draft evaluation" not in client.get("/evaluations/").content
    assert b"Secret draft evaluation" not in client.get("/").content
    # Unpublished changes on a live page stay private too.
    live = EvaluationPageFactory(title="Public title", slug="public-one")
    live.title = "Unpublished new title"
    live.save_revision()
    body = client.get(live.url).content
    assert b"Public title" in body and b"Unpublished new title" not in body
    assert draft.pk


@pytest.mark.django_db
def test_anonymous_users_cannot_preview_or_reach_the_admin(client, summary):
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[summary.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
