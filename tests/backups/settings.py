"""The test settings with uploads on disk (MEDIA_ROOT from the environment), for manage.py run in a subprocess:
the suite's in-memory storage would lose every upload when the process ends."""

from portal.settings.test import *  # noqa: F403

STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}  # noqa: F405
