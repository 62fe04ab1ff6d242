"""Dashboard panels for the people who co-produce summaries.

Public advisers see "Summaries you co-author", each with where it is in the sign-off workflow and whether it waits
for them. Editors and Moderators see "Waiting for your approval": the workflow steps they can approve (Wagtail's
`TaskState.objects.reviewable_by`), in place of Wagtail's own "Awaiting your review" panel, which lists the same.
Each panel makes a fixed number of queries, whatever the number of rows. Panels for Editors only (reviews
overdue, the register's) are `EditorsPanel`s.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from evidence import roles
from evidence.models import PlainLanguageSummaryPage, PublicAdviserSignOffTask, TeamRole

PANEL_ROWS = 20


def summary_status(summary, workflow_state, sign_off_task_ids):
    """(what state the summary is in, what waits for the adviser) in plain words."""
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return "Changes requested", "Edit it and send it again"
        task = workflow_state.current_task_state.task if workflow_state.current_task_state else None
        if task is not None and task.pk in sign_off_task_ids:
            return "Waiting for public adviser sign-off", "Read it and sign it off, or request changes"
        return f"With {task.name.lower() if task else 'reviewers'}", ""
    if not summary.live:
        return "Draft, not published", "Send it for sign-off when the team is happy with it"
    if summary.has_unpublished_changes:
        return "Published, with draft changes", "Send the changes for sign-off when ready"
    return "Published", ""


class UserPanel(Component):
    """A dashboard panel of rows for the signed-in user: each panel says which rows (rows())."""

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"rows": self.rows()}


def is_editor(user):
    return user.is_superuser or roles.in_group(user, roles.EDITORS)


def rows_and_total(queryset, limit=PANEL_ROWS):
    """(the first `limit` rows, how many in all): the count is only asked for when the rows fill the panel."""
    rows = list(queryset[:limit])
    return rows, len(rows) if len(rows) < limit else queryset.count()


class EditorsPanel(UserPanel):
    """A panel only Editors and superusers see: `listing()` gives (rows, total), usually from `rows_and_total`.
    Add it with the construct_homepage_panels hook `add_for_editors`."""

    def get_context_data(self, parent_context):
        rows, total = self.listing()
        return {"rows": rows, "total": total}

    @classmethod
    def add_for_editors(cls, request, panels):
        if is_editor(request.user):
            panels.append(cls(request.user))


class CoAuthoredSummariesPanel(UserPanel):
    name = "co_authored_summaries"
    template_name = "evidence/admin/dashboard_co_authored.html"
    order = 90

    def rows(self):
        summaries = list(
            PlainLanguageSummaryPage.objects.filter(
                co_authors__user=self.user, co_authors__role=TeamRole.PUBLIC_ADVISER
            )
            .distinct()
            .order_by("-latest_revision_created_at")[:PANEL_ROWS]
        )
        states = {
            int(state.object_id): state
            for state in WorkflowState.objects.active()
            .filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id__in=[str(summary.pk) for summary in summaries],
            )
            .select_related("current_task_state__task")
        }
        sign_off_task_ids = set(PublicAdviserSignOffTask.objects.values_list("pk", flat=True))
        rows = []
        for summary in summaries:
            status, next_step = summary_status(summary, states.get(summary.pk), sign_off_task_ids)
            rows.append({"summary": summary, "status": status, "next_step": next_step})
        return rows


class WaitingForApprovalPanel(UserPanel):
    name = "waiting_for_approval"
    template_name = "evidence/admin/dashboard_waiting.html"
    order = 95

    def rows(self):
        states = (
            TaskState.objects.reviewable_by(self.user)
            .select_related("task", "workflow_state__requested_by")
            .prefetch_related("workflow_state__content_object")
            .order_by("started_at")[:PANEL_ROWS]
        )
        return [
            {"object": state.workflow_state.content_object, "state": state}
            for state in states
            if state.workflow_state.content_object is not None
        ]


def construct_panels(request, panels):
    """The construct_homepage_panels hook: add the co-production panels for the people they are for."""
    user = request.user
    if roles.in_group(user, roles.PUBLIC_ADVISERS):
        panels.append(CoAuthoredSummariesPanel(user))
    if is_editor(user) or roles.in_group(user, roles.MODERATORS):
        panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"]
        panels.append(WaitingForApprovalPanel(user))
