"""Routing to a page of a listing (an evaluation, a summary, a case study) loads it once per process and content
generation for readers (evidence/models/index_pages.py, ListingPage.child), as the site root's children are: the
next reader's request finds it without a query, and an unpublish, a new address or a publish takes effect on the
very next request (the page cache bypassed with `?uncached=...`, so only the memo could be stale)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from evidence.models import EvaluationIndexPage
from tests.functional.site_data import build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    return build_site()


def get(client, url, n=0):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{url}?uncached={n}")
    return response, [query["sql"] for query in captured]


def routed_by_slug(queries):
    return [sql for sql in queries if '"wagtailcore_page"."slug" = ' in sql]


def test_a_readers_next_request_finds_the_page_without_loading_it(client, site):
    for url in (site["evaluation"].url, site["summary"].url, site["case_study"].url):
        first, queries = get(client, url, 1)
        assert first.status_code == 200 and routed_by_slug(queries)
        again, queries = get(client, url, 2)
        assert again.status_code == 200 and not routed_by_slug(queries)
        assert again.content == first.content


def test_outside_a_readers_request_the_page_is_loaded_each_time(site, django_assert_num_queries):
    listing = EvaluationIndexPage.objects.get()
    for _ in range(2):  # an editor, a preview, a command: no content generation, no memo
        with django_assert_num_queries(1):
            assert listing.child("bp-checks").pk == site["evaluation"].pk


def test_an_unpublished_page_is_gone_at_once(client, site):
    url = site["evaluation"].url
    assert get(client, url)[0].status_code == 200
    Page.objects.get(pk=site["evaluation"].pk).unpublish()
    assert get(client, url, 1)[0].status_code == 404


def test_a_new_address_and_a_new_title_take_effect_at_once(client, site):
    url = site["evaluation"].url
    assert get(client, url)[0].status_code == 200
    page = Page.objects.get(pk=site["evaluation"].pk).specific
    page.slug, page.title = "evening-checks", "Evening blood pressure checks"
    page.save_revision().publish()
    assert get(client, url, 1)[0].status_code == 404
    response, _ = get(client, url.replace("bp-checks", "evening-checks"), 2)
    assert response.status_code == 200 and "<h1>Evening blood pressure checks</h1>" in response.content.decode()
