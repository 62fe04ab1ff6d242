"""Cross-site refusal for the page feedback form, which posts without a CSRF token (docs/decisions/0005).

The form sits at the foot of every content page. A CSRF token there would set a `csrftoken` cookie on every
anonymous page view and make every page uncacheable, to protect a form that acts for nobody: feedback is anonymous,
stores no account, address or session, and anyone may send it. What is left to stop is another site making its
visitors' browsers post feedback for it. Browsers name the page a cross-site POST comes from in `Origin` (every
current browser, for every POST) or, failing that, `Referer`; a POST naming another site, or an opaque `null`
origin, is refused. A POST naming neither comes from no browser page, and is left to the honeypot and rate limits.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.template.response import TemplateResponse


def own_origins(request):
    origins = {f"{request.scheme}://{request.get_host()}"}
    origins.update(origin for origin in settings.CSRF_TRUSTED_ORIGINS if "*" not in origin)
    if getattr(settings, "PORTAL_BASE_URL", None):
        origins.add(settings.PORTAL_BASE_URL.rstrip("/"))
    return origins


def is_cross_site(request):
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin not in own_origins(request)  # "null" (a sandboxed or privacy-stripped page) is never ours
    referer = request.headers.get("Referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" not in own_origins(request)
    return False


def refuse_cross_site_posts(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and is_cross_site(request):
            return TemplateResponse(request, "feedback/cross_site_refused.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
