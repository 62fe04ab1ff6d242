"""Publishing, unpublishing, deleting, moving and renaming taxonomy reach the search index."""

import pytest
from django.http import QueryDict

from devdata.factories import ServiceFactory
from evidence.models import PageService
from search.params import parse
from search.service import run_search
from search.vocabulary import get_vocabulary


def titles(query_string):
    result = run_search(parse(QueryDict(query_string), vocabulary=get_vocabulary()))
    return {item.title for item in result.items}


@pytest.mark.django_db
def test_publishing_new_taxonomy_reaches_the_index(corpus, django_capture_on_commit_callbacks):
    from evidence.models import EvaluationPage

    evaluation = EvaluationPage.objects.get(slug="evaluation-0")
    podiatry = ServiceFactory(name="Podiatry clinics", slug="podiatry", parent=evaluation.services[0].parent)
    draft = evaluation.get_latest_revision_as_object()
    draft.page_services.add(PageService(service=podiatry))
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert evaluation.title in titles("q=podiatry")
    assert evaluation.title in titles("service=podiatry&type=evaluation")
    # Its summary repeats the evaluation's taxonomy.
    assert "Wellbeing summary 0" in titles("q=podiatry&type=summary")


@pytest.mark.django_db
def test_unpublish_and_delete_leave_the_index(corpus, django_capture_on_commit_callbacks):
    from evidence.models import EvaluationPage

    first = EvaluationPage.objects.get(slug="evaluation-1")
    second = EvaluationPage.objects.get(slug="evaluation-3")
    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
        second.delete()
    found = titles("q=wellbeing&type=evaluation")
    assert first.title not in found and second.title not in found


@pytest.mark.django_db
def test_renaming_a_service_reindexes_tagged_pages(corpus, django_capture_on_commit_callbacks):
    from evidence.models import Service

    service = Service.objects.get(slug="talking-therapies")
    with django_capture_on_commit_callbacks(execute=True):
        service.name = "Psychological therapies"
        service.save()
    found = titles("q=psychological")
    assert any(title.startswith("Wellbeing evaluation 3") for title in found)


@pytest.mark.django_db
def test_moving_a_page_keeps_it_findable_at_its_new_address(corpus, django_capture_on_commit_callbacks, client):
    from evidence.models import CaseStudyIndexPage, CaseStudyPage

    story = CaseStudyPage.objects.get(slug="case-study-0")
    index = CaseStudyIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        story.slug = "case-study-renamed"
        story.save_revision().publish()
    result = client.get("/search/?q=wellbeing&type=case-study").context["result"]
    urls = {item.url for item in result.items}
    assert f"{index.url}case-study-renamed/" in urls


@pytest.mark.django_db
def test_reindexing_forgets_remembered_text_matches(corpus):
    """Each process remembers recent queries' matches; re-indexing changed text must make it forget them."""
    from evidence.models import EvaluationPage
    from search.indexing import reindex_pages

    page = EvaluationPage.objects.get(slug="evaluation-0")
    assert "Zanzibar clinic review" not in titles("q=zanzibar")  # remembered: nothing matches
    EvaluationPage.objects.filter(pk=page.pk).update(title="Zanzibar clinic review")  # no signals, no bump
    reindex_pages([EvaluationPage.objects.get(pk=page.pk)])
    assert "Zanzibar clinic review" in titles("q=zanzibar")
    assert "Zanzibar clinic review" in titles("q=zanzibar&sort=newest")
