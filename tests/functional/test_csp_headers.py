"""The Content Security Policy each kind of response carries (no browser; test_admin_console.py checks that the
admin really works under its policy in Chromium): public pages keep `script-src 'self'`, the Wagtail admin gets
its own policy with inline scripts, no policy lets anything in from another host but the NHS.UK font host on
pages that link the NHS.UK stylesheet, and the admin makes no Gravatar call."""

import pytest
from wagtail.models import Site

from home.models import PortalSettings
from tests.functional.site_data import build_site

NHS_FONT_HOST = "https://assets.nhs.uk"
SYSTEM_FONTS = "<style>html{font-family:arial,sans-serif}</style>"


@pytest.fixture
def site(db):
    return build_site()


def policy(response):
    """{directive: [sources]} from the response's Content-Security-Policy header."""
    header = response.headers["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def outside_sources(directives):
    return {source for sources in directives.values() for source in sources if "://" in source}


@pytest.fixture
def superuser_client(client, make_user):
    client.force_login(make_user("admin", is_superuser=True, email="admin@example.org"))
    return client


@pytest.mark.parametrize("path", ["/", "/evaluations/bp-checks/", "/glossary/", "/search/?q=blood"])
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_public_pages_allow_only_their_own_scripts(client, site, path):
    directives = policy(client.get(path))
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    # The NHS.UK stylesheet names its font host in @font-face; nothing else from outside.
    assert outside_sources(directives) == {NHS_FONT_HOST}
    assert directives["font-src"] == ["'self'", "data:", NHS_FONT_HOST]


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_public_json_names_no_outside_host(client, site):
    assert outside_sources(policy(client.get("/api/v1/glossary"))) == set()


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/images/", "/admin/snippets/evidence/service/"])
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_admin_has_its_own_policy_with_inline_scripts_and_no_outside_host(superuser_client, site, path):
    response = superuser_client.get(path)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert outside_sources(directives) == set()
    assert directives["frame-ancestors"] == ["'self'"] and directives["object-src"] == ["'none'"]


def test_the_admin_login_page_has_the_admin_policy(client, db):
    assert policy(client.get("/admin/login/"))["script-src"] == ["'self'", "'unsafe-inline'"]


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_draft_viewed_in_the_admin_has_the_public_pages_policy(superuser_client, site):
    # Wagtail renders a preview as a request for the page's own URL, through the middleware: the page's policy.
    directives = policy(superuser_client.get(f"/admin/pages/{site['evaluation'].pk}/view_draft/"))
    assert directives["script-src"] == ["'self'"]
    assert outside_sources(directives) == {NHS_FONT_HOST}


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_no_gravatar_in_the_admin(superuser_client, site):
    html = superuser_client.get("/admin/pages/").content.decode()
    assert "gravatar" not in html.lower()
    assert "wagtailadmin/images/default-user-avatar" in html


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_system_fonts_unless_the_nhs_identity_is_on(client, site):
    assert SYSTEM_FONTS in client.get("/").content.decode()
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.show_nhs_logo = True
    settings.save()
    assert SYSTEM_FONTS not in client.get("/").content.decode()
