"""Shared fixtures. The test database is built by the real migrations, so the site structure, groups and
workflows exist exactly as in production."""

import pytest
from django.contrib.auth.models import Group

from devdata.factories import (
    CaseStudyPageFactory,
    EquityDimensionFactory,
    EvaluationPageFactory,
    GlossaryTermFactory,
    PlaceFactory,
    PlainLanguageSummaryPageFactory,
    ServiceFactory,
)
from evidence import roles
from evidence.models import Framework, TeamRole

SEARCH_QUALITY = {}  # backend -> figures, from tests/search/test_search_quality.py's report


def pytest_runtest_logreport(report):
    """Collects the search-quality figures from the test's report (under pytest-xdist it ran in a worker). Here, in
    the suite's root conftest, because a pytest-xdist controller loads no other conftest when given no path."""
    for name, value in report.user_properties:
        if name == "search_quality" and report.when == "call":
            backend, figures = value
            SEARCH_QUALITY[backend] = figures


def pytest_terminal_summary(terminalreporter):
    """The search-quality figures of this run, per backend."""
    for backend, kinds in SEARCH_QUALITY.items():
        terminalreporter.section(f"search quality: {backend}")
        for kind, figures in kinds.items():
            line = "  ".join(f"{metric} {value:.2f}" for metric, value in figures.items())
            terminalreporter.write_line(f"{kind:>6}  {line}")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """pytest-django's migrated test database; on SQLite also a copy of it for tests that give another process a
    migrated database file (tests/servers.py), taken before any test can change it."""
    from tests.servers import snapshot_the_migrated_database

    with django_db_blocker.unblock():
        snapshot_the_migrated_database(tmp_path_factory.mktemp("migrated"))


@pytest.fixture(autouse=True)
def forget_sites():
    """Each test starts without remembered Sites: a Site from a rolled-back test (rolling back sends no signal)
    must not answer the next one, from this project's memo or from Wagtail's cached site root paths."""
    from wagtail.models import Site

    from home.site_lookup import forget_sites

    forget_sites()
    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def forget_facet_index():
    """Each test starts without this process's facet index: a rolled-back database can show the signature an
    earlier test's index was built at (ids are given again) with other content."""
    from search.backends.facet_index import forget

    forget()


@pytest.fixture(autouse=True)
def forget_generation_memos():
    """Each test starts without this process's per-generation memos (portal settings, routing rows, an
    evaluation's rendered parts, glossary terms, search vocabulary and spelling list). A flushed test database has
    no generation row, so every live-server test starts at generation "0@0": a memo from an earlier test would
    answer for different content."""
    from core import reader_memo
    from evidence import glossary_terms
    from portal import page_cache, page_cache_parts
    from search import spelling, vocabulary

    reader_memo._memos.clear()
    page_cache._site_settings.clear()
    page_cache_parts.rendered_parts.clear()
    glossary_terms._terms_by_generation.clear()
    vocabulary._memo.clear()
    spelling.forget()


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: Wagtail caches image renditions by image id, and a rolled-back test's
    image id is given again to the next test's image, whose files are elsewhere (a 404 for the rendition)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def make_user(django_user_model):
    def make(username, group=None, **extra):
        user = django_user_model.objects.create_user(
            username=username, password="pw", first_name=username.title(), last_name="Tester", **extra
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def editor(make_user):
    return make_user("editor", roles.EDITORS)


@pytest.fixture
def adviser(make_user):
    return make_user("adviser", roles.PUBLIC_ADVISERS)


@pytest.fixture
def other_adviser(make_user):
    return make_user("otheradviser", roles.PUBLIC_ADVISERS)


@pytest.fixture
def moderator(make_user):
    return make_user("moderator", roles.MODERATORS)


@pytest.fixture
def taxonomy(db):
    parent = ServiceFactory(name="Primary care", slug="primary-care")
    return {
        "parent": parent,
        "pharmacy": ServiceFactory(name="Community pharmacy", slug="community-pharmacy", parent=parent),
        "gp": ServiceFactory(name="General practice", slug="general-practice", parent=parent),
        "core20": EquityDimensionFactory(name="Core20", slug="core20", framework=Framework.CORE20PLUS5_ADULTS),
        "age": EquityDimensionFactory(name="Age", slug="age", framework=Framework.EQUALITY_ACT),
        "place": PlaceFactory(name="Northshore", slug="northshore"),
    }


@pytest.fixture
def evaluation(taxonomy):
    return EvaluationPageFactory(
        title="Blood pressure checks in pharmacies",
        slug="bp-checks",
        services=[taxonomy["pharmacy"]],
        equity_dimensions=[taxonomy["core20"], taxonomy["age"]],
        places=[taxonomy["place"]],
    )


@pytest.fixture
def summary(evaluation, adviser):
    return PlainLanguageSummaryPageFactory(
        title="Blood pressure checks: what we found",
        slug="bp-checks",
        evaluation=evaluation,
        co_authors=[("Adviser Tester", TeamRole.PUBLIC_ADVISER, adviser), ("Dr Res", TeamRole.RESEARCHER, None)],
    )


@pytest.fixture
def case_study(evaluation, taxonomy):
    return CaseStudyPageFactory(
        title="Evening checks at the seafront",
        slug="evening-checks",
        evaluations=[evaluation],
        services=[taxonomy["pharmacy"]],
        equity_dimensions=[taxonomy["core20"]],
    )


@pytest.fixture
def glossary_term(db):
    return GlossaryTermFactory(
        term="Core20PLUS5",
        slug="core20plus5",
        definition="An NHS England plan to close gaps in health care.",
        aliases="Core 20 PLUS 5",
    )
