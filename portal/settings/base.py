"""Production-safe defaults. Everything secret or site-specific comes from the environment.

dev.py and test.py loosen these; production.py only adds what a real deployment must insist on.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",  # the base page, mixins, blocks and helpers every app shares (no tables)
    "home",
    "evidence",
    "search",
    "feedback",
    "resources",
    "register",  # the register of evaluations in progress (/register/)
    "outcomes",  # what happened next: follow-ups 6, 12 and 24 months after an evaluation
    "wagtailnhsukfrontend",
    "wagtail_modeladmin",
    "ninja",
    "wagtail.contrib.frontend_cache",  # purges a CDN or proxy on publish (settings/frontend_cache.py)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",  # admin login lockout (AXES_* below)
    "portal.login_audit",  # axes' records under Settings, superusers only
    "backups",  # manage.py backup / restore (README "Backup and restore")
    "django_otp",  # two-factor sign-in for admin users (accounts/, README "Admin accounts and two-factor")
    "django_otp.plugins.otp_totp",
    "accounts",
]

MIDDLEWARE = [
    "portal.forwarded.TrustedProxyMiddleware",  # first: X-Forwarded-* only from TRUSTED_PROXIES
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.PageCacheMiddleware",  # before sessions: anonymous page hits touch none (decision 0005)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "home.site_lookup.SiteLookupMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # marks a session that has passed two-factor
    "accounts.middleware.TwoFactorMiddleware",  # the code (or enrolment) before any other admin page
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.csp.PortalCSPMiddleware",  # django-csp, with the admin's own policy (portal/csp.py)
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lockout into the 429 page (portal/login_lockout.py)
]

# Each web process remembers which Site answers a host for this long (home/site_lookup.py); 0 turns it off.
SITE_LOOKUP_SECONDS = int(os.environ.get("SITE_LOOKUP_SECONDS", "60"))

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "evidence.context_processors.glossary_linker",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (e.g. postgres://user:pass@host:5432/db) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while an editor publishes; a busy timeout avoids "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Connections are kept (DATABASE_CONN_MAX_AGE) as on PostgreSQL: a new SQLite connection re-reads the whole
    # schema and runs the PRAGMAs, about 10 ms of every request.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded images and documents are served by Django only where no web server or object store does it
# (a single-machine deployment such as `make serve`).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "portal.storage.StaticFilesStorage"},
}

# CACHE_URL: locmem:// (default, per process), file:///path, db://table or redis://host:6379/0
# (portal/settings/cache.py).
# Rate-limit counters live here: use a shared cache when there is more than one web process.
from portal.settings.cache import cache_from_url  # noqa: E402

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL"))}

# Readers' pages (portal/page_cache.py, docs/decisions/0005-cacheable-pages.md): kept apart from the default cache
# so pages never push out rate-limit counters. PAGE_CACHE_URL takes the same forms as CACHE_URL; every entry is keyed
# by the content generation, so even a per-process cache is never stale. PAGE_SHARED_MAX_AGE is the s-maxage a
# CDN or proxy may keep a page (purged on publish when FRONTEND_CACHE_* is set: portal/settings/frontend_cache.py).
CACHES["pages"] = cache_from_url(os.environ.get("PAGE_CACHE_URL") or "locmem://pages")
if "redis" not in CACHES["pages"]["BACKEND"]:  # Redis evicts by its own memory policy
    CACHES["pages"].setdefault("OPTIONS", {})["MAX_ENTRIES"] = int(os.environ.get("PAGE_CACHE_ENTRIES", "1000"))
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = 86400
PAGE_SHARED_MAX_AGE = int(os.environ.get("PAGE_SHARED_MAX_AGE", "300"))
from portal.settings.frontend_cache import frontend_cache  # noqa: E402

WAGTAILFRONTENDCACHE = frontend_cache(os.environ)  # FRONTEND_CACHE_BACKEND etc.; {} purges nothing

# Security: on unless a deployment says otherwise.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # believed only from TRUSTED_PROXIES (below)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview panel frames its own pages.
SILENCED_SYSTEM_CHECKS = [
    "security.W019",  # SAMEORIGIN, not DENY: the admin preview frames the site; CSP frame-ancestors is 'self'.
    "security.W021",  # HSTS preloading commits the whole domain: opt in with SECURE_HSTS_PRELOAD=true.
]

# Content Security Policy (django-csp 4). portal/csp.py picks the policy: this one for the public site, the
# admin's below for every path under /admin/. Nothing is loaded from another host (pages may name the NHS.UK font
# host, whose fonts are fetched only with the NHS identity on: see portal/csp.py).
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Wagtail 8's admin runs inline scripts (choosers, date pickers, the editor's set-up), so it needs
# 'unsafe-inline' for scripts; everything else stays as tight as the public policy.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "script-src": [SELF, UNSAFE_INLINE]},
}

# Browser features no page of the portal uses are refused to it and to anything it frames
# (django-permissions-policy). Only names Chromium knows: an unknown one is a console error.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "serial": [],
    "usb": [],
}

# ── Abuse limits, admin lockout, proxies (portal/settings/limits.py; README "Abuse limits and lockout") ──────
from portal.settings.limits import positive_int, rate_limits, trusted_proxies  # noqa: E402

# X-Forwarded-For/-Proto are believed only from these addresses/CIDRs (portal/forwarded.py); none by default.
TRUSTED_PROXIES = trusted_proxies(os.environ)
# Per client address: "forms", "page_password", "csv", "api" -> "N/period" or None (off). portal/rate_limits.py.
RATE_LIMITS = rate_limits(os.environ)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account or address before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
# Locked out after this many failures for one account, or from one address, until the cool-off has passed
# (each further attempt during a lockout starts it again). Failures are listed under Settings → Login failures.
from datetime import timedelta  # noqa: E402

AXES_FAILURE_LIMIT = positive_int(os.environ, "ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=positive_int(os.environ, "ADMIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "portal.login_lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "portal.login_lockout.lockout_response"

# Two-factor sign-in (accounts/): optional for every admin user; with PORTAL_REQUIRE_2FA=true required of superusers,
# Editors and Moderators (accounts/rules.py), who are sent to enrolment after their password until they have an app.
# Wrong codes count as failed sign-ins above; django-otp also makes each device wait 1, 2, 4 … seconds after one.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", False)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")
# The SMTP server for workflow notifications and the register's "Still active?" reminders (register/reminders.py).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Equity Evidence Portal")
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the name authenticator apps show for the two-factor account
# The site's own address for links readers and emails get (canonical, sitemap, feeds, API): scheme and host only,
# e.g. https://evidence.example.org. Unset: the request's own scheme and host (portal/site_address.py).
from portal.site_address import parse_base_url  # noqa: E402

PORTAL_BASE_URL = parse_base_url(os.environ.get("PORTAL_BASE_URL"))
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or PORTAL_BASE_URL or "http://127.0.0.1:8000"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILADMIN_COMMENTS_ENABLED = True  # co-authors discuss drafts in page comments
WAGTAIL_WORKFLOW_ENABLED = True
# Approving a workflow's last step publishes, whoever the step's groups are (Moderators hold no publish permission).
WAGTAIL_FINISH_WORKFLOW_ACTION = "evidence.workflow_finish.publish_approved"
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no outbound calls from the admin
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no outbound calls: the admin shows its own default avatar
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"

from portal.settings.search import breaker_seconds, search_backends  # noqa: E402

WAGTAILSEARCH_BACKENDS = search_backends(os.environ)
SEARCH_BREAKER_SECONDS = breaker_seconds(os.environ)
# search/spelling.py: a process rebuilds its "Did you mean" word list at most this often after content changes.
SPELLING_REBUILD_SECONDS = int(os.environ.get("SPELLING_REBUILD_SECONDS", "300"))

# Portal settings
# A summary whose reading age is above this cannot be signed off (NHS service manual: 9–11, 11–14 for medical content).
PORTAL_SIGNOFF_MAX_READING_AGE = int(os.environ.get("PORTAL_SIGNOFF_MAX_READING_AGE", "14"))

# ── Front end and accessibility (docs/decisions/0002-accessibility.md) ────────────────────────────────
# Wagtail 8's content checks are on for editors: the userbar ({% wagtailuserbar %} in templates/base.html)
# runs the accessibility checker on every preview, and the page and snippet editors' "Checks" side panel
# shows content metrics (words, reading time, readability) and the checker's results for the live preview.
# home/wagtail_hooks.py widens the checker to the WCAG 2.x A/AA rules editors can break through content.
# The Checks panel follows the live preview, so keep preview auto-update on (milliseconds between updates;
# 0 would turn it off).
WAGTAIL_AUTO_UPDATE_PREVIEW_INTERVAL = 500
