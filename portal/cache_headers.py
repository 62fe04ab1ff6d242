"""The one place that decides cache headers for public responses."""

from functools import wraps

from django.utils.cache import patch_cache_control

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
