"""Admin: the history entries of a contact's answers, and the dashboard panel of projects whose reminders went
unanswered (Editors and superusers)."""

from django.db.models.functions import Coalesce
from wagtail import hooks
from wagtail.admin.ui.components import Component

from evidence import roles

from . import submission_admin  # noqa: F401  the public form's log action and editors' panel
from .answers import LOG_ACTIONS
from .models import UNANSWERED_REMINDERS_FLAG, RegisteredProjectPage

PANEL_ROWS = 20


@hooks.register("register_log_actions")
def register_contact_answers(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


def unconfirmed_projects(limit=PANEL_ROWS):
    """(rows, total): live, open projects after unanswered reminders, longest unconfirmed first. Two queries."""
    flagged = (
        RegisteredProjectPage.objects.live()
        .filter(closed_at__isnull=True, reminders_sent__gte=UNANSWERED_REMINDERS_FLAG)
        .annotate(since=Coalesce("last_confirmed_at", "first_published_at"))
    )
    rows = list(flagged.order_by("since", "pk").values("pk", "title", "since", "reminders_sent")[:limit])
    total = len(rows) if len(rows) < limit else flagged.count()
    return rows, total


class UnconfirmedProjectsPanel(Component):
    name = "unconfirmed_projects"
    template_name = "register/admin/dashboard_unconfirmed.html"
    order = 98

    def get_context_data(self, parent_context):
        rows, total = unconfirmed_projects()
        return {"rows": rows, "total": total}


@hooks.register("construct_homepage_panels")
def unconfirmed_projects_panel(request, panels):
    user = request.user
    if user.is_superuser or roles.in_group(user, roles.EDITORS):
        panels.append(UnconfirmedProjectsPanel())
