"""The public "Register your evaluation" form (/register/submit/): a valid post makes one DRAFT project with every
field and team row, marked in its history; readers see nothing of it until an editor publishes it; bad, forged and
oversized input comes back with clear errors and every value kept; posts are rate limited and need a CSRF token."""

import datetime

import pytest
from django.test import Client
from wagtail.models import PageLogEntry

from register.forms import SUBMITTED_ACTION
from register.models import RegisteredProjectPage, RegisterIndexPage
from tests.security.limits import limits

pytestmark = pytest.mark.django_db

URL = "/register/submit/"
NEXT_YEAR = str(datetime.date.today().year + 1)


def valid(taxonomy, **changes):
    data = {
        "title": "Who misses the pharmacy check?",
        "summary": "We ask who does not come for a free blood pressure check, and why.",
        "stage": "do",
        "cohort": "Cohort 6 (2026)",
        "services": [taxonomy["pharmacy"].slug, taxonomy["gp"].slug],
        "equity_dimensions": [taxonomy["core20"].slug],
        "place": taxonomy["place"].slug,
        "completion_month": "3",
        "completion_year": NEXT_YEAR,
        "team_0_name": "Grace Okafor",
        "team_0_role": "public-adviser",
        "team_0_organisation": "",
        "team_1_name": "Dr Sam Lee",
        "team_1_role": "researcher",
        "team_1_organisation": "Northshore University",
        "contact_name": "Priya Shah",
        "contact_email": "priya.shah@example.org",
        "consent": "yes",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_is_linked_from_the_register_and_shows_grouped_choices_and_six_team_rows(client, taxonomy):
    assert 'href="/register/submit/"' in client.get("/register/").content.decode()
    response = client.get(URL)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<h1>Register your evaluation</h1>" in html
    assert '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Primary care</legend>' in html
    assert 'id="id_services" name="services" type="checkbox" value="' in html  # the summary's link lands here
    assert all(f'name="team_{row}_role"' in html for row in range(6)) and 'name="team_6_name"' not in html
    assert "never shown on the website" in html and 'name="csrfmiddlewaretoken"' in html


def test_a_valid_submission_makes_one_draft_with_every_field_and_team_row(client, taxonomy):
    response = client.post(URL, valid(taxonomy))
    assert response.status_code == 302 and response["Location"] == "/register/submit/thank-you/"
    thanks = client.get(response["Location"]).content.decode()
    assert "An editor will check it before it appears" in thanks

    project = RegisteredProjectPage.objects.get()
    assert project.get_parent().specific_class is RegisterIndexPage
    assert not project.live and project.first_published_at is None and project.owner is None
    assert project.slug == "who-misses-the-pharmacy-check"
    assert (project.title, project.stage, project.cohort) == ("Who misses the pharmacy check?", "do", "Cohort 6 (2026)")
    assert project.summary.startswith("We ask who does not come")
    assert project.expected_completion == datetime.date(int(NEXT_YEAR), 3, 1)
    assert (project.contact_name, project.contact_email) == ("Priya Shah", "priya.shah@example.org")
    assert [(m.name, m.role, m.organisation) for m in project.team.order_by("sort_order")] == [
        ("Grace Okafor", "public-adviser", ""),
        ("Dr Sam Lee", "researcher", "Northshore University"),
    ]
    assert sorted(s.slug for s in project.services) == ["community-pharmacy", "general-practice"]
    assert [d.slug for d in project.equity_dimensions] == ["core20"]
    assert [p.slug for p in project.places] == ["northshore"]

    revision = project.latest_revision
    assert revision is not None and revision.user is None
    drafted = revision.as_object()  # what the editor opens and publishes
    assert [m.name for m in drafted.team.all()] == ["Grace Okafor", "Dr Sam Lee"]
    assert len(drafted.page_services.all()) == 2
    entry = PageLogEntry.objects.get(page=project, action=SUBMITTED_ACTION)
    assert entry.user is None and entry.revision_id == revision.pk
    assert entry.message == "Submitted by the team through the public form"


def test_nothing_is_public_until_an_editor_publishes_it(client, taxonomy):
    client.post(URL, valid(taxonomy, title="Evening pharmacy checks for carers"))
    project = RegisteredProjectPage.objects.get()
    words = "Evening pharmacy checks for carers"
    assert RegisteredProjectPage.objects.live().public().count() == 0
    assert words not in client.get("/register/").content.decode()
    assert client.get(f"/register/{project.slug}/").status_code == 404
    assert words not in client.get("/search/", {"q": "Evening pharmacy carers"}).content.decode()
    assert words not in client.get("/api/v1/search", {"q": "Evening pharmacy carers"}).content.decode()

    project.latest_revision.publish()
    html = client.get("/register/").content.decode()
    assert words in html
    page = client.get(f"/register/{project.slug}/").content.decode()
    assert "Grace Okafor" in page and "priya.shah@example.org" not in page


def test_bad_input_comes_back_with_every_typed_value_kept(client, taxonomy):
    data = valid(
        taxonomy,
        summary="x" * 301,
        contact_email="not an email",
        consent=None,
        completion_month="13",
        team_2_organisation="Citizens Advice",
    )
    response = client.post(URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Register your evaluation" in html and "There is a problem" in html
    for message in (
        "What you are evaluating must be 300 characters or fewer",
        "Enter an email address in the correct format, like name@example.com",
        "Confirm that the team agrees to the project being listed",
        "Enter the month as a number from 1 to 12",
        "Enter the name of team member 3",
        "Select the role of team member 3",
    ):
        assert message in html, message
    summary_links = [
        html.index(f'href="#id_{name}"') for name in ("summary", "team_2_name", "contact_email", "consent")
    ]
    assert summary_links == sorted(summary_links)  # the error summary follows the page's order
    for kept in (
        'value="Who misses the pharmacy check?"',
        'value="Cohort 6 (2026)"',
        "x" * 301,
        'value="not an email"',
        'value="13"',
        f'value="{NEXT_YEAR}"',
        'value="Grace Okafor"',
        'value="Northshore University"',
        'value="Citizens Advice"',
        'value="Priya Shah"',
        '<option value="researcher" selected>',
        f'value="{taxonomy["place"].slug}" selected',
        'type="radio" value="do" checked',
    ):
        assert kept in html, kept
    for slug in (taxonomy["pharmacy"].slug, taxonomy["gp"].slug, taxonomy["core20"].slug):
        assert f'type="checkbox" value="{slug}" checked' in html, slug
    assert f'type="checkbox" value="{taxonomy["age"].slug}">' in html  # not ticked
    assert not RegisteredProjectPage.objects.exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"stage": "published"}, "Select a stage from the list"),
        ({"services": ["no-such-service"]}, "Select services from the list"),
        ({"services": ["1"]}, "Select services from the list"),  # an id instead of a slug
        ({"equity_dimensions": ["core20", "made-up"]}, "Select groups of people from the list"),
        ({"place": "atlantis"}, "Select a place from the list"),
        ({"team_0_role": "boss"}, "Choose the role of team member 1 from the list"),
        ({"services": None}, "Select at least one service"),
        ({"equity_dimensions": None}, "Select at least one group of people"),
        ({"stage": None}, "Select the stage the evaluation is at"),
        ({"title": ""}, "Enter the project title"),
        ({"title": "T" * 121}, "The project title must be 120 characters or fewer"),
        ({"title": "Nul\x00byte"}, "Null characters are not allowed"),
        ({"completion_month": "", "completion_year": ""}, "Enter the month and year you expect to finish"),
        ({"completion_year": "２０２７"}, "Enter the year as 4 numbers, for example 2027"),
        ({"completion_year": "2020"}, "Enter a year from"),
        ({"completion_year": "99999999999999999999"}, "Enter the year as 4 numbers"),
        ({"contact_email": "a@" + "b" * 260 + ".org"}, "The email address must be 254 characters or fewer"),
        ({"team_0_organisation": "O" * 201}, "The organisation of team member 1 must be 200 characters or fewer"),
    ],
)
def test_forged_missing_and_oversized_values_get_a_form_error_never_a_500(client, taxonomy, changes, message):
    response = client.post(URL, valid(taxonomy, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RegisteredProjectPage.objects.exists()


def test_an_expected_finish_in_the_past_is_refused(client, taxonomy):
    last_month = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
    data = valid(taxonomy, completion_month=str(last_month.month), completion_year=str(last_month.year))
    html = client.post(URL, data).content.decode()
    if last_month.year < datetime.date.today().year:
        assert "Enter a year from" in html  # January: last month was last year
    else:
        assert "The expected finish must be this month or later" in html
    assert not RegisteredProjectPage.objects.exists()


def test_at_least_one_team_member_is_needed(client, taxonomy):
    data = valid(taxonomy, team_0_name="", team_0_role="", team_1_name="", team_1_role="", team_1_organisation="")
    html = client.post(URL, data).content.decode()
    assert "Enter the name and role of at least one team member" in html and 'href="#id_team_0_name"' in html
    assert not RegisteredProjectPage.objects.exists()


def test_the_same_title_twice_gets_its_own_address_and_never_the_forms(client, taxonomy):
    for title in ("Same title", "Same title", "Submit"):
        assert client.post(URL, valid(taxonomy, title=title)).status_code == 302
    assert sorted(RegisteredProjectPage.objects.values_list("slug", flat=True)) == [
        "same-title",
        "same-title-2",
        "submit-2",
    ]


def test_the_honeypot_stores_nothing(client, taxonomy):
    response = client.post(URL, valid(taxonomy, website="http://spam.example"))
    assert response.status_code == 302 and not RegisteredProjectPage.objects.exists()


@limits(register="2/m")
def test_posts_over_the_limit_get_429_and_are_not_stored(client, taxonomy):
    codes = [client.post(URL, valid(taxonomy, title=f"Project {n}")).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert RegisteredProjectPage.objects.count() == 2
    refused = client.post(URL, valid(taxonomy))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "We have not saved what you sent" in refused.content.decode()
    assert client.get(URL).status_code == 200  # showing the form is never limited


def test_a_post_without_the_csrf_token_is_refused(taxonomy):
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, valid(taxonomy)).status_code == 403
    assert not RegisteredProjectPage.objects.exists()
    body = client.get(URL).content.decode()
    token = body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert client.post(URL, {**valid(taxonomy), "csrfmiddlewaretoken": token}).status_code == 302
    assert RegisteredProjectPage.objects.count() == 1


def test_without_a_public_register_the_form_is_not_found(client, taxonomy):
    RegisterIndexPage.objects.get().unpublish()
    assert client.get(URL).status_code == 404
    assert client.post(URL, valid(taxonomy)).status_code == 404
    assert not RegisteredProjectPage.objects.exists()


def dashboard_panel(html):
    start = html.find('id="submitted-projects')
    return html[start : html.find("</section>", start)] if start >= 0 else None


def test_editors_find_the_draft_on_the_dashboard_and_in_its_history_until_it_is_published(
    client, taxonomy, editor, adviser
):
    client.post(URL, valid(taxonomy))
    project = RegisteredProjectPage.objects.get()
    client.force_login(adviser)
    assert dashboard_panel(client.get("/admin/").content.decode()) is None  # only Editors check submissions

    client.force_login(editor)
    panel = dashboard_panel(client.get("/admin/").content.decode())
    assert panel is not None and "Register: projects sent by teams" in panel
    assert f'href="/admin/pages/{project.pk}/edit/"' in panel and "Who misses the pharmacy check?" in panel
    assert "Priya Shah" in panel
    history = client.get(f"/admin/pages/{project.pk}/history/").content.decode()
    assert "Submitted by the team through the public form" in history

    project.latest_revision.publish(user=editor)
    panel = dashboard_panel(client.get("/admin/").content.decode())
    assert "No project sent by a team is waiting to be checked." in panel


def test_the_dashboard_panel_costs_the_same_queries_for_one_draft_or_many(client, taxonomy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from register.dashboard import submitted_drafts

    client.post(URL, valid(taxonomy))
    with CaptureQueriesContext(connection) as one:
        submitted_drafts()
    for n in range(4):
        client.post(URL, valid(taxonomy, title=f"Another project {n}"))
    with CaptureQueriesContext(connection) as five:
        rows, total = submitted_drafts()
    assert len(rows) == total == 5 and len(one) == len(five) <= 2


GARBAGE = [
    {},
    {"stage": "1; DROP TABLE", "services": "../../etc", "place": "'", "team_0_role": "\x00", "completion_month": "-1"},
    {"title": ["a", "b"], "stage": ["do", "plan"], "completion_year": ["2027", "x"], "consent": ["yes", "no"]},
    {"title": "a" * 100_000, "summary": "b" * 100_000, "team_5_name": "c" * 100_000, "contact_email": "@" * 300},
    {"services": [str(n) for n in range(500)], "equity_dimensions": "\x00", "completion_month": "\x00"},
    {"csrfmiddlewaretoken": "x", "website": ""},
]


@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_posts_get_the_form_back(client, taxonomy, data):
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not RegisteredProjectPage.objects.exists()


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"\xff\xfe\x00garbage", "application/octet-stream"),
        (b'{"title": "x"}', "application/json"),
        (b"--x\r\nContent-Disposition: form-data; name=\r\n\r\n", "multipart/form-data; boundary=x"),
        (b"a=1", "multipart/form-data"),  # no boundary
        (b"a=1" + b"&b=2" * 1200, "application/x-www-form-urlencoded"),  # more fields than Django accepts
    ],
)
def test_bodies_that_are_not_the_form_are_never_a_500(taxonomy, body, content_type):
    client = Client(raise_request_exception=False)
    assert client.generic("POST", URL, body, content_type=content_type).status_code in (200, 400)
    assert not RegisteredProjectPage.objects.exists()


@pytest.mark.parametrize("url", [URL, f"{URL}thank-you/"])
def test_other_methods_are_not_allowed_and_nothing_is_cached(client, taxonomy, url):
    for method in ("put", "patch", "delete", "options", "trace"):
        assert getattr(client, method)(url).status_code == 405
    for response in (client.get(url), client.head(url)):
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    if url != URL:
        assert client.post(url, valid(taxonomy)).status_code == 405


def test_the_form_costs_the_same_queries_whatever_the_number_of_choices(client, taxonomy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from devdata.factories import EquityDimensionFactory, PlaceFactory, ServiceFactory

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    client.get(URL)  # the site's own lookups, remembered per process, are not the form's
    few = queries()
    for n in range(10):
        area = ServiceFactory(name=f"Area {n}", slug=f"area-{n}")
        ServiceFactory(name=f"Service {n}", slug=f"service-{n}", parent=area)
        EquityDimensionFactory(name=f"Group {n}", slug=f"group-{n}")
        PlaceFactory(name=f"Place {n}", slug=f"place-{n}")
    many = queries()
    assert few == many <= 8, (few, many)
