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
A hit is the common case and is kept cheap (a hit costs about what Django's own request handling costs): the
generation is read with one prepared statement, not a queryset; whether a path is a page is remembered per path;
and the pages most recently sent are kept inflated in this process (HotPages), for as long as the store holds them.
"""

import copy
import hashlib
import secrets
import threading
import zlib
from collections import OrderedDict
from datetime import datetime, time
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response
from wagtail.views import serve as wagtail_serve

from core.generation import request_generation
from home.models import ContentGeneration

from .cache_headers import set_content_page_headers, set_private_headers

# Query parameters a content page reads; any other query string is served afresh, never stored, so made-up
# parameters cannot fill the cache.
CACHED_PARAMS = {"page", "feedback"}
UNCACHEABLE = {"private", "no-store", "no-cache"}


def is_page_request(request):
    path = request.path_info
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    # Routing walks every URL pattern before Wagtail's catch-all; the answer for a path never changes while the
    # URL configuration is the same, so it is remembered (long, made-up paths are routed each time).
    return _serves_pages(urlconf, path) if len(path) <= MEMO_PATH_LENGTH else _routes_to_wagtail(urlconf, path)


MEMO_PATH_LENGTH = 300


def _routes_to_wagtail(urlconf, path):
    try:
        return resolve(path, urlconf).func is wagtail_serve
    except Resolver404:
        return False


_serves_pages = lru_cache(maxsize=4096)(_routes_to_wagtail)


def read_generation():
    """home.content_generation.current() as one prepared statement: a queryset costs ~20 times as much to build
    as the query takes to run, and this runs on every reader's page request. (value, changed_at)."""
    table = connection.ops.quote_name(ContentGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value, changed_at FROM {table} WHERE id = %s", [1])  # noqa: S608 (a model's table)
        row = cursor.fetchone()
    if row is None:
        return 0, None
    value, changed_at = row
    # What the field's own converter does: SQLite (and MySQL) return naive UTC moments, PostgreSQL aware ones.
    convert = getattr(connection.ops, "convert_datetimefield_value", None)
    if changed_at is not None and convert is not None:
        changed_at = convert(changed_at, None, connection)
    return value, changed_at


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


def page_identity(request, generation):
    """What a stored page is for: the content generation, today's date, the scheme, host and full path."""
    return (generation, timezone.localdate(), request.scheme, request.get_host(), request.get_full_path())


def cache_key(identity):
    return "page:" + hashlib.sha256("|".join(map(str, identity)).encode()).hexdigest()


class HotPages:
    """Stored pages this process sent last, inflated and ready to send: inflating a page costs more than the rest of
    a hit. Only a decompression memo in front of the pages cache, never a cache of its own: an entry is used only
    when the store still holds the very entry it was inflated from (the same identity and the same serial, which
    each rendering stores anew), so it is exactly as fresh as the store (a change, a new day, a clear or another
    process's newer rendering all bypass it). At most `size` pages (~50 KB each), least recently used first out."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def ready(self, identity, stored):
        """(body, headers, ETag, Last-Modified) of a stored entry."""
        serial = stored.get("serial")  # entries stored by an earlier version of this module have none
        with self.lock:
            held = self.entries.get(identity)
            if held is not None and serial is not None and held[0] == serial:
                self.entries.move_to_end(identity)
                return held[1]
        headers = dict(stored["headers"])
        page = (zlib.decompress(stored["body"]), headers, headers["ETag"], stored["last_modified"])
        if serial is not None:
            self.put(identity, serial, page)
        return page

    def put(self, identity, serial, page):
        with self.lock:
            self.entries[identity] = (serial, page)
            self.entries.move_to_end(identity)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


HOT_PAGES = 64  # ~3 MB of HTML per process
hot_pages = HotPages(HOT_PAGES)


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

        value, changed_at = read_generation()
        # The number with the moment it was raised: a database restored from a backup (or a test rolled back)
        # can show a number again, never with the same moment, so no memo or cache entry outlives its content.
        generation = f"{value}@{changed_at.timestamp() if changed_at else 0}"
        request.content_generation = generation  # listings key their page counts by it (evidence/models/index_pages.py)
        identity = page_identity(request, generation)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        stored = cache.get(cache_key(identity))
        if stored is not None:
            body, headers, etag, last_modified = hot_pages.ready(identity, stored)
            response = HttpResponse(body, headers=headers)
            response["X-Page-Cache"] = "hit"
            return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)

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
            stored = self.to_cache(response, last_modified)
            cache.set(cache_key(identity), stored, settings.PAGE_CACHE_SECONDS)
            page = (response.content, dict(stored["headers"]), etag, last_modified)
            hot_pages.put(identity, stored["serial"], page)
        response["X-Page-Cache"] = "miss"
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)

    @staticmethod
    def to_cache(response, last_modified):
        # Compressed: a page is ~60 KB of HTML and ~10 KB deflated; a few hundred pages stay small per process.
        return {
            "body": zlib.compress(response.content, 1),
            "headers": list(response.items()),
            "last_modified": last_modified,
            "serial": secrets.token_hex(8),  # tells this rendering from any other stored under the same key
        }


@receiver(setting_changed)
def forget_hot_pages(**kwargs):
    """Settings changed (a test's override_settings): route paths again, and inflate pages again."""
    hot_pages.clear()
    _serves_pages.cache_clear()
