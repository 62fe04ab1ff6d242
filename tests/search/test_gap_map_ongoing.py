"""Evaluations under way on the evidence gap map (register/ongoing.py): each cell says how many public register
projects, not yet handed over to a published evaluation, look at its service and dimension; in words, linked to
/register/ filtered the same way, in the CSV, with one SQL query for the whole map."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from devdata.factories import EquityDimensionFactory, EvaluationPageFactory, PlaceFactory, ServiceFactory
from evidence.models import EquityDimension, Framework, Service
from register.models import RegisterIndexPage
from register.ongoing import register_path
from search.backends.database import facet_index
from search.gap_map import Filters, compute_gap_map
from tests.register.factories import RegisteredProjectPageFactory
from tests.register.reading import project_titles
from tests.search.gap_map_helpers import CSV_URL, URL, cell, csv_rows, queries, small_taxonomy, soup
from tests.search.test_gap_map import GAP_MAP_QUERIES

EQUALITY_ACT = Framework.EQUALITY_ACT.value


@pytest.fixture
def tax(db):
    return small_taxonomy()


def project(services, dimensions, places=(), **kwargs):
    return RegisteredProjectPageFactory(
        services=list(services), equity_dimensions=list(dimensions), places=list(places), **kwargs
    )


def evaluation(services, dimensions, **kwargs):
    return EvaluationPageFactory(
        services=list(services), equity_dimensions=list(dimensions), completed=datetime.date(2024, 3, 1), **kwargs
    )


def ongoing(filters=None):
    """{(service slug, dimension slug): under way} for every cell with some."""
    gap_map = compute_gap_map(filters or Filters(framework=EQUALITY_ACT))
    return {
        (row.service.slug, cell.dimension.slug): cell.ongoing
        for row in gap_map.rows
        for cell in row.cells
        if cell.ongoing
    }


def test_each_cell_counts_projects_under_way_and_an_area_counts_each_once(tax):
    t = tax
    project([t["gp"]], [t["age"]])
    project([t["gp"], t["pharmacy"]], [t["age"], t["sex"]])
    project([t["primary"]], [t["sex"]])  # tagged with the area itself

    assert ongoing() == {
        ("primary-care", "age"): 2,
        ("primary-care", "sex"): 2,
        ("general-practice", "age"): 2,
        ("general-practice", "sex"): 1,
        ("community-pharmacy", "age"): 1,
        ("community-pharmacy", "sex"): 1,
    }


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_gap_with_work_under_way_says_so_in_words_and_links_to_the_register(client, tax):
    t = tax
    project([t["gp"]], [t["age"]], title="Ages at the surgery")
    project([t["gp"]], [t["age"]], title="Older patients online")
    project([t["gp"]], [t["sex"]], title="Men's health checks")
    evaluation([t["gp"]], [t["sex"]])  # evidence and work under way in one cell

    page = soup(client.get(URL, {"framework": EQUALITY_ACT}))
    gap = cell(page, "General practice", 0)
    link = gap.find("a", class_="evidence-map__ongoing")

    assert "evidence-map__cell--gap" in gap["class"]
    assert link.get_text(" ", strip=True) == "2 evaluations under way for General practice and Age"
    assert link.find(string=True, recursive=False) == "2 evaluations under way"  # seen, not only heard
    assert link["href"] == "/register/?service=general-practice&equity=age"
    with_evidence = cell(page, "General practice", 1)
    assert "evidence-map__cell--evidence" in with_evidence["class"]
    assert with_evidence.find("a", class_="evidence-map__ongoing").get_text(" ", strip=True) == (
        "1 evaluation under way for General practice and Sex"
    )
    assert not cell(page, "Community pharmacy", 0).find("a", class_="evidence-map__ongoing")

    register = client.get(link["href"])
    assert register.status_code == 200
    html = register.content.decode()
    assert sorted(project_titles(html)) == ["Ages at the surgery", "Older patients online"]
    assert "2 projects under way for Primary care › General practice, Age" in html
    # The form has no equity control: applying its filters keeps the map's dimension.
    form = soup(register).find("form", class_="portal-register-filters")
    assert form.find("input", attrs={"type": "hidden", "name": "equity"})["value"] == "age"


def test_the_page_explains_work_under_way_in_plain_words(client, tax):
    project([tax["gp"]], [tax["age"]])
    page = soup(client.get(URL, {"framework": EQUALITY_ACT}))

    legend = page.find("p", class_="evidence-map__legend")
    assert "evaluations are under way" in legend.get_text(" ", strip=True)
    assert "2 of the gaps have an evaluation under way" in " ".join(legend.get_text(" ").split())
    assert legend.find("a", href="/register/")
    assert "2 evaluations under way" in page.find("details").get_text(" ")


def test_drafts_restricted_aliases_and_closed_projects_never_count(tax):
    t = tax
    project([t["gp"]], [t["age"]])
    project([t["gp"]], [t["age"]], live=False)
    locked = project([t["gp"]], [t["age"]])
    PageViewRestriction.objects.create(page=locked, restriction_type=PageViewRestriction.PASSWORD, password="x")
    project([t["gp"]], [t["age"]], closed_at=timezone.now())
    project([t["gp"]], [t["age"]], title="Copied").create_alias(update_slug="copied-alias")

    assert ongoing()[("general-practice", "age")] == 2  # the public project, and the one copied (not its alias)

    PageViewRestriction.objects.create(page=RegisterIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN)
    assert ongoing() == {}  # a restricted section hides every project in it


def test_a_project_leaves_the_count_when_its_evaluation_is_published(client, tax):
    t = tax
    under_way = project([t["gp"]], [t["age"]])
    project([t["gp"]], [t["age"]])
    assert ongoing()[("general-practice", "age")] == 2

    report = evaluation([t["gp"]], [t["age"]], live=False)
    under_way.published_evaluation = report
    under_way.save()
    assert ongoing()[("general-practice", "age")] == 2  # linked to a draft: still under way

    PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
    report.save_revision().publish()
    assert ongoing()[("general-practice", "age")] == 2  # published but restricted: readers cannot see it

    PageViewRestriction.objects.filter(page=report).delete()
    assert ongoing()[("general-practice", "age")] == 1
    page = soup(client.get(URL, {"framework": EQUALITY_ACT}))
    gp_age = cell(page, "General practice", 0)
    assert "evidence-map__cell--evidence" in gp_age["class"]  # the evidence now, and one still under way
    assert gp_age.find("a", class_="evidence-map__ongoing").get_text(" ", strip=True).startswith("1 evaluation ")


def test_the_registers_heading_counts_what_the_cell_counts(client, tax):
    t = tax
    project([t["gp"]], [t["age"]], places=[t["north"]])
    project([t["gp"]], [t["age"]])
    project([t["gp"]], [t["age"]], places=[t["north"]], closed_at=timezone.now())
    project([t["gp"]], [t["age"]], published_evaluation=evaluation([t["gp"]], [t["age"]]))  # handed over
    project([t["gp"]], [t["age"]], live=False)

    for params, under_way, heading in [
        ({}, "2 evaluations under way", "4 projects for Primary care › General practice, Age: 2 under way"),
        (
            {"place": "northshore"},
            "1 evaluation under way",
            "2 projects for Primary care › General practice, Age, Northshore: 1 under way",
        ),
    ]:
        page = soup(client.get(URL, {"framework": EQUALITY_ACT, **params}))
        link = cell(page, "General practice", 0).find("a", class_="evidence-map__ongoing")
        assert link.find(string=True, recursive=False) == under_way
        register = soup(client.get(link["href"]))
        assert register.find(id="projects-heading").get_text(strip=True) == heading
        assert "The others are closed, or their evaluation is out." in register.get_text(" ")


def test_the_links_follow_the_register_wherever_its_page_is(client, tax):
    project([tax["gp"]], [tax["age"]], title="Ages at the surgery")
    register = RegisterIndexPage.objects.get()
    register.slug = "work-under-way"
    register.save_revision().publish()

    page = soup(client.get(URL, {"framework": EQUALITY_ACT}))
    link = cell(page, "General practice", 0).find("a", class_="evidence-map__ongoing")
    assert link["href"] == "/work-under-way/?service=general-practice&equity=age"
    assert page.find("p", class_="evidence-map__legend").find("a")["href"] == "/work-under-way/"
    assert project_titles(client.get(link["href"]).content.decode()) == ["Ages at the surgery"]

    register.unpublish()  # no register readers may see: the words stay, without a link
    page = soup(client.get(URL, {"framework": EQUALITY_ACT, "again": "1"}))
    assert not page.find("p", class_="evidence-map__legend").find("a")


def test_place_filter_applies_and_the_link_keeps_it(client, tax):
    t = tax
    project([t["gp"]], [t["age"]], places=[t["north"]], title="North project")
    project([t["gp"]], [t["age"]], places=[t["south"]], title="South project")
    project([t["gp"]], [t["age"]], title="Nowhere project")

    assert ongoing(Filters(framework=EQUALITY_ACT, place=t["north"]))[("general-practice", "age")] == 1
    page = soup(client.get(URL, {"framework": EQUALITY_ACT, "place": "northshore"}))
    link = cell(page, "General practice", 0).find("a", class_="evidence-map__ongoing")
    assert parse_qs(urlsplit(link["href"]).query) == {
        "service": ["general-practice"],
        "equity": ["age"],
        "place": ["northshore"],
    }
    assert project_titles(client.get(link["href"]).content.decode()) == ["North project"]


def test_years_and_the_crosswalk_do_not_change_the_columns_own_count(tax):
    t = tax
    t["gender"].exact_matches.add(t["sex"])
    project([t["gp"]], [t["sex"]])

    for filters in (
        Filters(framework=EQUALITY_ACT),
        Filters(framework=EQUALITY_ACT, year_from=2001, year_to=2002),
        Filters(framework=EQUALITY_ACT, matches=False),
    ):
        assert ongoing(filters) == {("primary-care", "sex"): 1, ("general-practice", "sex"): 1}, filters
    # Tagged with Sex (Equality Act) only: the matching PROGRESS-Plus column does not count it, crosswalk or not.
    assert ongoing(Filters(framework=Framework.PROGRESS_PLUS.value)) == {}
    assert ongoing(Filters(framework=Framework.PROGRESS_PLUS.value, matches=False)) == {}


def test_the_register_reports_an_unknown_equity_or_place(client, tax):
    project([tax["gp"]], [tax["age"]], title="Ages at the surgery")
    html = client.get("/register/", {"equity": "no-such-group", "place": "atlantis"}).content.decode()

    assert "We did not recognise “no-such-group”, “atlantis”, so they were left out." in html
    assert project_titles(html) == ["Ages at the surgery"]


def test_csv_has_the_under_way_columns(client, tax):
    t = tax
    project([t["gp"]], [t["age"]])
    project([t["gp"]], [t["age"]])
    EquityDimensionFactory(name="=HYPERLINK(1)", slug="formula", framework=Framework.EQUALITY_ACT, sort_order=9)

    response = client.get(CSV_URL, {"framework": EQUALITY_ACT})
    rows = csv_rows(response)

    assert rows[0] == [
        "Service",
        "Parent service",
        "Age",
        "Sex",
        "'=HYPERLINK(1)",
        "Under way: Age",
        "Under way: Sex",
        "Under way: =HYPERLINK(1)",
    ]
    assert rows[1:] == [
        ["Primary care", "", "0", "0", "0", "2", "0", "0"],
        ["General practice", "Primary care", "0", "0", "0", "2", "0", "0"],
        ["Community pharmacy", "Primary care", "0", "0", "0", "0", "0", "0"],
    ]


def build(n, tag):
    """n projects and n evaluations over n new services (plus an area) and n Equality Act dimensions."""
    area = ServiceFactory(name=f"Area {tag}", slug=f"area-{tag}")
    services = [ServiceFactory(name=f"S {tag} {i}", slug=f"s-{tag}-{i}", parent=area) for i in range(n)]
    dimensions = [
        EquityDimensionFactory(name=f"D {tag} {i}", slug=f"d-{tag}-{i}", framework=Framework.EQUALITY_ACT)
        for i in range(n)
    ]
    place = PlaceFactory(name=f"Place {tag}", slug=f"place-{tag}")
    for i in range(n):
        project(services[: i + 1], dimensions, places=[place])
        evaluation(services[i:], dimensions[:1], places=[place])
        handed_over = project(services, dimensions, places=[place])
        handed_over.published_evaluation = evaluation(services[:1], dimensions)
        handed_over.save()
    return place


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_the_counts_are_one_query_at_any_size(client, django_assert_num_queries):
    cases = lambda place: [  # noqa: E731
        Filters(framework=EQUALITY_ACT),
        Filters(framework=EQUALITY_ACT, place=place, year_from=2020),
        Filters(framework=EQUALITY_ACT, matches=False),
    ]
    sizes = []
    for n, tag in ((2, "small"), (9, "large")):
        place = build(n, tag)
        facet_index()  # rebuilt after a change, with its own fixed queries
        register_path()  # Wagtail reads the site root paths once per process to make the register's address
        for filters in cases(place):
            # Without the crosswalk the map does not read it: one query fewer. With work under way, one more: the
            # register's address (outside a reader's request; in one, once per content generation).
            with django_assert_num_queries(GAP_MAP_QUERIES + 1 - (0 if filters.matches else 1)):
                gap_map = compute_gap_map(filters)
        assert gap_map.totals.pairs and any(c.ongoing for r in gap_map.rows for c in r.cells)
        sizes.append(
            [queries(client, URL, {"framework": EQUALITY_ACT}), queries(client, URL, {"place": f"place-{tag}"})]
        )
    assert sizes[0] == sizes[1]


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_the_register_filtered_by_a_cells_link_costs_the_same_queries_at_two_sizes(client):
    sizes = []
    for n, tag in ((2, "small"), (9, "large")):
        place = build(n, tag)
        area = Service.objects.get(slug=f"area-{tag}")
        project([area], [EquityDimensionFactory(name=f"Other {tag}", slug=f"other-{tag}")], places=[place])
        project([area], [EquityDimension.objects.get(slug=f"d-{tag}-0")])  # in no place
        url = f"/register/?service=area-{tag}&equity=d-{tag}-0&place=place-{tag}"
        html = client.get(url).content.decode()
        assert len(project_titles(html)) == 2 * n  # under way and handed over: the register lists both
        sizes.append(queries(client, url))
    assert sizes[0] == sizes[1]
