""" "What happened next?" emails: 6, 12 and 24 months after an evaluation's completion date, the team contact of
each live, public evaluation gets one email with a signed link (core/signed_links.py) to a form; no account needed.

`ask_due_contacts(now)` does the work for `manage.py ask_what_happened_next` and the django-tasks task (tasks.py).
A milestone is due from `completed` + 6, 12 or 24 months until ASK_WINDOW later (a daily run that missed a few days
still asks; an evaluation completed years before the portal is not asked about milestones long past), and each
contact is asked once per milestone: the FollowUp row (one per evaluation and milestone) is written with the email.
The link holds the follow-up and the moments it was sent and answered: an answer changes that state, so the link
works once; it expires LINK_DAYS after the email.
"""

import calendar
import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.signed_links import check_age, check_state, sign, stamp, unsign
from portal.site_address import absolute_url

from .models import MONTHS, FollowUp, Status

logger = logging.getLogger(__name__)

ASK_WINDOW = datetime.timedelta(days=92)  # about three months to catch up on a missed milestone
LINK_DAYS = 60
SALT = "outcomes.what-happened-next"


def add_months(day, months):
    """The same day `months` later (the month's last day when it is shorter: 31 August + 6 months = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def due_milestone(completed, today):
    """The milestone (6, 12 or 24) due on `today` for an evaluation completed on `completed`, else None."""
    for months in reversed(MONTHS):
        start = add_months(completed, months)
        if start <= today:
            return months if today < start + ASK_WINDOW else None
    return None


def due_evaluations(now):
    """[(evaluation, months)] of live, public evaluations with a contact email not yet asked about that milestone.
    Two queries, whatever the number of evaluations."""
    from evidence.models import EvaluationPage

    today = timezone.localdate(now)
    earliest = add_months(today, -max(MONTHS)) - ASK_WINDOW
    candidates = (
        EvaluationPage.objects.live()
        .public()
        .filter(alias_of__isnull=True)  # an alias repeats its source's contact: ask once
        .exclude(contact_email="")
        .filter(completed__gt=earliest, completed__lte=add_months(today, -min(MONTHS)))
        .order_by("pk")
    )
    due = [(page, due_milestone(page.completed, today)) for page in candidates]
    due = [(page, months) for page, months in due if months]
    asked = set(
        FollowUp.objects.filter(evaluation__in=[page.pk for page, _ in due]).values_list("evaluation_id", "months")
    )
    return [(page, months) for page, months in due if (page.pk, months) not in asked]


def link_state(follow_up):
    return [follow_up.pk, follow_up.months, stamp(follow_up.sent_at), stamp(follow_up.answered_at)]


def answer_url(follow_up):
    """Absolute: PORTAL_BASE_URL, else the evaluation's Wagtail Site (an email has no request to take a host from)."""
    path = reverse("outcomes:answer", args=[sign(link_state(follow_up), SALT)])
    if settings.PORTAL_BASE_URL:
        return absolute_url(path)
    site = follow_up.evaluation.get_site()
    return f"{site.root_url}{path}" if site else absolute_url(path)


def follow_up_for_token(token, now=None):
    """The follow-up a token was made for, if its link may still be used; core.signed_links.LinkProblem if not.
    Forged: 400; expired, answered, or its evaluation no longer published: 410."""
    from core.signed_links import LinkProblem

    state = unsign(token, SALT)
    follow_up = FollowUp.objects.select_related("evaluation").filter(pk=state[0]).first()
    if follow_up is None or not follow_up.evaluation.live:
        raise LinkProblem(410, "gone")
    check_state(state, link_state(follow_up))
    if follow_up.status != Status.REQUESTED:
        raise LinkProblem(410, "used")
    check_age(follow_up.sent_at, LINK_DAYS, now)
    return follow_up


def question_email(follow_up):
    """(subject, text) of the email to the contact; plain words (a test checks the reading age)."""
    context = {
        "follow_up": follow_up,
        "evaluation": follow_up.evaluation,
        "url": answer_url(follow_up),
        "link_days": LINK_DAYS,
    }
    subject = f"What happened after your evaluation? {follow_up.evaluation.title}"
    return subject, render_to_string("outcomes/email/what_happened_next.txt", context)


def ask_due_contacts(now=None):
    """Email every contact with a milestone due; returns how many were sent. `now` lets tests and catch-up runs
    set the date. A mail server that refuses is logged; nothing is written, so the next run tries again."""
    now = now or timezone.now()
    sent = 0
    for evaluation, months in due_evaluations(now):
        try:
            with transaction.atomic():
                follow_up = FollowUp.objects.create(evaluation=evaluation, months=months, sent_at=now)
                subject, text = question_email(follow_up)
                # Sent inside the transaction: if sending fails no row is kept, and the next run asks again.
                send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [evaluation.contact_email])
        except IntegrityError:  # another run asked at the same moment: once is enough
            continue
        except (smtplib.SMTPException, OSError):
            logger.exception(
                "'What happened next' email for evaluation %s not sent; the next run tries again", evaluation.pk
            )
            continue
        sent += 1
    logger.info("'What happened next' emails sent: %d", sent)
    return sent
