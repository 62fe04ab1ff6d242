"""The page feedback form needs no CSRF token (so content pages set no cookie) and refuses posts from other sites;
the other public forms and the admin keep Django's CSRF protection (docs/decisions/0005-cacheable-pages.md)."""

import pytest
from django.test import Client

from feedback.models import PageFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    """Enforces CSRF like a real deployment (the test client skips it by default)."""
    return Client(enforce_csrf_checks=True)


def post(client, page, **headers):
    data = {"page": page.pk, "path": page.url, "helpful": "yes", "comment": "Clear"}
    return client.post("/feedback/", data, headers=headers)


def test_the_form_on_a_page_sets_no_cookie_and_has_no_token(strict_client, evaluation):
    response = strict_client.get(evaluation.url)
    body = response.content.decode()
    assert 'action="/feedback/"' in body
    assert "csrfmiddlewaretoken" not in body
    assert not response.cookies


@pytest.mark.parametrize("headers", [{"Origin": "http://testserver"}, {"Referer": "http://testserver/x/"}, {}])
def test_feedback_from_this_site_is_kept_without_a_token(strict_client, evaluation, headers):
    response = post(strict_client, evaluation, **headers)
    assert response.status_code == 302
    assert response["Location"] == f"{evaluation.url}?feedback=thanks#feedback"
    assert PageFeedback.objects.get().comment == "Clear"


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver.evil.example"},
        {"Origin": "https://testserver"},  # another scheme is another origin
        {"Referer": "https://evil.example/page/"},
        {"Origin": "https://evil.example", "Referer": "http://testserver/x/"},
    ],
)
def test_feedback_posted_from_another_site_is_refused_and_not_kept(strict_client, evaluation, headers):
    response = post(strict_client, evaluation, **headers)
    assert response.status_code == 403
    assert "Feedback not sent" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_a_trusted_origin_is_this_site(strict_client, evaluation, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://evidence.example.org"]
    assert post(strict_client, evaluation, Origin="https://evidence.example.org").status_code == 302


def test_the_other_public_forms_still_need_their_token(strict_client):
    data = {"term": "PCN", "website": ""}
    assert strict_client.post("/suggest-a-glossary-term/", data).status_code == 403
    page = strict_client.get("/suggest-a-glossary-term/")
    assert "csrftoken" in page.cookies  # set only where a reader opens that form
    token = page.cookies["csrftoken"].value
    ok = strict_client.post("/suggest-a-glossary-term/", {**data, "csrfmiddlewaretoken": token})
    assert ok.status_code == 302


def test_the_admin_login_still_needs_its_token(strict_client, editor):
    response = strict_client.post("/admin/login/", {"username": "editor", "password": "pw"})
    assert response.status_code == 403
