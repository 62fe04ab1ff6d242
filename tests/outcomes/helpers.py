"""Evaluations with a team contact, and follow-ups in each state, for the 'What happened next' tests."""

import datetime
import re

from django.utils import timezone

from devdata.factories import EvaluationPageFactory
from outcomes.models import Changed, FollowUp, Status

SECRET_EMAIL = "team.contact.private@example.org"
SECRET_NAME = "Morgan Hidden-Contact"


def evaluation(completed=datetime.date(2024, 3, 1), **fields):
    fields.setdefault("contact_name", SECRET_NAME)
    fields.setdefault("contact_email", SECRET_EMAIL)
    fields.setdefault("period_start", completed - datetime.timedelta(days=365))
    fields.setdefault("period_end", completed - datetime.timedelta(days=30))
    return EvaluationPageFactory(completed=completed, **fields)


def follow_up(page, months=6, status=Status.APPROVED, changed=Changed.YES, answered=None, **texts):
    answered = answered or timezone.now()
    texts.setdefault("what_changed", f"The clinic opened on Saturdays ({months} months).")
    return FollowUp.objects.create(
        evaluation=page,
        months=months,
        sent_at=answered - datetime.timedelta(days=3),
        answered_at=None if status == Status.REQUESTED else answered,
        changed="" if status == Status.REQUESTED else changed,
        status=status,
        **texts,
    )


def link_in(message):
    return re.search(r"https?://\S+/what-happened-next/\S+/", message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)
