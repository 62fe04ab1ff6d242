"""Per-client limits on what is costly or abusable: public form posts, page-password attempts, CSV exports, the API.

django-ratelimit keeps the counters (fixed windows per client address, in the default cache: see CACHE_URL) and
settings.RATE_LIMITS holds each limit's rate (portal/settings/limits.py). The client address is REMOTE_ADDR, which
portal/forwarded.py has already set from X-Forwarded-For when, and only when, the request came from a trusted proxy.
Over the limit: 429 with Retry-After, the page in templates/429.html (or JSON for the API, see portal/api.py).
"""

import contextvars
from functools import wraps

from django.conf import settings
from django.template.response import SimpleTemplateResponse
from django.utils.cache import add_never_cache_headers
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from ninja.throttling import BaseThrottle

from portal.csp import NHS_FONT_HOST

# Retry-After when the cache could not say how long is left (django-ratelimit then reports time_left -1).
FALLBACK_WAIT_SECONDS = 60


def _rate_of(name):
    # Read at every request, so override_settings in tests and one settings object decide.
    return lambda group, request: settings.RATE_LIMITS.get(name)


def seconds_to_wait(request, name, group, method=ALL):
    """Count this request against the limit; the seconds until the window ends if it is over, else None."""
    usage = get_usage(request, group=group, key="ip", rate=_rate_of(name), method=method, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return usage["time_left"] if usage["time_left"] > 0 else FALLBACK_WAIT_SECONDS


def describe_wait(seconds):
    if seconds <= 60:
        return "1 minute"
    minutes = -(-seconds // 60)
    return f"{minutes} minutes" if minutes < 120 else f"{-(-minutes // 60)} hours"


def too_many_requests(request, seconds, reason="requests"):
    """The friendly 429 page. Rendered without the database or the site's settings: it must stay cheap under load."""
    response = SimpleTemplateResponse(
        "429.html", {"wait": describe_wait(seconds), "reason": reason, "request": request}, status=429
    )
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    # NHS.UK frontend's stylesheet names the NHS font host in @font-face: allowed as on every site page
    # (portal/csp.py), or Chromium reports a CSP refusal, on public paths and under /admin/ alike.
    response._csp_update = {"font-src": [NHS_FONT_HOST]}
    return response.render()  # rendered now: axes returns it from a middleware, after response rendering


def rate_limit(name, method=ALL, reason="requests"):
    """Limit a view by client address. Each view has its own counter (its class or function name)."""

    def decorator(view):
        target = getattr(view, "view_class", view)
        group = f"{name}:{target.__module__}.{target.__qualname__}"

        @wraps(view)
        def limited(request, *args, **kwargs):
            seconds = seconds_to_wait(request, name, group, method)
            if seconds is not None:
                return too_many_requests(request, seconds, reason)
            return view(request, *args, **kwargs)

        return limited

    return decorator


_api_wait = contextvars.ContextVar("api_wait", default=None)


class ApiRateThrottle(BaseThrottle):
    """django-ninja's throttle hook, counting with the same library and cache as the pages. Ninja adds
    Retry-After from wait() and answers through the API's Throttled handler (portal/api.py)."""

    def allow_request(self, request):
        seconds = seconds_to_wait(request, "api", "api")
        _api_wait.set(seconds)
        return seconds is None

    def wait(self):
        return _api_wait.get()
