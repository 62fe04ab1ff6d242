"""Atom feeds that follow one thing (issue 17): evaluations about a service or an equity dimension, new resources
and new events. Valid Atom, newest first, at most ENTRIES, only what an anonymous reader may see, 404 for an
unknown slug, a fixed number of queries whatever they list."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from devdata.factories import EquityDimensionFactory, EvaluationPageFactory, GlossaryTermFactory, ServiceFactory
from devdata.resource_factories import EventPageFactory, ResourcePageFactory
from evidence.models import Framework
from feeds.site_feed import ENTRIES
from resources.choices import Kind

from .atom import read_feed, titles

pytestmark = pytest.mark.django_db

SERVICE_FEED = "/feeds/evaluations/service/{}.atom"
EQUITY_FEED = "/feeds/evaluations/equity/{}.atom"


def published(page, days_ago):
    """Sets when the page was first published (what the feeds order by)."""
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    type(page).objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
    return page


def hide(pages):
    """A password on the first page, a group restriction on the second: neither may appear anywhere."""
    PageViewRestriction.objects.create(page=pages[0], restriction_type=PageViewRestriction.PASSWORD, password="x")
    view = PageViewRestriction.objects.create(page=pages[1], restriction_type=PageViewRestriction.GROUPS)
    view.groups.add(Group.objects.first())


def test_a_service_area_feed_has_its_services_evaluations_newest_first(client, taxonomy):
    pharmacy = published(EvaluationPageFactory(title="Pharmacy checks", services=[taxonomy["pharmacy"]]), 3)
    published(EvaluationPageFactory(title="GP letters", services=[taxonomy["gp"]]), 1)
    published(EvaluationPageFactory(title="Area review", services=[taxonomy["parent"]]), 2)
    other = ServiceFactory(name="Dentistry", slug="dentistry")
    published(EvaluationPageFactory(title="Dental visits", services=[other]), 0)

    area = read_feed(client, SERVICE_FEED.format("primary-care"))
    assert titles(area) == ["GP letters", "Area review", "Pharmacy checks"]
    assert area["title"].startswith("Evaluations about Primary care")
    assert area["link"] == "http://testserver/search/?service=primary-care"

    child = read_feed(client, SERVICE_FEED.format("community-pharmacy"))
    assert child["title"].startswith("Evaluations about Community pharmacy")
    assert titles(child) == ["Pharmacy checks"]
    [entry] = child["entries"]
    assert entry["link"] == f"http://testserver{pharmacy.url}"
    assert entry["summary"] == "We looked at who the service reaches."
    assert entry["author"] == "Sam Adviser, Jo Nurse"
    assert entry["published"] and entry["updated"]
    assert "Community pharmacy" in entry["categories"]


def test_an_equity_feed_has_the_dimension_and_its_crosswalk_matches(client, taxonomy):
    sex = EquityDimensionFactory(name="Sex", slug="sex", framework=Framework.EQUALITY_ACT)
    gender = EquityDimensionFactory(name="Gender and sex", slug="gender-and-sex", framework=Framework.PROGRESS_PLUS)
    sex.exact_matches.add(gender)
    published(EvaluationPageFactory(title="Tagged sex", equity_dimensions=[sex]), 2)
    published(EvaluationPageFactory(title="Tagged gender", equity_dimensions=[gender]), 1)
    published(EvaluationPageFactory(title="Tagged age", equity_dimensions=[taxonomy["age"]]), 0)

    feed = read_feed(client, EQUITY_FEED.format("sex"))
    assert feed["title"].startswith("Evaluations about Sex")
    assert titles(feed) == ["Tagged gender", "Tagged sex"]
    assert titles(read_feed(client, EQUITY_FEED.format("age"))) == ["Tagged age"]


@pytest.mark.parametrize(
    "url",
    [
        SERVICE_FEED.format("no-such-service"),
        EQUITY_FEED.format("no-such-group"),
        SERVICE_FEED.format("age"),  # a dimension's slug is no service
        "/feeds/evaluations/service/%3Cscript%3E.atom",
        "/feeds/evaluations/equity/.atom",
    ],
)
def test_an_unknown_slug_is_not_found(client, taxonomy, url):
    assert client.get(url).status_code == 404


def test_resources_and_events_feeds(client):
    published(ResourcePageFactory(title="Plan together", kind=Kind.TEMPLATE), 2)
    published(ResourcePageFactory(title="Share what you found"), 1)
    event = published(EventPageFactory(title="Cohort day", in_days=10, online=False, place="Town Hall, Northshore"), 1)
    published(EventPageFactory(title="Online workshop", in_days=3), 2)

    resources = read_feed(client, "/feeds/resources.atom")
    assert titles(resources) == ["Share what you found", "Plan together"]
    assert resources["link"] == "http://testserver/resources/"
    assert resources["entries"][1]["categories"] == ["Template"]

    events = read_feed(client, "/feeds/events.atom")
    assert titles(events) == ["Cohort day", "Online workshop"]
    summary = events["entries"][0]["summary"]
    assert timezone.localtime(event.start).strftime("%d %B %Y").lstrip("0") in summary
    assert "Town Hall, Northshore" in summary and "Teams starting an evaluation." in summary
    assert events["entries"][0]["link"] == f"http://testserver{event.url}"


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_drafts_and_restricted_pages_are_in_no_feed(client, taxonomy):
    tags = {"services": [taxonomy["pharmacy"]], "equity_dimensions": [taxonomy["age"]]}
    EvaluationPageFactory(title="Open evaluation", **tags)
    EvaluationPageFactory(title="Draft evaluation", live=False, **tags)
    hide(
        [
            EvaluationPageFactory(title="Locked evaluation", **tags),
            EvaluationPageFactory(title="Staff evaluation", **tags),
        ]
    )
    ResourcePageFactory(title="Open guide")
    ResourcePageFactory(title="Draft guide", live=False)
    hide([ResourcePageFactory(title="Locked guide"), ResourcePageFactory(title="Staff guide")])
    EventPageFactory(title="Open event")
    EventPageFactory(title="Draft event", live=False)
    hide([EventPageFactory(title="Locked event"), EventPageFactory(title="Staff event")])

    for url, shown in [
        (SERVICE_FEED.format("primary-care"), "Open evaluation"),
        (SERVICE_FEED.format("community-pharmacy"), "Open evaluation"),
        (EQUITY_FEED.format("age"), "Open evaluation"),
        ("/feeds/resources.atom", "Open guide"),
        ("/feeds/events.atom", "Open event"),
    ]:
        feed = read_feed(client, url)
        assert titles(feed) == [shown], url
        text = feed["response"].content.decode()
        for word in ("Draft", "Locked", "Staff"):
            assert word not in text, (url, word)


def test_feeds_are_public_and_cacheable(client, taxonomy):
    EvaluationPageFactory(services=[taxonomy["pharmacy"]])
    urls = (SERVICE_FEED.format("community-pharmacy"), EQUITY_FEED.format("age"), "/feeds/resources.atom")
    for url in (*urls, "/feeds/evaluations.atom"):
        response = client.get(url)
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"], url
        assert response.has_header("Last-Modified")
        assert not response.cookies


FEEDS = [
    SERVICE_FEED.format("primary-care"),
    SERVICE_FEED.format("community-pharmacy"),
    EQUITY_FEED.format("age"),
    "/feeds/resources.atom",
    "/feeds/events.atom",
]


def build(taxonomy, n):
    for i in range(n):
        services = [taxonomy["pharmacy"], taxonomy["gp"]] if i % 2 else [taxonomy["pharmacy"]]
        team = [(f"Member {i}-{j}", "researcher", "") for j in range(3)]
        EvaluationPageFactory(services=services, equity_dimensions=[taxonomy["age"], taxonomy["core20"]], team=team)
        ResourcePageFactory()
        EventPageFactory()


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        feed = read_feed(client, url)
    return len(ctx.captured_queries), len(feed["entries"])


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_fixed_number_of_queries_and_at_most_entries(client, taxonomy):
    build(taxonomy, 2)
    client.get(FEEDS[0])
    small = [queries(client, url) for url in FEEDS]
    build(taxonomy, ENTRIES + 3)
    large = [queries(client, url) for url in FEEDS]
    assert [count for count, _ in small] == [count for count, _ in large], (small, large)
    assert max(count for count, _ in large) <= 12, large
    assert [entries for _, entries in small] == [2] * len(FEEDS)
    assert [entries for _, entries in large] == [ENTRIES] * len(FEEDS)


def test_a_concept_page_offers_its_feed(client, taxonomy):
    GlossaryTermFactory(term="Chemists", slug="chemists", service=taxonomy["pharmacy"])
    GlossaryTermFactory(term="Older people", slug="older-people", equity_dimension=taxonomy["age"])
    GlossaryTermFactory(term="Health literacy", slug="health-literacy")
    for slug, feed, name in [
        ("chemists", SERVICE_FEED.format("community-pharmacy"), "Community pharmacy"),
        ("older-people", EQUITY_FEED.format("age"), "Age"),
    ]:
        html = client.get(f"/glossary/{slug}/").content.decode()
        head = html.split("</head>")[0]
        assert (
            f'<link rel="alternate" type="application/atom+xml" title="New evaluations about {name}" href="{feed}">'
            in head
        )
        assert f'<a href="{feed}">Follow new evaluations about {name} (Atom feed)</a>' in html
        assert client.get(feed).status_code == 200
    plain = client.get("/glossary/health-literacy/").content.decode()
    assert "application/atom+xml" not in plain and "Atom feed" not in plain


def test_the_feed_of_every_evaluation_is_valid_atom_with_its_team_as_author(client, taxonomy):
    EvaluationPageFactory(title="Every evaluation feed", services=[taxonomy["pharmacy"]])
    feed = read_feed(client, "/feeds/evaluations.atom")  # checks what Atom requires of every entry
    assert "Every evaluation feed" in titles(feed)
    assert feed["link"].endswith("/evaluations/")
