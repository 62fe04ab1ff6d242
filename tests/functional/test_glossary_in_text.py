"""A glossary word in evidence text can be explained by keyboard (see test_journeys), touch and screen readers,
and without JavaScript; nothing appears on hover alone."""

import pytest

from tests.functional.conftest import MOBILE, browser_db

pytestmark = browser_db

TOGGLE = "main button.glossary-term__toggle"


def definition_for(page, button):
    return page.locator(f"[id='{button.get_attribute('popovertarget')}']")


def expanded_state(page, name):
    """The expanded state Chromium gives screen readers for the button called `name` (its accessibility tree)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    for node in nodes:
        if node.get("role", {}).get("value") == "button" and node.get("name", {}).get("value") == name:
            return {p["name"]: p["value"]["value"] for p in node.get("properties", [])}.get("expanded")
    raise AssertionError(f"no button called {name!r} in the accessibility tree")


def test_screen_readers_get_a_named_button_that_reports_its_state(site, open_page):
    page = open_page(site["base"] + site["evaluation"].url)
    name = "What “deprivation” means"
    button = page.get_by_role("button", name=name)
    assert button.count() == 1
    assert expanded_state(page, name) is False
    button.click()
    assert expanded_state(page, name) is True
    definition = definition_for(page, button)
    assert definition.is_visible()
    assert "Not having the money or things most people have." in definition.inner_text()
    link = definition.get_by_role("link", name="More about Deprivation")
    assert link.get_attribute("href") == "/glossary/deprivation/"


def test_touch_reveals_the_definition_and_a_tap_outside_closes_it(site, browser):
    context = browser.new_context(viewport=MOBILE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site["base"] + site["summary"].url)
    button = page.locator(TOGGLE).first
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box  # WCAG 2.2 target size (2.5.8)
    button.tap()
    definition = definition_for(page, button)
    assert definition.is_visible()
    page.touchscreen.tap(5, 5)
    assert not definition.is_visible()
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_nothing_is_shown_on_hover_alone_and_the_word_links_to_its_page(site, open_page, javascript):
    page = open_page(site["base"] + site["evaluation"].url, javascript=javascript)
    link = page.locator("main a.glossary-term__link").first
    link.hover()
    page.locator(TOGGLE).first.hover()
    assert page.locator(".glossary-term__definition:popover-open").count() == 0
    href = link.get_attribute("href")
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(href)
    assert page.locator("h1").inner_text() in {"Core20PLUS5", "Deprivation"}


def test_every_word_explained_is_listed_at_the_end_of_the_page(site, open_page):
    page = open_page(site["base"] + site["evaluation"].url, javascript=False)
    listed = page.locator("#explained-heading + dl dt a").all_inner_texts()
    assert set(listed) == {"Core20PLUS5", "Deprivation"}
