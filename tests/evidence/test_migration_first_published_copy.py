"""Migration 0008 gives every existing summary its own copy of first_published_at: /summaries/ keeps its order."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from devdata.factories import PlainLanguageSummaryPageFactory
from tests.migration_steps import migrate, migrate_to_latest

BEFORE = [("evidence", "0007_evaluation_team_contact")]
AFTER = [("evidence", "0008_summary_first_published_copy")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # migrations made the roles
def test_existing_summaries_get_their_first_publication():
    moment = timezone.make_aware(datetime.datetime(2023, 6, 1, 9))
    dated, never = PlainLanguageSummaryPageFactory(), PlainLanguageSummaryPageFactory()
    Page.objects.filter(pk=dated.pk).update(first_published_at=moment)  # Wagtail's column alone
    try:
        migrate(BEFORE)
        new = migrate(AFTER)
        Summary = new.get_model("evidence", "PlainLanguageSummaryPage")
        assert dict(Summary.objects.values_list("pk", "first_published_copy")) == {dated.pk: moment, never.pk: None}
    finally:
        migrate_to_latest()
