"""The one place that decides cache headers for public responses."""

from functools import wraps

from django.utils.cache import patch_cache_control


def private_if_query(view):
    """Responses to a search query are never stored by shared caches (they may be personal or unbounded)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.GET.get("q", "").strip():
            patch_cache_control(response, private=True, no_store=True)
        else:
            patch_cache_control(response, public=True, max_age=300)
        return response

    return wrapper
