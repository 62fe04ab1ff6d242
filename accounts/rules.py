"""Who must use two-factor sign-in, and which device a user has. One place for the rules the middleware and the
views share."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from evidence.roles import EDITORS, MODERATORS

# Groups whose members can publish (Editors directly, Moderators by approving a workflow's last step).
GROUPS_THAT_MUST_USE_TWO_FACTOR = (EDITORS, MODERATORS)


def must_use_two_factor(user):
    """True when PORTAL_REQUIRE_2FA is on and this admin user can publish or manage accounts."""
    if not settings.PORTAL_REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=GROUPS_THAT_MUST_USE_TWO_FACTOR).exists()


def confirmed_device(user):
    """The user's authenticator app, once enrolment has confirmed it with a code; None before."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def remove_devices(user):
    """Forget every authenticator of the user (an administrator's reset, or the user's own removal)."""
    return TOTPDevice.objects.filter(user=user).delete()[0]
