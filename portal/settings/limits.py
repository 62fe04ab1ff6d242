"""Abuse limits, admin lockout and trusted proxies from the environment, validated at start-up.

A rate is `N/P`: N requests per period P, where P is s, m, h or d with an optional multiplier (`5/m`, `100/h`,
`20/10m`); `off` turns that limit off. Counters are django-ratelimit's, in the default cache (CACHE_URL).
"""

import ipaddress
import re

from django.core.exceptions import ImproperlyConfigured

RATE_PATTERN = re.compile(r"^([1-9][0-9]*)/([1-9][0-9]*)?([smhd])$")

# Name in settings.RATE_LIMITS -> (environment variable, default).
RATE_DEFAULTS = {
    "forms": ("RATE_LIMIT_FORMS", "5/m"),  # each public form's POSTs (feedback, term suggestion, proposal)
    "register": ("RATE_LIMIT_REGISTER", "10/h"),  # "Register your evaluation" POSTs (each makes a draft page)
    "outcomes": ("RATE_LIMIT_OUTCOMES", "10/h"),  # "What happened next?" answers from emailed links
    "page_password": ("RATE_LIMIT_PAGE_PASSWORD", "10/h"),  # attempts at a privacy password
    "csv": ("RATE_LIMIT_CSV", "10/m"),  # search and evidence-map CSV exports
    "api": ("RATE_LIMIT_API", "120/m"),  # /api/v1/ requests
}


def parse_rate(name, value):
    value = value.strip().lower()
    if value == "off":
        return None
    if not RATE_PATTERN.match(value):
        raise ImproperlyConfigured(f"{name} must look like 5/m, 100/h or 20/10m (or be 'off'), not {value!r}")
    return value


def rate_limits(environ):
    return {key: parse_rate(var, environ.get(var) or default) for key, (var, default) in RATE_DEFAULTS.items()}


def positive_int(environ, name, default):
    value = environ.get(name) or str(default)
    if not value.isdigit() or int(value) < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of 1 or more, not {value!r}")
    return int(value)


def trusted_proxies(environ):
    """TRUSTED_PROXIES: comma-separated addresses or CIDR ranges whose X-Forwarded-* headers are believed."""
    networks = []
    for item in environ.get("TRUSTED_PROXIES", "").split(","):
        if item.strip():
            try:
                networks.append(str(ipaddress.ip_network(item.strip(), strict=False)))
            except ValueError:
                raise ImproperlyConfigured(f"TRUSTED_PROXIES: {item.strip()!r} is not an address or CIDR") from None
    return networks
