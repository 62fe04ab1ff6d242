"""Search's "in progress" type holds exactly the projects under way (register/ongoing.py `under_way_q`): a project its
contact or an editor closed, or one whose evaluation is published (handed over), leaves the type's count, its
results and "N evaluations in progress also match" at once, in every process (the facet index equals a rebuild);
it comes back when its evaluation is unpublished. Database backend; tests/engine/test_result_types_engine.py has
the engine's side."""

import pytest
from django.http import QueryDict

from register import answers
from register.editor_actions import action_url
from register.models import RegisteredProjectPage
from register.ongoing import counted_projects
from search.backends import facet_index as fi
from search.models import SearchGeneration
from search.params import parse
from search.service import run_search
from search.vocabulary import get_vocabulary
from tests.register.factories import RegisteredProjectPageFactory
from tests.search.test_facet_index_freshness import assert_same_as_rebuild
from tests.search.test_search_endpoints import count_queries

pytestmark = pytest.mark.django_db
WORD = "beacon"


def search(query_string=""):
    return run_search(parse(QueryDict(query_string), vocabulary=get_vocabulary()))


def in_progress_titles():
    return {item.title for item in search("type=in-progress").items}


def also_count(query_string=f"q={WORD}"):
    return sum(also.count for also in search(query_string).also_matching if also.type == "in-progress")


@pytest.fixture
def projects(evaluation, taxonomy):
    evaluation.title = f"Pharmacy {WORD} evaluation"
    evaluation.save_revision().publish()
    made = {
        name: RegisteredProjectPageFactory(title=f"Project {WORD} {name}", services=[taxonomy["pharmacy"]])
        for name in ("open", "closing", "handing")
    }
    fi.facet_index()  # built before the changes below: they must reach it as updates
    return made


def reindexed_after_commit(django_capture_on_commit_callbacks, change):
    """Runs `change`; True when the project was re-indexed once the transaction committed (reindex_pages logs a
    text change, which only a re-index does)."""
    before = SearchGeneration.objects.filter(value=0).count()
    with django_capture_on_commit_callbacks(execute=True):
        change()
    return SearchGeneration.objects.filter(value=0).count() > before


def test_a_closed_project_leaves_the_type_at_once(projects, django_capture_on_commit_callbacks):
    assert search("type=in-progress").total == 3 and also_count() == 3
    project = RegisteredProjectPage.objects.get(pk=projects["closing"].pk)
    assert reindexed_after_commit(django_capture_on_commit_callbacks, lambda: answers.close(project))

    assert in_progress_titles() == {f"Project {WORD} open", f"Project {WORD} handing"}
    assert search("type=in-progress").total == 2 and also_count() == 2
    facet = next(v for v in search(f"q={WORD}").facets["type"] if v.slug == "in-progress")
    assert facet.count == 2
    assert in_progress_titles() == set(counted_projects().values_list("title", flat=True))  # the gap map's
    assert fi.stats["updates"]
    assert_same_as_rebuild()


def test_an_editor_closing_it_in_the_admin_takes_it_out_too(client, editor, projects):
    client.force_login(editor)
    project = projects["closing"]
    response = client.post(action_url(project.pk, "close"))
    assert response.status_code == 302
    assert f"Project {WORD} closing" not in in_progress_titles()
    assert also_count() == 2
    assert_same_as_rebuild()


def test_a_handed_over_project_leaves_and_comes_back_when_its_evaluation_is_unpublished(
    projects, evaluation, django_capture_on_commit_callbacks
):
    project = projects["handing"]
    evaluation.unpublish()
    project.published_evaluation = evaluation  # linked while the evaluation is a draft: still under way
    project.save_revision().publish()
    assert f"Project {WORD} handing" in in_progress_titles()
    assert_same_as_rebuild()

    evaluation.refresh_from_db()
    publish = lambda: evaluation.save_revision().publish()  # noqa: E731
    assert reindexed_after_commit(django_capture_on_commit_callbacks, publish)
    assert in_progress_titles() == {f"Project {WORD} open", f"Project {WORD} closing"}
    assert also_count() == 2 and search("type=evaluation").total == 1  # its evaluation is found as an evaluation
    assert_same_as_rebuild()

    evaluation.refresh_from_db()
    assert reindexed_after_commit(django_capture_on_commit_callbacks, evaluation.unpublish)
    assert f"Project {WORD} handing" in in_progress_titles() and also_count() == 3
    assert_same_as_rebuild()


def test_deleting_a_handed_over_projects_evaluation_brings_it_back(projects, evaluation):
    project = projects["handing"]
    project.published_evaluation = evaluation
    project.save_revision().publish()
    assert f"Project {WORD} handing" not in in_progress_titles()
    evaluation.delete()  # the link is emptied (SET_NULL) without a signal
    assert f"Project {WORD} handing" in in_progress_titles()
    assert_same_as_rebuild()


def test_closed_and_handed_over_projects_cost_no_query_per_search(client, projects, evaluation):
    url = "/search/?type=in-progress&type=evaluation"
    before = count_queries(client, url)
    answers.close(RegisteredProjectPage.objects.get(pk=projects["closing"].pk))
    handing = projects["handing"]
    handing.published_evaluation = evaluation
    handing.save_revision().publish()
    for n in range(4):
        extra = RegisteredProjectPageFactory(title=f"Extra {WORD} {n}")
        answers.close(extra)
    assert count_queries(client, url) == before
    assert search("type=in-progress").total == 1
