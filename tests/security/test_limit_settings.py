"""The environment variables of the limits, the lockout, the proxies and the cache are checked at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.forwarded import client_address
from portal.settings.cache import cache_from_url
from portal.settings.limits import positive_int, rate_limits, trusted_proxies


def test_rates_default_and_parse():
    assert rate_limits({}) == {
        "forms": "5/m",
        "register": "10/h",
        "outcomes": "10/h",
        "page_password": "10/h",
        "csv": "10/m",
        "api": "120/m",
    }
    assert rate_limits({"RATE_LIMIT_REGISTER": "3/d"})["register"] == "3/d"
    assert rate_limits({"RATE_LIMIT_OUTCOMES": "2/h"})["outcomes"] == "2/h"
    parsed = rate_limits({"RATE_LIMIT_FORMS": "20/10m", "RATE_LIMIT_API": "OFF", "RATE_LIMIT_CSV": " 3/h "})
    assert (parsed["forms"], parsed["api"], parsed["csv"]) == ("20/10m", None, "3/h")


@pytest.mark.parametrize("value", ["5", "five/m", "0/m", "5/0m", "5/w", "-1/m", "5/m; drop"])
def test_bad_rates_are_refused_with_the_variable_named(value):
    with pytest.raises(ImproperlyConfigured, match="RATE_LIMIT_FORMS"):
        rate_limits({"RATE_LIMIT_FORMS": value})


def test_lockout_numbers():
    assert positive_int({}, "ADMIN_LOGIN_FAILURE_LIMIT", 5) == 5
    assert positive_int({"ADMIN_LOCKOUT_MINUTES": "30"}, "ADMIN_LOCKOUT_MINUTES", 15) == 30
    for bad in ("0", "-3", "ten", "1.5"):
        with pytest.raises(ImproperlyConfigured, match="ADMIN_LOCKOUT_MINUTES"):
            positive_int({"ADMIN_LOCKOUT_MINUTES": bad}, "ADMIN_LOCKOUT_MINUTES", 15)


def test_trusted_proxies():
    assert trusted_proxies({}) == []
    assert trusted_proxies({"TRUSTED_PROXIES": "10.0.0.1, 172.16.0.0/12,::1"}) == [
        "10.0.0.1/32",
        "172.16.0.0/12",
        "::1/128",
    ]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        trusted_proxies({"TRUSTED_PROXIES": "proxy.internal"})


def test_client_address_walks_back_past_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address("10.0.0.2", "203.0.113.9, 10.0.0.1") == "203.0.113.9"
    assert client_address("10.0.0.2", "198.51.100.1, 203.0.113.9") == "203.0.113.9"  # what the client wrote is ignored
    assert client_address("10.0.0.2", "not-an-address") == "10.0.0.2"
    assert client_address("10.0.0.2", "") == "10.0.0.2"


def test_cache_urls():
    assert cache_from_url(None)["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("locmem://limits")["LOCATION"] == "limits"
    assert cache_from_url("file:///var/cache/portal") == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/var/cache/portal",
    }
    assert cache_from_url("db://portal_cache") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    }
    for bad in ("memcached://127.0.0.1:11211", "file://relative/path", "db://bad;table", "db://"):
        with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
            cache_from_url(bad)


def test_a_bad_cache_url_does_not_echo_its_password():
    with pytest.raises(ImproperlyConfigured) as refused:
        cache_from_url("mysql://user:s3cret@host/db")
    assert "s3cret" not in str(refused.value)


def test_redis_needs_its_client(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "redis", None)  # as when the client is not installed
    with pytest.raises(ImproperlyConfigured, match="pip install redis"):
        cache_from_url("redis://127.0.0.1:6379/0")
