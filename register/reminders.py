""" "Still active?" reminders: every live, open project not confirmed (or, never confirmed, not published) for six
months gets an email to its contact with a signed link; a second one 4 weeks later if unanswered; after that
readers see "Not confirmed since <date>" and editors see it on their dashboard.

`send_reminders(now)` does the work for `manage.py remind_registered_projects` and the django-tasks task (tasks.py).
The link is a signed token (core/signed_links.py, its own salt) holding the project and the state it was sent in (the
reminder count and the time of the last reminder and of the last answer): any answer, or a newer reminder,
changes that state, so each link works once and an older link stops working. It expires LINK_DAYS after the
reminder that sent it. The bookkeeping is written with queryset updates (no revision, no signals): the content
generation is raised by hand, as home/content_generation.py asks, so cached pages show the new state, and a CDN in
front (FRONTEND_CACHE_BACKEND) is asked to forget the project and the listing (`forget_in_cdn`).
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.signed_links import LinkProblem, check_age, check_state, sign, stamp, unsign
from home import content_generation, frontend_purge
from portal.site_address import absolute_url

from .models import RegisteredProjectPage

logger = logging.getLogger(__name__)

CONFIRM_AFTER = datetime.timedelta(days=183)  # six months
SECOND_REMINDER_AFTER = datetime.timedelta(weeks=4)
# Once flagged, the contact is asked again every six months (an expired link must not leave them no way back).
FLAGGED_REMINDER_AFTER = CONFIRM_AFTER
LINK_DAYS = 30
SALT = "register.still-active"


def link_state(project):
    return [project.pk, project.reminders_sent, stamp(project.last_reminder_at), stamp(project.last_confirmed_at)]


def make_token(project):
    return sign(link_state(project), SALT)


def confirm_url(project):
    """Absolute: PORTAL_BASE_URL, else the project's Wagtail Site (an email has no request to take a host from)."""
    path = reverse("register_confirm:still_active", args=[make_token(project)])
    if settings.PORTAL_BASE_URL:
        return absolute_url(path)
    site = project.get_site()
    return f"{site.root_url}{path}" if site else absolute_url(path)


def project_for_token(token, now=None):
    """The live, open project a token was made for, if the link may still be used; LinkProblem otherwise."""
    state = unsign(token, SALT)
    project = RegisteredProjectPage.objects.live().filter(pk=state[0]).first()
    if project is None or project.closed_at:
        raise LinkProblem(410, "closed")
    check_state(state, link_state(project))
    check_age(project.last_reminder_at, LINK_DAYS, now)
    return project


def due_projects(now):
    """Live, open projects whose contact should get a reminder at `now`."""
    candidates = (
        RegisteredProjectPage.objects.live()
        .filter(closed_at__isnull=True)
        .annotate(since=Coalesce("last_confirmed_at", "first_published_at"))
        .filter(since__lte=now - CONFIRM_AFTER)
        .exclude(contact_email="")
        .order_by("pk")
    )
    for project in candidates:
        if project.reminders_sent == 0:
            yield project
            continue
        wait = SECOND_REMINDER_AFTER if project.reminders_sent == 1 else FLAGGED_REMINDER_AFTER
        if project.last_reminder_at <= now - wait:
            yield project


def reminder_email(project):
    """(subject, text) of the email to the project's contact; plain words (tests check the reading age)."""
    context = {
        "project": project,
        "url": confirm_url(project),
        "link_days": LINK_DAYS,
        "second": project.reminders_sent > 1,
    }
    subject = f"Is your project still going? {project.title}"
    return subject, render_to_string("register/email/still_active.txt", context)


def forget_in_cdn(project):
    """After the transaction: the project's page and the listing, which show its state (no signal does it here)."""
    if frontend_purge.enabled():
        ids = [project.pk, project.get_parent().pk]
        transaction.on_commit(lambda: frontend_purge.purge_pages(ids))


def send_reminders(now=None):
    """Email every due contact; returns how many were sent. `now` lets tests (and catch-up runs) set the date."""
    now = now or timezone.now()
    sent = 0
    for project in due_projects(now):
        project.reminders_sent += 1
        project.last_reminder_at = now
        subject, text = reminder_email(project)
        try:
            with transaction.atomic():
                RegisteredProjectPage.objects.filter(pk=project.pk).update(
                    reminders_sent=project.reminders_sent, last_reminder_at=now
                )
                # Sent inside the transaction: if sending fails the count is not raised; the next run tries again.
                send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [project.contact_email])
                if project.not_confirmed_since:
                    forget_in_cdn(project)
        except (smtplib.SMTPException, OSError):
            logger.exception("Still-active reminder for project %s not sent; the next run tries again", project.pk)
            continue
        sent += 1
    if sent:
        content_generation.bump()  # a second reminder shows "Not confirmed since" on cached pages
    logger.info("Still-active reminders sent: %d", sent)
    return sent
