"""/register/: newest first, stage and expected completion shown, filters by stage and service (GET), bad input."""

import datetime

import pytest

from core.choices import Stage

from .factories import RegisteredProjectPageFactory
from .reading import checked, project_titles, selected_service, stage_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(taxonomy):
    """Created oldest first: the listing shows the newest first."""
    made = {}
    for title, stage, service in [
        ("Pharmacy checks", Stage.PLAN, "pharmacy"),
        ("GP sign-up", Stage.DO, "gp"),
        ("Pharmacy follow-up", Stage.DO, "pharmacy"),
        ("Whole area", Stage.SHARE, "parent"),
    ]:
        made[title] = RegisteredProjectPageFactory(title=title, stage=stage, services=[taxonomy[service]])
    return made


def get(client, query=""):
    response = client.get(f"/register/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_newest_first_with_stage_and_expected_completion(client, projects):
    RegisteredProjectPageFactory(title="Due soon", expected_completion=datetime.date(2026, 11, 1))
    html = get(client)
    assert project_titles(html) == ["Due soon", "Whole area", "Pharmacy follow-up", "GP sign-up", "Pharmacy checks"]
    assert "5 projects under way" in html
    assert "November 2026" in html and '<time datetime="2026-11">' in html
    assert '<strong class="nhsuk-tag nhsuk-tag--blue">Share</strong>' in html
    assert stage_counts(html) == {"plan": 1, "do": 3, "analyse": 0, "share": 1, "act": 0}


def test_filter_by_stage(client, projects):
    html = get(client, "?stage=do")
    assert project_titles(html) == ["Pharmacy follow-up", "GP sign-up"]
    assert checked(html) == {"do"}
    assert "2 projects under way for Do" in html
    assert project_titles(get(client, "?stage=do&stage=share")) == ["Whole area", "Pharmacy follow-up", "GP sign-up"]


def test_filter_by_service_and_an_area_includes_its_services(client, projects):
    html = get(client, "?service=community-pharmacy")
    assert project_titles(html) == ["Pharmacy follow-up", "Pharmacy checks"]
    assert selected_service(html) == "community-pharmacy"
    # stage counts follow the service chosen
    assert stage_counts(html) == {"plan": 1, "do": 1, "analyse": 0, "share": 0, "act": 0}
    assert project_titles(get(client, "?service=primary-care")) == [
        "Whole area",
        "Pharmacy follow-up",
        "GP sign-up",
        "Pharmacy checks",
    ]
    assert project_titles(get(client, "?service=community-pharmacy&stage=do")) == ["Pharmacy follow-up"]


def test_no_match_says_so(client, projects):
    html = get(client, "?stage=act")
    assert project_titles(html) == []
    assert "No projects match Act" in html and "clear the filters" in html


@pytest.mark.parametrize(
    "query, expected_notice",
    [
        ("?stage=nonsense", "We did not recognise “nonsense”, so it was left out."),
        ("?service=no-such-service&stage=do", "We did not recognise “no-such-service”, so it was left out."),
        ("?stage=%00%ff&service=<script>", "they were left out"),
        ("?page=abc", "That page number was not recognised"),
        ("?page=99", "There is only 1 page, so you are on it."),
    ],
)
def test_bad_parameters_are_ignored_with_a_message(client, projects, query, expected_notice):
    html = get(client, query)
    assert expected_notice in html
    assert "<script>" not in html.split('id="projects-heading"')[0].split("</header>")[-1]
    assert project_titles(html)  # something is still listed


def test_an_empty_service_means_all_services(client, projects):
    html = get(client, "?service=&stage=do")
    assert project_titles(html) == ["Pharmacy follow-up", "GP sign-up"]
    assert "did not recognise" not in html
