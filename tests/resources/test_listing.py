"""/resources/: filters by stage and audience (GET, checkboxes with counts), bad input, events in time order."""

import pytest
from wagtail_factories import DocumentFactory

from devdata.resource_factories import EventPageFactory, ResourcePageFactory
from resources.choices import Kind

from .reading import checked, option_counts, past_titles, resource_titles, upcoming_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub_content():
    ResourcePageFactory(title="Plan with the public", stages=["plan"], audiences=["public-advisers", "practitioners"])
    ResourcePageFactory(title="Data sharing checklist", stages=["plan", "do"], audiences=["practitioners"])
    ResourcePageFactory(title="Analysing by group", stages=["analyse"], audiences=["researchers"])
    ResourcePageFactory(
        title="Sharing what you found", stages=["share"], audiences=["commissioners"], kind=Kind.GUIDANCE
    )
    EventPageFactory(title="Later workshop", in_days=30, stages=["plan"], audiences=["practitioners"])
    EventPageFactory(title="Soon workshop", in_days=3, stages=["do"], audiences=["commissioners"])
    old = DocumentFactory(title="Slides from the cohort")
    EventPageFactory(title="Old cohort day", in_days=-40, stages=["plan"], materials=[("Slides", old, "")])
    EventPageFactory(title="Older workshop", in_days=-90, materials=[("Recording", None, "https://example.org/v")])


def get(client, query=""):
    response = client.get(f"/resources/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_everything_is_listed_with_counts_per_option(client, hub_content):
    html = get(client)
    assert resource_titles(html) == [
        "Analysing by group",
        "Data sharing checklist",
        "Plan with the public",
        "Sharing what you found",
    ]
    counts = option_counts(html)
    # resources and events together: Plan has two resources and three events (one upcoming, two past)
    assert counts["stage-plan"] == 5
    assert counts["stage-do"] == 2
    assert counts["stage-act"] == 0
    assert counts["audience-practitioners"] == 5


def test_events_upcoming_first_in_date_order_and_past_with_materials(client, hub_content):
    html = get(client)
    assert upcoming_titles(html) == ["Soon workshop", "Later workshop"]
    assert past_titles(html) == ["Old cohort day", "Older workshop"]
    past = html[html.index('id="past-events"') :]
    assert "Slides" in past and "https://example.org/v" in past
    assert "How to join" in html[html.index('id="upcoming-events"') : html.index('id="past-events"')]


def test_one_stage(client, hub_content):
    html = get(client, "?stage=plan")
    assert resource_titles(html) == ["Data sharing checklist", "Plan with the public"]
    assert upcoming_titles(html) == ["Later workshop"]
    assert past_titles(html) == ["Old cohort day", "Older workshop"]
    assert upcoming_titles(get(client, "?stage=do")) == ["Soon workshop"]
    assert checked(html) == {"stage-plan"}


def test_options_of_one_filter_widen_and_filters_narrow_each_other(client, hub_content):
    assert resource_titles(get(client, "?stage=plan&stage=analyse")) == [
        "Analysing by group",
        "Data sharing checklist",
        "Plan with the public",
    ]
    html = get(client, "?stage=plan&audience=public-advisers")
    assert resource_titles(html) == ["Plan with the public"]
    counts = option_counts(html)
    # each count says what ticking that box would list, given the other filter's choice
    assert counts["stage-plan"] == 1 and counts["stage-do"] == 0
    assert counts["audience-practitioners"] == 5 and counts["audience-public-advisers"] == 1


def test_no_results_says_so_and_offers_to_clear(client, hub_content):
    html = get(client, "?stage=act")
    assert resource_titles(html) == []
    assert "No resources match Act. Try fewer filters" in html
    assert '<a href="/resources/">clear the filters</a>' in html
    assert "No upcoming events match these filters." in html


@pytest.mark.parametrize(
    "query",
    [
        "?stage=nonsense",
        "?stage=<script>alert(1)</script>",
        "?audience=" + "x" * 5000,
        "?stage=plan&stage=plan&stage=PLAN",
        "?page=abc&stage=plan",
        "?page=999&stage=plan",
        "?page=-1",
        "?stage=%00",
        "?stage=",
        "?unknown=1",
    ],
)
def test_bad_parameters_are_ignored_with_a_message(client, hub_content, query):
    html = get(client, query)
    assert "<script>alert(1)</script>" not in html
    assert "Plan with the public" in html
    if "nonsense" in query or "script" in query or "xxxx" in query or "PLAN" in query:
        assert "We did not recognise" in html
    if "page=" in query:
        assert "so you are on" in html


def test_the_unrecognised_value_is_shown_short_and_escaped(client, hub_content):
    html = get(client, "?stage=<b>bold</b>&audience=" + "y" * 300)
    assert "We did not recognise “&lt;b&gt;bold&lt;/b&gt;”" in html
    assert "y" * 41 not in html


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_paginated_results_keep_the_filters(client, hub_content):
    for number in range(22):
        ResourcePageFactory(title=f"Extra {number:02d}", stages=["plan"])
    html = get(client, "?stage=plan")
    assert "24 resources for Plan" in html
    assert "?stage=plan&amp;page=2" in html
    assert len(resource_titles(get(client, "?stage=plan&page=2"))) == 4


def test_a_resource_page_and_an_event_page(client, hub_content):
    resource = ResourcePageFactory(
        title="Coproduction agreement", kind=Kind.TEMPLATE, document=DocumentFactory(title="Agreement")
    )
    html = client.get(resource.url).content.decode()
    assert "Template" in html and "Agreement" in html and "download" in html
    event = EventPageFactory(title="Cohort", in_days=-5, materials=[("Notes", None, "https://example.org/notes")])
    html = client.get(event.url).content.decode()
    assert "This event has finished" in html and "https://example.org/notes" in html and "How to join" not in html
    upcoming = EventPageFactory(title="Next cohort", in_days=5, how_to_join="<p>Book on the booking page.</p>")
    html = client.get(upcoming.url).content.decode()
    assert "How to join" in html and "Book on the booking page." in html


def test_the_site_navigation_links_the_hub_and_marks_it_current(client):
    home = client.get("/").content.decode()
    assert 'class="nhsuk-header__navigation-link" href="/resources/"' in home
    hub = client.get("/resources/").content.decode()
    assert 'href="/resources/" aria-current="page"' in hub
