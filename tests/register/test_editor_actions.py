"""Editors act on a flagged project from the admin (register/editor_actions.py): mark it still going (the flag goes)
or close it, from the page's header menu or the dashboard; a GET asks, the POST acts and is logged with the
editor. Public advisers and moderators get 403 and nothing changes."""

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from register import answers, reminders
from register.dashboard import unconfirmed_projects

from .test_reminders import DAY, NOW, fresh, project

pytestmark = pytest.mark.django_db


def flagged(**fields):
    page = project(**fields)
    reminders.send_reminders(now=NOW)
    reminders.send_reminders(now=NOW + 28 * DAY)
    page = fresh(page)
    assert page.not_confirmed_since
    return page


def url(page, action):
    return f"/admin/register/project/{page.pk}/{action}/"


def test_an_editor_marks_a_flagged_project_as_still_going(client, editor):
    page = flagged(title="Quiet project")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert url(page, "confirm") in html and url(page, "close") in html  # from the dashboard's flagged list
    assert url(page, "confirm") in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()  # header menu

    asked = client.get(url(page, "confirm"))
    assert asked.status_code == 200 and "Mark as still going" in asked.content.decode()
    assert fresh(page).not_confirmed_since  # a GET changes nothing

    response = client.post(url(page, "confirm"), {"next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    page = fresh(page)
    assert page.not_confirmed_since is None and page.reminders_sent == 0
    assert page.last_confirmed_at >= timezone.now() - DAY and page.closed_at is None
    entry = PageLogEntry.objects.get(page=page, action=answers.EDITOR_CONFIRMED)
    assert entry.user == editor
    assert unconfirmed_projects() == ([], 0)
    assert "Not confirmed since" not in client.get(page.url + "?fresh=1").content.decode()
    assert "Marked as still going by an editor" in client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert reminders.send_reminders(now=timezone.now() + 30 * DAY) == 0  # six months from now before the next


def test_an_editor_closes_a_project(client, editor):
    page = flagged()
    client.force_login(editor)
    response = client.post(url(page, "close"))
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/history/"
    page = fresh(page)
    assert page.closed_at is not None and page.not_confirmed_since is None
    assert PageLogEntry.objects.get(page=page, action=answers.EDITOR_CLOSED).user == editor
    assert "Closed" in client.get("/register/?fresh=1").content.decode()
    assert client.get(url(page, "confirm")).status_code == 404  # closed: nothing more to do
    assert url(page, "close") not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


@pytest.mark.parametrize("who", ["adviser", "moderator"])
@pytest.mark.parametrize("action", ["confirm", "close"])
def test_only_editors_may_act(client, request, who, action):
    page = flagged()
    person = request.getfixturevalue(who)
    client.force_login(person)
    assert client.get(url(page, action)).status_code == 403
    assert client.post(url(page, action)).status_code == 403
    after = fresh(page)
    assert after.not_confirmed_since and after.closed_at is None and after.reminders_sent == 2
    assert not PageLogEntry.objects.filter(page=page, action__startswith="register.editor").exists()


def test_bad_addresses_are_not_found_and_next_stays_on_this_site(client, editor):
    page = flagged()
    client.force_login(editor)
    assert client.get(url(page, "delete")).status_code == 404
    assert client.get(f"/admin/register/project/{page.pk + 999}/confirm/").status_code == 404
    response = client.post(url(page, "confirm"), {"next": "https://elsewhere.example/"})
    assert response["Location"] == f"/admin/pages/{page.pk}/history/"
    client.logout()
    assert client.post(url(page, "close")).status_code == 302  # to the sign-in page
    assert fresh(page).closed_at is None
