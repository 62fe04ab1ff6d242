"""Zero axe (WCAG 2.0/2.1/2.2 A and AA) violations on every key page, at 1280 px and at 375 px.

Pages are checked in groups (one browser and one set of data per group, for speed); every page in a group is
checked before the test fails, and the failure lists each page, rule and element.
"""

import pytest

from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import browser_db

pytestmark = browser_db

GROUPS = {
    "content pages": {
        "home": "/",
        "evaluation": "{evaluation}",
        "plain-language summary": "{summary}",
        "case study": "{case_study}",
        "evaluations index": "/evaluations/",
        "summaries index": "/summaries/",
        "case studies index": "/case-studies/",
        "glossary A to Z": "/glossary/",
        "glossary term": "/glossary/core20plus5/",
        "accessibility statement": "/accessibility/",
        "404": "/no-such-page/",
    },
    "search and gap map": {
        "search with facets selected": "/search/?q=blood&equity=core20&service=community-pharmacy",
        "search with no results": "/search/?q=zzqxvnothing",
        "evidence gap map": "/evidence-map/",
    },
    "forms": {
        "glossary suggestion form": "/suggest-a-glossary-term/",
        "evaluation proposal form": "/propose-an-evaluation/",
    },
}


def path_for(site, path):
    return path.format(
        evaluation=site["evaluation"].url, summary=site["summary"].url, case_study=site["case_study"].url
    )


@pytest.mark.parametrize("width", ["desktop", "mobile"])
@pytest.mark.parametrize("group", list(GROUPS))
def test_pages_have_no_axe_violations(site, open_page, group, width):
    page = open_page(site["base"] + "/", width=width)
    failures = []
    for name, path in GROUPS[group].items():
        response = page.goto(site["base"] + path_for(site, path))
        expected = 404 if name == "404" else 200
        if response.status != expected:
            failures.append(f"── {name} ({path_for(site, path)}) answered {response.status}, not {expected}")
            continue
        violations = axe_violations(page)
        if violations:
            failures.append(f"── {name} ({path_for(site, path)}) at {width} width:\n{describe(violations)}")
    assert not failures, "axe found WCAG A/AA violations:\n" + "\n".join(failures)
