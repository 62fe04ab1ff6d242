"""Readers' pages: validators, 304s and a page cache that is never stale (docs/decisions/0005-cacheable-pages.md).

For an anonymous GET of a Wagtail page (no session cookie, not a preview) this middleware reads the content
generation (home/content_generation.py, one query) and looks the page up in the "pages" cache under that
generation, today's date, the host and the full path. A hit is answered from the cache, or with a 304 when the
reader already holds it. A miss is served by Wagtail; a 200 that Wagtail marked as a public content page
(home/wagtail_hooks.py: never a restricted one) and that sets no cookie is stored, with its ETag and Last-Modified
and the public Cache-Control from portal/cache_headers.py, and without `Vary: Cookie` (what differs for a signed-in
user, the userbar, is never served from here: their requests carry a session cookie and are answered afresh,
private and uncached). Any change a page could show raises the generation in the same transaction, so every
process, whatever cache it uses, moves to new keys at once; the old entries simply age out.

Runs just inside the security middleware and before sessions, so a hit touches no session, user or template.
"""

import copy
import hashlib
import zlib
from datetime import datetime, time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response
from wagtail.views import serve as wagtail_serve

from core.generation import request_generation
from home.content_generation import current

from .cache_headers import set_content_page_headers, set_private_headers

# Query parameters a content page reads; any other query string is served afresh, never stored, so made-up
# parameters cannot fill the cache.
CACHED_PARAMS = {"page", "feedback"}
UNCACHEABLE = {"private", "no-store", "no-cache"}


def is_page_request(request):
    try:
        return resolve(request.path_info).func is wagtail_serve
    except Resolver404:
        return False


def is_anonymous_read(request):
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_dummy", False)  # Wagtail's preview runs through the middleware too
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def may_store(request):
    return request.method == "GET" and all(
        key in CACHED_PARAMS and len(values) == 1 and len(values[0]) <= 12 for key, values in request.GET.lists()
    )


def cache_key(request, generation):
    raw = f"{generation}|{timezone.localdate()}|{request.scheme}|{request.get_host()}|{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def validators(request, page, generation, changed_at):
    """An ETag for this rendering, and Last-Modified: the latest change anywhere (a page shows the glossary,
    taxonomy and other pages), never before today's start (the "Review overdue" flag follows the date)."""
    today = timezone.localdate()
    raw = f"{generation}|{today}|{page.pk}|{page.live_revision_id}|{request.get_host()}|{request.get_full_path()}"
    etag = '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'
    midnight = timezone.make_aware(datetime.combine(today, time.min))
    moments = [moment for moment in (changed_at, page.last_published_at) if moment]
    return etag, int(max([midnight, *moments]).timestamp())


def is_storable(response):
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return (
        getattr(response, "portal_page", None) is not None
        and response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not directives & UNCACHEABLE
    )


def drop_vary_cookie(response):
    if response.has_header("Vary"):
        kept = [value for value in cc_delim_re.split(response["Vary"]) if value and value.lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


_site_settings = {}  # (host, generation) -> PortalSettings; any settings or Site edit raises the generation


def lend_site_settings(request, generation):
    """Every page reads the portal settings (one query); a reader's page takes them from this process's memo for the
    same host and generation. Returns what to call after the response, to remember what the page read."""
    from home.models import PortalSettings

    attr, key = PortalSettings.get_cache_attr_name(), (request.get_host(), generation)
    held = _site_settings.get(key)
    if held is not None:
        setattr(request, attr, copy.copy(held))
        return lambda: None

    def remember():
        loaded = request.__dict__.get(attr)
        if loaded is not None and loaded.pk is not None:
            if len(_site_settings) >= 64:
                _site_settings.clear()
            kept = copy.copy(loaded)
            kept.__dict__.pop("_request", None)
            _site_settings[key] = kept

    return remember


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request) or not is_page_request(request):
            response = self.get_response(request)
            if getattr(request, "is_dummy", False) or getattr(response, "portal_page", None) is not None:
                set_private_headers(response)  # a preview, or a page for someone with a session
            return response

        value, changed_at = current()
        # The number with the moment it was raised: a database restored from a backup (or a test rolled back)
        # can show a number again, never with the same moment, so no memo or cache entry outlives its content.
        generation = f"{value}@{changed_at.timestamp() if changed_at else 0}"
        request.content_generation = generation  # listings key their page counts by it (evidence/models/index_pages.py)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        key = cache_key(request, generation)
        held = cache.get(key)
        if held is not None:
            response = self.from_cache(held)
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=held["last_modified"], response=response
            )

        remember_settings = lend_site_settings(request, generation)
        token = request_generation.set(generation)
        try:
            response = self.get_response(request)
        finally:
            request_generation.reset(token)
        remember_settings()
        if not is_storable(response):
            return response
        drop_vary_cookie(response)
        etag, last_modified = validators(request, response.portal_page, generation, changed_at)
        set_content_page_headers(response, etag, last_modified)
        if may_store(request):
            cache.set(key, self.to_cache(response, last_modified), settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)

    @staticmethod
    def to_cache(response, last_modified):
        # Compressed: a page is ~60 KB of HTML and ~10 KB deflated; a few hundred pages stay small per process.
        return {
            "body": zlib.compress(response.content, 1),
            "headers": list(response.items()),
            "last_modified": last_modified,
        }

    @staticmethod
    def from_cache(held):
        response = HttpResponse(zlib.decompress(held["body"]))
        for name, value in held["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
