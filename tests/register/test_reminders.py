""" "Still active?" reminders (register/reminders.py, answers.py, confirm_views.py): who is emailed when (dates set
explicitly), the command and the task, links that work once, expire and refuse tampering, POST only, the stage
change as a published revision, closed and confirmed projects left alone, the "Not confirmed since" flag."""

import datetime
import io
import re
import socket

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageLogEntry

from core.choices import Stage
from evidence.readability import measure
from register import answers, reminders
from register.dashboard import unconfirmed_projects
from register.models import RegisteredProjectPage
from register.tasks import remind_registered_projects
from tests.home.test_frontend_purge import proxy  # noqa: F401  (a real HTTP server receiving the PURGE requests)

from .factories import SECRET_EMAIL, RegisteredProjectPageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
DAY = datetime.timedelta(days=1)


def project(published_days_ago=300, **fields):
    page = RegisteredProjectPageFactory(**fields)
    RegisteredProjectPage.objects.filter(pk=page.pk).update(first_published_at=NOW - published_days_ago * DAY)
    return RegisteredProjectPage.objects.get(pk=page.pk)


def fresh(page):
    return RegisteredProjectPage.objects.get(pk=page.pk)


def link_in(message):
    return re.search(r"https?://\S+/register-still-active/\S+/", message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


# Who is emailed, and when


def test_only_projects_unconfirmed_for_six_months_are_emailed():
    due = project(published_days_ago=200, title="Old project")
    project(published_days_ago=100, title="New project")
    confirmed = project(published_days_ago=400, title="Confirmed project")
    RegisteredProjectPage.objects.filter(pk=confirmed.pk).update(last_confirmed_at=NOW - 30 * DAY)
    closed = project(published_days_ago=400, title="Closed project")
    RegisteredProjectPage.objects.filter(pk=closed.pk).update(closed_at=NOW - 30 * DAY)
    project(published_days_ago=400, title="Draft project", live=False)

    assert reminders.send_reminders(now=NOW) == 1
    assert [m.to for m in mail.outbox] == [[SECRET_EMAIL]]
    assert "Old project" in mail.outbox[0].subject
    assert fresh(due).reminders_sent == 1 and fresh(due).last_reminder_at == NOW
    # the same day again: nobody is emailed twice
    assert reminders.send_reminders(now=NOW + DAY) == 0


def test_a_second_reminder_after_four_weeks_then_the_flag():
    page = project()
    reminders.send_reminders(now=NOW)
    assert reminders.send_reminders(now=NOW + 27 * DAY) == 0
    assert reminders.send_reminders(now=NOW + 28 * DAY) == 1
    assert "did not hear back" in mail.outbox[1].body
    assert fresh(page).reminders_sent == 2
    assert fresh(page).not_confirmed_since == page.first_published_at
    # flagged: no third email for six months, then one (the old links have expired)
    assert reminders.send_reminders(now=NOW + 100 * DAY) == 0
    assert reminders.send_reminders(now=NOW + 28 * DAY + 183 * DAY) == 1


def test_the_command_and_the_task_both_send():
    project(title="For the command")
    out = io.StringIO()
    call_command("remind_registered_projects", stdout=out)
    assert len(mail.outbox) == 1 and out.getvalue() == "1 reminder email sent.\n"
    project(title="For the task")
    result = remind_registered_projects.enqueue()  # no TASKS setting: run at once
    assert result.return_value == 1
    assert len(mail.outbox) == 2 and "For the task" in mail.outbox[1].subject


def test_the_email_is_plain_words_with_one_link():
    page = project()
    reminders.send_reminders(now=NOW)
    body = mail.outbox[0].body
    assert page.contact_name in body and page.title in body
    assert len(re.findall(r"https?://", body)) == 1
    words = re.sub(r"https?://\S+", "", body)
    assert measure(words).reading_age <= 11, measure(words)
    reminders.send_reminders(now=NOW + 28 * DAY)
    second = re.sub(r"https?://\S+", "", mail.outbox[1].body)
    assert measure(second).reading_age <= 11, measure(second)


# The link


def test_a_get_changes_nothing_and_a_post_confirms_once(client):
    page = project()
    reminders.send_reminders(now=timezone.now())
    url = path_of(link_in(mail.outbox[0]))
    html = client.get(url).content.decode()
    assert "Is your project still going?" in html and page.title in html
    assert fresh(page).last_confirmed_at is None  # link scanners open links: nothing changes

    response = client.post(url, {"action": "confirm"})
    assert response.status_code == 302
    assert "Project confirmed" in client.get(response["Location"]).content.decode()
    page = fresh(page)
    assert page.last_confirmed_at is not None and page.reminders_sent == 0 and page.closed_at is None
    assert PageLogEntry.objects.filter(page=page, action=answers.CONFIRMED).count() == 1
    assert "the team confirmed it on" in client.get(page.url).content.decode()

    # used: a clear page, for a GET and a POST, and nothing more happens
    for response in (client.get(url), client.post(url, {"action": "close"})):
        assert response.status_code == 410
        assert "used already" in response.content.decode()
    assert fresh(page).closed_at is None
    # confirmed: not emailed again for six months
    assert reminders.send_reminders(now=timezone.now() + 100 * DAY) == 0


def test_a_newer_reminder_stops_the_older_link(client):
    project()
    reminders.send_reminders(now=timezone.now() - 29 * DAY)
    first = path_of(link_in(mail.outbox[0]))
    reminders.send_reminders(now=timezone.now())
    second = path_of(link_in(mail.outbox[1]))
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_an_old_link_has_expired(client):
    page = project()
    reminders.send_reminders(now=timezone.now() - 31 * DAY)
    url = path_of(link_in(mail.outbox[0]))
    for response in (client.get(url), client.post(url, {"action": "confirm"})):
        assert response.status_code == 410
        html = response.content.decode()
        assert "more than 30 days old" in html and 'class="nhsuk-header' in html
    assert fresh(page).last_confirmed_at is None


def test_forged_and_tampered_links_are_refused_clearly(client):
    page = project()
    reminders.send_reminders(now=timezone.now())
    url = path_of(link_in(mail.outbox[0]))
    token = url.rstrip("/").rsplit("/", 1)[1]
    other = project(title="Someone else's project")
    forged = [
        token[:-3] + ("abc" if token[-3:] != "abc" else "xyz"),  # tampered signature
        token[: len(token) // 2],  # cut short
        "not-a-token",
        signing.dumps(reminders.link_state(other), salt="another-salt", compress=True),  # not our salt
        signing.dumps(["x"], salt=reminders.SALT),  # signed, but not a state
    ]
    for bad in forged:
        for response in (client.get(f"/register-still-active/{bad}/"), client.post(f"/register-still-active/{bad}/")):
            assert response.status_code == 400, bad
            assert "This link does not work" in response.content.decode()
    assert fresh(page).last_confirmed_at is None and fresh(other).last_confirmed_at is None


def test_a_link_of_a_closed_or_unpublished_project_is_gone(client):
    page = project()
    reminders.send_reminders(now=timezone.now())
    url = path_of(link_in(mail.outbox[0]))
    page.unpublish()
    assert client.get(url).status_code == 410


def test_a_stage_change_publishes_a_revision_logged_as_the_contact(client):
    page = project(stage=Stage.DO)
    revisions_before = page.revisions.count()
    reminders.send_reminders(now=timezone.now())
    url = path_of(link_in(mail.outbox[0]))
    assert client.post(url, {"action": "stage", "stage": Stage.ANALYSE}).status_code == 302

    page = fresh(page)
    assert page.stage == Stage.ANALYSE and page.live and not page.has_unpublished_changes
    assert page.revisions.count() == revisions_before + 1
    assert page.live_revision == page.latest_revision
    assert page.live_revision.user is None
    assert page.last_confirmed_at is not None and page.reminders_sent == 0  # an answer confirms too
    entry = PageLogEntry.objects.get(page=page, action=answers.STAGE_CHANGED)
    assert entry.user is None and entry.revision_id == page.live_revision.pk
    assert "changed the stage" in entry.message
    assert "Analyse" in client.get(page.url + "?fresh=1").content.decode()
    assert client.post(url, {"action": "stage", "stage": Stage.SHARE}).status_code == 410


def test_a_stage_form_error_keeps_the_page_and_changes_nothing(client):
    page = project(stage=Stage.DO)
    reminders.send_reminders(now=timezone.now())
    url = path_of(link_in(mail.outbox[0]))
    for data in ({"action": "stage"}, {"action": "stage", "stage": "finished"}):
        response = client.post(url, data)
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    response = client.post(url, {"action": "delete-everything"})
    assert response.status_code == 400 and "Choose one of the buttons" in response.content.decode()
    assert fresh(page).stage == Stage.DO and fresh(page).last_confirmed_at is None
    assert client.get(url).status_code == 200  # the link still works


def test_closing_marks_the_project_closed_and_stops_reminders(client):
    page = project()
    reminders.send_reminders(now=timezone.now() - 28 * DAY)
    reminders.send_reminders(now=timezone.now())  # second reminder: flagged
    assert fresh(page).not_confirmed_since
    url = path_of(link_in(mail.outbox[1]))
    assert client.post(url, {"action": "close"}).status_code == 302
    page = fresh(page)
    assert page.closed_at is not None and page.not_confirmed_since is None
    assert PageLogEntry.objects.filter(page=page, action=answers.CLOSED).exists()
    for html in (client.get(page.url + "?fresh=2").content.decode(), client.get("/register/?fresh=2").content.decode()):
        assert "Closed" in html and "Not confirmed since" not in html
    assert reminders.send_reminders(now=timezone.now() + 400 * DAY) == 0


def test_the_answer_is_rate_limited(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "forms": "2/m"}
    project()
    reminders.send_reminders(now=timezone.now())
    url = path_of(link_in(mail.outbox[0]))
    statuses = [client.post(url, {"action": "stage"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get(url).status_code == 200  # opening the link is never limited


# The flag


def test_after_two_unanswered_reminders_readers_and_editors_see_it(client):
    page = project(published_days_ago=250, title="Quiet project")
    project(published_days_ago=250, title="Answered once")
    reminders.send_reminders(now=NOW)
    html = client.get(page.url + "?a=1").content.decode()
    assert "Not confirmed since" not in html  # one reminder: not flagged yet
    assert unconfirmed_projects() == ([], 0)

    reminders.send_reminders(now=NOW + 28 * DAY)
    since = page.first_published_at.strftime("%-d %B %Y")
    for url in (page.url + "?a=2", "/register/?a=2"):
        html = client.get(url).content.decode()
        assert f'Not confirmed since <time datetime="{page.first_published_at:%Y-%m-%d}">{since}</time>' in html
    rows, total = unconfirmed_projects()
    assert total == 2 and rows[0]["title"] in ("Quiet project", "Answered once")


def test_the_dashboard_panel_is_for_editors(client, editor, adviser):
    project(title="Flagged project")
    reminders.send_reminders(now=NOW)
    reminders.send_reminders(now=NOW + 28 * DAY)
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Register: projects not confirmed" in html and "Flagged project" in html
    client.force_login(adviser)
    assert "Register: projects not confirmed" not in client.get("/admin/").content.decode()


def test_the_bookkeeping_survives_publishing_an_older_draft_and_is_not_copied():
    page = project()
    draft = page.save_revision()  # an editor's draft, made before the contact answered
    answers.confirm(fresh(page), now=NOW)
    draft.publish()
    assert fresh(page).last_confirmed_at == NOW
    copy = fresh(page).copy(update_attrs={"slug": "copied-project", "title": "Copied"})
    assert copy.last_confirmed_at is None and copy.reminders_sent == 0


def test_the_listing_costs_the_same_queries_with_flags(client):
    for i in range(3):
        project(title=f"Project {i}")
    client.get("/register/?warm=1")
    with CaptureQueriesContext(connection) as before:  # each address is new to the page cache: a real rendering
        client.get("/register/?q=1")
    reminders.send_reminders(now=NOW)
    reminders.send_reminders(now=NOW + 28 * DAY)
    first = fresh(RegisteredProjectPage.objects.first())
    answers.close(first)
    client.get("/register/?warm=2")  # the per-generation memos are read again once
    with CaptureQueriesContext(connection) as after:
        html = client.get("/register/?q=2").content.decode()
    assert html.count("Not confirmed since") == 2 and "Closed" in html
    assert len(after.captured_queries) == len(before.captured_queries)


@pytest.mark.slow  # starts an HTTP server (make check-fast leaves it out)
def test_a_cdn_in_front_forgets_the_project_and_the_listing(proxy, django_capture_on_commit_callbacks):  # noqa: F811
    page = project()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(now=NOW)
    assert proxy == []  # one reminder changes nothing a reader sees
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(now=NOW + 28 * DAY)  # flagged: "Not confirmed since" appears
    assert {f"localhost{page.url}", "localhost/register/"} <= set(proxy)
    proxy.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answers.confirm(fresh(page))
    assert {f"localhost{page.url}", "localhost/register/"} <= set(proxy)


def test_editors_see_the_confirmation_read_only_and_the_answers_in_the_history(client, editor):
    page = project()
    answers.confirm(fresh(page), now=NOW)
    client.force_login(editor)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Last confirmed by the contact" in html and 'name="last_confirmed_at"' not in html  # read only
    history = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert "Confirmed by the project contact" in history


def test_a_mail_server_that_refuses_leaves_the_project_due(settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 5
    page = project()
    assert reminders.send_reminders(now=NOW) == 0  # no exception: the other projects still get theirs
    assert fresh(page).reminders_sent == 0 and fresh(page).last_reminder_at is None
    assert "not sent; the next run tries again" in caplog.text
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminders.send_reminders(now=NOW + DAY) == 1


def closed_port():
    """A port nothing listens on: bound, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
