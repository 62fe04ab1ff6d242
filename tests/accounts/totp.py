"""Codes as an authenticator app computes them, with django-otp's own TOTP (RFC 6238) from the secret a person
reads off the enrolment page."""

import time
from base64 import b32decode

from django_otp.oath import TOTP


def code_for(secret, steps_ahead=0):
    """The code for the 30-second step `steps_ahead` from now. A code is accepted once: the login after an
    enrolment uses the next step's code (accepted as one step of clock drift) instead of waiting 30 seconds."""
    # As a person does when the app's code is about to change: wait for the next one. A code read in the last
    # seconds of its step can reach the server in the next step, which then accepts it as one step of clock drift
    # and expects the next codes one step behind (django-otp's drift), so "the next step's code" would be refused.
    left = 30 - time.time() % 30
    if left < 6:
        time.sleep(left + 0.2)
    totp = TOTP(b32decode("".join(secret.split())))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def wrong_code(secret):
    """A well-formed code that none of the accepted steps (now, one before, one after) gives."""
    valid = {code_for(secret, step) for step in (-1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(1000000) if f"{n:06d}" not in valid)
