"""The Content Security Policy, chosen per response: the one place that decides which policy a path gets.

- Public pages get settings.CONTENT_SECURITY_POLICY (no inline or eval'd script; nothing from other hosts but
  the one font host below).
- The Wagtail admin (every path under its URL prefix) gets settings.ADMIN_CONTENT_SECURITY_POLICY: Wagtail 8's
  admin still runs inline scripts (choosers, date pickers, the page editor's setup), so it cannot work under
  `script-src 'self'`. A preview is rendered by Wagtail as a request for the page's own URL, through this
  middleware, so it carries the public page's policy.
- A page rendered from the portal's own templates (public, or previewed in the admin) may also name the NHS.UK
  fonts' host: NHS.UK frontend's stylesheet declares its Frutiger @font-face rules there, and Chromium reports a
  CSP violation (a console error) for every @font-face source the policy refuses, whether or not any text uses
  it. The fonts are only fetched when used, which is only with the NHS identity on (Settings → Portal settings →
  Show the NHS logo): otherwise templates/base.html sets the design system's own system-font stack
  (templates/components/system_fonts.html), and no request leaves the site.

django-csp 4 documents subclassing CSPMiddleware and extending get_policy_parts for this.
"""

from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse

from home.models import PortalSettings

NHS_FONT_HOST = "https://assets.nhs.uk"


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def is_admin_path(path_info):
    return path_info.startswith(admin_prefix())


def rendered_site_template(request):
    """True when this response is a page rendered from templates/base.html, which links NHS.UK frontend.

    base.html reads the portal settings for every page it renders, and Wagtail keeps them on the request
    (BaseSiteSetting.for_request), so this costs no query. The admin's own screens, JSON and CSV have none."""
    return hasattr(request, PortalSettings.get_cache_attr_name())


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        # A view's own @csp_override still wins over the admin policy.
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        if rendered_site_template(request):
            update = dict(parts.update or {})
            update["font-src"] = [*update.get("font-src", []), NHS_FONT_HOST]
            parts.update = update
        return parts
