"""Resources, events and evaluations in progress in portal search (page, API and CSV), on the database backend:
their own types and labels, live and public only, the projects' taxonomy facets, and evaluations in progress left
out by default with one click to include them, every count being what its link gives."""

import csv
import io
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from devdata.resource_factories import EventPageFactory, ResourcePageFactory
from search.backends import facet_index as fi
from search.params import TYPES, parse
from search.service import run_search
from search.vocabulary import get_vocabulary
from tests.register.factories import SECRET_EMAIL, RegisteredProjectPageFactory
from tests.search.test_facet_index_freshness import assert_same_as_rebuild
from tests.search.test_search_endpoints import count_queries

pytestmark = pytest.mark.django_db
WORD = "lantern"  # in every document of this module, so one query finds them all


def search(query_string=""):
    return run_search(parse(QueryDict(query_string.lstrip("?")), vocabulary=get_vocabulary()))


def titles(result):
    return {item.title for item in result.items}


def csv_rows(client, query):
    response = client.get(f"/search/export.csv?{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def documents(evaluation, taxonomy):
    """One of each type, all with WORD, and hidden ones that must never be found."""
    evaluation.title = f"Pharmacy {WORD} evaluation"
    evaluation.save_revision().publish()
    resource = ResourcePageFactory(title=f"Planning {WORD} guide", summary="How to plan.", method="mixed")
    event = EventPageFactory(title=f"{WORD.title()} workshop", summary="A morning together.")
    projects = [
        RegisteredProjectPageFactory(
            title=f"Project {WORD} {n}",
            summary="We are finding out who the service misses.",
            services=[taxonomy["pharmacy"]],
            equity_dimensions=[taxonomy["age"]],
            places=[taxonomy["place"]],
        )
        for n in (1, 2)
    ]
    draft = RegisteredProjectPageFactory(title=f"Project {WORD} draftonly", live=False, services=[taxonomy["gp"]])
    draft.save_revision()
    hidden = RegisteredProjectPageFactory(title=f"Project {WORD} staffonly", services=[taxonomy["pharmacy"]])
    private = ResourcePageFactory(title=f"Staff {WORD} guide")
    for page in (hidden, private):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return {"evaluation": evaluation, "resource": resource, "event": event, "projects": projects}


def test_each_type_is_found_with_its_label_on_the_page_the_api_and_the_csv(client, documents):
    query = f"q={WORD}&type=resource&type=event&type=in-progress"
    page = client.get(f"/search/?{query}").context["result"]
    labels = {item.title: item.type_label for item in page.items}
    assert labels == {
        f"Planning {WORD} guide": "Resource",
        f"{WORD.title()} workshop": "Event",
        f"Project {WORD} 1": "Evaluation in progress",
        f"Project {WORD} 2": "Evaluation in progress",
    }
    api = client.get(f"/api/v1/search?{query}").json()
    assert {r["title"]: r["type"] for r in api["results"]} == {
        f"Planning {WORD} guide": "resource",
        f"{WORD.title()} workshop": "event",
        f"Project {WORD} 1": "in-progress",
        f"Project {WORD} 2": "in-progress",
    }
    project = next(r for r in api["results"] if r["type"] == "in-progress")
    assert project["services"] == ["community-pharmacy"] and project["equity_dimensions"] == ["age"]
    assert project["url"] in {f"http://testserver{page.url}" for page in documents["projects"]}
    rows = csv_rows(client, query)
    assert {row["Title"]: row["Type"] for row in rows} == labels
    assert {row["Places"] for row in rows if row["Type"] == "Evaluation in progress"} == {"Northshore"}
    facets = {v["slug"]: v["label"] for v in api["facets"]["type"]}
    assert list(facets) == list(TYPES) and facets["in-progress"] == "Evaluation in progress"


def test_evaluations_in_progress_are_left_out_until_asked_for_in_one_click(client, documents):
    result = search(f"q={WORD}")
    assert titles(result) == {f"Pharmacy {WORD} evaluation", f"Planning {WORD} guide", f"{WORD.title()} workshop"}
    in_progress = next(v for v in result.facets["type"] if v.slug == "in-progress")
    assert (in_progress.count, in_progress.selected) == (2, False)
    assert search(in_progress.url).total == 2  # the facet's count is what ticking it gives

    (also,) = result.also_matching
    assert (also.type, also.count, also.noun) == ("in-progress", 2, "evaluations in progress")
    assert dict(parse_qsl(also.url[1:])).get("q") == WORD
    assert [v for k, v in parse_qsl(also.url[1:]) if k == "type"] == list(TYPES)
    included = search(also.url)
    assert included.total == result.total + 2 and not included.also_matching
    assert titles(included) == titles(result) | {f"Project {WORD} 1", f"Project {WORD} 2"}

    html = client.get(f"/search/?q={WORD}").content.decode()
    assert "2 evaluations in progress also match: " in html
    assert f'href="{also.url.replace("&", "&amp;")}"' in html
    html = client.get(also.url.join(("/search/", ""))).content.decode()
    assert "also match" not in html and f"Project {WORD} 1" in html


def test_a_chosen_type_keeps_in_progress_out_and_the_link_adds_it(client, documents):
    result = search(f"q={WORD}&type=evaluation")
    assert result.total == 1
    in_progress = next(v for v in result.facets["type"] if v.slug == "in-progress")
    assert in_progress.count == 3 == search(in_progress.url).total  # ticking it widens: 1 + 2
    (also,) = result.also_matching
    assert also.count == 2
    assert [v for k, v in parse_qsl(also.url[1:]) if k == "type"] == ["evaluation", "in-progress"]
    assert search(also.url).total == 3
    one = search(f"q={WORD}&type=in-progress&service=community-pharmacy")
    assert one.total == 2 and one.also_matching == []
    single = client.get(f"/search/?q={WORD}%201").content.decode()
    assert "1 evaluation in progress also matches: " in single and "show it<" in single


def test_every_count_is_what_clicking_gives_with_the_new_types(documents):
    for start in (f"q={WORD}", "", "service=community-pharmacy", "type=in-progress", "place=northshore&type=event"):
        result = search(start)
        for group, facet_values in result.facets.items():
            for value in facet_values:
                if value.url and not value.selected:
                    assert search(value.url).total == value.count, (start, group, value.slug)
        for also in result.also_matching:
            assert search(also.url).total == result.total + also.count, start


def test_taxonomy_facets_count_projects_only_once_they_are_asked_for(documents):
    default = {v.slug: v.count for v in search("").facets["service"]}
    asked = {v.slug: v.count for v in search("type=in-progress").facets["service"]}
    assert default["community-pharmacy"] == 1  # the evaluation; the projects are left out
    assert asked["community-pharmacy"] == 2 and asked.get("general-practice", 0) == 0  # not the draft
    methods = {v.slug: v.count for v in search("type=resource").facets["method"]}
    assert methods["mixed"] == 1  # methods advice counts by its method


def test_drafts_and_restricted_pages_are_never_found(client, documents):
    hidden = ("draftonly", "staffonly", f"Staff {WORD} guide")
    for query in (f"q={WORD}", f"q={WORD}&type=in-progress", f"q={WORD}&type=resource", "type=in-progress"):
        texts = [
            client.get(f"/search/?{query}").content.decode(),
            client.get(f"/api/v1/search?{query}").content.decode(),
            b"".join(client.get(f"/search/export.csv?{query}").streaming_content).decode(),
        ]
        for text in texts:
            assert not [word for word in hidden if word in text], query
            assert SECRET_EMAIL not in text
    assert search("type=in-progress").total == 2
    assert search("type=resource").total == 1


def test_the_api_and_csv_leave_in_progress_out_by_default_and_say_so(client, documents):
    api = client.get(f"/api/v1/search?q={WORD}").json()
    assert api["count"] == 3 and {r["type"] for r in api["results"]} == {"evaluation", "resource", "event"}
    (also,) = api["also_matching"]
    assert also["type"] == "in-progress" and also["count"] == 2
    parts = urlsplit(also["url"])
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "testserver", "/search/")
    assert client.get(f"/api/v1/search?{parts.query}").json()["count"] == 5
    assert client.get(f"/api/v1/search?q={WORD}&type=in-progress").json()["also_matching"] == []
    assert {row["Type"] for row in csv_rows(client, f"q={WORD}")} == {"Evaluation", "Resource", "Event"}
    assert len(csv_rows(client, parts.query)) == 5
    schema = client.get("/api/v1/openapi.json").json()
    described = str(schema["paths"]["/api/v1/search"]["get"]["parameters"])
    assert "in-progress" in described and "Without it, every type but in-progress" in described


def test_publishing_unpublishing_and_a_rebuild_agree(documents, taxonomy):
    fi.facet_index()
    project = documents["projects"][0]
    project.unpublish()
    assert search("type=in-progress").total == 1
    assert_same_as_rebuild()
    project.save_revision().publish()
    RegisteredProjectPageFactory(title="Project three", services=[taxonomy["gp"]]).save_revision().publish()
    documents["event"].unpublish()
    index = assert_same_as_rebuild()
    assert fi.stats["updates"] and search("type=in-progress").total == 3
    assert search("type=in-progress&service=general-practice").total == 1
    assert search("type=event").total == 0
    assert index is fi.facet_index()


def test_queries_stay_the_same_whatever_types_the_results_hold(client, documents):
    one = count_queries(client, "/search/?type=evaluation")
    every = count_queries(client, "/search/?" + "&".join(f"type={t}" for t in TYPES))
    default = count_queries(client, f"/search/?q={WORD}")
    assert one == every == default
    for n in range(6):
        RegisteredProjectPageFactory(title=f"Extra {WORD} {n}")
        ResourcePageFactory(title=f"Extra {WORD} guide {n}")
    assert count_queries(client, "/search/?" + "&".join(f"type={t}" for t in TYPES)) == every
