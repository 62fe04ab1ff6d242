"""The register's demo (register/demo/projects.json through load_demo_content): complete, readable, idempotent."""

import pytest
from django.core.management import call_command

from evidence.readability import measure
from register.models import RegisteredProjectPage

from .reading import project_titles

pytestmark = pytest.mark.django_db


def test_demo_projects(client):
    call_command("load_demo_content", verbosity=0)
    first = sorted(RegisteredProjectPage.objects.values_list("slug", "live", "stage"))
    call_command("load_demo_content", verbosity=0)
    assert sorted(RegisteredProjectPage.objects.values_list("slug", "live", "stage")) == first  # adds nothing

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
