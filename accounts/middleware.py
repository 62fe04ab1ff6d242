"""Keeps a signed-in admin user who has not passed two-factor away from every admin page but the few they need.

After the password (Wagtail's own login form), a user with an authenticator app is sent to the code page, and a
user who must use two-factor (accounts.rules) but has none is sent to enrolment; until then no other admin page,
admin API or preview answers. Installed after django_otp's OTPMiddleware, which marks a verified session."""

from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

from accounts.rules import confirmed_device, must_use_two_factor
from portal.csp import is_admin_path

# Reachable before the code: signing in or out, and what the two-factor pages themselves load.
OPEN_BEFORE_CODE = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_two_factor_verify",
}
OPEN_BEFORE_ENROLMENT = OPEN_BEFORE_CODE | {"accounts_two_factor_set_up"}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.detour(request) or self.get_response(request)

    def detour(self, request):
        if not is_admin_path(request.path_info):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in OPEN_BEFORE_CODE:
            return None
        if confirmed_device(user) is not None:
            return redirect_to_login(request.get_full_path(), reverse("accounts_two_factor_verify"))
        if url_name not in OPEN_BEFORE_ENROLMENT and must_use_two_factor(user):
            return redirect_to_login(request.get_full_path(), reverse("accounts_two_factor_set_up"))
        return None
