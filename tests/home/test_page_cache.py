"""Readers' pages are cacheable (portal/page_cache.py, docs/decisions/0005-cacheable-pages.md): no cookie and no
`Vary: Cookie` for an anonymous GET, validators and 304s, the one Cache-Control, and a page cache that follows every
change at once. Signed-in users, previews and restricted pages are never cached."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from home.content_generation import current
from tests.functional.site_data import build_site


@pytest.fixture
def site(db):
    return build_site()


def content_urls(site):
    return {
        "home": "/",
        "evaluation": site["evaluation"].url,
        "summary": site["summary"].url,
        "case study": site["case_study"].url,
        "evaluations": "/evaluations/",
        "summaries": "/summaries/",
        "case studies": "/case-studies/",
        "glossary": "/glossary/",
        "glossary term": "/glossary/core20plus5/",
        "standard page": site["statement"].url,
    }


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_every_content_page_is_cacheable_for_an_anonymous_reader(site):
    client = Client(enforce_csrf_checks=True)
    for name, url in content_urls(site).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert not response.cookies, f"{name} sets {list(response.cookies)}"
        assert "cookie" not in response.get("Vary", "").lower(), name
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=300", name
        assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT"), name


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_conditional_get_is_answered_304_from_the_cache_in_one_query(site, django_assert_num_queries):
    client = Client()
    url = site["evaluation"].url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):  # the content generation
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    with django_assert_num_queries(1):
        hit = client.get(url)
    assert hit.status_code == 200 and hit["X-Page-Cache"] == "hit"
    assert hit.content == first.content and hit["ETag"] == first["ETag"]
    assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_conditional_get_is_304_even_before_this_process_cached_the_page(site):
    """Another process (or a CDN) gave the reader the page: the same generation gives the same ETag."""
    url = site["summary"].url
    etag = Client().get(url)["ETag"]
    from django.core.cache import caches

    caches["pages"].clear()
    response = Client().get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_publishing_shows_the_new_text_at_once_with_a_new_etag(site):
    client = Client()
    evaluation = site["evaluation"]
    before = client.get(evaluation.url)
    client.get(evaluation.url)  # cached
    evaluation.title = "Blood pressure checks at the chemist"
    evaluation.save_revision().publish()
    after = client.get(evaluation.url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert "Blood pressure checks at the chemist" in after.content.decode()
    assert after["ETag"] != before["ETag"]
    # Pages that show it (listing, home's featured list) follow at once too.
    assert "Blood pressure checks at the chemist" in client.get("/evaluations/").content.decode()


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_draft_save_changes_no_page_and_keeps_the_cache(site):
    client = Client()
    client.get(site["evaluation"].url)
    generation = current()[0]
    evaluation = site["evaluation"]
    evaluation.title = "A draft title"
    evaluation.save_revision()
    assert current()[0] == generation
    response = client.get(evaluation.url)
    assert response["X-Page-Cache"] == "hit" and "A draft title" not in response.content.decode()


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_unpublishing_removes_the_page_at_once(site):
    client = Client()
    url = site["case_study"].url
    assert client.get(url).status_code == 200
    site["case_study"].unpublish()
    assert client.get(url).status_code == 404


def test_glossary_and_taxonomy_changes_reach_cached_pages(site):
    client = Client()
    url = site["evaluation"].url
    first = client.get(url)
    service = site["service"]
    service.name = "High street pharmacy"
    service.save()
    renamed = client.get(url)
    assert "High street pharmacy" in renamed.content.decode() and renamed["ETag"] != first["ETag"]
    term = site["terms"][1]
    term.definition = "Having less money than most people around you."
    term.save_revision().publish()
    assert "Having less money than most people around you." in client.get(url).content.decode()


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_page_restricted_after_it_was_cached_is_never_served_from_the_cache(site):
    client = Client()
    url = site["summary"].url
    assert client.get(url)["X-Page-Cache"] == "miss"
    PageViewRestriction.objects.create(page=site["summary"], restriction_type="password", password="secret")
    response = client.get(url)
    assert "Blood pressure checks: what we found" not in response.content.decode().split("<main", 1)[-1]
    assert "no-store" in response["Cache-Control"] and "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get(url)  # never stored


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_signed_in_user_gets_private_pages_never_from_the_cache(site, editor):
    reader = Client()
    url = site["evaluation"].url
    reader.get(url)  # cached for readers
    client = Client()
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "ETag" not in response
    assert "wagtail-userbar" in response.content.decode()  # what readers' cached copy must not carry
    assert "wagtail-userbar" not in reader.get(url).content.decode()


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_preview_is_private_and_never_cached(site, editor):
    client = Client()
    client.force_login(editor)
    evaluation = site["evaluation"]
    Client().get(evaluation.url)  # a cached live copy for readers
    response = client.get(f"/admin/pages/{evaluation.pk}/edit/preview/")
    if response.status_code == 200:  # no stored preview data: Wagtail previews the saved draft
        assert "no-store" in response["Cache-Control"]
        assert "X-Page-Cache" not in response


def test_made_up_query_strings_are_served_but_never_stored(site):
    client = Client()
    for n in range(3):
        response = client.get(f"/?utm_source={n}")
        assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert client.get("/?utm_source=1")["X-Page-Cache"] == "miss"
    client.get("/evaluations/?page=1")
    assert client.get("/evaluations/?page=1")["X-Page-Cache"] == "hit"


def test_the_thank_you_after_feedback_is_its_own_cached_page(site):
    client = Client()
    url = site["evaluation"].url
    client.get(url)
    thanks = client.get(f"{url}?feedback=thanks")
    assert "Thank you for your feedback" in thanks.content.decode()
    assert "Thank you for your feedback" not in client.get(url).content.decode()


def test_search_and_health_checks_are_untouched(site, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert Client().get("/healthz").status_code == 200
    assert "X-Page-Cache" not in Client().get("/search/?q=pressure")
