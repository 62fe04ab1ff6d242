"""A small, fully known corpus for search tests: every expected count is computed from it in Python."""

import datetime
from dataclasses import dataclass, field

import pytest

from core.bulk_saves import indexed_once
from devdata.factories import (
    CaseStudyPageFactory,
    EquityDimensionFactory,
    EvaluationPageFactory,
    GlossaryTermFactory,
    PlaceFactory,
    PlainLanguageSummaryPageFactory,
    ServiceFactory,
)
from evidence.models import Framework, Method
from tests import module_data
from tests.module_data import pytest_runtest_setup, shared_module_data  # noqa: F401 -- data built once per module


@dataclass
class Doc:
    type: str
    title: str
    services: set
    equity: set
    places: set
    year: int | None
    method: str | None
    pk: int = 0


@dataclass
class Corpus:
    docs: list = field(default_factory=list)
    parents: dict = field(default_factory=dict)  # parent slug -> set of child slugs

    def matching(self, service=(), equity=(), place=(), year=(), method=(), type=()):
        wanted_services = set(service)
        for parent in service:
            wanted_services |= self.parents.get(parent, set())
        any_taxonomy = service or equity or place or year or method
        result = []
        for doc in self.docs:
            if type and doc.type not in type:
                continue
            if doc.type == "glossary-term" and any_taxonomy:
                continue
            if service and not (doc.services & wanted_services):
                continue
            if equity and not (doc.equity & set(equity)):
                continue
            if place and not (doc.places & set(place)):
                continue
            if year and doc.year not in year:
                continue
            if method and doc.method not in method:
                continue
            result.append(doc)
        return result


@pytest.fixture(autouse=True)
def engine_index(request):
    """With a search engine configured (SEARCH_URL), every test starts from empty engine indexes, and every
    document written is searchable at once. Without one this does nothing."""
    from tests.engine.support import engine_in_use, fresh_engine

    if engine_in_use():
        fresh_engine(request.getfixturevalue("monkeypatch"), request)


EQUITY_SLUGS = [f"dim-{i:02d}" for i in range(14)]  # more than 10 values in one facet
METHODS = [Method.PROCESS, Method.OUTCOME, Method.MIXED, Method.QUALITATIVE]


@module_data.fixture
def corpus():
    """Built once per test module for the tests that can share it (tests/module_data.py); what a test writes is
    rolled back to it. Transactional tests and engine runs build their own. Indexed once at the end, in bulk, as
    the demo loaders are (core/bulk_saves.py): an engine run builds it for every test."""
    with indexed_once():
        return build_corpus()


def build_corpus():
    corpus = Corpus()
    p1 = ServiceFactory(name="Primary care", slug="primary-care")
    p2 = ServiceFactory(name="Mental health", slug="mental-health")
    children = {
        "general-practice": ServiceFactory(name="General practice", slug="general-practice", parent=p1),
        "community-pharmacy": ServiceFactory(name="Community pharmacy", slug="community-pharmacy", parent=p1),
        "talking-therapies": ServiceFactory(name="Talking therapies", slug="talking-therapies", parent=p2),
    }
    corpus.parents = {
        "primary-care": {"general-practice", "community-pharmacy"},
        "mental-health": {"talking-therapies"},
    }
    frameworks = [Framework.PROGRESS_PLUS, Framework.CORE20PLUS5_ADULTS]
    equity = {
        slug: EquityDimensionFactory(name=f"Dimension {slug[-2:]}", slug=slug, framework=frameworks[i % 2])
        for i, slug in enumerate(EQUITY_SLUGS)
    }
    places = {slug: PlaceFactory(name=slug.title(), slug=slug) for slug in ("northshore", "eastbridge")}

    plans = [
        # services, equity, places, year, method, has summary
        (["general-practice"], ["dim-00", "dim-01"], ["northshore"], 2020, 0, True),
        (["community-pharmacy"], ["dim-01"], ["northshore"], 2021, 1, True),
        (["general-practice", "community-pharmacy"], ["dim-02", "dim-03"], ["eastbridge"], 2022, 2, True),
        (["talking-therapies"], ["dim-00", "dim-04"], ["eastbridge"], 2022, 3, False),
        (["talking-therapies", "general-practice"], ["dim-05", "dim-06", "dim-07"], [], 2023, 0, True),
        (["community-pharmacy"], ["dim-08", "dim-09", "dim-10", "dim-11"], ["northshore", "eastbridge"], 2024, 1, True),
        (["general-practice"], ["dim-12"], ["northshore"], 2024, 2, False),
        (["talking-therapies"], ["dim-01", "dim-12"], ["eastbridge"], 2019, 3, True),
    ]
    for i, (svc, eq, pl, year, method, has_summary) in enumerate(plans):
        title = f"Wellbeing evaluation {i} of {' and '.join(svc)}"
        evaluation = EvaluationPageFactory(
            title=title,
            slug=f"evaluation-{i}",
            summary=f"Wellbeing study number {i}.",
            period_start=datetime.date(year - 1, 1, 1),
            period_end=datetime.date(year - 1, 12, 31),
            completed=datetime.date(year, 6, 1),
            method=METHODS[method],
            services=[children[s] for s in svc],
            equity_dimensions=[equity[e] for e in eq],
            places=[places[p] for p in pl],
        )
        corpus.docs.append(Doc("evaluation", title, set(svc), set(eq), set(pl), year, METHODS[method], evaluation.pk))
        if has_summary:
            summary = PlainLanguageSummaryPageFactory(
                title=f"Wellbeing summary {i}", slug=f"summary-{i}", evaluation=evaluation, summary="Wellbeing words."
            )
            corpus.docs.append(
                Doc("summary", summary.title, set(svc), set(eq), set(pl), year, METHODS[method], summary.pk)
            )
    for i, (svc, eq, year) in enumerate(
        [(["community-pharmacy"], ["dim-01", "dim-13"], 2023), (["talking-therapies"], ["dim-04"], 2025)]
    ):
        story = CaseStudyPageFactory(
            title=f"Wellbeing case study {i}",
            slug=f"case-study-{i}",
            summary="Wellbeing changed.",
            date=datetime.date(year, 3, 1),
            services=[children[s] for s in svc],
            equity_dimensions=[equity[e] for e in eq],
        )
        corpus.docs.append(Doc("case-study", story.title, set(svc), set(eq), set(), year, None, story.pk))
    for term, slug, aliases in [("Index of Multiple Deprivation", "imd", "IMD"), ("Wellbeing", "wellbeing", "")]:
        GlossaryTermFactory(term=term, slug=slug, definition=f"What {term} means.", aliases=aliases)
        corpus.docs.append(Doc("glossary-term", term, set(), set(), set(), None, None))
    # Never found: a draft evaluation and a draft summary.
    EvaluationPageFactory(
        title="Wellbeing draft", slug="draft-evaluation", live=False, services=[children["general-practice"]]
    )
    return corpus
