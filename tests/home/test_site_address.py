"""The site's own address (portal/site_address.py): PORTAL_BASE_URL when set, else the request's scheme and host,
on every surface that gives readers or emails an absolute URL. The Wagtail Site record says http://localhost:80
(the migrations); no surface may say so unless that is the host being served."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from portal.site_address import parse_base_url
from tests.functional.site_data import build_site

BASE_DIR = Path(__file__).resolve().parent.parent.parent
OUR_HOSTS = {"localhost", "testserver", "evidence.test", "evidence.example.org", "127.0.0.1"}
URL = re.compile(r"""(?:https?:)?//[^\s"'<>\\]+""")


@pytest.fixture
def site(db, settings):
    settings.ALLOWED_HOSTS = ["testserver", "evidence.test"]
    return build_site()


def surfaces(client, site, **headers):
    """Every surface that builds absolute URLs, as text: {name: body}."""
    get = lambda url: client.get(url, **headers)  # noqa: E731
    pages = {
        "evaluation": site["evaluation"].url,
        "summary": site["summary"].url,
        "case study": site["case_study"].url,
        "statement": site["statement"].url,
        "home": "/",
        "glossary": "/glossary/",
        "glossary term": "/glossary/core20plus5/",
    }
    found = {name: get(url) for name, url in pages.items()}
    found |= {
        "sitemap": get("/sitemap.xml"),
        "robots.txt": get("/robots.txt"),
        "atom feed": get("/feeds/evaluations.atom"),
        "RIS citation": get("/citations/bp-checks.ris"),
        "API evaluation": get("/api/v1/evaluations/bp-checks"),
        "API glossary": get("/api/v1/glossary"),
        "API SKOS": get("/api/v1/glossary/skos.jsonld"),
        "API search": get("/api/v1/search?q=Core20PLUS5"),
        "CSV": get("/search/export.csv"),
    }
    for name, response in found.items():
        assert response.status_code == 200, name
    return {name: b"".join(r.streaming_content if r.streaming else [r.content]).decode() for name, r in found.items()}


def our_urls(text):
    """Absolute URLs in `text` that name one of the hosts this site could be reached at."""
    return [url for url in URL.findall(text) if re.split(r"[/:?#]", url.split("//", 1)[1])[0] in OUR_HOSTS]


def assert_every_surface_says(texts, origin, site):
    for name, text in texts.items():
        wrong = [url for url in our_urls(text) if not url.startswith(f"{origin}/")]
        assert not wrong, f"{name} names another address: {wrong[:3]}"
    evaluation = f"{origin}{site['evaluation'].url}"
    html = texts["evaluation"]
    assert f'<link rel="canonical" href="{evaluation}">' in html
    assert f'<meta property="og:url" content="{evaluation}">' in html
    assert f'Printed from <a class="portal-print-only__url" href="{evaluation}">{evaluation}</a>' in html
    assert f'"url": "{evaluation}"' in html  # JSON-LD
    assert f'"isBasedOn": "{evaluation}"' in texts["summary"]
    assert re.search(rf'<meta property="og:image" content="{re.escape(origin)}/media/', texts["case study"])
    assert f'"url": "{origin}/glossary/core20plus5/"' in texts["glossary term"]
    assert f'<link rel="canonical" href="{origin}/glossary/core20plus5/">' in texts["glossary term"]
    assert f'"urlTemplate": "{origin}/search/?q={{search_term_string}}"' in texts["home"]
    assert f"<loc>{evaluation}</loc>" in texts["sitemap"]
    assert f"<loc>{origin}/glossary/core20plus5/</loc>" in texts["sitemap"]
    assert f"Sitemap: {origin}/sitemap.xml" in texts["robots.txt"]
    assert f'<link href="{evaluation}" rel="alternate"/>' in texts["atom feed"]
    assert f'<link href="{origin}/feeds/evaluations.atom" rel="self"/>' in texts["atom feed"]
    assert f"UR  - {evaluation}\r\n" in texts["RIS citation"]
    assert json.loads(texts["API evaluation"])["url"] == evaluation
    assert json.loads(texts["API evaluation"])["plain_language_summary"]["url"] == f"{origin}{site['summary'].url}"
    assert json.loads(texts["API glossary"])["terms"][0]["url"] == f"{origin}/glossary/core20plus5/"
    assert json.loads(texts["API SKOS"])["@graph"][0]["@id"] == f"{origin}/glossary/"
    assert json.loads(texts["API search"])["glossary_match"]["url"] == f"{origin}/glossary/core20plus5/"
    assert evaluation in texts["CSV"]


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_with_portal_base_url_every_surface_names_it_whatever_host_serves(client, site, settings):
    settings.PORTAL_BASE_URL = "https://evidence.example.org"
    texts = surfaces(client, site, HTTP_HOST="evidence.test")
    assert_every_surface_says(texts, "https://evidence.example.org", site)


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_without_the_setting_every_surface_names_the_requests_own_host(client, site, settings):
    settings.PORTAL_BASE_URL = ""
    texts = surfaces(client, site, HTTP_HOST="evidence.test")
    assert_every_surface_says(texts, "http://evidence.test", site)


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_without_the_setting_the_scheme_follows_the_proxy_header(client, site, settings):
    settings.PORTAL_BASE_URL = ""
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # the test client's address: X-Forwarded-Proto is believed from it
    html = client.get(site["evaluation"].url, HTTP_HOST="evidence.test", HTTP_X_FORWARDED_PROTO="https")
    assert f'<link rel="canonical" href="https://evidence.test{site["evaluation"].url}">' in html.content.decode()


def test_a_host_outside_allowed_hosts_is_refused_not_linked(client, site, settings):
    settings.PORTAL_BASE_URL = ""
    for url in (site["evaluation"].url, "/sitemap.xml", "/feeds/evaluations.atom", "/api/v1/glossary"):
        assert client.get(url, HTTP_HOST="attacker.example").status_code == 400, url


def test_notification_emails_link_pages_at_the_sites_address(site, settings, editor, make_user):
    """Wagtail's workflow emails say `page.full_url` (no request): PORTAL_BASE_URL, not the Site record."""
    settings.PORTAL_BASE_URL = "https://evidence.example.org"
    editor.email = "editor@example.org"
    editor.save()
    approver = make_user("approver", is_superuser=True)
    workflow = Workflow.objects.create(name="Check")
    task = GroupApprovalTask.objects.create(name="Approve")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page = site["other_evaluation"]
    page.save_revision(user=editor)
    state = workflow.start(page, editor)
    mail.outbox.clear()
    state.current_task_state.approve(user=approver)
    body = "\n".join(message.body for message in mail.outbox)
    assert f"You can view the page here: https://evidence.example.org{page.url}" in body
    assert "localhost" not in body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        ("https://evidence.example.org", "https://evidence.example.org"),
        ("https://Evidence.Example.org/", "https://evidence.example.org"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_portal_base_url_accepts_a_scheme_and_host(value, expected):
    assert parse_base_url(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "evidence.example.org",
        "ftp://evidence.example.org",
        "https://evidence.example.org/portal",
        "https://evidence.example.org/?next=1",
        "https://evidence.example.org#top",
        "https://user:secret@evidence.example.org",
        "https://evidence.example.org:port",
        "https://",
    ],
)
def test_portal_base_url_refuses_anything_but_a_scheme_and_host(value):
    with pytest.raises(ImproperlyConfigured, match="PORTAL_BASE_URL must be a scheme and host"):
        parse_base_url(value)


def _settings_value(env, expression):
    """Load the production settings in a fresh interpreter with `env`; return `expression` or the error."""
    script = f"import portal.settings.production as s; print({expression})"
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("PORTAL_BASE_URL", "WAGTAILADMIN_BASE_URL")},
        "SECRET_KEY": "x" * 40,
        "ALLOWED_HOSTS": "evidence.example.org",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=BASE_DIR, env=environment, capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


@pytest.mark.slow  # starts other processes
def test_admin_base_url_defaults_to_the_sites_address():
    value = _settings_value({"PORTAL_BASE_URL": "https://evidence.example.org/"}, "s.WAGTAILADMIN_BASE_URL")
    assert value == "https://evidence.example.org"
    explicit = {"PORTAL_BASE_URL": "https://evidence.example.org", "WAGTAILADMIN_BASE_URL": "https://admin.example"}
    assert _settings_value(explicit, "s.WAGTAILADMIN_BASE_URL") == "https://admin.example"


@pytest.mark.slow  # starts other processes
def test_settings_refuse_a_base_url_with_a_path():
    error = _settings_value({"PORTAL_BASE_URL": "https://evidence.example.org/portal"}, "s.PORTAL_BASE_URL")
    assert error.startswith("django.core.exceptions.ImproperlyConfigured: PORTAL_BASE_URL must be a scheme and host")
