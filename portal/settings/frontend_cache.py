"""Purging a CDN or caching proxy in front of the portal (Wagtail's frontend cache invalidation), from the environment.

FRONTEND_CACHE_BACKEND:
- unset: nothing in front to purge (the embedded page cache needs none: portal/page_cache.py);
- `http`: a proxy that accepts PURGE (Varnish, nginx with a purge module, Fastly): FRONTEND_CACHE_LOCATION is its
  address, e.g. http://127.0.0.1:6081;
- `cloudflare`: FRONTEND_CACHE_CLOUDFLARE_ZONEID and FRONTEND_CACHE_CLOUDFLARE_TOKEN (an API token allowed to purge);
- `cloudfront`: FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID (needs `pip install boto3` and AWS credentials the usual way).
FRONTEND_CACHE_HOSTNAMES (optional, comma-separated) limits a backend to those hosts.
"""

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "http": ("wagtail.contrib.frontend_cache.backends.HTTPBackend", {"LOCATION": "FRONTEND_CACHE_LOCATION"}),
    "cloudflare": (
        "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        {"ZONEID": "FRONTEND_CACHE_CLOUDFLARE_ZONEID", "BEARER_TOKEN": "FRONTEND_CACHE_CLOUDFLARE_TOKEN"},
    ),
    "cloudfront": (
        "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        {"DISTRIBUTION_ID": "FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"},
    ),
}


def frontend_cache(environ):
    """The WAGTAILFRONTENDCACHE setting, or {} when nothing is in front."""
    name = (environ.get("FRONTEND_CACHE_BACKEND") or "").strip().lower()
    if not name:
        return {}
    if name not in BACKENDS:
        raise ImproperlyConfigured(f"FRONTEND_CACHE_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}")
    backend, variables = BACKENDS[name]
    config = {"BACKEND": backend}
    for key, variable in variables.items():
        value = (environ.get(variable) or "").strip()
        if not value:
            raise ImproperlyConfigured(f"FRONTEND_CACHE_BACKEND={name} needs {variable}")
        config[key] = value
    hostnames = [host.strip() for host in environ.get("FRONTEND_CACHE_HOSTNAMES", "").split(",") if host.strip()]
    if hostnames:
        config["HOSTNAMES"] = hostnames
    return {"default": config}
