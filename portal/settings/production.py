"""Production: base settings plus the checks a deployment must pass. Refuses to start without a secret."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, SECRET_KEY

if not SECRET_KEY or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (at least 32 random characters).")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS in the environment (comma-separated host names).")
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
