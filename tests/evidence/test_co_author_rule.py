"""A summary credits at least one public adviser co-author: a rule of the page model, so every save path that
validates (full_clean, save_revision, publishing, the admin form) enforces it, not only the admin form."""

import pytest
from django.core.exceptions import ValidationError

from evidence.models import PlainLanguageSummaryPage, SummaryCoAuthor, TeamRole
from evidence.models.summary import PUBLIC_ADVISER_MISSING
from tests.admin_forms import summary_form_data
from tests.evidence.test_admin_validation import add_summary_url


@pytest.mark.django_db
def test_full_clean_refuses_a_summary_without_a_public_adviser(summary):
    summary.co_authors = [SummaryCoAuthor(name="Dr Res", role=TeamRole.RESEARCHER)]
    with pytest.raises(ValidationError) as refused:
        summary.full_clean()
    assert refused.value.messages == [PUBLIC_ADVISER_MISSING]
    with pytest.raises(ValidationError):
        summary.save_revision()


@pytest.mark.django_db
def test_full_clean_accepts_a_summary_with_a_public_adviser(summary):
    summary.co_authors = [
        SummaryCoAuthor(name="Dr Res", role=TeamRole.RESEARCHER),
        SummaryCoAuthor(name="Pat Adviser", role=TeamRole.PUBLIC_ADVISER),
    ]
    summary.full_clean()
    summary.save_revision().publish()
    assert PlainLanguageSummaryPage.objects.get(pk=summary.pk).co_authors.count() == 2


@pytest.mark.django_db
def test_the_admin_form_says_it_once(client, editor, evaluation):
    client.force_login(editor)
    data = summary_form_data("No adviser", "no-adviser", evaluation, [("Dr Typed Researcher", "researcher", None)])
    body = client.post(add_summary_url(), data).content.decode()
    assert body.count(PUBLIC_ADVISER_MISSING) == 1
