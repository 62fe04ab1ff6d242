"""Settings for tools/browser/screenshots.py: the test settings, with uploaded images on disk and served by
Django (so case study pictures appear), a throwaway SQLite database, and DEBUG off (the real 404 page)."""

import os
from pathlib import Path

from portal.settings.test import *  # noqa: F403

WORK_DIR = Path(os.environ["PORTAL_SCREENSHOT_DIR"])
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(WORK_DIR / "screenshots.sqlite3")}}
MEDIA_ROOT = WORK_DIR / "media"
SERVE_MEDIA = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
