"""A CDN or proxy in front (FRONTEND_CACHE_*) is purged of what a change affects: a real HTTP server here receives
the PURGE requests Wagtail's HTTP backend sends."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.frontend_cache import frontend_cache
from tests.functional.site_data import build_site


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):
        self.purged.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = frontend_cache(
        {"FRONTEND_CACHE_BACKEND": "http", "FRONTEND_CACHE_LOCATION": f"http://127.0.0.1:{server.server_port}"}
    )
    yield PurgeRecorder.purged
    server.shutdown()


@pytest.fixture
def site(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail's reference index is updated on commit
        return build_site()


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_publishing_purges_the_page_and_the_pages_that_show_it(site, proxy, django_capture_on_commit_callbacks):
    evaluation = site["evaluation"]
    with django_capture_on_commit_callbacks(execute=True):
        evaluation.save_revision().publish()
    purged = set(proxy)
    assert {"localhost/evaluations/bp-checks/", "localhost/evaluations/", "localhost/"} <= purged
    assert "localhost/summaries/bp-checks/" in purged  # the summary links to its evaluation
    assert "localhost/case-studies/evening-checks/" in purged


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_unpublishing_purges_the_page_and_its_listing(site, proxy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site["case_study"].unpublish()
    assert {"localhost/case-studies/evening-checks/", "localhost/case-studies/"} <= set(proxy)


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_glossary_term_purges_the_glossary_and_its_page(site, proxy, django_capture_on_commit_callbacks):
    term = site["terms"][0]
    with django_capture_on_commit_callbacks(execute=True):
        term.save_revision().publish()
    assert {"localhost/glossary/", "localhost/glossary/core20plus5/"} <= set(proxy)


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_taxonomy_rename_purges_the_pages_tagged_with_it(site, proxy, django_capture_on_commit_callbacks):
    service = site["service"]
    service.name = "High street pharmacy"
    with django_capture_on_commit_callbacks(execute=True):
        service.save()
    assert {"localhost/evaluations/bp-checks/", "localhost/case-studies/evening-checks/"} <= set(proxy)


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_nothing_is_sent_without_a_backend(site, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks(execute=True):
        site["evaluation"].save_revision().publish()  # no server to reach: must not fail


def test_settings_from_the_environment():
    assert frontend_cache({}) == {}
    assert frontend_cache({"FRONTEND_CACHE_BACKEND": "http", "FRONTEND_CACHE_LOCATION": "http://varnish:6081"}) == {
        "default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://varnish:6081"}
    }
    cloudflare = frontend_cache(
        {
            "FRONTEND_CACHE_BACKEND": "cloudflare",
            "FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone",
            "FRONTEND_CACHE_CLOUDFLARE_TOKEN": "token",
            "FRONTEND_CACHE_HOSTNAMES": "evidence.example.org, www.evidence.example.org",
        }
    )["default"]
    assert cloudflare["ZONEID"] == "zone" and cloudflare["BEARER_TOKEN"] == "token"
    assert cloudflare["HOSTNAMES"] == ["evidence.example.org", "www.evidence.example.org"]
    with pytest.raises(ImproperlyConfigured, match="FRONTEND_CACHE_LOCATION"):
        frontend_cache({"FRONTEND_CACHE_BACKEND": "http"})
    with pytest.raises(ImproperlyConfigured, match="must be one of"):
        frontend_cache({"FRONTEND_CACHE_BACKEND": "squid"})
