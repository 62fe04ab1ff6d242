"""The evaluation page's "What happened next" timeline: approved answers only, by milestone, in one query for the
page (a Prefetch on the evaluation; rejected, unmoderated and unanswered ones are never loaded)."""

from django.db.models import Prefetch

from .models import FollowUp, Status

ATTRIBUTE = "public_follow_ups"


def public_follow_ups():
    """Prefetch approved answers into `evaluation.public_follow_ups`, earliest milestone first."""
    approved = FollowUp.objects.filter(status=Status.APPROVED).order_by("months")
    return Prefetch("follow_ups", queryset=approved, to_attr=ATTRIBUTE)
