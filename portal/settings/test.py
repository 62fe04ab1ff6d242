"""Tests: fast hashing, in-memory cache, no HTTPS redirect. Database from DATABASE_URL (default SQLite)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PORTAL_DEMO_SETTINGS = True  # load_demo_content may create accounts with the published password
INSTALLED_APPS = [*INSTALLED_APPS, "devdata"]  # noqa: F405  generate_evaluations; factories for the tests
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SERVE_MEDIA = True  # browser tests show uploaded images (images only: portal/media_views.py)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Abuse limits and the admin lockout are off for the suite; tests/security/test_limits*.py turn them on.
RATE_LIMITS = dict.fromkeys(RATE_LIMITS, "100000/s")  # noqa: F405
AXES_ENABLED = False  # axes refuses client.login() (no request); tests turn it on with override_settings
SPELLING_REBUILD_INLINE = True  # search/spelling.py: each word list in the request; the background path has its test
# No TASKS setting: django-tasks runs search index updates immediately, as the tests expect.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Serve static files from the finders in tests: no collectstatic needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# ── Search engine tests (tests/engine; tests/search with SEARCH_URL set) ──────────────────────────────────
# The engine tests empty their indexes before every test: never let them touch a running portal's indexes
# ("portal_" by default). SEARCH_INDEX_PREFIX still wins when it is set.
import os  # noqa: E402

if "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS.get("default", {}) and not os.environ.get("SEARCH_INDEX_PREFIX"):  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = "test_portal_"  # noqa: F405
# Under pytest-xdist each worker has its own database (pytest-django) and so needs its own indexes: the engine tests
# empty "<prefix>*" before every test, which must not reach another worker's documents.
if "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS.get("default", {}) and os.environ.get("PYTEST_XDIST_WORKER"):  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] += os.environ["PYTEST_XDIST_WORKER"] + "_"  # noqa: F405
