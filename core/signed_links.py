"""Signed links in emails that need no account: a `django.core.signing` token holding an object's "state".

The state is a short list of numbers: the object's pk and whatever changes when the link is used or overtaken
(a count, `stamp()`s of the last send and the last answer). The view recomputes the state from the database and
`check_state` refuses a link whose state is no longer current, so each link works once and an older link stops
working when a newer one is sent. Each use has its own salt, so a token made for one purpose never opens another.

    token = sign(state, SALT)
    state = unsign(token, SALT)           # LinkProblem(400, "forged") if not one of ours
    check_state(state, current_state)     # LinkProblem(410, "used") if used or overtaken
    check_age(sent_at, LINK_DAYS, now)    # LinkProblem(410, "expired") if older than that
"""

import datetime

from django.core import signing
from django.utils import timezone

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class LinkProblem(Exception):
    """Why a link cannot be used: `status` 400 (not one of ours) or 410 (expired, used or overtaken)."""

    def __init__(self, status, reason):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def stamp(moment):
    """Whole microseconds since 1970: the same for a moment whatever its time zone or database round trip."""
    return (moment - EPOCH) // datetime.timedelta(microseconds=1) if moment else 0


def sign(state, salt):
    """A URL-safe token for `state` (a list of numbers)."""
    return signing.dumps(list(state), salt=salt, compress=True)


def unsign(token, salt, max_age=None):
    """The state a token was made with, its first item an int (the object's pk). LinkProblem(400, "forged") for
    anything we did not sign with this salt; with `max_age` (seconds or a timedelta since signing), LinkProblem(410,
    "expired") for an older token."""
    try:
        state = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkProblem(410, "expired") from None
    except signing.BadSignature:
        raise LinkProblem(400, "forged") from None
    if not isinstance(state, list) or not state:
        raise LinkProblem(400, "forged")
    try:
        state[0] = int(state[0])
    except (TypeError, ValueError):
        raise LinkProblem(400, "forged") from None
    return state


def check_state(state, current):
    """LinkProblem(410, "used") unless the link's state is still the object's state: answered or overtaken."""
    if list(state) != list(current):
        raise LinkProblem(410, "used")


def check_age(sent_at, days, now=None):
    """LinkProblem(410, "expired") when the email was sent more than `days` days before `now` (or never)."""
    if sent_at is None or (now or timezone.now()) > sent_at + datetime.timedelta(days=days):
        raise LinkProblem(410, "expired")
