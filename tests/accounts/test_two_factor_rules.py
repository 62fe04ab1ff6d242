"""Two-factor sign-in through the real views with Django's test client: who must use it, the code after the
password, enrolment, wrong and malformed codes, the lockout shared with wrong passwords, the reset."""

from base64 import b32encode
from datetime import timedelta

import pytest
from axes.models import AccessFailureLog
from django.core.management import call_command
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.rules import must_use_two_factor
from tests.accounts.totp import code_for, wrong_code

pytestmark = pytest.mark.django_db
VERIFY = "/admin/two-factor/verify/"
SET_UP = "/admin/two-factor/set-up/"
NO_THROTTLE = override_settings(OTP_TOTP_THROTTLE_FACTOR=0)


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    return b32encode(device.bin_key).decode()


def sign_in(client, username):
    response = client.post("/admin/login/", {"username": username, "password": "pw"})
    assert response.status_code == 302, response.content[:300]
    return response


def test_who_must_use_two_factor(settings, make_user, editor, adviser, moderator):
    admin = make_user("boss", is_superuser=True)
    settings.PORTAL_REQUIRE_2FA = False
    assert not any(must_use_two_factor(user) for user in (admin, editor, moderator, adviser))
    settings.PORTAL_REQUIRE_2FA = True
    assert [must_use_two_factor(user) for user in (admin, editor, moderator, adviser)] == [True, True, True, False]


@NO_THROTTLE
def test_a_user_with_an_app_gives_the_code_before_any_admin_page(client, adviser):
    secret = enrolled(adviser)
    sign_in(client, "adviser")
    for path in ("/admin/", "/admin/pages/", "/admin/api/main/pages/", "/admin/account/", SET_UP):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith(f"{VERIFY}?next="), path

    page = client.get(f"{VERIFY}?next=/admin/pages/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert 'for="id_code"' in html

    refused = client.post(VERIFY, {"code": wrong_code(secret), "next": "/admin/pages/"})
    assert refused.status_code == 200
    assert "That code is not right" in refused.content.decode()
    assert client.get("/admin/").status_code == 302

    accepted = client.post(VERIFY, {"code": code_for(secret), "next": "/admin/pages/"})
    assert accepted.status_code == 302 and accepted.url == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


@NO_THROTTLE
@pytest.mark.parametrize("code", ["", "abc123", "12345", "1234567", "１２３４５６", "1" * 5000, "12\x0034"])
def test_malformed_codes_keep_the_form_with_a_message(client, adviser, code):
    enrolled(adviser)
    sign_in(client, "adviser")
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'name="code"' in html
    assert ("6-digit code" if "\x00" not in code else "Null characters are not allowed") in html
    assert TOTPDevice.objects.get(user=adviser).throttling_failure_count == 0  # not even tried against the app


@NO_THROTTLE
def test_spaces_in_a_code_are_fine_and_next_must_stay_on_this_site(client, adviser):
    secret = enrolled(adviser)
    sign_in(client, "adviser")
    code = code_for(secret)
    response = client.post(VERIFY, {"code": f"{code[:3]} {code[3:]}", "next": "https://attacker.example/"})
    assert response.status_code == 302 and response.url == "/admin/"


def test_wrong_codes_in_a_row_make_the_app_wait(client, adviser):
    secret = enrolled(adviser)
    sign_in(client, "adviser")
    client.post(VERIFY, {"code": wrong_code(secret)})
    response = client.post(VERIFY, {"code": code_for(secret)})  # right, but within the wait
    assert "Too many wrong codes in a row. Wait 1 second," in response.content.decode()
    assert client.get("/admin/").status_code == 302


@NO_THROTTLE
@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=timedelta(minutes=5))
def test_wrong_codes_lock_the_account_like_wrong_passwords(client, adviser):
    secret = enrolled(adviser)
    sign_in(client, "adviser")
    assert client.post(VERIFY, {"code": wrong_code(secret)}).status_code == 200
    assert client.post(VERIFY, {"code": wrong_code(secret)}).status_code == 200
    locked = client.post(VERIFY, {"code": wrong_code(secret)})
    assert locked.status_code == 429 and "Too many failed sign-in attempts" in locked.content.decode()
    assert client.get("/admin/").url.startswith("/admin/login/")  # signed out
    again = client.post("/admin/login/", {"username": "adviser", "password": "pw"})
    assert again.status_code == 429  # the right password is refused during the lockout
    failures = AccessFailureLog.objects.filter(username="adviser", path_info=VERIFY)
    assert failures.count() == 3  # listed under Settings → Login failures


def test_enrolment_when_required_before_any_other_admin_page(client, settings, editor):
    settings.PORTAL_REQUIRE_2FA = True
    sign_in(client, "editor")
    for path in ("/admin/", "/admin/pages/", "/admin/two-factor/", "/admin/account/"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith(f"{SET_UP}?next="), path

    page = client.get(f"{SET_UP}?next=/admin/pages/")
    html = page.content.decode()
    assert "must use two-factor sign-in" in html
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code is drawn here, nothing fetched
    secret = page.context["secret"]
    assert client.get(SET_UP).context["secret"] == secret  # a reload keeps the same secret

    refused = client.post(SET_UP, {"code": wrong_code(secret), "next": "/admin/pages/"})
    assert refused.status_code == 200 and "That code is not right" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()

    with override_settings(OTP_TOTP_THROTTLE_FACTOR=0):
        accepted = client.post(SET_UP, {"code": code_for(secret), "next": "/admin/pages/"})
    assert accepted.status_code == 302 and accepted.url == "/admin/pages/"
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).count() == 1
    assert client.get("/admin/").status_code == 200


def test_required_of_editors_not_of_public_advisers(client, settings, adviser):
    settings.PORTAL_REQUIRE_2FA = True
    sign_in(client, "adviser")
    assert client.get("/admin/").status_code == 200
    assert 'href="/admin/two-factor/"' in client.get("/admin/account/").content.decode()
    assert client.get("/admin/two-factor/").status_code == 200  # optional: their own page offers it


def test_off_by_default_nobody_is_asked(client, settings, editor):
    assert settings.PORTAL_REQUIRE_2FA is False
    sign_in(client, "editor")
    assert client.get("/admin/").status_code == 200


@NO_THROTTLE
def test_an_administrator_resets_a_lost_phone(client, make_user, editor, adviser):
    enrolled(adviser)
    make_user("boss", is_superuser=True)
    secret = enrolled(editor)  # an editor cannot reset anyone
    sign_in(client, "editor")
    client.post(VERIFY, {"code": code_for(secret)})
    refused = client.post(f"/admin/two-factor/reset/{adviser.pk}/")  # Wagtail: back to the dashboard, with a message
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert TOTPDevice.objects.filter(user=adviser).exists()

    client.logout()
    sign_in(client, "boss")
    assert "Reset two-factor" in client.get("/admin/users/").content.decode()
    assert client.get(f"/admin/two-factor/reset/{adviser.pk}/").status_code == 200
    response = client.post(f"/admin/two-factor/reset/{adviser.pk}/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=adviser).exists()
    assert client.get("/admin/two-factor/reset/999999/").status_code == 404


def test_reset_two_factor_command(adviser):
    enrolled(adviser)
    call_command("reset_two_factor", "adviser")
    assert not TOTPDevice.objects.filter(user=adviser).exists()
