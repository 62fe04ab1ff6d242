"""/resources/ costs a fixed number of queries whatever it lists, and never lists, counts or links what an
anonymous reader may not see: drafts, privacy-restricted pages and documents in restricted collections."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail_factories import DocumentFactory

from core.choices import Stage
from devdata.factories import EvaluationPageFactory
from devdata.resource_factories import EventPageFactory, ResourcePageFactory
from resources.choices import Audience, Kind

from .reading import option_counts, past_titles, resource_titles, upcoming_titles

pytestmark = pytest.mark.django_db

CEILING = 30
ALL_STAGES = [value for value, _ in Stage.choices]
ALL_AUDIENCES = [value for value, _ in Audience.choices]


def build(n):
    """n resources of each kind and n events each side of today, every one with every tag, events with materials."""
    evaluation = EvaluationPageFactory()
    for i in range(n):
        tags = {"stages": ALL_STAGES, "audiences": ALL_AUDIENCES}
        ResourcePageFactory(title=f"Guide {n}-{i}", **tags)
        ResourcePageFactory(title=f"Template {n}-{i}", kind=Kind.TEMPLATE, document=DocumentFactory(), **tags)
        ResourcePageFactory(title=f"Example {n}-{i}", kind=Kind.WORKED_EXAMPLE, evaluations=[evaluation], **tags)
        ResourcePageFactory(title=f"Method {n}-{i}", kind=Kind.METHODS_ADVICE, method="realist", **tags)
        EventPageFactory(title=f"Soon {n}-{i}", in_days=i + 1, **tags)
        materials = [(f"Slides {j}", DocumentFactory(), "") for j in range(n)] + [("Video", None, "https://e.org/v")]
        EventPageFactory(title=f"Past {n}-{i}", in_days=-(i + 1), materials=materials, **tags)


# "?fresh=1": any parameter the page cache does not know is rendered afresh (portal/page_cache.py), so the first
# address measures the whole unfiltered rendering, not a cache hit.
URLS = [
    "/resources/?fresh=1",
    "/resources/?stage=plan",
    "/resources/?stage=plan&audience=researchers&stage=act",
    "/resources/?stage=plan&page=2",
]


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_queries_do_not_grow_with_content(client):
    build(2)
    client.get("/")
    small = [queries_for(client, url) for url in URLS]
    build(9)
    large = [queries_for(client, url) for url in URLS]
    assert all(count <= CEILING for count in large), large
    assert large == small, (small, large)


def test_a_resource_and_an_event_page_cost_a_fixed_number_of_queries(client):
    def pages(n):
        evaluations = [EvaluationPageFactory() for _ in range(n)]
        resource = ResourcePageFactory(kind=Kind.WORKED_EXAMPLE, evaluations=evaluations, stages=ALL_STAGES[:n])
        event = EventPageFactory(in_days=-3, materials=[(f"M{i}", DocumentFactory(), "") for i in range(n)])
        return [resource.url + "?fresh=1", event.url + "?fresh=1"]  # rendered, not from the page cache

    small = [queries_for(client, url) for url in pages(1)]
    large = [queries_for(client, url) for url in pages(5)]
    assert large == small and max(large) <= CEILING, (small, large)


def test_drafts_and_restricted_pages_are_never_listed_or_counted(client):
    ResourcePageFactory(title="Public guide", stages=["act"])
    ResourcePageFactory(title="Draft guide", stages=["act"], live=False)
    restricted = ResourcePageFactory(title="Members guide", stages=["act"])
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x")
    grouped = EventPageFactory(title="Staff only event", stages=["act"])
    view = PageViewRestriction.objects.create(page=grouped, restriction_type=PageViewRestriction.GROUPS)
    view.groups.add(Group.objects.first())
    EventPageFactory(title="Draft event", stages=["act"], live=False)
    EventPageFactory(title="Draft past event", stages=["act"], in_days=-3, live=False)
    for query in ("", "?stage=act"):
        html = client.get(f"/resources/{query}").content.decode()
        assert resource_titles(html) == ["Public guide"]
        assert upcoming_titles(html) == [] and past_titles(html) == []
        assert option_counts(html)["stage-act"] == 1
        for word in ("Draft", "Members", "Staff only"):
            assert word not in html
    # the page itself asks for the password (Wagtail's form) instead of showing its text
    assert "Start with who the service is for" not in client.get(restricted.url).content.decode()


def test_a_restricted_document_is_not_offered(client):
    secret = Collection.get_first_root_node().add_child(name="Secret")
    CollectionViewRestriction.objects.create(collection=secret, restriction_type=CollectionViewRestriction.LOGIN)
    hidden = DocumentFactory(title="Hidden notes", collection=secret)
    shown = DocumentFactory(title="Open slides")
    template = ResourcePageFactory(title="Locked template", kind=Kind.TEMPLATE, document=hidden)
    EventPageFactory(title="Past day", in_days=-2, materials=[("Hidden notes", hidden, ""), ("Open slides", shown, "")])
    html = client.get("/resources/").content.decode()
    assert "Open slides" in html and "Hidden notes" not in html
    assert "Hidden notes" not in client.get(template.url).content.decode()


def test_a_worked_example_links_only_public_evaluations(client):
    public = EvaluationPageFactory(title="Open evaluation")
    draft = EvaluationPageFactory(title="Unfinished evaluation", live=False)
    page = ResourcePageFactory(kind=Kind.WORKED_EXAMPLE, evaluations=[public, draft])
    html = client.get(page.url).content.decode()
    assert "Open evaluation" in html and "Unfinished evaluation" not in html
