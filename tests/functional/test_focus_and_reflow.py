"""Focus can always be seen and is never hidden (WCAG 2.4.7, 2.4.11), and key pages reflow at 320 CSS px, which is
1280 px zoomed to 400% (WCAG 1.4.10): no scrolling sideways except inside a wide table's own box."""

import pytest

from tests.functional.conftest import browser_db
from tests.functional.keyboard import focus_state

pytestmark = browser_db

KEY_PAGES = [
    "/",
    "{evaluation}",
    "{summary}",
    "{case_study}",
    "/glossary/",
    "/glossary/core20plus5/",
    "/search/?q=blood",
]


def urls(site):
    paths = {"evaluation": site["evaluation"].url, "summary": site["summary"].url, "case_study": site["case_study"].url}
    return [site["base"] + path.format(**paths) for path in KEY_PAGES]


VISIT = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e.__focusWalked) return false;
  e.__focusWalked = true;
  return true;
}"""


def walk_focus(page, limit=400):
    """Tab through the whole page once; return the problems found (focus unseen, off screen or covered)."""
    problems, count = [], 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        if not page.evaluate(VISIT):
            break
        count += 1
        state = focus_state(page)
        if not state["visible"]:
            problems.append(f"focus not visible: {state['html']}")
        if not state["inView"] or state["covered"]:
            problems.append(f"focus off screen or covered: {state['html']}")
    return problems, count


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_focus_is_visible_and_not_obscured_on_key_pages(site, open_page, width):
    failures = []
    for url in urls(site):
        page = open_page(url, width=width)
        problems, count = walk_focus(page)
        assert count > 5, f"only {count} focusable elements on {url}"
        failures += [f"{url}: {problem}" for problem in problems]
        page.context.close()
    assert not failures, "\n".join(failures)


def test_key_pages_reflow_at_320_css_pixels(site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 256})
    page = context.new_page()
    failures = []
    for url in [*urls(site), site["base"] + "/evidence-map/"]:
        page.goto(url)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                     .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                     .filter(e => !e.closest('[style*=overflow], .portal-table-scroll, .nhsuk-table-container'))
                     .slice(0, 5).map(e => e.outerHTML.slice(0, 120))"""
            )
            failures.append(f"{url} scrolls sideways by {overflow}px; too wide: {wide}")
    context.close()
    assert not failures, "\n".join(failures)
