"""The default cache from CACHE_URL (rate-limit counters live there, as do Wagtail's own cached values).

- unset or `locmem://[name]`: each process's own memory. Nothing to install, but every web process (gunicorn
  worker) counts on its own, so a limit of N lets through up to N per process.
- `file:///absolute/path`: files shared by the processes of one machine (counts may slip under a race).
- `db://table_name`: the database cache, shared by every machine (run `manage.py createcachetable` once).
- `redis://[:password@]host:6379/0` (or `rediss://`, `unix://`): Redis, shared and atomic (needs `pip install redis`).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REDIS_SCHEMES = {"redis", "rediss", "unix"}


def cache_from_url(url):
    url = (url or "").strip()
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
    parts = urlsplit(url)
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parts.netloc or "portal"}
    if parts.scheme == "file":
        if parts.netloc or not parts.path.startswith("/"):
            raise ImproperlyConfigured(f"CACHE_URL file:// needs an absolute path (file:///var/cache/portal): {url!r}")
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": parts.path}
    if parts.scheme == "db":
        table = parts.netloc or parts.path.strip("/")
        if not table.replace("_", "").isalnum():
            raise ImproperlyConfigured(f"CACHE_URL db:// needs a table name (db://portal_cache): {url!r}")
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    if parts.scheme in REDIS_SCHEMES:
        try:
            import redis  # noqa: F401
        except ImportError:
            raise ImproperlyConfigured("CACHE_URL names Redis: install the client first (pip install redis)") from None
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    # The URL may hold a password: name only its scheme.
    raise ImproperlyConfigured(
        f"CACHE_URL must start with locmem://, file://, db:// or redis://, not {parts.scheme}://"
    )
