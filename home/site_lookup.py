"""Which Wagtail Site answers a request, remembered by each web process.

Wagtail finds the Site for every request that needs one (pages, and every template through the site settings)
with an ORM query ordered by a CASE expression and joined to the root page: about 5 ms of a 45 ms search page at
100,000 evaluations. Sites change rarely. This middleware gives Wagtail the Site it found for the same host and
port in an earlier request (Wagtail reads `request._wagtail_site` before looking one up) and otherwise lets
Wagtail look it up and remembers the answer afterwards, so it never adds a query (`/healthz` stays free of the
database). Saving or deleting a Site forgets everything in that process; other processes see the change within
SITE_LOOKUP_SECONDS (60 by default; 0 turns the memo off).
"""

import threading
import time

from django.conf import settings
from django.http.request import split_domain_port

_lock = threading.Lock()
_memo = {}  # (hostname, port) -> (expires at, Site or None)
# ALLOWED_HOSTS may allow any subdomain (".example.org"): never remember more hosts than this.
MAX_HOSTS = 64
_NOT_LOOKED_UP = object()


def _seconds():
    return float(getattr(settings, "SITE_LOOKUP_SECONDS", 60))


def _key(request):
    # The same host and port Wagtail's Site.find_for_request uses.
    return split_domain_port(request._get_raw_host())[0], request.get_port()


def forget_sites(**kwargs):
    with _lock:
        _memo.clear()


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = _seconds()
        if seconds <= 0:
            return self.get_response(request)
        key = _key(request)
        held = _memo.get(key)
        fresh = held is not None and held[0] > time.monotonic()
        if fresh:
            request._wagtail_site = held[1]
        response = self.get_response(request)
        if not fresh:
            site = request.__dict__.get("_wagtail_site", _NOT_LOOKED_UP)
            if site is not _NOT_LOOKED_UP:
                with _lock:
                    if len(_memo) >= MAX_HOSTS:
                        _memo.clear()
                    _memo[key] = (time.monotonic() + seconds, site)
        return response
