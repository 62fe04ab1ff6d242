"""Projects sent by teams through the public form (register/forms.py), in the admin: the page-history entry that
marks them ("register.submitted") and the editors' dashboard panel listing those not yet published, newest first,
each linking to the normal page editor where an editor checks and publishes it. Two queries, whatever the number.

Loaded from register/wagtail_hooks.py (one import line), which Wagtail reads at start-up."""

from django.db.models import OuterRef, Subquery
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import PageLogEntry

from evidence import roles

from .forms import SUBMITTED_ACTION
from .models import RegisteredProjectPage

PANEL_ROWS = 20


@hooks.register("register_log_actions")
def register_submitted_action(actions):
    actions.register_action(SUBMITTED_ACTION, "Submitted by the team", "Submitted by the team through the public form")


def submitted_drafts(limit=PANEL_ROWS):
    """(rows, total): projects sent through the form and never published, newest first, with when they were sent."""
    entries = PageLogEntry.objects.filter(action=SUBMITTED_ACTION)
    sent_at = entries.filter(page_id=OuterRef("pk")).order_by("timestamp").values("timestamp")[:1]
    drafts = RegisteredProjectPage.objects.filter(
        live=False, first_published_at__isnull=True, pk__in=entries.values("page_id")
    )
    rows = drafts.annotate(sent_at=Subquery(sent_at)).order_by("-sent_at", "-pk")
    rows = list(rows.values("pk", "draft_title", "contact_name", "sent_at")[:limit])
    total = len(rows) if len(rows) < limit else drafts.count()
    return rows, total


class SubmittedProjectsPanel(Component):
    name = "submitted_projects"
    template_name = "register/admin/dashboard_submitted.html"
    order = 96

    def get_context_data(self, parent_context):
        rows, total = submitted_drafts()
        return {"rows": rows, "total": total}


@hooks.register("construct_homepage_panels")
def submitted_projects_panel(request, panels):
    """Editors and superusers publish projects; nobody else sees what teams sent."""
    user = request.user
    if user.is_superuser or roles.in_group(user, roles.EDITORS):
        panels.append(SubmittedProjectsPanel())
