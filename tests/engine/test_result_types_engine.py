"""Resources, events, evaluations in progress and the "Led to a change" facet on the engine: the same totals, order
and facet counts as the database (tests/search/test_result_types.py and test_led_to_change.py run them there),
evaluations in progress left out unless asked for, and still one request per search."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone
from modelsearch.index import insert_or_update_object
from wagtail.models import PageViewRestriction

from devdata.factories import EvaluationPageFactory
from devdata.resource_factories import EventPageFactory, ResourcePageFactory
from evidence.models import Service
from outcomes.models import Changed, FollowUp, Status
from search.backends import SearchWithFallback
from search.backends.database import DatabaseSearch
from search.params import TYPES, parse
from search.service import run_search
from search.vocabulary import get_vocabulary
from tests.register.factories import RegisteredProjectPageFactory

from .support import comparable_facets, count_engine_requests, requires_engine

pytestmark = [pytest.mark.engine, requires_engine, pytest.mark.django_db]

EVERY_TYPE = "&".join(f"type={t}" for t in TYPES)
QUERIES = [
    "",
    "q=wellbeing",
    "type=in-progress",
    "type=resource&type=event",
    EVERY_TYPE,
    "service=community-pharmacy",
    "service=community-pharmacy&type=in-progress",
    "q=wellbeing&type=evaluation&type=in-progress",
    "method=mixed",
    "changed=yes",
    "changed=yes&service=primary-care",
    "q=wellbeing&changed=yes&sort=newest",
]


@pytest.fixture
def around(corpus):
    pharmacy = Service.objects.get(slug="community-pharmacy")
    ResourcePageFactory(title="Wellbeing planning guide", method="mixed")
    EventPageFactory(title="Wellbeing workshop")
    for n in (1, 2):
        RegisteredProjectPageFactory(title=f"Wellbeing project {n}", services=[pharmacy])
    RegisteredProjectPageFactory(title="Wellbeing project draft", live=False, services=[pharmacy])
    hidden = RegisteredProjectPageFactory(title="Wellbeing project staff only", services=[pharmacy])
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    acted = EvaluationPageFactory(title="Wellbeing acted on", services=[pharmacy])
    now = timezone.now()
    for page, changed, status in (
        (acted, Changed.YES, Status.APPROVED),
        (corpus_page(corpus), Changed.NO, Status.APPROVED),
    ):
        FollowUp.objects.create(
            evaluation=page, months=6, sent_at=now - datetime.timedelta(days=3), answered_at=now, changed=changed,
            status=status,
        )  # fmt: skip
        insert_or_update_object(page.specific)  # as outcomes.moderation does after approval
    return corpus


def corpus_page(corpus):
    from evidence.models import EvaluationPage

    return EvaluationPage.objects.get(pk=next(doc.pk for doc in corpus.docs if doc.type == "evaluation"))


def both(query_string, offset=0, limit=20):
    vocabulary = get_vocabulary()
    params = parse(QueryDict(query_string), vocabulary=vocabulary)
    return SearchWithFallback(vocabulary).run(params, offset, limit), DatabaseSearch(vocabulary).run(
        params, offset, limit
    )


@pytest.mark.parametrize("query_string", QUERIES)
def test_the_engine_answers_as_the_database(around, query_string):
    for offset, limit in ((0, 20), (0, 5), (5, 5)):
        engine, database = both(query_string, offset, limit)
        assert engine.backend != "database" and not getattr(engine, "notices", [])
        assert engine.total == database.total, query_string
        if "q=" not in query_string or "sort=newest" in query_string:
            assert [(r.type, r.pk) for r in engine.refs] == [(r.type, r.pk) for r in database.refs], query_string
        assert comparable_facets(engine) == comparable_facets(database), query_string


def test_in_progress_is_left_out_by_default_and_one_link_includes_it(around):
    vocabulary = get_vocabulary()
    result = run_search(parse(QueryDict("q=wellbeing"), vocabulary=vocabulary))
    assert result.backend != "database"
    assert "in-progress" not in {item.type for item in result.items}
    (also,) = result.also_matching
    assert also.count == 2
    included = run_search(parse(QueryDict(also.url[1:]), vocabulary=vocabulary))
    assert included.total == result.total + 2
    assert {item.title for item in included.items} >= {"Wellbeing project 1", "Wellbeing project 2"}


def test_led_to_change_counts_the_approved_yes_only(around):
    engine, _database = both("changed=yes")
    assert engine.total == 1
    assert [r.type for r in engine.refs] == ["evaluation"]


def test_still_one_engine_request_per_search(around):
    vocabulary = get_vocabulary()
    for query_string in QUERIES:
        params = parse(QueryDict(query_string), vocabulary=vocabulary)
        with count_engine_requests() as calls:
            SearchWithFallback(vocabulary).run(params, 0, 20)
        assert len(calls) == 1, (query_string, calls)


def test_closed_and_handed_over_projects_leave_in_progress_at_once(around, django_capture_on_commit_callbacks):
    """Closing (a queryset update) and publishing or unpublishing the linked evaluation: the engine's answers follow
    at once and stay the database's (search/in_progress.py), and the project is re-indexed after commit."""
    from register import answers
    from register.models import RegisteredProjectPage

    first, second = (RegisteredProjectPage.objects.get(title=f"Wellbeing project {n}") for n in (1, 2))
    with django_capture_on_commit_callbacks(execute=True):
        answers.close(first)
    engine, database = both("type=in-progress")
    assert engine.total == database.total == 1 and [r.pk for r in engine.refs] == [second.pk]

    evaluation = corpus_page(around)
    second.published_evaluation = evaluation
    with django_capture_on_commit_callbacks(execute=True):
        second.save_revision().publish()
    for query_string in ("type=in-progress", "q=wellbeing", EVERY_TYPE):
        engine, database = both(query_string)
        assert engine.total == database.total and comparable_facets(engine) == comparable_facets(database)
    assert both("type=in-progress")[0].total == 0
    assert not run_search(parse(QueryDict("q=wellbeing"), vocabulary=get_vocabulary())).also_matching

    with django_capture_on_commit_callbacks(execute=True):
        evaluation.unpublish()
    engine, database = both("type=in-progress")
    assert engine.total == database.total == 1 and [r.pk for r in engine.refs] == [second.pk]
