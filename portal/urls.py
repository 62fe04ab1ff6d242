from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.api import api
from portal.rate_limits import rate_limit

# Wagtail's page-password form posts here (wagtail.urls names the same path); this pattern comes first, so every
# attempt is counted per client address (RATE_LIMIT_PAGE_PASSWORD) before Wagtail checks the password.
page_password_view = rate_limit("page_password", method="POST", reason="password")(
    wagtail_views.authenticate_with_password
)

urlpatterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password_view,
        name="wagtailcore_authenticate_with_password",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("api/v1/", api.urls),
    path("", include("evidence.urls")),
    path("", include("feeds.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include("portal.health")),  # /healthz, /readyz
    path("", include("home.urls")),
    path("", include("search.urls")),
    path("", include("search.gap_map_urls")),
    path("", include("feedback.urls")),
    path("", include("register.urls")),  # "Register your evaluation" (/register/submit/), before Wagtail's pages
    path("", include("register.confirm_urls")),  # "Still active?" answers from reminder emails
    path("", include("outcomes.urls")),  # "What happened next?" answers from emailed links
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Images only: documents go through /documents/<id>/<name>, which checks collection privacy.
    from django.urls import re_path

    from portal.media_views import serve_image

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve_image, name="media_image")]

urlpatterns += [path("", include(wagtail_urls))]
