from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.api import api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v1/", api.urls),
    path("", include("evidence.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include("home.urls")),
    path("", include("search.urls")),
    path("", include("search.gap_map_urls")),
    path("", include("feedback.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Images only: documents go through /documents/<id>/<name>, which checks collection privacy.
    from django.urls import re_path

    from portal.media_views import serve_image

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve_image, name="media_image")]

urlpatterns += [path("", include(wagtail_urls))]
