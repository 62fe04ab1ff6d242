"""An editor's journey through the real admin in Chromium: a case study with an uploaded lead image, an
evaluation, services and equity dimensions chosen with the admin's choosers; a new evaluation with an uploaded
report. Then a reader sees both pages as published. Any browser console error on any page fails the test
(the `person` fixture), so a Content Security Policy that breaks the admin's scripts fails it too."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evidence.models import CaseStudyPage, EvaluationPage
from tests.functional.admin_ui import (
    add_paragraph,
    choose_many,
    choose_one,
    png_file,
    publish,
    text_file,
    upload_in_chooser,
)
from tests.functional.conftest import browser_db

pytestmark = browser_db


def add_form(site, model, parent):
    opts = model._meta
    return site["base"] + reverse("wagtailadmin_pages:add", args=(opts.app_label, opts.model_name, parent.pk))


def fill(page, label, value):
    page.get_by_role("textbox", name=label, exact=False).fill(value)


def fill_date(page, label, value):
    fill(page, label, value)
    page.keyboard.press("Escape")  # closes the date picker over the next field


def choose_taxonomy(page, site):
    choose_one(page, "Choose service", site["service"].name, str(site["service"]))
    choose_one(page, "Choose equity dimension", site["equity"].name)
    choose_many(page, "Add equity dimensions", ["Age"])


def assert_taxonomy_shown(reader, site):
    text = reader.locator("main").inner_text()
    for name in (site["service"].name, site["equity"].name, "Age"):
        assert name in text, f"{name!r} is not on {reader.url}"


def test_editor_publishes_a_case_study_with_choosers(site, editor, person):
    page = person("editor")
    page.goto(add_form(site, CaseStudyPage, site["case_study"].get_parent()))
    fill(page, "Title", "Late clinics for shift workers")
    fill(page, "One-sentence plain summary", "The pharmacy opened late after the evaluation.")
    fill_date(page, "Date of the story", "2024-06-01")
    # The image's description is its alternative text on the story.
    upload_in_chooser(
        page,
        "Choose an image",
        png_file("late-clinic.png"),
        {"Title": "Pharmacy at night", "Description": "A lit pharmacy window at night with a queue outside."},
    )
    add_paragraph(page, "Men who work in the day can now come in the evening.")
    choose_one(page, "Choose a page (Evaluation)", site["evaluation"].title)
    choose_taxonomy(page, site)
    publish(page)

    story = CaseStudyPage.objects.get(title="Late clinics for shift workers")
    assert story.live and story.lead_image.title == "Pharmacy at night"
    reader = person()
    reader.goto(site["base"] + story.url)
    picture = reader.locator("figure.nhsuk-image img")
    assert picture.get_attribute("alt") == "A lit pharmacy window at night with a queue outside."
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), "the lead image did not load"
    link = reader.locator("main").get_by_role("link", name=site["evaluation"].title, exact=True)
    assert link.get_attribute("href").endswith(site["evaluation"].url)
    assert "Men who work in the day can now come in the evening." in reader.locator("main").inner_text()
    assert_taxonomy_shown(reader, site)


@pytest.fixture
def files_on_disk(settings, tmp_path):
    """Uploads in a folder, as in production: Wagtail's document view serves a file from its path on disk
    (wagtail.utils.sendfile answers 404 otherwise), which the test settings' InMemoryStorage does not give."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


def test_editor_publishes_an_evaluation_with_an_uploaded_report(site, editor, person, files_on_disk):
    page = person("editor")
    page.goto(add_form(site, EvaluationPage, site["evaluation"].get_parent()))
    fill(page, "Title", "Evening health checks for carers")
    fill(page, "One-sentence plain summary", "We looked at who came to evening checks for carers.")
    choose_taxonomy(page, site)
    fill_date(page, "Evaluation period start", "2024-01-01")
    fill_date(page, "Evaluation period end", "2024-06-30")
    fill_date(page, "Completion date", "2024-09-30")
    page.get_by_role("combobox", name="Method").select_option(label="Process evaluation")
    page.get_by_role("textbox", name=re.compile(r"^Name\W*$")).fill("Amina Khan")  # the team member, not the contact
    page.get_by_role("combobox", name="Role").select_option(label="Public adviser")
    add_paragraph(page, "Carers came when the checks were after six in the evening.")
    fill(page, "Team contact name", "Sam Patel")
    fill(page, "Team contact email", "sam.patel@example.org")
    fill(page, "Who benefits?", "Carers who work in the day.")
    fill(page, "Who may be left out, and why?", "Carers without transport.")
    report = text_file("carers-report.txt", "Evening health checks for carers: the full report.")
    upload_in_chooser(page, "Choose a document", report, {"Title": "Carers evaluation report"})
    publish(page)

    evaluation = EvaluationPage.objects.get(title="Evening health checks for carers")
    assert evaluation.live and evaluation.report.title == "Carers evaluation report"
    assert evaluation.contact_email == "sam.patel@example.org"
    reader = person()
    reader.goto(site["base"] + evaluation.url)
    assert "Carers came when the checks were after six in the evening." in reader.locator("main").inner_text()
    assert_taxonomy_shown(reader, site)
    assert "Sam Patel" not in reader.content() and "sam.patel" not in reader.content()  # the contact is for editors
    download = reader.locator("main").get_by_role("link", name="Download the full report")
    response = reader.request.get(site["base"] + download.get_attribute("href"))
    assert response.status == 200 and b"the full report" in response.body()


def test_autosave_keeps_an_editors_changes_to_an_evaluation(site, editor, person):
    """The evaluation's `method` field once hid the form's own `method`, so autosave failed with "A network error
    occurred" on every evaluation (EvaluationForm edits it under another name)."""
    evaluation = site["evaluation"]
    page = person("editor")
    page.goto(f"{site['base']}/admin/pages/{evaluation.pk}/edit/")
    page.wait_for_timeout(2500)  # Wagtail's unsaved-changes watcher takes its first snapshot 2 s after loading
    page.locator("#id_title").click()
    page.keyboard.press("End")
    page.keyboard.type(" (autosaved)")
    indicator = page.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-tooltip-content-value", "Changes have been autosaved.")
    draft = EvaluationPage.objects.get(pk=evaluation.pk).get_latest_revision_as_object()
    assert draft.title.endswith("(autosaved)")
    assert draft.method == evaluation.method  # the method, edited under another name, is kept
