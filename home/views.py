from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from portal.site_address import absolute_url


@never_cache
def healthz(request):
    """Liveness only: answers without touching the database (readiness is /readyz)."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def readyz(request):
    """Readiness: 503 when the database is down; 200 "degraded" when only the search engine is (search.health)."""
    from search.health import readiness

    body, status = readiness()
    return JsonResponse(body, status=status)


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    """Crawlers may read everything public; the admin and the forms are off limits. Points to the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /feedback/",
        "Disallow: /propose-an-evaluation/",
        "Disallow: /suggest-a-glossary-term/",
        "Disallow: /search/?",
        f"Sitemap: {absolute_url('/sitemap.xml', request)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
