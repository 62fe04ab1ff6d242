"""SQL queries per public page type, uncached (the page cache is bypassed with a query string it never stores),
at two corpus sizes: the same number at both, and within the budget of issue #15 (12) for every page type.

Counted after one request has warmed each process's memos (the site, its settings, the glossary linker's terms,
core/reader_memo.py): what a reader's request costs in a running process, where the page was not cached."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from devdata.factories import CaseStudyPageFactory, EvaluationPageFactory, PlainLanguageSummaryPageFactory
from evidence.models import TeamRole
from tests.functional.site_data import build_site

BUDGET = 12

pytestmark = pytest.mark.django_db


def page_urls(site):
    return {
        "home": "/",
        "evaluations": "/evaluations/",
        "evaluations page 2": "/evaluations/?page=2",
        "summaries": "/summaries/",
        "case studies": "/case-studies/",
        "glossary": "/glossary/",
        "glossary term": "/glossary/core20plus5/",
        "standard page": site["statement"].url,
        "evaluation": site["evaluation"].url,
        "summary": site["summary"].url,
        "case study": site["case_study"].url,
        "evidence map": "/evidence-map/",
        "search": "/search/?q=care",
        "search with filters": "/search/?q=blood&service=community-pharmacy&sort=newest",
        "search, no words": "/search/",
    }


def grow(site, count):
    """`count` more evaluations, each with a summary and a case study, tagged like the site's own."""
    evaluation = site["evaluation"]
    for n in range(count):
        extra = EvaluationPageFactory(
            title=f"Extra evaluation {n}",
            services=evaluation.services,
            equity_dimensions=evaluation.equity_dimensions,
            places=evaluation.places,
        )
        PlainLanguageSummaryPageFactory(
            title=f"Extra summary {n}", evaluation=extra, co_authors=[("Pat Doe", TeamRole.PUBLIC_ADVISER, None)]
        )
        CaseStudyPageFactory(title=f"Extra case study {n}", evaluations=[extra], services=evaluation.services)


def queries(url):
    """Queries for an uncached anonymous request, after one request has warmed each process's memos."""
    uncached = f"{url}{'&' if '?' in url else '?'}uncached=1"
    client = Client()
    assert client.get(uncached).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(uncached)
    assert response.status_code == 200, url
    if not url.startswith(("/search/", "/evidence-map/")):  # Wagtail pages: the page cache was asked, and missed
        assert response["X-Page-Cache"] == "miss", url
    return len(captured)


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """Counts for every page type with the small corpus, then with 25 more evaluations, summaries and case studies
    (three listing pages instead of one), in one transaction rolled back at the end."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        site = build_site()
        urls = page_urls(site)
        small = {name: queries(url) for name, url in urls.items() if "page 2" not in name}
        grow(site, 25)
        large = {name: queries(url) for name, url in urls.items()}
        transaction.set_rollback(True)
    return small, large


NAMES = [
    "home",
    "evaluations",
    "summaries",
    "case studies",
    "glossary",
    "glossary term",
    "standard page",
    "evaluation",
    "summary",
    "case study",
    "evidence map",
    "search",
    "search with filters",
    "search, no words",
]


# Search with no words lists everything newest first: it reads the glossary entries among its first page of
# results (one query) only when there are some, which the newer extra evaluations push off the page.
SHOWS_DIFFERENT_KINDS = {"search, no words"}


@pytest.mark.parametrize("name", [name for name in NAMES if name not in SHOWS_DIFFERENT_KINDS])
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_queries_do_not_grow_with_the_corpus(counts, name):
    small, large = counts
    assert large[name] == small[name], f"{name}: {small[name]} queries with 4 evaluations, {large[name]} with 29"


def test_a_later_listing_page_costs_what_the_first_does(counts):
    assert counts[1]["evaluations page 2"] == counts[1]["evaluations"]


@pytest.mark.parametrize("name", NAMES)
def test_queries_within_the_budget(counts, name):
    assert counts[1][name] <= BUDGET, f"{name}: {counts[1][name]} queries"


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_a_cached_page_costs_one_query(client, db):
    site = build_site()
    for name, url in page_urls(site).items():
        if name.startswith(("search", "evidence map")):
            continue  # not Wagtail pages: never in the page cache
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url)["X-Page-Cache"] == "hit"
        assert len(captured) == 1, url
