"""The "Led to a change" facet (search/facets.py `changed`): evaluations with at least one approved 'What happened
next' answer saying something changed (outcomes.acted_on), on the database backend, the page, the API and the CSV;
it follows approval and rejection at once, and its count is what ticking it gives."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone
from wagtail.models import PageViewRestriction

from devdata.factories import EvaluationPageFactory, PlainLanguageSummaryPageFactory
from outcomes import moderation
from outcomes.models import Changed, FollowUp, Status
from search.backends import facet_index as fi
from search.params import parse
from search.service import run_search
from search.vocabulary import get_vocabulary
from tests.search.test_facet_index_freshness import assert_same_as_rebuild
from tests.search.test_search_endpoints import count_queries

pytestmark = pytest.mark.django_db


def search(query_string=""):
    return run_search(parse(QueryDict(query_string.lstrip("?")), vocabulary=get_vocabulary()))


def changed_value(result):
    (value,) = result.facets["changed"]
    return value


def answer(page, months=6, status=Status.APPROVED, changed=Changed.YES):
    now = timezone.now()
    return FollowUp.objects.create(
        evaluation=page,
        months=months,
        sent_at=now - datetime.timedelta(days=3),
        answered_at=now,
        changed=changed,
        status=status,
        what_changed="The clinic opened on Saturdays.",
    )


@pytest.fixture
def evaluations(taxonomy, django_capture_on_commit_callbacks):
    """Answers are saved as in a request: committed, so the search index follows them (on an engine too)."""
    with django_capture_on_commit_callbacks(execute=True):
        pages = {
            name: EvaluationPageFactory(title=f"Clinic {name}", services=[taxonomy["pharmacy"]])
            for name in ("acted", "twice", "no", "waiting", "rejected", "hidden")
        }
        PlainLanguageSummaryPageFactory(title="Clinic acted, in plain words", evaluation=pages["acted"])
        answer(pages["acted"])
        answer(pages["twice"], 6, changed=Changed.NOT_YET)
        answer(pages["twice"], 12)
        answer(pages["no"], changed=Changed.NO)
        answer(pages["waiting"], status=Status.ANSWERED)
        answer(pages["rejected"], status=Status.REJECTED)
        answer(pages["hidden"])
        PageViewRestriction.objects.create(page=pages["hidden"], restriction_type=PageViewRestriction.LOGIN)
    return pages


def test_only_evaluations_with_an_approved_yes_are_counted_and_found(client, evaluations):
    value = changed_value(search())
    assert (value.slug, value.label, value.count, value.selected) == ("yes", "Yes: something changed", 2, False)
    found = search(value.url)
    assert found.total == 2 and {item.title for item in found.items} == {"Clinic acted", "Clinic twice"}
    assert changed_value(found).selected and changed_value(found).count == 2

    api = client.get("/api/v1/search?changed=yes").json()
    assert sorted(r["title"] for r in api["results"]) == ["Clinic acted", "Clinic twice"]
    assert api["facets"]["changed"] == [
        {"slug": "yes", "label": "Yes: something changed", "count": 2, "selected": True, "group": ""}
    ]
    csv_text = b"".join(client.get("/search/export.csv?changed=yes").streaming_content).decode()
    assert "Clinic acted" in csv_text and "Clinic no" not in csv_text and "Clinic hidden" not in csv_text
    html = client.get("/search/").content.decode()
    assert "Led to a change" in html and "?changed=yes" in html


def test_counts_combine_with_the_other_facets(evaluations, taxonomy):
    assert changed_value(search("service=community-pharmacy")).count == 2
    assert changed_value(search("service=general-practice")).count == 0
    assert changed_value(search("type=summary")).count == 0  # evaluations only, not their summaries
    for start in ("", "changed=yes", "service=community-pharmacy&changed=yes", "type=evaluation"):
        result = search(start)
        for group, values in result.facets.items():
            for value in values:
                if value.url and not value.selected:
                    assert search(value.url).total == value.count, (start, group, value.slug)


def test_bad_values_get_a_notice_on_the_page_and_a_400_from_the_api(client, evaluations):
    page = client.get("/search/?changed=maybe")
    assert page.status_code == 200 and "There is no &#x27;led to a change&#x27; value called" in page.content.decode()
    response = client.get("/api/v1/search?changed=maybe")
    assert response.status_code == 400 and response.json()["parameter"] == "changed"


def test_approving_and_rejecting_moves_an_evaluation_in_and_out_at_once(
    evaluations, editor, django_capture_on_commit_callbacks
):
    fi.facet_index()
    waiting = FollowUp.objects.get(evaluation=evaluations["waiting"])
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(waiting, editor)
    assert changed_value(search()).count == 3
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(FollowUp.objects.get(evaluation=evaluations["acted"]), editor)
    assert {item.title for item in search("changed=yes").items} == {"Clinic twice", "Clinic waiting"}
    with django_capture_on_commit_callbacks(execute=True):
        FollowUp.objects.filter(evaluation=evaluations["twice"], months=12).delete()
    assert search("changed=yes").total == 1
    assert_same_as_rebuild()
    assert fi.stats["updates"]


def test_the_facet_costs_no_query_per_result(client, evaluations, taxonomy, django_capture_on_commit_callbacks):
    before = count_queries(client, "/search/?changed=yes")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            answer(EvaluationPageFactory(title=f"Extra {n}", services=[taxonomy["pharmacy"]]))
    assert count_queries(client, "/search/?changed=yes") == before
    assert search("changed=yes").total == 7
