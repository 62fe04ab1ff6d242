"""Approving or rejecting an answer: only approved answers are public, so a change of "approved" re-indexes the
evaluation (its search document carries "led to a change") and raises the content generation (cached pages, the
gap map and the facet index follow it). Each decision is logged in the evaluation's page history."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from evidence import roles
from home import content_generation, frontend_purge

from .models import Status

APPROVE = "outcomes.approve"
REJECT = "outcomes.reject"
ANSWERED = "outcomes.answered"

LOG_ACTIONS = {
    APPROVE: ("'What happened next' answer approved", "Approved a 'What happened next' answer"),
    REJECT: ("'What happened next' answer rejected", "Rejected a 'What happened next' answer"),
    ANSWERED: ("'What happened next' answered by the contact", "The team contact answered 'What happened next'"),
}


def can_moderate(user):
    """Editors and superusers only: public advisers and moderators may not make an answer public."""
    return bool(user and user.is_active and (user.is_superuser or roles.in_group(user, roles.EDITORS)))


def evaluation_changed(evaluation_id):
    """Cached pages are stale now, and a CDN in front (FRONTEND_CACHE_BACKEND) forgets the page after commit. (The
    search index and the facet index follow the answer's own save: search/signals.py.)"""
    content_generation.bump()
    if frontend_purge.enabled():  # a CDN in front forgets the page (no page signal says it changed)
        transaction.on_commit(lambda: frontend_purge.purge_pages([evaluation_id]), robust=True)


@transaction.atomic
def decide(follow_up, status, user):
    """Set the answer's moderation status (APPROVED or REJECTED) and log it; re-index when 'approved' changes."""
    if status not in (Status.APPROVED, Status.REJECTED):
        raise ValueError(status)
    was_public = follow_up.status == Status.APPROVED
    follow_up.status = status
    follow_up.moderated_at = timezone.now()
    follow_up.moderated_by = user
    follow_up.save(update_fields=["status", "moderated_at", "moderated_by"])
    data = {"months": follow_up.months, "follow_up": follow_up.pk}
    log(follow_up.evaluation, APPROVE if status == Status.APPROVED else REJECT, user=user, data=data)
    if was_public or status == Status.APPROVED:
        evaluation_changed(follow_up.evaluation_id)
    return follow_up


def approve(follow_up, user):
    return decide(follow_up, Status.APPROVED, user)


def reject(follow_up, user):
    return decide(follow_up, Status.REJECTED, user)
