"""Each web process remembers which Site answers a host (home/site_lookup.py) without adding a query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db


def site_queries(queries):
    return [q["sql"] for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]]


def test_the_site_is_looked_up_once_then_remembered(client):
    client.get("/search/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/")
    assert response.status_code == 200
    assert site_queries(queries) == []


def test_without_the_memo_every_request_looks_the_site_up(client, settings):
    settings.SITE_LOOKUP_SECONDS = 0
    client.get("/search/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/search/")
    assert len(site_queries(queries)) == 1


def test_saving_a_site_is_seen_at_once(client):
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Another home", slug="another-home"))
    site.root_page = other_root
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert "Another home" in response.content.decode()


def test_liveness_stays_free_of_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz")
    assert queries.captured_queries == []


def test_each_host_has_its_own_site(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    default = Site.objects.get(is_default_site=True)
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Other host home", slug="other-host"))
    Site.objects.create(hostname="other.example", port=80, root_page=other_root)
    assert "Other host home" not in client.get("/").content.decode()
    assert "Other host home" in client.get("/", HTTP_HOST="other.example").content.decode()
    assert "Other host home" not in client.get("/").content.decode()  # remembered per host
    assert default.root_page.title in client.get("/").content.decode()


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_the_memo_never_holds_more_hosts_than_its_limit(client, settings):
    from home import site_lookup

    settings.ALLOWED_HOSTS = [".example.org", "testserver"]
    for i in range(site_lookup.MAX_HOSTS + 10):
        client.get("/search/", HTTP_HOST=f"h{i}.example.org")
    assert 0 < len(site_lookup._memo) <= site_lookup.MAX_HOSTS
