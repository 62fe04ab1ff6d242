"""A page cache hit is cheap (portal/page_cache.py) and loses nothing: the same headers as the rendering it was
stored from (security headers included), the same generation as the model reads, and nothing kept in this
process's ready-to-send pages outlives a change."""

import zlib

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from home import content_generation
from portal import page_cache
from tests.functional.site_data import build_site

SECURE = {"HTTP_HOST": "portal.example", "secure": True}
HEADERS_OF_A_SECURE_SITE = {
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "ALLOWED_HOSTS": ["portal.example"],
}


@pytest.fixture
def site(db):
    page_cache.hot_pages.clear()
    return build_site()


@override_settings(**HEADERS_OF_A_SECURE_SITE)
def test_a_hit_carries_exactly_the_headers_of_the_miss_it_was_stored_from(site):
    client = Client()
    url = site["evaluation"].url
    miss = client.get(url, **SECURE)
    hit = client.get(url, **SECURE)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for header in (
        "Strict-Transport-Security",
        "Permissions-Policy",
        "Content-Security-Policy",
        "X-Frame-Options",
        "Referrer-Policy",
        "X-Content-Type-Options",
        "Cross-Origin-Opener-Policy",
    ):
        assert miss.has_header(header), header
    assert {k: v for k, v in hit.items() if k != "X-Page-Cache"} == {
        k: v for k, v in miss.items() if k != "X-Page-Cache"
    }
    assert hit.content == miss.content
    page_cache.hot_pages.clear()  # from the store, not this process's ready pages
    stored = client.get(url, **SECURE)
    assert stored["X-Page-Cache"] == "hit"
    assert dict(stored.items()) == dict(hit.items()) and stored.content == miss.content


def test_the_generation_read_on_every_request_is_the_models(db):
    assert page_cache.read_generation() == content_generation.current() == (0, None)
    content_generation.bump()
    content_generation.bump()
    value, changed_at = page_cache.read_generation()
    assert (value, changed_at) == content_generation.current()
    assert value == 2 and changed_at.tzinfo is not None


def test_a_page_held_ready_follows_a_glossary_change_at_once(site, django_assert_num_queries):
    client = Client()
    url = site["evaluation"].url
    client.get(url)
    with django_assert_num_queries(1):  # the generation; the page is held ready in this process
        assert client.get(url)["X-Page-Cache"] == "hit"
    term = site["terms"][1]
    term.definition = "Having less money than most people around you."
    term.save_revision().publish()
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert "Having less money than most people around you." in after.content.decode()


def test_inflated_pages_are_used_only_while_the_store_holds_the_entry_they_came_from(site):
    client = Client()
    url = site["evaluation"].url
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    caches["pages"].clear()  # an operator (or a test) empties the store: this process renders again
    assert client.get(url)["X-Page-Cache"] == "miss"
    # Another process stores a newer rendering under the same key: this process sends that one, not its own.
    (identity,) = [identity for identity in page_cache.hot_pages.entries if identity[-1] == url]
    key = page_cache.cache_key(identity)
    stored = caches["pages"].get(key)
    newer = dict(stored, body=zlib.compress(b"<p>the other process's rendering</p>"), serial="another")
    caches["pages"].set(key, newer)
    assert client.get(url).content == b"<p>the other process's rendering</p>"


def test_inflated_pages_are_bounded_least_recently_used_first_out():
    hot = page_cache.HotPages(2)
    stored = {"headers": [("ETag", '"x"')], "last_modified": 0}
    for key in "abc":
        hot.ready(key, dict(stored, body=zlib.compress(key.encode()), serial=key))
        hot.ready("a", dict(stored, body=zlib.compress(b"a"), serial="a"))
    assert list(hot.entries) == ["c", "a"]
    assert hot.ready("a", dict(stored, body=zlib.compress(b"new a"), serial="a2"))[0] == b"new a"


def test_a_path_is_routed_once_then_remembered(db):
    request = Client().get("/search/").wsgi_request
    page_cache._serves_pages.cache_clear()
    assert not page_cache.is_page_request(request)
    request.path_info = "/evaluations/"
    assert page_cache.is_page_request(request)
    assert page_cache.is_page_request(request)
    assert page_cache._serves_pages.cache_info()[:2] == (1, 2)  # hits, misses
    request.path_info = "/" + "x" * 400 + "/"  # long, made-up paths are routed each time, never kept
    assert page_cache.is_page_request(request)
    assert page_cache._serves_pages.cache_info().currsize == 2
