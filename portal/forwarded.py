"""Forwarded headers are believed only from the proxies in TRUSTED_PROXIES (settings.TRUSTED_PROXIES).

Runs first. From anyone else, X-Forwarded-For/-Proto/-Host/-Port are dropped, so a client can neither claim
HTTPS (SECURE_PROXY_SSL_HEADER) nor pick the address that rate limits and the login lockout count against.
From a trusted proxy, REMOTE_ADDR becomes the nearest untrusted address in X-Forwarded-For (walking from the
right past further trusted proxies), so every later part of the site sees the real client in one place.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_FORWARDED",
)


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(item, strict=False) for item in proxies)


def is_trusted(address):
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(remote_addr, forwarded_for):
    """The nearest address in the chain that is not a trusted proxy (malformed entries end the walk)."""
    client = remote_addr
    for entry in reversed(forwarded_for.split(",")):
        if not is_trusted(client):
            break
        try:
            client = str(ipaddress.ip_address(entry.strip()))
        except ValueError:
            break
    return client


class TrustedProxyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        remote = meta.get("REMOTE_ADDR", "")
        if is_trusted(remote):
            meta["REMOTE_ADDR"] = client_address(remote, meta.get("HTTP_X_FORWARDED_FOR", ""))
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)
