"""django-axes hooks for the admin login lockout (settings AXES_*): the client address it counts and the page a
locked-out person sees. Axes records failures through Django's user_login_failed signal, so it works through
Wagtail's own login form (and the front-end login for login-restricted pages) unchanged."""

from axes.helpers import get_cool_off

from portal.rate_limits import too_many_requests


def client_ip(request):
    """REMOTE_ADDR, which portal/forwarded.py has set from X-Forwarded-For only for a trusted proxy."""
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    # Every attempt during a lockout starts the cool-off again (axes' default), so the whole cool-off is left.
    cool_off = get_cool_off(request)
    return too_many_requests(request, int(cool_off.total_seconds()) if cool_off else 3600, reason="sign-in")
