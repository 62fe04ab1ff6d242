"""Publishing, unpublishing, deleting, moving and renaming taxonomy reach the engine's index."""

import pytest
from django.http import QueryDict

from devdata.factories import EvaluationPageFactory, ServiceFactory
from evidence.models import CaseStudyPage, EvaluationPage, PageService, PlainLanguageSummaryPage, Service
from search.backends.engine import EngineSearch
from search.params import parse
from search.vocabulary import get_vocabulary

from .support import requires_engine

pytestmark = [pytest.mark.engine, requires_engine, pytest.mark.django_db]


def engine(query_string):
    vocabulary = get_vocabulary()
    return EngineSearch(vocabulary).run(parse(QueryDict(query_string), vocabulary=vocabulary), 0, 100)


def found(query_string):
    return {(r.type, r.pk) for r in engine(query_string).refs}


def test_publishing_a_new_evaluation_and_its_taxonomy_reach_the_engine(corpus, django_capture_on_commit_callbacks):
    evaluation = EvaluationPage.objects.get(slug="evaluation-0")
    podiatry = ServiceFactory(name="Podiatry clinics", slug="podiatry", parent=evaluation.services[0].parent)
    draft = evaluation.get_latest_revision_as_object()
    draft.page_services.add(PageService(service=podiatry))
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    summary = PlainLanguageSummaryPage.objects.get(evaluation=evaluation)
    assert ("evaluation", evaluation.pk) in found("q=podiatry")
    assert found("service=podiatry") == {("evaluation", evaluation.pk), ("summary", summary.pk)}
    assert engine("service=podiatry").facets["service"].in_selection[str(podiatry.pk)] == 2


def test_a_new_draft_is_not_found_until_it_is_published(corpus, django_capture_on_commit_callbacks):
    service = Service.objects.get(slug="general-practice")
    page = EvaluationPageFactory(title="Foot health draft", slug="foot-draft", live=False, services=[service])
    assert not found("q=foot")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert found("q=foot") == {("evaluation", page.pk)}


def test_unpublish_and_delete_leave_the_engine(corpus, django_capture_on_commit_callbacks):
    first = EvaluationPage.objects.get(slug="evaluation-1")
    second = EvaluationPage.objects.get(slug="evaluation-3")
    before = engine("type=evaluation").total
    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
        second.delete()
    after = found("type=evaluation")
    assert ("evaluation", first.pk) not in after and ("evaluation", second.pk) not in after
    assert len(after) == before - 2


def test_moving_a_page_keeps_it_in_the_engine(corpus, django_capture_on_commit_callbacks):
    from evidence.models import CaseStudyIndexPage

    story = CaseStudyPage.objects.get(slug="case-study-0")
    other_index = CaseStudyIndexPage.objects.get()
    target = other_index.add_child(instance=CaseStudyIndexPage(title="Archive", slug="archive"))
    with django_capture_on_commit_callbacks(execute=True):
        story.move(target, pos="last-child")
    assert ("case-study", story.pk) in found("q=wellbeing&type=case-study")


def test_renaming_a_service_reindexes_tagged_pages_and_their_summaries(corpus, django_capture_on_commit_callbacks):
    service = Service.objects.get(slug="talking-therapies")
    with django_capture_on_commit_callbacks(execute=True):
        service.name = "Psychological therapies"
        service.save()
    tagged = found("service=talking-therapies")
    assert tagged and found("q=psychological") == tagged
    assert "summary" in {kind for kind, _ in tagged}


def test_a_summary_follows_its_evaluation(corpus, django_capture_on_commit_callbacks):
    evaluation = EvaluationPage.objects.get(slug="evaluation-2")
    summary = PlainLanguageSummaryPage.objects.get(evaluation=evaluation)
    draft = evaluation.get_latest_revision_as_object()
    draft.completed = draft.completed.replace(year=2026)
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert found("year=2026") == {("evaluation", evaluation.pk), ("summary", summary.pk)}


def test_a_summary_loses_a_restricted_evaluations_year_and_tags_and_gets_them_back(
    corpus, django_capture_on_commit_callbacks
):
    """As on the database backend: a restricted evaluation lends its public summary nothing that names it."""
    from wagtail.models import PageViewRestriction

    evaluation = EvaluationPage.objects.get(slug="evaluation-2")
    summary = PlainLanguageSummaryPage.objects.get(evaluation=evaluation)
    service = evaluation.services[0]
    assert ("summary", summary.pk) in found(f"service={service.slug}")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=evaluation, restriction_type="login")
    assert ("summary", summary.pk) not in found(f"service={service.slug}")
    assert ("summary", summary.pk) not in found(f"year={evaluation.completed.year}")
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert ("summary", summary.pk) in found(f"service={service.slug}")
