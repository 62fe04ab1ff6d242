"""The register's panels on the editors' dashboard (Editors and superusers only; added by wagtail_hooks.py), each
two queries whatever the number of projects:

- projects sent by teams through the public form (forms.py) and not yet published, newest first;
- stage changes a contact made while the page had work in progress (answers.change_stage), saved as drafts and
  not yet published, oldest first;
- projects whose reminders went unanswered, longest unconfirmed first, with the editor's actions on them."""

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import PageLogEntry

from evidence.dashboard import PANEL_ROWS, EditorsPanel, rows_and_total

from .answers import STAGE_DRAFTED
from .forms import SUBMITTED_ACTION
from .models import UNANSWERED_REMINDERS_FLAG, RegisteredProjectPage


def first_logged(action, newest=False):
    """(pages with an entry of `action`, a subquery of the timestamp of each page's first or newest one)."""
    entries = PageLogEntry.objects.filter(action=action)
    order = "-timestamp" if newest else "timestamp"
    return entries.values("page_id"), entries.filter(page_id=OuterRef("pk")).order_by(order).values("timestamp")[:1]


def submitted_drafts(limit=PANEL_ROWS):
    """(rows, total): projects sent through the form and never published, newest first, with when they were sent."""
    pages, sent_at = first_logged(SUBMITTED_ACTION)
    drafts = RegisteredProjectPage.objects.filter(live=False, first_published_at__isnull=True, pk__in=pages)
    rows = drafts.annotate(sent_at=Subquery(sent_at)).order_by("-sent_at", "-pk")
    return rows_and_total(rows.values("pk", "draft_title", "contact_name", "sent_at"), limit)


def stage_changes_waiting(limit=PANEL_ROWS):
    """(rows, total): projects with a contact's stage change saved as a draft after their last publish."""
    pages, asked_at = first_logged(STAGE_DRAFTED, newest=True)
    waiting = (
        RegisteredProjectPage.objects.filter(has_unpublished_changes=True, pk__in=pages)
        .annotate(asked_at=Subquery(asked_at))
        .filter(Q(last_published_at__isnull=True) | Q(asked_at__gt=F("last_published_at")))
    )
    return rows_and_total(waiting.order_by("asked_at", "pk").values("pk", "draft_title", "asked_at"), limit)


def unconfirmed_projects(limit=PANEL_ROWS):
    """(rows, total): live, open projects after unanswered reminders, longest unconfirmed first."""
    flagged = (
        RegisteredProjectPage.objects.live()
        .filter(closed_at__isnull=True, reminders_sent__gte=UNANSWERED_REMINDERS_FLAG)
        .annotate(since=Coalesce("last_confirmed_at", "first_published_at"))
    )
    return rows_and_total(flagged.order_by("since", "pk").values("pk", "title", "since", "reminders_sent"), limit)


class SubmittedProjectsPanel(EditorsPanel):
    name, template_name, order = "submitted_projects", "register/admin/dashboard_submitted.html", 96
    listing = staticmethod(submitted_drafts)


class StageChangesPanel(EditorsPanel):
    name, template_name, order = "register_stage_changes", "register/admin/dashboard_stage_changes.html", 97
    listing = staticmethod(stage_changes_waiting)


class UnconfirmedProjectsPanel(EditorsPanel):
    name, template_name, order = "unconfirmed_projects", "register/admin/dashboard_unconfirmed.html", 98
    listing = staticmethod(unconfirmed_projects)


PANELS = [SubmittedProjectsPanel, StageChangesPanel, UnconfirmedProjectsPanel]
