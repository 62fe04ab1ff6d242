"""/register/ and a project's page cost a fixed number of queries whatever they show, and never list, count or link
what an anonymous reader may not see: draft and privacy-restricted projects, draft linked evaluations."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.choices import Stage, TeamRole
from devdata.factories import EquityDimensionFactory, EvaluationPageFactory, PlaceFactory, ServiceFactory
from register.models import RegisteredProjectPage

from .factories import SECRET_EMAIL, RegisteredProjectPageFactory
from .reading import project_titles, stage_counts

pytestmark = pytest.mark.django_db

CEILING = 20

# "fresh=1": a parameter the page cache does not know, so the rendering is measured, not a cache hit.
URLS = [
    "/register/?fresh=1",
    "/register/?stage=do",
    "/register/?stage=do&stage=share&service=area",
    "/register/?service=area&page=2",
]


def build(n):
    """n projects at each stage, every one tagged and linked to a published evaluation, with a team of n."""
    area = ServiceFactory(name="Area", slug="area")
    services = [ServiceFactory(name=f"S{n}-{i}", slug=f"s{n}-{i}", parent=area) for i in range(n)]
    dimensions = [EquityDimensionFactory(name=f"D{n}-{i}", slug=f"d{n}-{i}") for i in range(n)]
    places = [PlaceFactory(name=f"P{n}-{i}", slug=f"p{n}-{i}") for i in range(n)]
    team = [(f"Member {i}", TeamRole.PUBLIC_ADVISER, "Org") for i in range(n)]
    for i in range(n):
        for stage in Stage.values:
            RegisteredProjectPageFactory(
                title=f"Project {n}-{i}-{stage}",
                stage=stage,
                services=services,
                equity_dimensions=dimensions,
                places=places,
                team=team,
                published_evaluation=EvaluationPageFactory(),
            )


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_the_listing_costs_the_same_queries_at_two_sizes(client):
    build(5)  # 25 projects: two pages of 20 for the area
    client.get("/")
    small = [queries_for(client, url) for url in URLS]
    build(12)  # 60 more
    large = [queries_for(client, url) for url in URLS]
    assert all(count <= CEILING for count in large), large
    assert large == small, (small, large)


def test_a_project_page_costs_the_same_queries_at_two_sizes(client):
    def project_url(n):
        build(n)
        newest = RegisteredProjectPage.objects.order_by("-pk").first()
        return newest.url + "?fresh=1"

    small = queries_for(client, project_url(1))
    large = queries_for(client, project_url(6))
    assert large == small and large <= CEILING, (small, large)


def test_drafts_and_restricted_projects_are_never_listed_or_counted(client):
    RegisteredProjectPageFactory(title="Public project", stage=Stage.ACT)
    RegisteredProjectPageFactory(title="Draft project", stage=Stage.ACT, live=False)
    password = RegisteredProjectPageFactory(title="Members project", stage=Stage.ACT)
    PageViewRestriction.objects.create(page=password, restriction_type=PageViewRestriction.PASSWORD, password="x")
    grouped = RegisteredProjectPageFactory(title="Staff only project", stage=Stage.ACT)
    view = PageViewRestriction.objects.create(page=grouped, restriction_type=PageViewRestriction.GROUPS)
    view.groups.add(Group.objects.first())
    for query in ("", "?stage=act"):
        html = client.get(f"/register/{query}").content.decode()
        assert project_titles(html) == ["Public project"]
        assert stage_counts(html)["act"] == 1
        for word in ("Draft", "Members", "Staff only"):
            assert word not in html
    # the restricted pages ask for a password or a sign-in instead of showing the project
    html = client.get(password.url).content.decode()
    assert "Pat Contact" not in html and SECRET_EMAIL not in html
    assert client.get(grouped.url).status_code in (302, 403)


def test_a_listing_links_only_public_evaluations(client):
    public = EvaluationPageFactory(title="Open report")
    draft = EvaluationPageFactory(title="Unfinished report", live=False)
    restricted = EvaluationPageFactory(title="Locked report")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    for evaluation in (public, draft, restricted):
        RegisteredProjectPageFactory(stage=Stage.SHARE, published_evaluation=evaluation)
    html = client.get("/register/").content.decode()
    assert "Open report" in html
    assert "Unfinished report" not in html and "Locked report" not in html
    assert html.count("Evaluation published") == 1
