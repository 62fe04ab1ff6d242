"""Driving the Wagtail admin as a person does: its chooser modals, uploads inside them, and the publish menu.
Only what the admin shows on screen is used (buttons, labels, the modal), never the shell."""

import io

from PIL import Image
from playwright.sync_api import expect


def png_file(name="picture.png", colour=(0, 94, 184), size=(160, 90)):
    """An image file for Playwright's set_input_files."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return {"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()}


def open_chooser(page, button_name, nth=0):
    """Clicks a chooser button and returns the modal once its content has loaded."""
    page.get_by_role("button", name=button_name).nth(nth).click()
    dialog = page.locator(".modal.in .modal-content")
    dialog.locator(".modal-body > *").first.wait_for()
    return dialog


def wait_closed(page):
    page.locator(".modal.in").wait_for(state="detached")


def upload_in_chooser(page, button_name, file, fields):
    """Uploads `file` on the chooser's Upload tab; the admin then chooses the new item and closes the modal."""
    dialog = open_chooser(page, button_name)
    dialog.get_by_role("tab", name="Upload").click()
    form = dialog.locator("form[data-chooser-modal-creation-form]")
    form.locator("input[type=file]").set_input_files(file)
    for label, value in fields.items():
        form.get_by_label(label).fill(value)
    form.locator("[type=submit]").click()
    wait_closed(page)


def search_in_chooser(dialog, text):
    dialog.get_by_role("textbox", name="Search term").fill(text)


def choose_one(page, button_name, search, choice=None, nth=0):
    """A single chooser (page or snippet): search, then click `choice` (default: the search text) in the results."""
    dialog = open_chooser(page, button_name, nth)
    search_in_chooser(dialog, search)
    dialog.locator("#search-results, .page-results").get_by_role("link", name=choice or search, exact=True).click()
    wait_closed(page)


def choose_many(page, button_name, titles):
    """A multiple chooser (MultipleChooserPanel's Add button): tick `titles`, confirm the selection."""
    dialog = open_chooser(page, button_name)
    for title in titles:
        dialog.get_by_role("checkbox", name=title, exact=True).check()
    dialog.get_by_role("button", name="Confirm selection").click()
    wait_closed(page)


def add_paragraph(page, text):
    """Adds a paragraph block to the first empty StreamField and types `text` into its rich-text editor."""
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    page.locator(".Draftail-Editor [contenteditable=true]").last.click()
    page.keyboard.type(text)


def wait_for_autosave(page):
    """Waits, as a careful editor would, until Wagtail 8's autosave is not in the middle of a save.

    The admin autosaves the form WAGTAIL_AUTOSAVE_INTERVAL (500 ms) after each change. On a new page the first
    valid autosave creates the page; publishing while that request is still on its way makes two requests create
    the same page, and Wagtail answers the second with a 500."""
    indicator = page.locator("#w-autosave-indicator")
    if not indicator.count():
        return
    page.wait_for_timeout(1000)  # past the debounce: the save after the last change has started
    expect(indicator).not_to_have_attribute("data-w-autosave-state-value", "saving")


def publish(page):
    """Publishes from the editor's action menu and checks the admin says it did."""
    wait_for_autosave(page)
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    messages = page.locator(".messages").inner_text()
    problems = page.locator(".error-message, .help-critical").all_inner_texts()
    assert "published" in messages and not problems, f"Not published: {messages} {problems}"


def text_file(name, text):
    """A plain-text document file for Playwright's set_input_files."""
    return {"name": name, "mimeType": "text/plain", "buffer": text.encode()}
