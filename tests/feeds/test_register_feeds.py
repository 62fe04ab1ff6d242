"""The register's Atom feeds (feeds/register.py): new projects, all or about a service (an area with its services)
or an equity dimension (its own projects, as the register filter), newest registered first; never a draft or a
restricted project; 404 for an unknown slug; offered on /register/ (visible link and <link rel="alternate">); a
fixed number of queries."""

import pytest

from devdata.factories import EquityDimensionFactory
from evidence.models import Framework
from feeds.site_feed import ENTRIES
from register.models import RegisterIndexPage
from tests.register.factories import RegisteredProjectPageFactory

from .atom import read_feed, titles
from .test_feeds import hide, published, queries

pytestmark = pytest.mark.django_db

ALL = "/feeds/register.atom"
SERVICE = "/feeds/register/service/{}.atom"
EQUITY = "/feeds/register/equity/{}.atom"


def project(title, days_ago, **fields):
    return published(RegisteredProjectPageFactory(title=title, **fields), days_ago)


def test_every_new_project_newest_first_with_stage_and_team(client, taxonomy):
    older = project("Pharmacy checks", 3, services=[taxonomy["pharmacy"]], equity_dimensions=[taxonomy["age"]])
    project("GP letters", 1, services=[taxonomy["gp"]])

    feed = read_feed(client, ALL)
    assert titles(feed) == ["GP letters", "Pharmacy checks"]
    assert feed["title"].startswith("New evaluations in progress")
    assert feed["link"] == "http://testserver/register/"
    entry = feed["entries"][1]
    assert entry["link"] == f"http://testserver{older.url}"
    assert entry["summary"] == "We want to know who the service misses. Stage: Do. Expected to finish: March 2027."
    assert entry["author"] == "Ana Adviser, Jo Nurse"
    assert entry["categories"] == ["Do", "Community pharmacy", "Age"]
    assert "private.contact@example.org" not in feed["response"].content.decode()  # the contact is for editors


def test_a_service_area_has_its_services_and_an_equity_feed_its_own_projects(client, taxonomy):
    sex = EquityDimensionFactory(name="Sex", slug="sex", framework=Framework.EQUALITY_ACT)
    gender = EquityDimensionFactory(name="Gender and sex", slug="gender-and-sex", framework=Framework.PROGRESS_PLUS)
    sex.exact_matches.add(gender)
    project("Pharmacy checks", 3, services=[taxonomy["pharmacy"]], equity_dimensions=[sex])
    project("Area review", 2, services=[taxonomy["parent"]], equity_dimensions=[gender])
    project("GP letters", 1, services=[taxonomy["gp"]])

    area = read_feed(client, SERVICE.format("primary-care"))
    assert titles(area) == ["GP letters", "Area review", "Pharmacy checks"]
    assert area["title"].startswith("Evaluations in progress about Primary care")
    assert area["link"] == "http://testserver/register/?service=primary-care"
    assert titles(read_feed(client, SERVICE.format("community-pharmacy"))) == ["Pharmacy checks"]

    equity = read_feed(client, EQUITY.format("sex"))
    assert titles(equity) == ["Pharmacy checks"]  # not the crosswalk's match: what /register/?equity=sex lists
    assert equity["link"] == "http://testserver/register/?equity=sex"


@pytest.mark.parametrize(
    "url", [SERVICE.format("no-such-service"), EQUITY.format("no-such-group"), SERVICE.format("age")]
)
def test_an_unknown_slug_is_not_found(client, taxonomy, url):
    assert client.get(url).status_code == 404


def test_drafts_and_restricted_projects_are_in_no_feed(client, taxonomy):
    tags = {"services": [taxonomy["pharmacy"]], "equity_dimensions": [taxonomy["age"]]}
    project("Open project", 1, **tags)
    project("Draft project", 1, live=False, **tags)
    hide([project("Locked project", 1, **tags), project("Staff project", 1, **tags)])

    for url in (ALL, SERVICE.format("primary-care"), EQUITY.format("age")):
        feed = read_feed(client, url)
        assert titles(feed) == ["Open project"], url
        for word in ("Draft", "Locked", "Staff"):
            assert word not in feed["response"].content.decode(), (url, word)


def test_the_register_offers_its_feeds(client, taxonomy):
    project("Open project", 1, services=[taxonomy["pharmacy"]], equity_dimensions=[taxonomy["age"]])
    html = client.get("/register/").content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" title="New evaluations in progress"' in head
    assert f'href="{ALL}"' in head and f'<a href="{ALL}">Follow new projects (Atom feed)</a>' in html

    html = client.get("/register/?service=community-pharmacy&equity=age").content.decode()
    head = html.split("</head>")[0]
    for url, name in [
        (SERVICE.format("community-pharmacy"), "Primary care › Community pharmacy"),
        (EQUITY.format("age"), "Age"),
    ]:
        assert f'title="New evaluations in progress about {name}" href="{url}"' in head
        assert f'<a href="{url}">Follow new projects about {name} (Atom feed)</a>' in html


def test_the_feed_follows_the_register_wherever_its_page_is(client, taxonomy):
    register = RegisterIndexPage.objects.get()
    register.slug = "work-under-way"
    register.save_revision().publish()
    assert read_feed(client, ALL)["link"] == "http://testserver/work-under-way/"


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_fixed_number_of_queries_and_at_most_entries(client, taxonomy):
    feeds = [ALL, SERVICE.format("primary-care"), EQUITY.format("age")]

    def build(n):
        for i in range(n):
            team = [(f"Member {i}-{j}", "researcher", "") for j in range(3)]
            services = [taxonomy["pharmacy"], taxonomy["gp"]] if i % 2 else [taxonomy["pharmacy"]]
            RegisteredProjectPageFactory(services=services, equity_dimensions=[taxonomy["age"]], team=team)

    build(2)
    client.get(feeds[0])
    small = [queries(client, url) for url in feeds]
    build(ENTRIES + 3)
    large = [queries(client, url) for url in feeds]
    assert [count for count, _ in small] == [count for count, _ in large], (small, large)
    assert max(count for count, _ in large) <= 12, large
    assert [entries for _, entries in large] == [ENTRIES] * len(feeds)
