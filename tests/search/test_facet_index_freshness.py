"""The in-process facet index follows what is public, changed one document at a time (search/backends/facet_index.py):
a draft save changes nothing, a publish, unpublish or delete updates the changed documents' bits (no rebuild), and
the result always equals a fresh rebuild's."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db.models.deletion import Collector
from wagtail.models import Page, PageViewRestriction

from devdata.factories import GlossaryTermFactory
from evidence.models import EvaluationPage, GlossaryTerm, PageService, PlainLanguageSummaryPage, Service
from search import request_signature
from search.backends import facet_index as fi
from search.models import SearchGeneration


def snapshot(index):
    """What answers depend on, by document rather than position: each facet value's documents, and the order."""
    alive = set(fi.set_bits(index.everything))
    values = {
        group: {key: frozenset(index.docs[p] for p in fi.set_bits(bits)) for key, bits in keys.items() if bits}
        for group, keys in index.values.items()
    }
    return {
        "documents": {index.docs[p] for p in alive},
        "values": values,
        "newest": [index.docs[p] for p in index.newest if p in alive],
    }


def assert_same_as_rebuild():
    incremental = fi.facet_index()
    fresh = fi.build(incremental.signature)
    assert snapshot(incremental) == snapshot(fresh)
    return incremental


def counters():
    return (dict(fi.stats), list(SearchGeneration.objects.order_by("pk").values_list("pk", "value")))


@pytest.fixture
def indexed(corpus):
    fi.facet_index()
    return corpus


def evaluation(slug):
    return EvaluationPage.objects.get(slug=slug)


@pytest.mark.django_db
def test_a_draft_save_changes_nothing(indexed):
    page = evaluation("evaluation-0")
    before = counters()
    page.title = "A new title, not published"
    page.page_services = [PageService(service=Service.objects.get(slug="talking-therapies"))]
    page.save_revision()
    term = GlossaryTerm.objects.get(slug="imd")
    term.definition = "A draft definition."
    term.save_revision()

    index = fi.facet_index()
    assert counters() == before  # no generation bump, no log entry, no rebuild, no update
    assert index.signature == request_signature.current_signature()


@pytest.mark.django_db
def test_a_publish_updates_only_that_page_and_its_summary(indexed):
    page = evaluation("evaluation-0")
    builds = fi.stats["builds"]
    page.page_services = [PageService(service=Service.objects.get(slug="talking-therapies"))]
    page.completed = datetime.date(2025, 11, 1)
    page.save_revision().publish()

    index = assert_same_as_rebuild()
    assert fi.stats["builds"] == builds + 1  # the comparison's own rebuild only: the index itself was updated
    summary = PlainLanguageSummaryPage.objects.get(evaluation=page)
    in_talking = {index.docs[p] for p in fi.set_bits(index.values["service"][str(page.page_services.get().service_id)])}
    assert {("evaluation", page.pk), ("summary", summary.pk)} <= in_talking
    assert ("evaluation", page.pk) in {index.docs[p] for p in fi.set_bits(index.values["year"]["2025"])}


@pytest.mark.django_db
def test_unpublishing_an_evaluation_takes_its_tags_from_its_summary(indexed):
    page = evaluation("evaluation-1")
    page.unpublish()
    index = assert_same_as_rebuild()
    assert ("page", page.pk) not in index.positions
    summary = PlainLanguageSummaryPage.objects.get(evaluation=page)
    assert ("page", summary.pk) in index.positions  # still public, without year or tags
    position = index.positions[("page", summary.pk)]
    assert not any((bits >> position) & 1 for bits in index.values["year"].values())


@pytest.mark.django_db
def test_publishing_a_new_page_and_deleting_one(indexed):
    draft = evaluation("draft-evaluation")
    draft.save_revision().publish()
    index = assert_same_as_rebuild()
    assert ("page", draft.pk) in index.positions

    evaluation("evaluation-2").delete()
    assert_same_as_rebuild()


@pytest.mark.django_db
def test_glossary_publish_and_unpublish(indexed):
    term = GlossaryTermFactory(term="Health literacy", slug="health-literacy", live=False)
    term.save_revision().publish()
    index = assert_same_as_rebuild()
    assert ("glossary", term.pk) in index.positions
    GlossaryTerm.objects.get(slug="imd").unpublish()
    assert_same_as_rebuild()


@pytest.mark.django_db
def test_a_view_restriction_rebuilds(indexed):
    builds = fi.stats["builds"]
    section = evaluation("evaluation-3")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="x")
    index = assert_same_as_rebuild()
    assert fi.stats["builds"] == builds + 2  # the index's rebuild, then the comparison's
    assert ("page", section.pk) not in index.positions

    # Publishing inside the restricted section, or its summary, is applied incrementally and stays hidden.
    builds = fi.stats["builds"]
    section.save_revision().publish()
    for summary in PlainLanguageSummaryPage.objects.filter(evaluation=section):
        summary.save_revision().publish()
    index = assert_same_as_rebuild()
    assert fi.stats["builds"] == builds + 1  # the comparison's only
    assert ("page", section.pk) not in index.positions


@pytest.mark.django_db
def test_many_changes_in_a_row_stay_equal_to_a_rebuild(indexed):
    pages = list(EvaluationPage.objects.live().order_by("pk"))
    for i, page in enumerate(pages):
        if i % 3 == 0:
            page.unpublish()
        else:
            page.completed = datetime.date(2025, 12 - i, 1)
            page.save_revision().publish()
        assert_same_as_rebuild()
    for page in pages[::3]:
        Page.objects.get(pk=page.pk).specific.save_revision().publish()
    assert_same_as_rebuild()


def test_models_the_index_does_not_read_keep_fast_delete():
    # A receiver connected without `sender=` to post_delete turns Django's fast delete off for every model.
    assert Collector(using="default").can_fast_delete(Session.objects.all())
