"""In Chromium: a service's glossary entry offers the feed of new evaluations about it, visibly and to feed
readers (<link rel="alternate">), axe-clean at 1280 and 375 px, and the feed it names answers Atom."""

import pytest

from devdata.factories import GlossaryTermFactory
from tests.functional.axe import assert_accessible
from tests.functional.conftest import browser_db

pytestmark = browser_db


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_a_reader_finds_the_feed_on_a_service_entry(site, open_page, width):
    GlossaryTermFactory(term="Chemists", slug="chemists", service=site["service"])
    page = open_page(f"{site['base']}/glossary/chemists/", width=width)
    feed = f"/feeds/evaluations/service/{site['service'].slug}.atom"
    visible = page.get_by_role("link", name=f"Follow new evaluations about {site['service'].name} (Atom feed)")
    assert visible.get_attribute("href") == feed
    assert page.locator('head link[rel="alternate"][type="application/atom+xml"]').get_attribute("href") == feed
    assert_accessible(page, f"the glossary entry at {width} width")
    response = page.request.get(site["base"] + feed)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    assert site["evaluation"].title in response.text()
