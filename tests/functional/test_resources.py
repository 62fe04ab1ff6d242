"""The resource hub in a real browser: axe-clean at 1280 and 375 px, a practitioner's journey (finds a template
for the "plan" stage and downloads it, sees an upcoming event and how to join), and the filter form with
JavaScript off on a phone."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from devdata.resource_factories import EventPageFactory, ResourcePageFactory
from resources.choices import Kind
from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import MOBILE, browser_db

pytestmark = browser_db

TEMPLATE_TEXT = "# Planning an equity-sensitive evaluation\n\nWho might need the service but does not use it?\n"


@pytest.fixture
def disk_media(settings, tmp_path):
    """Documents on disk: Wagtail serves a document from its file's path, which the test settings' in-memory
    storage names but never writes. Before the site is built, so its images are on the same disk."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture
def hub(disk_media, site):
    """Resources and events on top of the browser tests' site (created before the browser starts)."""
    document = get_document_model()(title="Planning template (text)")
    document.file.save("planning-template.txt", ContentFile(TEMPLATE_TEXT.encode()), save=False)
    document.save()
    template = ResourcePageFactory(
        title="Template: plan an evaluation that asks who is left out",
        kind=Kind.TEMPLATE,
        document=document,
        stages=["plan"],
        audiences=["practitioners", "public-advisers"],
    )
    ResourcePageFactory(title="Sharing what you found", stages=["share"], audiences=["commissioners"])
    ResourcePageFactory(
        title="Methods advice: process evaluation",
        kind=Kind.METHODS_ADVICE,
        method="process",
        stages=["do"],
        audiences=["researchers"],
    )
    upcoming = EventPageFactory(
        title="Workshop: planning together",
        in_days=10,
        stages=["plan"],
        audiences=["practitioners"],
        how_to_join="<p>Book a place by email to evaluation.support@example.org.</p>",
    )
    past = EventPageFactory(
        title="Cohort 4 showcase",
        in_days=-20,
        online=False,
        place="Eastbridge Town Hall",
        materials=[("Notes from the day", document, ""), ("The summary template", None, "/resources/")],
    )
    return {**site, "template": template, "upcoming": upcoming, "past": past}


PAGES = {
    "hub": "/resources/",
    "hub filtered": "/resources/?stage=plan&audience=practitioners",
    "hub with no results and a bad parameter": "/resources/?stage=act&audience=nobody",
    "template": "{template}",
    "upcoming event": "{upcoming}",
    "past event": "{past}",
}


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_resource_hub_pages_have_no_axe_violations(hub, open_page, width):
    failures = []
    for label, path in PAGES.items():
        url = path.format(template=hub["template"].url, upcoming=hub["upcoming"].url, past=hub["past"].url)
        page = open_page(hub["base"] + url, width=width)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{label} ({url}) at {width}:\n{describe(violations)}")
        page.context.close()
    assert not failures, "\n\n".join(failures)


def test_a_practitioner_finds_a_plan_template_downloads_it_and_finds_an_event(hub, person):
    page = person()
    page.goto(hub["base"] + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Resources").click()
    assert page.url.endswith("/resources/")
    page.get_by_label("Plan").check()
    page.get_by_label("Practitioners").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "stage=plan" in page.url and "audience=practitioners" in page.url
    heading = page.locator("#resources-heading")
    assert heading.inner_text().startswith("1 resource for Plan, Practitioners")
    assert page.get_by_label("Plan").is_checked()

    page.get_by_role("link", name="Template: plan an evaluation that asks who is left out").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Planning template (text)").click()
    download = download_info.value
    assert download.suggested_filename == "planning-template.txt"
    assert download.failure() is None
    with open(download.path(), encoding="utf-8") as handle:
        assert handle.read() == TEMPLATE_TEXT

    page.go_back()
    page.get_by_role("link", name="Workshop: planning together").click()
    assert page.get_by_role("heading", name="How to join").is_visible()
    assert page.get_by_text("Book a place by email to evaluation.support@example.org.").is_visible()
    assert page.get_by_text("Who it is for").is_visible()


def test_the_filter_form_works_on_a_phone_without_javascript(hub, person):
    page = person(viewport=MOBILE, javascript=False)
    page.goto(hub["base"] + "/resources/?stage=nonsense")
    assert page.get_by_text("We did not recognise “nonsense”").is_visible()
    page.get_by_label("Plan").check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.url.endswith("/resources/?stage=plan")
    titles = page.locator(".portal-resource-list .nhsuk-card__link").all_inner_texts()
    assert titles == ["Template: plan an evaluation that asks who is left out"]
    upcoming = page.locator(".portal-event-list").first.inner_text()
    assert "Workshop: planning together" in upcoming and "How to join" in upcoming
    # no horizontal scrolling at 375 px
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    page.get_by_role("link", name="Clear filters").click()
    assert page.url.endswith("/resources/")
    assert len(page.locator(".portal-resource-list .nhsuk-card__link").all_inner_texts()) == 3


def test_the_editor_forms_load_without_a_console_error(hub, editor, person):
    """The add and edit forms of both page types and the hub (checkboxes, choosers, inline panels) under the
    admin's Content Security Policy; the person fixture fails the test on any console error."""
    from django.urls import reverse

    from resources.models import ResourceIndexPage

    page = person("editor")
    index = ResourceIndexPage.objects.get()
    paths = [
        reverse("wagtailadmin_pages:add", args=("resources", "resourcepage", index.pk)),
        reverse("wagtailadmin_pages:add", args=("resources", "eventpage", index.pk)),
        reverse("wagtailadmin_pages:edit", args=(hub["template"].pk,)),
        reverse("wagtailadmin_pages:edit", args=(hub["past"].pk,)),
        reverse("wagtailadmin_pages:edit", args=(index.pk,)),
    ]
    for path in paths:
        response = page.goto(hub["base"] + path, wait_until="networkidle")
        assert response.status == 200, path
    page.goto(hub["base"] + reverse("wagtailadmin_pages:edit", args=(hub["template"].pk,)))
    assert page.get_by_role("checkbox", name="Plan", exact=True).is_checked()
    assert page.get_by_role("checkbox", name="Practitioners").is_checked()
    assert not page.get_by_role("checkbox", name="Act", exact=True).is_checked()
