"""The demo loader: complete, readable, and idempotent."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from evidence.models import (
    CaseStudyPage,
    EquityDimension,
    EvaluationPage,
    Framework,
    GlossaryTerm,
    Place,
    PlainLanguageSummaryPage,
    Service,
)
from evidence.readability import measure
from home.models import StandardPage

MODELS = [
    Service,
    EquityDimension,
    Place,
    GlossaryTerm,
    EvaluationPage,
    PlainLanguageSummaryPage,
    CaseStudyPage,
    StandardPage,
    get_user_model(),
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_demo_loader_is_complete_readable_and_idempotent(client):
    # One test: loading the demo takes a while, so it is loaded once (twice, to prove idempotency).
    call_command("load_demo_content", verbosity=0)
    first = counts()
    call_command("load_demo_content", verbosity=0)
    assert counts() == first
    check_brief(first)
    check_summaries()
    check_pages_render(client)


def check_brief(first):
    assert Service.objects.filter(parent__isnull=False).count() >= 25
    assert EquityDimension.objects.count() >= 30
    assert set(EquityDimension.objects.values_list("framework", flat=True)) == set(Framework.values)
    assert Place.objects.count() >= 8
    assert first["GlossaryTerm"] >= 60 and GlossaryTerm.objects.filter(live=True).count() == first["GlossaryTerm"]
    assert EvaluationPage.objects.live().count() >= 40
    assert CaseStudyPage.objects.live().count() >= 8
    years = set(EvaluationPage.objects.values_list("completed__year", flat=True))
    assert set(range(2019, 2027)) <= years
    users = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "editor", "adviser", "moderator"} <= users


def check_summaries():
    evaluations = EvaluationPage.objects.live().select_related("plain_summary")
    for evaluation in evaluations:
        summary = evaluation.plain_summary
        assert summary.live
        assert summary.reading_age == measure(summary.body_text()).reading_age
        assert summary.reading_age <= 11, (summary.slug, summary.reading_age)
        assert summary.co_authors.filter(role="public-adviser").exists()
        assert summary.sign_offs.exists()
    ages = sorted(s.reading_age for s in PlainLanguageSummaryPage.objects.all())
    assert ages[len(ages) // 2] >= 9  # most are 9–11, not trivially short


def check_pages_render(client):
    for page in [
        EvaluationPage.objects.first(),
        PlainLanguageSummaryPage.objects.first(),
        CaseStudyPage.objects.first(),
    ]:
        assert client.get(page.url).status_code == 200
    pages = ["/", "/evaluations/", "/case-studies/", "/summaries/", "/glossary/", "/about/", "/accessibility/"]
    for url in pages:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_the_loader_keeps_a_sites_own_glossary_and_says_what_it_left_out():
    """An upgraded site (an older demo, migration 0005's entries, editors' words) keeps its entries: a demo entry
    that would clash is left out with a note, never a failed load; an older entry gets its concept when free."""
    import io

    from devdata.factories import GlossaryTermFactory

    GlossaryTermFactory(term="Looked-after children and care leavers", slug="children-in-care", definition="Ours.")
    GlossaryTermFactory(term="Screening", slug="screening", definition="Tests to find illness early.")
    err = io.StringIO()
    call_command("load_demo_content", verbosity=0, stderr=err)
    assert "glossary entry looked-after-children-and-care-leavers left out" in err.getvalue()
    assert GlossaryTerm.objects.get(slug="children-in-care").definition == "Ours."
    assert GlossaryTerm.objects.get(slug="screening").service.slug == "screening"  # the older entry explains it
