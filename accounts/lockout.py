"""Wrong two-factor codes count as failed sign-ins in django-axes, like wrong passwords: the same per-account and
per-address limit (ADMIN_LOGIN_FAILURE_LIMIT), the same lockout page and the same audit under Settings → Login
failures (path /admin/two-factor/verify/). django-otp's own throttle on the device adds a growing wait (1, 2, 4 …
seconds) that a new password sign-in does not reset."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed

from portal.login_lockout import lockout_response


def credentials(user):
    return {"username": user.get_username()}


def locked_out(request, user):
    return settings.AXES_ENABLED and AxesProxyHandler.is_locked(request, credentials(user))


def record_wrong_code(request, user):
    """Counts the failure; True when it has locked the account or the address."""
    user_login_failed.send(sender=__name__, credentials=credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def sign_out_locked(request):
    """A locked-out user loses the half-finished sign-in: the password must be given again after the lockout."""
    logout(request)
    request.axes_locked_out = False  # the lockout page is returned here, not again by AxesMiddleware
    return lockout_response(request)
