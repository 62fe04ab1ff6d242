"""What a project's contact can answer from a reminder link (still going, a new stage, or closed), and what an
editor can do for them in the admin (register/editor_actions.py: mark it still going, or close it).

Every answer counts as a confirmation (the six-month clock starts again, the reminders and the flag are cleared)
and changes the link's signed state, so the link cannot be used again. Each is written to the page's history: a
contact's with no user (no account; the action names the contact), an editor's with the editor.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core.choices import Stage
from home import content_generation
from search.signals import projects_changed

from .models import RegisteredProjectPage
from .reminders import forget_in_cdn

CONFIRMED = "register.contact_confirmed"
STAGE_CHANGED = "register.contact_changed_stage"
STAGE_DRAFTED = "register.contact_stage_draft"
CLOSED = "register.contact_closed"
EDITOR_CONFIRMED = "register.editor_confirmed"
EDITOR_CLOSED = "register.editor_closed"

LOG_ACTIONS = {
    CONFIRMED: ("Confirmed by the project contact", "The project contact confirmed that the project is still going"),
    STAGE_CHANGED: ("Stage changed by the project contact", "The project contact changed the stage and published it"),
    STAGE_DRAFTED: (
        "Stage change from the project contact waiting for an editor",
        "The project contact changed the stage; saved as a draft, as the page has work in progress: publish it",
    ),
    CLOSED: ("Closed by the project contact", "The project contact closed the project"),
    EDITOR_CONFIRMED: ("Marked as still going by an editor", "An editor marked the project as still going"),
    EDITOR_CLOSED: ("Closed by an editor", "An editor closed the project"),
}


def _answered(project, now, **extra):
    RegisteredProjectPage.objects.filter(pk=project.pk).update(last_confirmed_at=now, reminders_sent=0, **extra)
    content_generation.bump()
    forget_in_cdn(project)


@transaction.atomic
def confirm(project, now=None, editor=None):
    """The contact (or, with `editor`, an editor for them) says the project is still going."""
    now = now or timezone.now()
    _answered(project, now)
    action = EDITOR_CONFIRMED if editor else CONFIRMED
    log(instance=project, action=action, user=editor, data={"contact": project.contact_name})


@transaction.atomic
def close(project, now=None, editor=None):
    now = now or timezone.now()
    _answered(project, now, closed_at=now)
    projects_changed([project.pk])  # out of search's "in progress" in every process (a queryset update: no signal)
    action = EDITOR_CLOSED if editor else CLOSED
    log(instance=project, action=action, user=editor, data={"contact": project.contact_name})


def has_work_in_progress(project):
    """Someone's unpublished changes, or a moderation workflow under way: the contact must not publish over it."""
    return project.has_unpublished_changes or project.workflow_in_progress


@transaction.atomic
def change_stage(project, stage, now=None):
    """The new stage, published as a new revision of the live page; True. When the page has work in progress
    (has_work_in_progress), the stage is saved instead as a draft on top of the latest revision, for an editor to
    publish (the history and the editors' dashboard say so); False."""
    now = now or timezone.now()
    data = {"contact": project.contact_name, "stage": str(Stage(stage).label)}
    if has_work_in_progress(project):
        draft = project.get_latest_revision_as_object()
        draft.stage = stage
        revision = draft.save_revision(user=None, log_action=False, clean=False)
        _answered(project, now)
        log(instance=project, action=STAGE_DRAFTED, user=None, revision=revision, data=data)
        return False
    project.stage = stage
    revision = project.save_revision(user=None, log_action=False, clean=False)
    # The revision publishes with the bookkeeping of the page row (with_content_json), so write it first.
    _answered(project, now)
    project.last_confirmed_at, project.reminders_sent = now, 0
    revision.publish(user=None, log_action=STAGE_CHANGED, skip_permission_checks=True)
    return True
