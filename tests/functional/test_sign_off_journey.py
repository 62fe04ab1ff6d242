"""The co-production journey in Chromium, through the real admin: an uncredited public adviser is refused, the
credited adviser edits the summary, sends it for sign-off and signs it off, a Moderator approves and publishes, and
a reader then sees the new text with that sign-off. Public advisers never see Publish, Delete or Move.

Every page visited must log no console error (the `person` fixture fails the test otherwise)."""

import re

from django.utils import timezone
from django.utils.dateformat import format as format_date

from evidence import roles
from evidence.models import PlainLanguageSummaryPage
from tests.functional.conftest import browser_db

pytestmark = browser_db

NEW_TEXT = "Anyone over 40 can ask for a free check at the chemist."


def credit(summary, adviser):
    """As an editor would: link the adviser's account on their co-author row, and publish."""
    row = summary.co_authors.get(name="Amina Khan")
    row.user = adviser
    row.save()
    PlainLanguageSummaryPage.objects.get(pk=summary.pk).save_revision().publish()


def dashboard_panel(page, heading):
    return page.locator("section", has=page.get_by_role("heading", name=heading))


def more_actions(page):
    """Opens the editor footer's action menu (Wagtail's dropdown button)."""
    page.locator("footer").get_by_role("button", name="More actions").click()


def footer_action(page, name):
    more_actions(page)
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name=name, exact=True).click()


def first_paragraph(page):
    return page.locator("[data-contentpath='body'] [contenteditable='true']").first


def replace_first_paragraph(page, text):
    first_paragraph(page).click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    # Draftail copies the text into the form's hidden input a moment later (a person is never that quick).
    page.wait_for_function(
        "text => Array.from(document.querySelectorAll('input[name^=body]')).some(i => i.value.includes(text))",
        arg=text,
    )


def page_actions(page):
    """Every action the editor offers: the footer's action menu and the header's page actions ("..."), by name."""
    more_actions(page)
    footer = page.locator("footer [data-w-dropdown-target='content'] button, footer > * button").all_inner_texts()
    page.keyboard.press("Escape")
    names = list(footer)
    header_toggle = page.locator("header").get_by_role("button", name="Actions")
    if header_toggle.count():  # an edit view; a create view has no page actions yet
        header_toggle.click()
        menu = "header [data-w-dropdown-target='content']"
        names += page.locator(f"{menu} a, {menu} button").all_inner_texts()
        page.keyboard.press("Escape")
    return [" ".join(name.split()) for name in names if name.strip()]


def assert_no_publish_delete_or_move(page):
    actions = page_actions(page)
    assert actions, "no actions found: the selectors no longer match Wagtail's editor"
    for action in actions:
        assert not re.match(r"(Publish|Unpublish|Delete|Move)\b", action), actions


def test_adviser_signs_off_moderator_publishes_reader_sees_it(site, person, make_user):
    adviser = make_user("adviser", roles.PUBLIC_ADVISERS)
    make_user("adviser2", roles.PUBLIC_ADVISERS)
    make_user("moderator", roles.MODERATORS)
    summary = site["summary"]
    credit(summary, adviser)
    edit_url = f"{site['base']}/admin/pages/{summary.pk}/edit/"

    # An adviser who is not credited on the summary can edit a draft, but not send it for sign-off.
    outsider = person("adviser2")
    outsider.goto(edit_url)
    replace_first_paragraph(outsider, "Text typed by an adviser who is not credited.")
    footer_action(outsider, "Submit to Plain-language summary sign-off")
    assert "only if you are credited on it as a public adviser co-author" in outsider.content()
    # Their work is kept in the form.
    assert "Text typed by an adviser who is not credited." in first_paragraph(outsider).inner_text()
    assert_no_publish_delete_or_move(outsider)

    # The credited adviser finds the summary on their dashboard, edits it and sends it for sign-off.
    credited = person("adviser")
    panel = dashboard_panel(credited, "Summaries you co-author")
    assert summary.title in panel.inner_text()
    with credited.expect_navigation():
        panel.get_by_role("link", name=summary.title).click()
    assert_no_publish_delete_or_move(credited)
    replace_first_paragraph(credited, NEW_TEXT)
    footer_action(credited, "Submit to Plain-language summary sign-off")
    credited.goto(f"{site['base']}/admin/")
    assert "Read it and sign it off" in dashboard_panel(credited, "Summaries you co-author").inner_text()

    # ... and signs it off.
    credited.goto(edit_url)
    assert_no_publish_delete_or_move(credited)
    footer_action(credited, "Sign off")
    credited.goto(f"{site['base']}/admin/")
    assert "With editor approval" in dashboard_panel(credited, "Summaries you co-author").inner_text()

    # Readers still see the old text, without that sign-off, until it is approved.
    reader = person()
    reader.goto(site["base"] + summary.url)
    assert NEW_TEXT not in reader.content()

    # A Moderator approves and publishes.
    moderator = person("moderator")
    waiting = dashboard_panel(moderator, "Waiting for your approval")
    with moderator.expect_navigation():
        waiting.get_by_role("link", name=summary.title).click()
    footer_action(moderator, "Approve and Publish")
    assert f"'{summary.title}' has been updated" in moderator.locator(".messages").inner_text()

    # The reader sees the new text and who signed it off, today.
    reader.goto(site["base"] + summary.url)
    assert NEW_TEXT in reader.locator("main").inner_text()
    today = format_date(timezone.localdate(), "j F Y")
    assert f"Signed off by {adviser.get_full_name()} on {today}" in reader.locator("main").inner_text()
