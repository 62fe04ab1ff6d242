"""A concept's journey in Chromium, through the real admin: a public adviser writes the glossary entry that
explains an equity dimension (chosen with the admin's snippet chooser) with the everyday words people use for it,
and sends it for approval; a Moderator approves and publishes it; a reader then meets the dimension's label on
an evaluation linked to that entry, reads the entry's page (where the group sits, its framework) and follows it
to the evidence. No console error on any page (the `person` fixture checks)."""

from evidence import roles
from evidence.models import GlossaryTerm
from tests.functional.admin_ui import choose_one
from tests.functional.conftest import browser_db
from tests.functional.test_sign_off_journey import dashboard_panel, footer_action, page_actions

pytestmark = browser_db


def test_adviser_explains_an_equity_dimension_and_readers_meet_it_on_the_evidence(site, person, make_user):
    make_user("adviser", roles.PUBLIC_ADVISERS)
    make_user("moderator", roles.MODERATORS)

    adviser = person("adviser")
    adviser.goto(f"{site['base']}/admin/snippets/evidence/glossaryterm/add/")
    adviser.fill("input[name=term]", "Age group")
    adviser.fill("input[name=slug]", "age-group")
    adviser.fill("textarea[name=definition]", "How old people are. The law says no one should be treated worse for it.")
    adviser.fill("textarea[name=aliases]", "how old you are\nolder people")
    choose_one(adviser, "Choose equity dimension", "Age")
    assert not any(action.startswith(("Publish", "Delete")) for action in page_actions(adviser))
    footer_action(adviser, "Submit to Glossary editor approval")
    entry = GlossaryTerm.objects.get(slug="age-group")
    assert not entry.live and entry.workflow_in_progress and entry.equity_dimension.name == "Age"

    moderator = person("moderator")
    with moderator.expect_navigation():
        dashboard_panel(moderator, "Waiting for your approval").get_by_role("link", name="Age group").click()
    footer_action(moderator, "Approve and Publish")
    assert GlossaryTerm.objects.get(slug="age-group").equity_dimension.name == "Age"

    reader = person()
    reader.goto(f"{site['base']}{site['evaluation'].url}")
    who = reader.locator("main dd", has_text="Core20")
    label = who.get_by_role("link", name="Age", exact=True)
    assert label.get_attribute("href") == "/glossary/age-group/"
    with reader.expect_navigation():
        label.click()
    main = reader.locator("main").inner_text()
    assert "Age is a group of people in Equality Act 2010 protected characteristics." in main
    assert "Also called: how old you are, older people." in main
    with reader.expect_navigation():
        reader.get_by_role("link", name="Find evidence about this group").click()
    assert reader.url.endswith("/search/?equity=age")
    assert reader.get_by_role("link", name=site["evaluation"].title).count()
