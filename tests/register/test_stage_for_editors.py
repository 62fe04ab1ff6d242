"""A contact's new stage never publishes over work in progress (register/answers.py `change_stage`): when the page
has an editor's unpublished changes, or is in a moderation workflow, the stage is saved as a draft on top of the
latest revision, logged in the history, listed on the editors' dashboard, and the contact is told an editor will add
it. With neither, it is published (tests/register/test_reminders.py)."""

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import GroupApprovalTask, PageLogEntry, Workflow, WorkflowTask

from core.choices import Stage
from evidence import roles
from register import answers, reminders
from register.dashboard import stage_changes_waiting

from .test_reminders import fresh, link_in, path_of, project

pytestmark = pytest.mark.django_db


def answer_with_stage(client, page, stage):
    reminders.send_reminders(now=timezone.now())
    url = path_of(link_in(mail.outbox[-1]))
    response = client.post(url, {"action": "stage", "stage": stage}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def assert_waiting_for_an_editor(client, page, thanks):
    assert "an editor will add the new stage" in thanks and "now shows the new stage" not in thanks
    page = fresh(page)
    assert page.stage == Stage.DO  # readers still see the published stage
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().stage == Stage.SHARE
    assert page.last_confirmed_at is not None and page.reminders_sent == 0  # the answer still confirms
    assert not PageLogEntry.objects.filter(page=page, action=answers.STAGE_CHANGED).exists()
    entry = PageLogEntry.objects.get(page=page, action=answers.STAGE_DRAFTED)
    assert entry.user is None and entry.revision_id == page.latest_revision_id and entry.data["stage"] == "Share"
    assert "Share" not in client.get(page.url + "?fresh=1").content.decode()
    rows, total = stage_changes_waiting()
    assert total == 1 and rows[0]["pk"] == page.pk
    return page


def test_an_editors_unpublished_draft_gets_the_stage_as_a_draft(client, editor):
    page = project(stage=Stage.DO, title="Live title")
    page.title = "Draft title from an editor"
    page.save_revision()
    thanks = answer_with_stage(client, page, Stage.SHARE)

    page = assert_waiting_for_an_editor(client, page, thanks)
    assert page.title == "Live title"
    assert page.get_latest_revision_as_object().title == "Draft title from an editor"  # their work kept
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Register: stage changes waiting for you" in html and "Draft title from an editor" in html
    assert "Stage change from the project contact" in client.get(f"/admin/pages/{page.pk}/history/").content.decode()

    page.get_latest_revision().publish(user=editor)  # the editor publishes: it leaves the panel
    assert fresh(page).stage == Stage.SHARE and stage_changes_waiting() == ([], 0)


def test_a_page_in_a_moderation_workflow_gets_the_stage_as_a_draft(client, moderator):
    workflow = Workflow.objects.create(name="Register approval")
    task = GroupApprovalTask.objects.create(name="Moderator approval")
    task.groups.set([moderator.groups.get(name=roles.MODERATORS)])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page = project(stage=Stage.DO)
    page.save_revision().publish()  # submitted with nothing unpublished: only the workflow holds it
    page = fresh(page)
    assert not page.has_unpublished_changes
    workflow.start(page, moderator)
    thanks = answer_with_stage(client, page, Stage.SHARE)

    page = assert_waiting_for_an_editor(client, page, thanks)
    assert page.workflow_in_progress  # the workflow goes on; approving it publishes the stage with the rest
    page.current_workflow_task_state.approve(user=moderator)
    assert fresh(page).stage == Stage.SHARE and stage_changes_waiting() == ([], 0)


def test_the_stage_changes_panel_is_for_editors_only(client, editor, adviser, moderator):
    page = project(stage=Stage.DO, title="Live title")
    page.save_revision()
    answer_with_stage(client, page, Stage.SHARE)
    client.force_login(editor)
    assert "Register: stage changes waiting for you" in client.get("/admin/").content.decode()
    for person in (adviser, moderator):
        client.force_login(person)
        assert "Register: stage changes waiting for you" not in client.get("/admin/").content.decode()
