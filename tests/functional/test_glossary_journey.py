"""The shared glossary's journey in Chromium, through the real admin: a public adviser drafts a term and sends it
for approval (never publishing it), a Moderator approves and publishes it from "Waiting for your approval", and a
reader then finds it in the glossary. No console error on any page (the `person` fixture checks)."""

from evidence import roles
from evidence.models import GlossaryTerm
from tests.functional.conftest import browser_db
from tests.functional.test_sign_off_journey import dashboard_panel, footer_action, page_actions

pytestmark = browser_db


def test_adviser_drafts_a_term_moderator_publishes_reader_reads_it(site, person, make_user):
    make_user("adviser", roles.PUBLIC_ADVISERS)
    make_user("moderator", roles.MODERATORS)

    adviser = person("adviser")
    adviser.goto(f"{site['base']}/admin/snippets/evidence/glossaryterm/add/")
    adviser.fill("input[name=term]", "Social prescribing")
    adviser.fill("input[name=slug]", "social-prescribing")
    definition = "When a GP helps you find local groups and activities, not only medicine."
    adviser.fill("textarea[name=definition]", definition)
    assert not any(action.startswith(("Publish", "Delete")) for action in page_actions(adviser))
    footer_action(adviser, "Submit to Glossary editor approval")
    term = GlossaryTerm.objects.get(slug="social-prescribing")
    assert not term.live and term.workflow_in_progress

    reader = person()
    assert reader.request.get(f"{site['base']}/glossary/social-prescribing/").status == 404  # not a page visit

    moderator = person("moderator")
    with moderator.expect_navigation():
        dashboard_panel(moderator, "Waiting for your approval").get_by_role("link", name="Social prescribing").click()
    footer_action(moderator, "Approve and Publish")

    reader.goto(f"{site['base']}/glossary/")
    assert "Social prescribing" in reader.locator("main").inner_text()
    reader.goto(f"{site['base']}/glossary/social-prescribing/")
    assert "find local groups and activities" in reader.locator("main").inner_text()
