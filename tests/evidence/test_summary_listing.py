"""/summaries/ lists what readers may see, newest first published first (ties: the newest page first), 12 a page,
ordered by the summary's own indexed copy of Wagtail's first_published_at (evidence/models/index_pages.py:
OwnColumnCopy): every way a first publication is written keeps the copy, so the order stays Wagtail's."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from devdata.factories import PlainLanguageSummaryPageFactory
from evidence.models import PlainLanguageSummaryPage, SummaryIndexPage
from evidence.models.own_columns import with_own_copies

pytestmark = pytest.mark.django_db


def day(n):
    return timezone.make_aware(datetime.datetime(2024, 1, 1, 9) + datetime.timedelta(days=n))


def listed(client, page):
    response = client.get(f"/summaries/?page={page}&uncached={page}")
    assert response.status_code == 200
    items = response.context["items"]
    return [summary.slug for summary in items], items.paginator.count


def wagtails_order():
    """The order /summaries/ had when it sorted on Wagtail's own column."""
    pages = PlainLanguageSummaryPage.objects.live().public().order_by("-first_published_at", "-pk")
    return list(pages.values_list("slug", flat=True))


def copies_match():
    return all(page.first_published_copy == page.first_published_at for page in PlainLanguageSummaryPage.objects.all())


def test_newest_first_published_first_twelve_a_page_drafts_and_restricted_left_out(client):
    for n in range(13):
        summary = PlainLanguageSummaryPageFactory(slug=f"s{n}")
        summary.first_published_at = day(n % 5)  # saved: several share a moment, the newest page first among them
        summary.save()
    PlainLanguageSummaryPageFactory(slug="published-now").save_revision().publish()
    PlainLanguageSummaryPageFactory(slug="draft", live=False)
    hidden = PlainLanguageSummaryPageFactory(slug="restricted")
    hidden.save_revision().publish()
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    order = wagtails_order()
    assert order[0] == "published-now" and len(order) == 14 and {"draft", "restricted"}.isdisjoint(order)
    assert copies_match()
    assert listed(client, 1) == (order[:12], 14)
    assert listed(client, 2) == (order[12:], 14)


def test_every_way_a_first_publication_is_written_keeps_the_copy():
    published = PlainLanguageSummaryPageFactory(slug="published")
    published.save_revision().publish()
    resaved = PlainLanguageSummaryPageFactory(slug="resaved")
    resaved.first_published_at = day(7)
    resaved.save(update_fields=["first_published_at"])  # as Wagtail's copy that stays live saves its date
    dated = PlainLanguageSummaryPageFactory(slug="dated")
    # As the demo loader dates its pages: an update of the source names the copy too.
    PlainLanguageSummaryPage.objects.filter(pk=dated.pk).update(
        **with_own_copies(PlainLanguageSummaryPage, {"first_published_at": day(3)})
    )
    # Bulk inserts of the page rows (generate_evaluations) take the copy from the instance, as a save does.
    call_command("generate_evaluations", count=2, seed=1, verbosity=0)

    assert PlainLanguageSummaryPage.objects.count() == 5
    assert PlainLanguageSummaryPage.objects.get(slug="published").first_published_copy is not None
    assert PlainLanguageSummaryPage.objects.get(slug="resaved").first_published_copy == day(7)
    assert PlainLanguageSummaryPage.objects.get(slug="dated").first_published_copy == day(3)
    assert copies_match()
    assert [s.slug for s in SummaryIndexPage.objects.get().listing()[0:12]] == wagtails_order()
