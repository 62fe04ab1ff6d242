"""The crosswalk in the real admin (Chromium): an editor marks an equity dimension close to one of another
framework with the grouped checkboxes, saves, and finds the match on the other dimension too. No console error
(the `person` fixture checks)."""

from playwright.sync_api import expect

from devdata.factories import EquityDimensionFactory
from evidence.models import EquityDimension, Framework
from tests.functional.conftest import browser_db

pytestmark = browser_db


def edit_url(site, dimension):
    return f"{site['base']}/admin/snippets/evidence/equitydimension/edit/{dimension.pk}/"


def test_editor_marks_sex_close_to_gender_and_sex_and_it_shows_both_ways(site, editor, person):
    sex = EquityDimensionFactory(name="Sex", slug="sex", framework=Framework.EQUALITY_ACT)
    gender = EquityDimensionFactory(name="Gender and sex", slug="gender-and-sex", framework=Framework.PROGRESS_PLUS)

    page = person("editor")
    page.goto(edit_url(site, sex))
    close = page.locator("[data-contentpath='close_matches']")
    expect(close.get_by_text("PROGRESS-Plus", exact=True)).to_be_visible()
    expect(close.get_by_text("Equality Act 2010 protected characteristics")).to_have_count(0)  # its own
    close.get_by_role("checkbox", name="Gender and sex").check()
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("updated")
    assert list(EquityDimension.objects.get(pk=gender.pk).close_matches.all()) == [sex]

    page.goto(edit_url(site, gender))
    other_way = page.locator("[data-contentpath='close_matches']")
    expect(other_way.get_by_role("checkbox", name="Sex", exact=True)).to_be_checked()
    expect(other_way.get_by_role("checkbox", name="Age", exact=True)).not_to_be_checked()
