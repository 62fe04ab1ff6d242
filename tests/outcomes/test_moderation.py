"""Moderation of 'What happened next' answers: only Editors and superusers see and decide; each decision is logged
on the evaluation, raises the content generation and re-indexes the evaluation; the dashboard panel lists answers
waiting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from home import content_generation
from outcomes.acted_on import acted_on_evaluation_ids
from outcomes.dashboard import waiting_answers
from outcomes.models import Changed, FollowUp, Status
from tests.home.test_frontend_purge import proxy  # noqa: F401  (a real HTTP server receiving the PURGE requests)

from .helpers import evaluation, follow_up

pytestmark = pytest.mark.django_db


def answered(**fields):
    return follow_up(evaluation(**fields), status=Status.ANSWERED)


def test_an_editor_sees_the_answer_and_approves_it(client, editor, django_capture_on_commit_callbacks):
    answer = answered(title="Saturday clinic")
    client.force_login(editor)
    listing = client.get("/admin/what-happened-next/").content.decode()
    assert "Saturday clinic" in listing
    page = client.get(f"/admin/what-happened-next/inspect/{answer.pk}/").content.decode()
    assert answer.what_changed in page and "Approve and show it" in page
    generation = content_generation.current()[0]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:  # the re-index runs after commit
        response = client.post(f"/admin/what-happened-next/moderate/{answer.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    # search/indexing.py re-indexes the evaluation (its "led to a change"): tests/search/test_led_to_change.py
    # shows the effect on every backend.
    assert any("reindex_evaluation_after_commit" in getattr(c, "__qualname__", "") for c in callbacks), callbacks
    stored = FollowUp.objects.get(pk=answer.pk)
    assert stored.status == Status.APPROVED and stored.moderated_by == editor and stored.moderated_at
    assert content_generation.current()[0] > generation
    entry = PageLogEntry.objects.get(page=answer.evaluation_id, action="outcomes.approve")
    assert entry.user == editor and entry.data["months"] == 6
    assert list(acted_on_evaluation_ids()) == [answer.evaluation_id]

    client.post(f"/admin/what-happened-next/moderate/{answer.pk}/", {"decision": "reject"})
    assert FollowUp.objects.get(pk=answer.pk).status == Status.REJECTED
    assert PageLogEntry.objects.filter(page=answer.evaluation_id, action="outcomes.reject").exists()
    assert list(acted_on_evaluation_ids()) == []


@pytest.mark.parametrize("who", ["adviser", "moderator"])
def test_public_advisers_and_moderators_cannot_see_or_approve(client, request, who):
    answer = answered()
    client.force_login(request.getfixturevalue(who))
    assert client.get("/admin/what-happened-next/").status_code in (302, 403)
    assert client.get(f"/admin/what-happened-next/inspect/{answer.pk}/").status_code in (302, 403)
    response = client.post(f"/admin/what-happened-next/moderate/{answer.pk}/", {"decision": "approve"})
    assert response.status_code in (302, 403)
    assert FollowUp.objects.get(pk=answer.pk).status == Status.ANSWERED
    assert "what-happened-next" not in client.get("/admin/").content.decode()


def test_anonymous_people_are_sent_to_the_login(client):
    answer = answered()
    response = client.post(f"/admin/what-happened-next/moderate/{answer.pk}/", {"decision": "approve"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert FollowUp.objects.get(pk=answer.pk).status == Status.ANSWERED


def test_an_unanswered_request_or_no_decision_changes_nothing(client, editor):
    asked = follow_up(evaluation(), status=Status.REQUESTED)
    waiting = answered()
    client.force_login(editor)
    client.post(f"/admin/what-happened-next/moderate/{asked.pk}/", {"decision": "approve"})
    client.post(f"/admin/what-happened-next/moderate/{waiting.pk}/", {"decision": "publish-everything"})
    assert FollowUp.objects.get(pk=asked.pk).status == Status.REQUESTED
    assert FollowUp.objects.get(pk=waiting.pk).status == Status.ANSWERED
    assert client.get(f"/admin/what-happened-next/moderate/{waiting.pk}/").status_code == 405
    assert client.post("/admin/what-happened-next/moderate/999999/", {"decision": "approve"}).status_code == 404


def test_acted_on_counts_only_approved_answers_that_say_something_changed():
    yes = follow_up(evaluation(), status=Status.APPROVED, changed=Changed.YES)
    follow_up(yes.evaluation, months=12, status=Status.APPROVED, changed=Changed.YES)  # counted once
    follow_up(evaluation(), status=Status.APPROVED, changed=Changed.NOT_YET)
    follow_up(evaluation(), status=Status.ANSWERED, changed=Changed.YES)
    follow_up(evaluation(), status=Status.REJECTED, changed=Changed.YES)
    assert list(acted_on_evaluation_ids()) == [yes.evaluation_id]


def test_the_dashboard_panel_lists_answers_waiting_in_one_query(client, editor, adviser):
    for number in range(3):
        answered(title=f"Waiting answer {number}")
    follow_up(evaluation(title="Already approved"), status=Status.APPROVED)
    with CaptureQueriesContext(connection) as queries:
        rows, total = waiting_answers()
    assert total == 3 and len(rows) == 3 and len(queries) == 1
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "What happened next: answers to check" in html and "Waiting answer" in html
    assert "Already approved" not in html
    client.force_login(adviser)
    assert "What happened next: answers to check" not in client.get("/admin/").content.decode()


def test_a_cdn_in_front_forgets_the_evaluation_page(client, editor, proxy, django_capture_on_commit_callbacks):  # noqa: F811
    answer = answered()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/what-happened-next/moderate/{answer.pk}/", {"decision": "approve"})
    assert f"localhost{answer.evaluation.url}" in proxy
