"""No request leaves the site for fonts, even while a page's stylesheets are still arriving.

Without the NHS identity the portal sets the design system's system-font stack over NHS.UK frontend's Frutiger
(templates/components/system_fonts.html). When that override was a stylesheet of its own, Chromium could lay a page
out after the frontend's stylesheet had arrived and before the override had, and fetch Frutiger from assets.nhs.uk:
an intermittent failure of the browser tests on a loaded machine, and a reader's request to another host. Here the
portal's own stylesheets are held back while the page is laid out."""

from tests.functional.conftest import browser_db

pytestmark = browser_db


def test_no_font_is_fetched_while_the_portals_own_stylesheets_are_held_back(person, site):
    page = person(javascript=False)
    held, fonts = [], []

    def hold_all_but_the_frontends(route):
        if "nhsuk-frontend" in route.request.url:
            route.continue_()
        else:
            held.append(route)

    page.route("**/*.css", hold_all_but_the_frontends)
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    with page.expect_response(lambda response: "nhsuk-frontend" in response.url):
        page.goto(site["base"] + "/", wait_until="commit")
    heading = page.locator("h1").first
    heading.wait_for(state="attached")
    frontend_applied = "s => [...document.styleSheets].some(sheet => (sheet.href || '').includes('nhsuk-frontend'))"
    page.wait_for_function(frontend_applied)

    # Laid out as Playwright, a script or a reader's click would, with the frontend's rules in force.
    font_family = heading.evaluate("h => getComputedStyle(document.documentElement).fontFamily")
    assert heading.bounding_box() is not None
    page.wait_for_timeout(500)  # a font request starts at once; give it time to be seen

    assert held, "the portal's own stylesheets were not requested, so nothing was held back"
    assert font_family == "arial, sans-serif"
    assert fonts == []
    for route in held:
        route.continue_()
