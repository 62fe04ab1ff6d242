"""The register's demo (register/demo/projects.json through load_demo_content): complete, readable, idempotent."""

import datetime

import pytest
from django.utils import timezone

from evidence.readability import measure
from register import reminders
from register.dashboard import unconfirmed_projects
from register.models import UNANSWERED_REMINDERS_FLAG, RegisteredProjectPage

from .reading import project_titles

pytestmark = pytest.mark.django_db


def test_demo_projects(client, demo_content):
    # A second load adds and changes nothing: tests/evidence/test_reader_language.py (every section at once).
    projects = list(RegisteredProjectPage.objects.live())
    assert len(projects) >= 5
    linked = [p for p in projects if p.published_evaluation_id]
    assert linked and all(p.published_evaluation.live for p in linked)
    for project in projects:
        assert project.team.exists() and project.page_services.exists() and project.page_equity_dimensions.exists()
        assert any(member.role == "public-adviser" for member in project.team.all()) or project.team.count() >= 3
        assert measure(f"{project.title}. {project.summary}").reading_age <= 11, project.slug
        assert client.get(project.url).status_code == 200

    html = client.get("/register/").content.decode()
    assert len(project_titles(html)) == len(projects)
    assert html.count("Evaluation published") == len(linked)


def test_demo_projects_show_the_still_active_states(client, demo_content):
    """One project confirmed recently by its contact; one flagged after two unanswered reminders."""
    recent = timezone.now() - datetime.timedelta(days=31)
    confirmed = RegisteredProjectPage.objects.get(last_confirmed_at__gte=recent)
    assert confirmed.reminders_sent == 0 and confirmed.not_confirmed_since is None
    assert confirmed.first_published_at < recent  # published long ago, confirmed since
    flagged = RegisteredProjectPage.objects.get(reminders_sent__gte=UNANSWERED_REMINDERS_FLAG)
    since = flagged.not_confirmed_since
    assert since and since < timezone.now() - datetime.timedelta(days=183 + 28)  # both reminders went out
    assert flagged.last_reminder_at > since
    shown = f'Not confirmed since <time datetime="{since:%Y-%m-%d}">'
    assert shown in client.get(flagged.url).content.decode()
    assert client.get("/register/").content.decode().count("Not confirmed since") == 1
    assert [row["pk"] for row in unconfirmed_projects()[0]] == [flagged.pk]
    assert reminders.send_reminders() == 0  # neither is due for another email now
