"""What a project's contact can answer from a reminder link: still going, a new stage, or closed.

Every answer counts as a confirmation (the six-month clock starts again, the reminders and the flag are cleared)
and changes the link's signed state, so the link cannot be used again. Each is written to the page's history as
done by the project contact (no account: the log entry has no user; the action names the contact).
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from home import content_generation

from .models import RegisteredProjectPage
from .reminders import forget_in_cdn

CONFIRMED = "register.contact_confirmed"
STAGE_CHANGED = "register.contact_changed_stage"
CLOSED = "register.contact_closed"

LOG_ACTIONS = {
    CONFIRMED: ("Confirmed by the project contact", "The project contact confirmed that the project is still going"),
    STAGE_CHANGED: ("Stage changed by the project contact", "The project contact changed the stage and published it"),
    CLOSED: ("Closed by the project contact", "The project contact closed the project"),
}


def _answered(project, now, **extra):
    RegisteredProjectPage.objects.filter(pk=project.pk).update(last_confirmed_at=now, reminders_sent=0, **extra)
    content_generation.bump()
    forget_in_cdn(project)


@transaction.atomic
def confirm(project, now=None):
    now = now or timezone.now()
    _answered(project, now)
    log(instance=project, action=CONFIRMED, data={"contact": project.contact_name})


@transaction.atomic
def close(project, now=None):
    now = now or timezone.now()
    _answered(project, now, closed_at=now)
    log(instance=project, action=CLOSED, data={"contact": project.contact_name})


@transaction.atomic
def change_stage(project, stage, now=None):
    """A new revision of the live page with the new stage, published. An editor's unpublished draft is not
    published with it: it is saved again on top, with the new stage, so the editor finds it as they left it."""
    now = now or timezone.now()
    draft = project.get_latest_revision_as_object() if project.has_unpublished_changes else None
    project.stage = stage
    revision = project.save_revision(user=None, log_action=False, clean=False)
    # The revision publishes with the bookkeeping of the page row (with_content_json), so write it first.
    _answered(project, now)
    project.last_confirmed_at, project.reminders_sent = now, 0
    revision.publish(user=None, log_action=STAGE_CHANGED, skip_permission_checks=True)
    if draft is not None:
        draft.stage = stage
        draft.save_revision(user=None, log_action=False, clean=False)
