"""The "What happened next: answers to check" dashboard panel for Editors and superusers: answers to approve or
reject, oldest first. One query (two when the panel is full), whatever the number of answers."""

from evidence.dashboard import EditorsPanel, rows_and_total

from .models import FollowUp, Status


def waiting_answers():
    """(rows, total): dicts (pk, evaluation title, months, answered_at), oldest answer first."""
    waiting = (
        FollowUp.objects.filter(status=Status.ANSWERED)
        .order_by("answered_at", "pk")
        .values("pk", "evaluation__title", "months", "answered_at")
    )
    return rows_and_total(waiting)


class WaitingAnswersPanel(EditorsPanel):
    name = "what_happened_next_waiting"
    template_name = "outcomes/admin/dashboard_waiting.html"
    order = 99

    def listing(self):
        return waiting_answers()


add_waiting_answers_panel = WaitingAnswersPanel.add_for_editors  # the construct_homepage_panels hook
