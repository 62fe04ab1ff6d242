"""The dashboard panels of the people who co-produce summaries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from devdata.factories import EvaluationPageFactory, PlainLanguageSummaryPageFactory
from evidence.dashboard import CoAuthoredSummariesPanel, WaitingForApprovalPanel
from evidence.models import TeamRole

pytestmark = pytest.mark.django_db


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def submit(summary, user):
    summary.save_revision(user=user)
    summary.get_workflow().start(summary, user)


def test_an_adviser_sees_the_summaries_they_co_author_and_what_waits_for_them(client, summary, adviser):
    page = dashboard(client, adviser)
    assert "Summaries you co-author" in page and summary.title in page
    assert "Waiting for public adviser sign-off" not in page

    submit(summary, adviser)
    page = dashboard(client, adviser)
    assert "Waiting for public adviser sign-off" in page
    assert "Read it and sign it off, or request changes" in page


def test_an_uncredited_adviser_is_told_how_to_be_credited(client, summary, other_adviser):
    page = dashboard(client, other_adviser)
    assert "Summaries you co-author" in page and summary.title not in page
    assert "An editor credits public advisers" in page


def test_a_moderator_sees_what_waits_for_their_approval(client, summary, adviser, moderator, editor):
    submit(summary, adviser)
    assert "Nothing is waiting for your approval" in dashboard(client, moderator)
    summary.current_workflow_task.on_action(summary.current_workflow_task_state, adviser, "approve")
    for user in (moderator, editor):
        page = dashboard(client, user)
        assert "Waiting for your approval" in page and summary.title in page
        assert "Awaiting your review" not in page  # Wagtail's panel lists the same: not shown twice
    assert "Waiting for your approval" not in dashboard(client, adviser)


@pytest.mark.parametrize("panel_class", [CoAuthoredSummariesPanel, WaitingForApprovalPanel])
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_each_panel_makes_the_same_queries_for_one_summary_or_many(rf, summary, adviser, moderator, panel_class):
    user = adviser if panel_class is CoAuthoredSummariesPanel else moderator

    def count():
        request = rf.get("/admin/")
        request.user = user
        with CaptureQueriesContext(connection) as queries:
            html = panel_class(user).render_html({"request": request, "csrf_token": ""})
        return len(queries), html

    def submit_and_sign(page):
        submit(page, adviser)
        if panel_class is WaitingForApprovalPanel:
            page.current_workflow_task.on_action(page.current_workflow_task_state, adviser, "approve")

    submit_and_sign(summary)
    count()  # warms Django's content-type cache
    one, html = count()
    assert summary.title in html
    for number in range(4):
        more = PlainLanguageSummaryPageFactory(
            slug=f"more-{number}",
            evaluation=EvaluationPageFactory(slug=f"more-evaluation-{number}"),
            co_authors=[("Adviser Tester", TeamRole.PUBLIC_ADVISER, adviser)],
        )
        submit_and_sign(more)
    many, html = count()
    assert html.count("<tr>") == 6  # a header row and five summaries
    assert many == one
