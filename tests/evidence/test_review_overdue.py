"""Overdue reviews: readers are told in words when a page's next review date has passed, and Editors (and
superusers) get a "Reviews overdue" dashboard panel listing those pages in a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from devdata.factories import EvaluationPageFactory, PlainLanguageSummaryPageFactory
from home.models import HomePage, StandardPage

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)
FLAG = '<strong class="nhsuk-tag nhsuk-tag--orange">Review overdue</strong>'


def evaluation_due(day, **extra):
    return EvaluationPageFactory(last_reviewed=datetime.date(2024, 1, 1), next_review=day, **extra)


def standard_page_due(day, title="About the portal"):
    page = StandardPage(title=title, slug=title.lower().replace(" ", "-"), next_review=day)
    HomePage.objects.get().add_child(instance=page)
    return page


@pytest.mark.django_db
def test_a_page_past_its_review_date_tells_readers_in_words(client):
    page = evaluation_due(datetime.date(2025, 9, 12))
    html = client.get(page.url).content.decode()
    assert re.search(r"Next review due: <time datetime=\"2025-09-12\">12 September 2025</time> " + FLAG, html)
    assert "This page was due for review on 12 September 2025 and has not been reviewed yet." in html
    assert '<span class="nhsuk-u-visually-hidden">Information: </span>' in html  # NHS.UK inset text


@pytest.mark.django_db
@pytest.mark.parametrize("day", [TODAY, TODAY + datetime.timedelta(days=30)])
def test_a_review_due_today_or_later_is_not_flagged(client, day):
    html = client.get(evaluation_due(day).url).content.decode()
    assert "Next review due:" in html
    assert "Review overdue" not in html and "due for review" not in html


@pytest.mark.django_db
def test_every_page_type_with_review_dates_shows_the_flag(client, evaluation):
    summary = PlainLanguageSummaryPageFactory(evaluation=evaluation, next_review=YESTERDAY)
    for page in (summary, standard_page_due(YESTERDAY)):
        assert FLAG in client.get(page.url).content.decode(), page


def panel(html):
    match = re.search(r'id="overdue-reviews-section".*?</section>', html, re.S)
    return match.group(0) if match else None


@pytest.mark.django_db
def test_editors_see_overdue_pages_most_overdue_first_with_type_date_and_edit_link(client, editor):
    late = evaluation_due(datetime.date(2025, 9, 12), title="Late evaluation")
    later = standard_page_due(datetime.date(2024, 2, 1), title="Old about page")
    evaluation_due(TODAY, title="Due today")
    evaluation_due(YESTERDAY, title="Unpublished draft", live=False)
    client.force_login(editor)
    listing = panel(client.get("/admin/").content.decode())
    assert listing is not None and "Reviews overdue" in listing
    assert listing.index("Old about page") < listing.index("Late evaluation")
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[late.pk])}"' in listing
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[later.pk])}"' in listing
    assert "<td>Evaluation</td>" in listing and "<td>Standard page</td>" in listing
    assert '<time datetime="2025-09-12">12 September 2025</time>' in listing
    assert "Due today" not in listing and "Unpublished draft" not in listing


@pytest.mark.django_db
def test_superusers_see_the_panel_and_advisers_and_moderators_do_not(client, make_user, adviser, moderator):
    evaluation_due(YESTERDAY, title="Late evaluation")
    client.force_login(make_user("root", is_superuser=True))
    assert "Late evaluation" in panel(client.get("/admin/").content.decode())
    for user in (adviser, moderator):
        client.force_login(user)
        html = client.get("/admin/").content.decode()
        assert panel(html) is None and "Reviews overdue" not in html, user


@pytest.mark.django_db
def test_the_panel_says_when_nothing_is_overdue(client, editor):
    client.force_login(editor)
    assert "No published page is overdue for review." in panel(client.get("/admin/").content.decode())


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_the_panel_costs_the_same_queries_for_one_page_or_many(client, editor):
    from evidence.overdue_reviews import PANEL_ROWS, overdue_reviews

    evaluation_due(YESTERDAY)
    with CaptureQueriesContext(connection) as one:
        assert len(overdue_reviews()[0]) == 1
    for day in range(PANEL_ROWS + 5):
        evaluation_due(YESTERDAY - datetime.timedelta(days=day))
        standard_page_due(YESTERDAY, title=f"Standard {day}")
    with CaptureQueriesContext(connection) as many:
        rows, total = overdue_reviews()
    assert (len(rows), total) == (PANEL_ROWS, 1 + 2 * (PANEL_ROWS + 5))
    assert len(many.captured_queries) <= 2 and len(one.captured_queries) <= 2
    client.force_login(editor)
    assert f"The {PANEL_ROWS} most overdue of {total} published pages" in panel(client.get("/admin/").content.decode())
