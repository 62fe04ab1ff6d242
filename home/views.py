from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal.site_address import absolute_url


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
