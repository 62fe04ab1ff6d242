"""The whole Wagtail admin works under its Content Security Policy: as a superuser in Chromium, every page type's
add and edit form, every snippet's add and edit form, the image and document listings and the dashboard load
without a browser console error (a CSP refusal is one), and neither they nor the public pages ask another host
for anything (no Gravatar, no NHS fonts)."""

import re
from urllib.parse import urlsplit

from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from evidence.models import EquityDimension, GlossaryTerm, Place, Service
from home.models import HomePage
from tests.functional.conftest import browser_db

pytestmark = browser_db

PUBLIC_PATHS = [
    "/",
    "/evaluations/",
    "/summaries/",
    "/case-studies/",
    "/glossary/",
    "/search/?q=blood",
    "/accessibility/",
]


def page_forms(site):
    """The add form (under the page's real parent) and the edit form of every page type."""
    pages = [site["evaluation"], site["summary"], site["case_study"], site["statement"], HomePage.objects.get()]
    urls = []
    for page in pages:
        opts = page.specific_class._meta
        if page.specific_class is not HomePage:  # one home page only (max_count): Wagtail offers no add form
            urls.append(reverse("wagtailadmin_pages:add", args=(opts.app_label, opts.model_name, page.get_parent().pk)))
        urls.append(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    return urls


def snippet_forms():
    urls = []
    for model in (GlossaryTerm, Service, EquityDimension, Place):
        viewset = model.snippet_viewset
        urls.append(reverse(viewset.get_url_name("list")))
        urls.append(reverse(viewset.get_url_name("add")))
        urls.append(reverse(viewset.get_url_name("edit"), args=(model.objects.first().pk,)))
    return urls


def outside_requests(context, base):
    """Every request the browser makes to a host other than the portal's own."""
    own = urlsplit(base).netloc
    seen = []
    context.on(
        "request",
        lambda request: (
            seen.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != own
            else None
        ),
    )
    return seen


def visit(page, base, path):
    response = page.goto(base + path, wait_until="networkidle")
    assert response.status == 200, f"{path}: {response.status}"


def test_every_admin_form_and_listing_loads_without_a_console_error(site, make_user, person):
    assert {Service, EquityDimension, Place, GlossaryTerm} <= set(get_snippet_models())
    make_user("admin", is_superuser=True)
    page = person("admin")
    outside = outside_requests(page.context, site["base"])

    admin_paths = [
        reverse("wagtailadmin_home"),
        *page_forms(site),
        *snippet_forms(),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailadmin_explore", args=(site["evaluation"].get_parent().pk,)),
    ]
    for path in admin_paths:
        visit(page, site["base"], path)
    # The live preview and the Checks panel (the accessibility checker runs inside the preview) of each page type.
    for pk in (site["evaluation"].pk, site["summary"].pk, site["case_study"].pk):
        visit(page, site["base"], reverse("wagtailadmin_pages:edit", args=(pk,)))
        page.get_by_role("button", name="Toggle preview").click()
        page.wait_for_load_state("networkidle")
        page.frame_locator("#w-preview-iframe").locator("main").wait_for()
        page.get_by_role("button", name="Toggle checks").click()
        page.get_by_role("heading", name=re.compile("^Issues found")).wait_for()
        page.wait_for_load_state("networkidle")
    for path in PUBLIC_PATHS:  # signed in: with the Wagtail userbar, which loads the admin's own JS and CSS
        visit(page, site["base"], path)

    assert not outside, "Requests to other hosts:\n" + "\n".join(outside)
    # The person fixture fails the test on any console error on any of these pages.


def test_public_pages_load_nothing_from_another_host(site, person):
    reader = person()
    outside = outside_requests(reader.context, site["base"])
    for path in [*PUBLIC_PATHS, site["evaluation"].url, site["summary"].url, site["case_study"].url]:
        visit(reader, site["base"], path)
    assert not outside, "Requests to other hosts:\n" + "\n".join(outside)
