"""core/signed_links.py, the generic part of emailed links (used by outcomes/ and, later, register/): a token made
with one salt opens nothing else; anything changed is "forged" (400); state and age checks say "used" or
"expired" (410)."""

import datetime

import pytest
from django.core import signing
from django.utils import timezone

from core.signed_links import LinkProblem, check_age, check_state, sign, stamp, unsign

SALT = "tests.signed-links"


def problem(call, *args, **kwargs):
    with pytest.raises(LinkProblem) as caught:
        call(*args, **kwargs)
    return caught.value.status, caught.value.reason


def test_a_token_gives_back_its_state():
    moment = timezone.now()
    token = sign([7, 2, stamp(moment), 0], SALT)
    assert unsign(token, SALT) == [7, 2, stamp(moment), 0]
    assert "/" not in token and "+" not in token  # safe in a URL path


def test_a_changed_cut_or_foreign_token_is_forged():
    token = sign([7, 1], SALT)
    assert problem(unsign, token[:-2] + "xx", SALT) == (400, "forged")
    assert problem(unsign, token[:20], SALT) == (400, "forged")
    assert problem(unsign, token, "another.salt") == (400, "forged")
    assert problem(unsign, "", SALT) == (400, "forged")
    for state in ({"pk": 7}, [], ["seven"], [None], "7"):
        assert problem(unsign, signing.dumps(state, salt=SALT), SALT) == (400, "forged"), state


def test_max_age_expires_old_tokens():
    token = sign([7], SALT)
    assert unsign(token, SALT, max_age=60) == [7]
    assert problem(unsign, token, SALT, max_age=-1) == (410, "expired")


def test_check_state_makes_a_link_single_use():
    check_state([7, 1, 0], [7, 1, 0])
    assert problem(check_state, [7, 1, 0], [7, 1, 5]) == (410, "used")


def test_check_age_counts_days_from_the_email():
    sent = timezone.now() - datetime.timedelta(days=10)
    check_age(sent, 30)
    assert problem(check_age, sent, 9) == (410, "expired")
    assert problem(check_age, None, 30) == (410, "expired")
    assert problem(check_age, sent, 30, now=sent + datetime.timedelta(days=30, seconds=1)) == (410, "expired")


def test_stamp_is_the_same_moment_in_any_time_zone():
    moment = datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
    other = moment.astimezone(datetime.timezone(datetime.timedelta(hours=5)))
    assert stamp(moment) == stamp(other) and stamp(None) == 0
