"""A summary takes its year, method and tags from its evaluation only while readers may see that evaluation."""

import pytest
from wagtail.models import PageViewRestriction

from evidence.models import PlainLanguageSummaryPage

pytestmark = pytest.mark.django_db


def fresh(summary, indexed=False):
    objects = PlainLanguageSummaryPage.get_indexed_objects() if indexed else PlainLanguageSummaryPage.objects
    return objects.get(pk=summary.pk)


@pytest.mark.parametrize("indexed", [False, True], ids=["one page", "index build"])
def test_a_restricted_or_unpublished_evaluation_lends_its_summary_nothing(summary, evaluation, indexed):
    page = fresh(summary, indexed)
    assert page.search_year() == evaluation.completed.year and page.search_service_ids()

    restriction = PageViewRestriction.objects.create(page=evaluation, restriction_type="login")
    page = fresh(summary, indexed)
    assert page.search_year() is None and page.search_method() is None and page.search_date() is None
    assert page.search_service_ids() == [] and page.search_equity_ids() == [] and page.search_taxonomy_text() == ""

    restriction.delete()
    evaluation.unpublish()
    assert fresh(summary, indexed).search_year() is None
