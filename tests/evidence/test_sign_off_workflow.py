"""The summary workflow: a credited public adviser signs off (if readable enough), then an editor approves."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from devdata.factories import PlainLanguageSummaryPageFactory, paragraphs
from evidence.models import PublicAdviserSignOffTask, SummarySignOff, TeamRole
from evidence.models.workflow import SignOffRefused

HARD_TEXT = (
    "Notwithstanding considerable methodological heterogeneity, the multidisciplinary evaluation demonstrated "
    "statistically significant improvements in organisational accessibility, particularly concerning "
    "socioeconomically disadvantaged populations experiencing intersectional marginalisation, "
    "institutional discrimination and administrative complexity simultaneously."
)


def start_workflow(summary, user):
    summary.save_revision(user=user)
    workflow = summary.get_workflow()
    assert workflow is not None and workflow.name == "Plain-language summary sign-off"
    workflow.start(summary, user)
    summary.refresh_from_db()
    return summary.current_workflow_task_state


def action_names(summary, user):
    task = summary.current_workflow_task
    return {name for name, _label, _modal in task.get_actions(summary, user)}


@pytest.mark.django_db
def test_summaries_use_the_sign_off_workflow_and_evaluations_do_not(summary, evaluation):
    tasks = [task.specific for task in summary.get_workflow().tasks]
    assert isinstance(tasks[0], PublicAdviserSignOffTask)
    assert tasks[1].name == "Editor approval"
    assert evaluation.get_workflow() is None


@pytest.mark.django_db
def test_only_a_credited_public_adviser_can_sign_off(summary, adviser, other_adviser, editor, moderator):
    start_workflow(summary, adviser)
    assert "approve" in action_names(summary, adviser)
    for user in (other_adviser, editor, moderator):
        assert "approve" not in action_names(summary, user)


@pytest.mark.django_db
def test_an_adviser_credited_in_another_role_cannot_sign_off(evaluation, adviser):
    summary = PlainLanguageSummaryPageFactory(
        slug="credited-as-researcher",
        co_authors=[("Someone Else", TeamRole.PUBLIC_ADVISER, None), ("Adviser", TeamRole.RESEARCHER, adviser)],
    )
    start_workflow(summary, adviser)
    assert "approve" not in action_names(summary, adviser)


@pytest.mark.django_db
def test_sign_off_through_the_admin_records_who_and_when_then_editor_publishes(client, summary, adviser, editor):
    state = start_workflow(summary, adviser)
    client.force_login(adviser)
    url = reverse("wagtailadmin_pages:workflow_action", args=[summary.pk, "approve", state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302

    sign_off = SummarySignOff.objects.get(summary=summary)
    assert sign_off.user == adviser
    assert sign_off.name == adviser.get_full_name()
    assert sign_off.reading_age == summary.reading_age
    summary.refresh_from_db()
    assert summary.current_workflow_task.name == "Editor approval"
    assert summary.workflow_in_progress  # still awaiting the editor

    client.force_login(editor)
    next_state = summary.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[summary.pk, "approve", next_state.pk]), {"comment": ""}
    )
    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.live and not summary.workflow_in_progress
    # Readers see the dated sign-off.
    body = client.get(summary.url).content.decode()
    assert f"Signed off by {adviser.get_full_name()}" in body


@pytest.mark.django_db
def test_uncredited_adviser_posting_approve_is_refused(client, summary, adviser, other_adviser):
    state = start_workflow(summary, adviser)
    client.force_login(other_adviser)
    url = reverse("wagtailadmin_pages:workflow_action", args=[summary.pk, "approve", state.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    assert TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert not SummarySignOff.objects.exists()


@pytest.mark.django_db
def test_reading_age_above_the_limit_blocks_sign_off_with_a_clear_reason(summary, adviser, client):
    summary.body = paragraphs(HARD_TEXT, HARD_TEXT)
    state = start_workflow(summary, adviser)
    revision_summary = summary.get_latest_revision_as_object()
    assert revision_summary.reading_age > 14

    assert action_names(summary, adviser) == {"reject"}  # may still ask for changes
    task = summary.current_workflow_task
    reason = task.refusal_reason(summary, adviser)
    assert "reading age" in reason and "above the limit of 14" in reason
    with pytest.raises(SignOffRefused, match="above the limit"):
        task.on_action(state, adviser, "approve")
    assert not SummarySignOff.objects.exists()

    # The editor shows the adviser why.
    client.force_login(adviser)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[summary.pk])).content.decode()
    assert "Sign-off is not available yet" in edit


@pytest.mark.django_db
def test_the_limit_is_configurable_on_the_task(summary, adviser):
    start_workflow(summary, adviser)
    task = summary.current_workflow_task
    assert task.max_reading_age == 14
    assert "approve" in action_names(summary, adviser)
    task.max_reading_age = int(summary.get_latest_revision_as_object().reading_age) - 1
    task.save()
    summary.refresh_from_db()
    assert "approve" not in action_names(summary, adviser)


@pytest.mark.django_db
def test_requesting_changes_records_no_sign_off(summary, adviser):
    state = start_workflow(summary, adviser)
    summary.current_workflow_task.on_action(state, adviser, "reject", comment="Shorter please")
    assert not SummarySignOff.objects.exists()
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED
