"""The site's own address: `PORTAL_BASE_URL` when set, else the scheme and host of the request being answered.

`absolute_url(path, request)` is the one definition of "the site's absolute URL for a path": canonical links,
Open Graph, JSON-LD, the sitemap, the Atom feed, RIS citations, the API and CSV all use it, and pages get it
through `BasePage.get_url_parts` (so `page.full_url` in Wagtail's notification emails says it too). The Wagtail
Site record's hostname and port are only used when neither the setting nor a request says.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import URLValidator

EXAMPLE = "https://evidence.example.org"


def parse_base_url(value, name="PORTAL_BASE_URL"):
    """'' when unset; else 'scheme://host[:port]' (a trailing slash is dropped). A path, query, fragment,
    credentials or another scheme than http/https is refused: the value is an origin, not a folder."""
    value = (value or "").strip()
    if not value:
        return ""
    problem = f"{name} must be a scheme and host such as {EXAMPLE} (no path, query or credentials); got {value!r}."
    try:
        URLValidator(schemes=["http", "https"])(value)
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except (ValidationError, ValueError) as error:
        raise ImproperlyConfigured(problem) from error
    extra = parts.query or parts.fragment or value.endswith(("?", "#")) or "@" in parts.netloc
    if parts.path not in ("", "/") or extra:
        raise ImproperlyConfigured(problem)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def site_origin(request=None):
    """'https://host[:port]' with no trailing slash, or '' when there is neither the setting nor a request.

    Without the setting the request's own scheme and host are used: `get_host()` honours ALLOWED_HOSTS (and
    `scheme` SECURE_PROXY_SSL_HEADER), so a forged Host header never reaches a link.
    """
    if settings.PORTAL_BASE_URL:
        return settings.PORTAL_BASE_URL
    if request is not None and hasattr(request, "get_host"):
        return f"{request.scheme}://{request.get_host()}"
    return ""


def absolute_url(url, request=None):
    """The site's absolute URL for `url` ('/evaluations/x/'); a URL that already names a host is returned as it
    is (a page of another Wagtail Site, a file on a storage service). '' for no URL."""
    if not url:
        return ""
    if url.startswith(("http://", "https://", "//")):
        return url
    origin = site_origin(request)
    if not origin:
        return url
    return origin + (url if url.startswith("/") else f"/{url}")
