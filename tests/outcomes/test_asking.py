""" "What happened next?" emails (outcomes/asking.py): who is asked when (dates set explicitly), once per
milestone, never about drafts or private evaluations, the command and the task, a mail server that refuses."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from evidence.readability import measure
from outcomes import asking
from outcomes.models import FollowUp, Status
from outcomes.tasks import ask_what_happened_next

from .helpers import SECRET_EMAIL, SECRET_NAME, evaluation

pytestmark = pytest.mark.django_db

COMPLETED = datetime.date(2025, 1, 15)


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def test_milestones_are_6_12_and_24_months_after_completion():
    due = asking.due_milestone
    assert due(COMPLETED, datetime.date(2025, 7, 14)) is None
    assert due(COMPLETED, datetime.date(2025, 7, 15)) == 6
    assert due(COMPLETED, datetime.date(2026, 1, 15)) == 12
    assert due(COMPLETED, datetime.date(2027, 1, 15)) == 24
    # a missed milestone is still asked for a while, not for ever
    assert due(COMPLETED, datetime.date(2027, 1, 15) + asking.ASK_WINDOW - datetime.timedelta(days=1)) == 24
    assert due(COMPLETED, datetime.date(2027, 1, 15) + asking.ASK_WINDOW) is None
    assert due(COMPLETED, datetime.date(2026, 1, 14)) is None  # the 6-month window has passed
    assert asking.add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)


def test_each_contact_is_asked_once_at_6_12_and_24_months():
    page = evaluation(completed=COMPLETED, title="Saturday clinic")
    assert asking.ask_due_contacts(now=at(datetime.date(2025, 7, 14))) == 0
    assert asking.ask_due_contacts(now=at(datetime.date(2025, 7, 15))) == 1
    assert [m.to for m in mail.outbox] == [[SECRET_EMAIL]] and "Saturday clinic" in mail.outbox[0].subject
    assert asking.ask_due_contacts(now=at(datetime.date(2025, 7, 16))) == 0  # once per milestone
    assert asking.ask_due_contacts(now=at(datetime.date(2026, 1, 15))) == 1
    assert asking.ask_due_contacts(now=at(datetime.date(2026, 6, 1))) == 0
    assert asking.ask_due_contacts(now=at(datetime.date(2027, 1, 20))) == 1
    assert asking.ask_due_contacts(now=at(datetime.date(2027, 2, 20))) == 0
    rows = list(FollowUp.objects.filter(evaluation=page).values_list("months", "status"))
    assert rows == [(6, Status.REQUESTED), (12, Status.REQUESTED), (24, Status.REQUESTED)]
    assert len(mail.outbox) == 3


def test_drafts_private_evaluations_aliases_and_those_without_a_contact_are_not_asked():
    evaluation(completed=COMPLETED, title="Live and public")
    evaluation(completed=COMPLETED, title="A draft", live=False)
    evaluation(completed=COMPLETED, title="No contact", contact_email="")
    private = evaluation(completed=COMPLETED, title="Private")
    PageViewRestriction.objects.create(page=Page.objects.get(pk=private.pk), restriction_type="login")
    evaluation(completed=datetime.date(2019, 1, 1), title="Long ago")
    source = evaluation(completed=COMPLETED, title="Has an alias")
    source.create_alias(update_slug="the-alias")
    assert asking.ask_due_contacts(now=at(datetime.date(2025, 7, 20))) == 2
    assert sorted(m.subject for m in mail.outbox) == [
        "What happened after your evaluation? Has an alias",
        "What happened after your evaluation? Live and public",
    ]


def test_the_command_and_the_task_both_send():
    today = timezone.localdate()
    evaluation(completed=asking.add_months(today, -6), title="For the command")
    out = io.StringIO()
    call_command("ask_what_happened_next", stdout=out)
    assert out.getvalue() == "1 email sent.\n" and len(mail.outbox) == 1
    evaluation(completed=asking.add_months(today, -12), title="For the task")
    result = ask_what_happened_next.enqueue()  # no TASKS setting: run at once
    assert result.return_value == 1
    assert "For the task" in mail.outbox[1].subject


def test_the_email_is_plain_words_with_one_link():
    evaluation(completed=COMPLETED)
    asking.ask_due_contacts(now=at(datetime.date(2025, 7, 15)))
    body = mail.outbox[0].body
    assert SECRET_NAME in body and "6 months ago" in body
    assert len(re.findall(r"https?://", body)) == 1
    words = re.sub(r"https?://\S+", "", body)
    assert measure(words).reading_age <= 11, measure(words)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=9)
def test_a_mail_server_that_refuses_leaves_the_contact_due_for_the_next_run(caplog):
    evaluation(completed=COMPLETED)
    assert asking.ask_due_contacts(now=at(datetime.date(2025, 7, 15))) == 0
    assert not FollowUp.objects.exists()
    assert "not sent; the next run tries again" in caplog.text
