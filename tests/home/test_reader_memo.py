"""What each process remembers for readers' pages (core/reader_memo.py: the site root's children, the view
restrictions, the alias pages) is never used after a change: a restriction, a restricted related page or a
renamed section takes effect on the very next request, with the page cache bypassed (`?uncached=1`) so only the
memo could be stale."""

import pytest
from wagtail.models import PageViewRestriction

from evidence.models import EvaluationIndexPage
from tests.functional.site_data import build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    return build_site()


def get(client, url):
    return client.get(f"{url}?uncached=1")


def test_a_new_view_restriction_on_a_page_applies_at_once(client, site):
    url = site["evaluation"].url
    assert get(client, url).status_code == 200
    PageViewRestriction.objects.create(page=site["evaluation"], restriction_type=PageViewRestriction.LOGIN)
    response = get(client, url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_restriction_on_a_section_applies_to_its_pages_at_once(client, site):
    url = site["evaluation"].url
    assert get(client, url).status_code == 200
    section = EvaluationIndexPage.objects.get()
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert get(client, url).status_code == 302
    assert get(client, site["summary"].url).status_code == 200  # another section stays open


def test_a_lifted_restriction_opens_the_page_at_once(client, site):
    url = site["evaluation"].url
    restriction = PageViewRestriction.objects.create(
        page=site["evaluation"], restriction_type=PageViewRestriction.LOGIN
    )
    assert get(client, url).status_code == 302
    restriction.delete()
    assert get(client, url).status_code == 200


def test_a_newly_restricted_case_study_leaves_the_evaluation_page_at_once(client, site):
    url, title = site["evaluation"].url, site["case_study"].title
    assert title in get(client, url).content.decode()
    PageViewRestriction.objects.create(page=site["case_study"], restriction_type=PageViewRestriction.LOGIN)
    assert title not in get(client, url).content.decode()
    assert title not in get(client, "/case-studies/").content.decode()


def test_a_renamed_section_answers_at_its_new_address_at_once(client, site):
    assert get(client, "/evaluations/bp-checks/").status_code == 200
    section = EvaluationIndexPage.objects.get()
    section.slug = "studies"
    section.save_revision().publish()
    assert get(client, "/evaluations/bp-checks/").status_code == 404
    assert get(client, "/studies/bp-checks/").status_code == 200


def test_an_unpublished_section_is_gone_at_once(client, site):
    assert get(client, "/evaluations/").status_code == 200
    EvaluationIndexPage.objects.get().unpublish()
    assert get(client, "/evaluations/").status_code == 404


def test_the_breadcrumbs_name_each_ancestor(client, site):
    html = get(client, site["evaluation"].url).content.decode()
    trail = html.split('class="nhsuk-breadcrumb__list"')[1].split("</ol>")[0]
    assert 'href="/">Home</a>' in trail
    assert 'href="/evaluations/">Evaluations</a>' in trail
    assert trail.index('href="/"') < trail.index('href="/evaluations/"')


@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_an_alias_follows_its_source_pages_restriction(client, site):
    """Wagtail applies the source page's restrictions to its alias: the memo leaves aliases to Wagtail."""
    alias = site["evaluation"].create_alias(parent=EvaluationIndexPage.objects.get(), update_slug="bp-checks-alias")
    assert get(client, alias.url).status_code == 200
    PageViewRestriction.objects.create(page=site["evaluation"], restriction_type=PageViewRestriction.LOGIN)
    assert get(client, alias.url).status_code == 302
