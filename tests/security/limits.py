"""Turning a limit on for one test: the suite runs with every limit very high (portal/settings/test.py)."""

from django.conf import settings
from django.test import override_settings


def limits(**rates):
    """override_settings with RATE_LIMITS changed only for the names given, e.g. limits(forms="3/m")."""
    return override_settings(RATE_LIMITS={**settings.RATE_LIMITS, **rates})
