"""429.html and 500.html extend one error page (components/error_page.html) and still render without the database:
no django_db mark here, so any query fails the test."""

from django.test import RequestFactory
from django.views.defaults import server_error

from portal.rate_limits import too_many_requests


def test_the_500_page_renders_without_a_request_context_or_database():
    html = server_error(RequestFactory().get("/")).content.decode()
    assert "<title>Sorry, there is a problem with the service – Equity Evidence Portal</title>" in html
    assert '<link rel="stylesheet" href="/static/css/portal.css">' in html
    assert 'href="/accessibility/">Accessibility statement</a>' in html and 'id="maincontent"' in html


def test_the_429_page_renders_without_the_database():
    html = too_many_requests(RequestFactory().post("/feedback/"), 60, "form").content.decode()
    assert "<title>Too many requests – Equity Evidence Portal</title>" in html
    assert "<h1>Sorry, you have sent too many requests</h1>" in html and "send a form" in html
    assert 'href="/accessibility/">Accessibility statement</a>' in html
