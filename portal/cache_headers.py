"""The one place that decides cache headers for public responses."""

from functools import wraps

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import http_date

PUBLIC_MAX_AGE = 300


def set_search_cache_headers(request, response):
    """Responses to a search query are never stored by shared caches (they may be personal and are unbounded);
    browsing without a query is the same for everyone and may be cached briefly."""
    if request.GET.get("q", "").strip():
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def private_if_query(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return set_search_cache_headers(request, view(request, *args, **kwargs))

    return wrapper


def set_feed_headers(response):
    """An Atom feed lists only live, public pages, so it is the same for everyone: browsers, feed readers and
    shared caches may keep it for PUBLIC_MAX_AGE seconds (Django's feed view adds Last-Modified)."""
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def set_content_page_headers(response, etag, last_modified):
    """A content page as an anonymous reader gets it: the same for everyone, so a shared cache (CDN, proxy) may
    keep it for PAGE_SHARED_MAX_AGE seconds (purged on publish: portal/settings/frontend_cache.py); browsers
    revalidate every time with the validators (a 304 costs one query: portal/page_cache.py)."""
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_SHARED_MAX_AGE)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    return response


def set_private_headers(response):
    """Signed-in users and previews: nothing keeps a copy (they may see the userbar, drafts or restricted pages)."""
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    return response
