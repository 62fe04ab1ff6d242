"""Admin login lockout (django-axes) through Wagtail's own login form at /admin/login/: locked after the configured
failures for an account or from an address, released after the configured cool-off, failures listed for
superusers under Settings."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import override_settings

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
COOL_OFF_SECONDS = 2
lockout_on = override_settings(
    AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=timedelta(seconds=COOL_OFF_SECONDS)
)


def sign_in(client, username, password, address="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return client.get("/admin/").status_code == 200


def assert_locked(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) == COOL_OFF_SECONDS
    assert "<h1>Too many failed sign-in attempts</h1>" in response.content.decode()


@lockout_on
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_an_account_is_locked_after_the_failures_and_released_after_the_cool_off(client, editor):
    assert [sign_in(client, "editor", "wrong").status_code for _ in range(2)] == [200, 200]  # the form, with an error
    assert_locked(sign_in(client, "editor", "wrong"))
    assert_locked(sign_in(client, "editor", "pw"))  # the right password is refused too while locked
    assert not signed_in(client)

    time.sleep(COOL_OFF_SECONDS + 0.5)
    assert sign_in(client, "editor", "pw").status_code == 302
    assert signed_in(client)


@lockout_on
def test_the_account_is_locked_from_every_address(client, editor):
    for n in range(3):
        sign_in(client, "editor", "wrong", address=f"198.51.100.{n}")
    assert_locked(sign_in(client, "editor", "pw", address="192.0.2.99"))


@lockout_on
def test_an_address_is_locked_after_failures_on_any_accounts(client, editor):
    codes = [sign_in(client, name, "wrong", address="203.0.113.7").status_code for name in ("ann", "bob", "cat")]
    assert codes == [200, 200, 429]
    assert_locked(sign_in(client, "editor", "pw", address="203.0.113.7"))
    # The editor's own account is not locked: from another address they sign in.
    assert sign_in(client, "editor", "pw", address="192.0.2.10").status_code == 302


@lockout_on
def test_a_spoofed_forwarded_for_does_not_escape_the_address_lockout(client, editor):
    for n in range(3):
        client.post(LOGIN, {"username": f"user{n}", "password": "x"}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert_locked(client.post(LOGIN, {"username": "editor", "password": "pw"}, HTTP_X_FORWARDED_FOR="192.0.2.1"))


@lockout_on
def test_a_success_before_the_limit_starts_the_count_again(client, editor):
    for _ in range(2):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", "pw").status_code == 302
    client.logout()
    assert [sign_in(client, "editor", "wrong").status_code for _ in range(2)] == [200, 200]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


@lockout_on
def test_superusers_see_the_failures_and_can_release_a_lockout(client, editor, superuser):
    for _ in range(3):
        sign_in(client, "editor", "wrong", address="203.0.113.5")
    assert AccessFailureLog.objects.filter(username="editor").count() == 3

    client.force_login(superuser)
    failures = client.get("/admin/login-failures/")
    assert failures.status_code == 200
    body = failures.content.decode()
    assert "Login failures" in body and "editor" in body and "203.0.113.5" in body
    assert 'href="/admin/login-failures/new/' not in body
    assert "Login lockouts" in client.get("/admin/").content.decode()  # in the Settings menu

    failure = AccessFailureLog.objects.filter(username="editor").first()
    assert "203.0.113.5" in client.get(f"/admin/login-failures/inspect/{failure.pk}/").content.decode()
    assert client.get(f"/admin/login-failures/delete/{failure.pk}/").status_code in (302, 403)  # history stays

    attempt = AccessAttempt.objects.get(username="editor")
    assert client.get(f"/admin/login-lockouts/delete/{attempt.pk}/").status_code == 200
    response = client.post(f"/admin/login-lockouts/delete/{attempt.pk}/")
    assert response.status_code == 302 and not AccessAttempt.objects.exists()
    client.logout()
    assert sign_in(client, "editor", "pw", address="203.0.113.5").status_code == 302


@lockout_on
def test_nobody_but_superusers_sees_the_failures(client, editor):
    sign_in(client, "someone", "wrong")
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    for url in ("/admin/login-failures/", "/admin/login-lockouts/"):
        response = client.get(url)
        assert response.status_code in (302, 403) and b"someone" not in response.content
    assert b"/admin/login-failures/" not in client.get("/admin/").content
