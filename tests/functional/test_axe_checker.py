"""The checker itself: it must fail when a violation is introduced, or the zero-violation tests prove nothing."""

import pytest

from tests.functional.axe import WCAG_TAGS, assert_accessible, axe_violations
from tests.functional.conftest import launched_chromium

CLEAN = """<!DOCTYPE html><html lang="en-GB"><head><title>Checker test</title></head>
<body><main><h1>Checker test</h1><p>Some text.</p>{extra}</main></body></html>"""
PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


@pytest.mark.browser
def test_checker_runs_offline_with_the_wcag_22_rules():
    with launched_chromium() as chromium:
        page = chromium.new_page()
        page.set_content(CLEAN.format(extra=""))
        assert axe_violations(page) == []
        version = page.evaluate("axe.version")
        rules = page.evaluate(f"axe.getRules({WCAG_TAGS!r}).map(rule => rule.ruleId)")
    assert tuple(int(part) for part in version.split(".")[:2]) >= (4, 7), version
    assert "target-size" in rules  # WCAG 2.2 (2.5.8) is really being checked


@pytest.mark.browser
def test_an_image_without_alt_text_fails_the_check():
    with launched_chromium() as chromium:
        page = chromium.new_page()
        page.set_content(CLEAN.format(extra=f'<img src="{PIXEL}" width="40" height="40">'))
        assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
        with pytest.raises(AssertionError, match="image-alt"):
            assert_accessible(page, "a page with an image without alt text")


BREAKAGES = [
    (f'<img src="{PIXEL}" width="40" height="40">', "image-alt"),
    ('<button type="button"></button>', "button-name"),
    ('<p style="color:#aaaaaa">Pale grey text</p>', "color-contrast"),
    ('<a href="/" style="display:inline-block;width:10px;height:10px"></a>', "link-name"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.browser
def test_a_violation_added_to_a_real_page_fails_the_check(site, open_page):
    page = open_page(site["base"] + site["evaluation"].url)
    assert_accessible(page, "the evaluation page before it is broken")
    for broken, rule in BREAKAGES:
        page.reload()
        page.evaluate("html => document.querySelector('main h1').insertAdjacentHTML('afterend', html)", broken)
        with pytest.raises(AssertionError, match=rule):
            assert_accessible(page, f"the evaluation page with {rule} broken")
