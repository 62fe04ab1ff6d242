""" "What happened next?" answers from the emailed link (outcomes/views.py, forms.py): GET changes nothing, POST
stores once; bad input keeps everything; forged links 400, expired, used or unpublished 410, never a 500."""

import datetime

import pytest
from django.core import mail, signing
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageLogEntry

from core.signed_links import LinkProblem, sign, stamp
from outcomes import asking
from outcomes.forms import TEXT_LIMIT
from outcomes.models import FollowUp, Status

from .helpers import evaluation, link_in, path_of

pytestmark = pytest.mark.django_db

ANSWER = {
    "changed": "yes",
    "what_changed": "The clinic now opens on Saturday mornings.",
    "for_whom": "People who work in the week.",
    "what_was_learned": "Ask people when they can come.",
    "how_it_was_shared": "A talk at the team meeting.",
}


def asked(**fields):
    """An evaluation whose contact was just emailed; (follow-up, the link's path)."""
    page = evaluation(completed=asking.add_months(timezone.localdate(), -6), **fields)
    assert asking.ask_due_contacts() == 1
    return FollowUp.objects.get(evaluation=page), path_of(link_in(mail.outbox[-1]))


def test_a_get_changes_nothing_and_a_post_stores_the_answer_once(client):
    follow_up, url = asked(title="Saturday clinic")
    html = client.get(url).content.decode()
    assert "What happened after your evaluation?" in html and "Saturday clinic" in html
    assert "Did anything change because of this evaluation?" in html
    assert FollowUp.objects.get(pk=follow_up.pk).status == Status.REQUESTED  # mail scanners open links

    response = client.post(url, ANSWER)
    assert response.status_code == 302 and response["Location"].endswith(f"/thank-you/{follow_up.evaluation_id}/")
    stored = FollowUp.objects.get(pk=follow_up.pk)
    assert stored.status == Status.ANSWERED and stored.answered_at is not None
    assert stored.led_to_change and stored.what_changed == ANSWER["what_changed"]
    assert stored.how_it_was_shared == ANSWER["how_it_was_shared"]
    assert PageLogEntry.objects.filter(page=follow_up.evaluation_id, action="outcomes.answered").exists()
    assert "Answer sent" in client.get(response["Location"]).content.decode()

    # the link worked once
    again = client.post(url, {**ANSWER, "what_changed": "Something else"})
    assert again.status_code == 410 and "This link has been used already" in again.content.decode()
    assert client.get(url).status_code == 410
    assert FollowUp.objects.get(pk=follow_up.pk).what_changed == ANSWER["what_changed"]


def test_not_yet_and_no_need_no_text_and_do_not_count_as_a_change(client):
    follow_up, url = asked()
    assert client.post(url, {"changed": "not_yet"}).status_code == 302
    stored = FollowUp.objects.get(pk=follow_up.pk)
    assert stored.changed == "not_yet" and not stored.led_to_change and stored.status == Status.ANSWERED


@pytest.mark.parametrize(
    "data, error",
    [
        ({**ANSWER, "changed": ""}, "Select yes, no or not yet"),
        ({**ANSWER, "changed": "maybe"}, "Select yes, no or not yet"),
        ({**ANSWER, "what_changed": "  "}, "Enter what changed, or select ‘No’ or ‘Not yet’"),
        ({**ANSWER, "for_whom": "x" * (TEXT_LIMIT + 1)}, "‘Who did it change things for?’ must be 2,000 characters"),
    ],
)
def test_bad_input_shows_the_form_again_with_an_error_summary_and_everything_kept(client, data, error):
    follow_up, url = asked()
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and error in html and "<title>Error:" in html
    for name in ("what_changed", "for_whom", "what_was_learned", "how_it_was_shared"):
        if data[name].strip() and len(data[name]) < 100:
            assert data[name] in html, name
    assert FollowUp.objects.get(pk=follow_up.pk).status == Status.REQUESTED  # nothing stored
    assert client.post(url, ANSWER).status_code == 302  # and the link still works


def test_a_forged_link_gets_a_clear_400_page(client):
    follow_up, url = asked()
    token = url.rstrip("/").rsplit("/", 1)[1]
    for bad in (token[:-3] + "abc", "nonsense", signing.dumps([follow_up.pk], salt="another.purpose")):
        response = client.get(f"/what-happened-next/{bad}/")
        assert response.status_code == 400 and "This link is not complete" in response.content.decode(), bad
    for state in (["x"], [], {"pk": 1}):  # ours, but not a follow-up's state
        response = client.post(f"/what-happened-next/{sign(state, asking.SALT) if state else 'e30'}/", ANSWER)
        assert response.status_code == 400


def test_an_expired_link_gets_a_clear_410_page(client):
    follow_up, url = asked()
    FollowUp.objects.filter(pk=follow_up.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=asking.LINK_DAYS, minutes=1)
    )
    response = client.get(url)  # the sent_at in the link no longer matches either: refused as used or expired
    assert response.status_code == 410
    # the link of an email sent LINK_DAYS ago, state intact
    sent = FollowUp.objects.get(pk=follow_up.pk)
    token = sign([sent.pk, sent.months, stamp(sent.sent_at), 0], asking.SALT)
    response = client.post(f"/what-happened-next/{token}/", ANSWER)
    assert response.status_code == 410 and "This link is too old" in response.content.decode()
    assert FollowUp.objects.get(pk=follow_up.pk).status == Status.REQUESTED


def test_an_unpublished_evaluation_link_gets_a_410_page(client):
    follow_up, url = asked()
    follow_up.evaluation.unpublish()
    response = client.get(url)
    assert response.status_code == 410 and "no longer on our website" in response.content.decode()


@override_settings(RATE_LIMITS={"outcomes": "2/h"})
def test_answers_are_rate_limited_per_client_but_opening_the_link_is_not(client, settings):
    _, url = asked()
    for _ in range(2):
        client.post(url, {"changed": ""})
    assert client.post(url, {"changed": ""}).status_code == 429
    assert client.get(url).status_code == 200


def test_the_answer_and_thank_you_pages_are_within_the_query_budget(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    follow_up, url = asked()
    client.get(url)  # warms each process's memos (site, settings)
    counts = {}
    for name, address in (("answer", url), ("thanks", f"/what-happened-next/thank-you/{follow_up.evaluation_id}/")):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        counts[name] = len(captured)
    with CaptureQueriesContext(connection) as captured:
        assert client.post(url, {"changed": ""}).status_code == 200  # the form again, with errors
    counts["errors"] = len(captured)
    assert max(counts.values()) <= 12, counts


def test_two_posts_of_one_link_at_once_store_one_answer():
    from outcomes.forms import AnswerForm

    follow_up, _ = asked()
    first = AnswerForm(data=ANSWER, instance=FollowUp.objects.get(pk=follow_up.pk))
    second = AnswerForm(data={**ANSWER, "what_changed": "Second"}, instance=FollowUp.objects.get(pk=follow_up.pk))
    assert first.is_valid() and second.is_valid()  # both read the link while it waited for an answer
    first.save_answer()
    with pytest.raises(LinkProblem):
        second.save_answer()
    assert FollowUp.objects.get(pk=follow_up.pk).what_changed == ANSWER["what_changed"]
