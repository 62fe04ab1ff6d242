"""Permissions-Policy on every response; X-Forwarded-Proto (HTTPS) believed only from TRUSTED_PROXIES."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/search/", "/api/v1/glossary", "/admin/login/", "/no-such-page/"])
def test_every_response_has_a_permissions_policy(client, url):
    policy = client.get(url)["Permissions-Policy"]
    for refused in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert refused in policy
    assert "fullscreen=(self)" in policy


@override_settings(SECURE_SSL_REDIRECT=True)
def test_a_client_cannot_claim_https_with_x_forwarded_proto(client):
    response = client.get("/search/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301 and response["Location"].startswith("https://")


@override_settings(SECURE_SSL_REDIRECT=True, TRUSTED_PROXIES=["127.0.0.0/8"])
def test_a_trusted_proxy_says_the_request_was_https(client):
    assert client.get("/search/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/search/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="192.0.2.1").status_code == 301
