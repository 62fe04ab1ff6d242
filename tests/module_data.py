"""Test data built once per test module instead of once per test, as Django's `setUpTestData` does for a class.

A fixture made with `@module_data.fixture` is built the first time a test of a module asks for it, inside a
transaction that stays open around that module's tests; each test runs in its own savepoint (pytest-django's `db`),
so what a test writes is rolled back to the shared data, and each test gets its own deep copy of the value. The
transaction is rolled back before the first test of the module that does not ask for the data, and at the end of
the module, so every other test sees the migrated database it expects.

Built per test as before, through the same fixture: transactional tests (they empty the database) and, while a
search engine is configured, every test not marked `engine_reads_shared_data` (each test starts from empty engine
indexes, which a rollback cannot restore). A test so marked only reads: it shares the data and its engine documents
with the module's other marked tests next to it; the engine is emptied before the data is built.

Wiring, in the conftest.py of each directory that uses such fixtures:
`from tests.module_data import pytest_runtest_setup, shared_module_data  # noqa: F401`
"""

import contextlib
import copy

import pytest
from django.db import transaction

BUILDERS = {}  # fixture name -> function that builds the data (names are unique across the suite)


class Held:
    """The one transaction holding shared data, for one module at a time."""

    module = None  # the module whose tests may use it (set while its `shared_module_data` fixture is active)
    blocker = None
    name = None  # the fixture whose data it holds now, or None
    value = None
    atomic = None
    next_name = None  # the shared fixture the test about to be set up asks for

    @classmethod
    def open(cls, name):
        forget_process_state()
        with cls.blocker.unblock():
            atomic = transaction.atomic()
            atomic._from_testcase = True  # as Django's TestCase: durable atomic blocks may run inside it
            atomic.__enter__()
            try:
                with engine_documents_for_shared_data():
                    value = BUILDERS[name]()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        cls.name, cls.value, cls.atomic = name, value, atomic

    @classmethod
    def close(cls):
        if cls.atomic is None:
            return
        with cls.blocker.unblock():
            transaction.set_rollback(True)
            cls.atomic.__exit__(None, None, None)
        cls.name = cls.value = cls.atomic = None
        forget_process_state()


def forget_process_state():
    """This process's memos and caches, as tests/conftest.py's autouse fixtures forget them before each test: data
    built or rolled back outside a test must not be answered from memos of other data."""
    from django.core.cache import caches
    from wagtail.models import Site

    from core import reader_memo
    from evidence import glossary_terms
    from home.site_lookup import forget_sites
    from portal import page_cache, page_cache_parts
    from search import spelling, vocabulary
    from search.backends.facet_index import forget

    forget_sites()
    Site.clear_site_root_paths_cache()
    forget()
    reader_memo._memos.clear()
    page_cache._site_settings.clear()
    page_cache_parts.rendered_parts.clear()
    glossary_terms._terms_by_generation.clear()
    vocabulary._memo.clear()
    spelling.forget()
    for cache in caches.all(initialized_only=True):
        cache.clear()


@contextlib.contextmanager
def engine_documents_for_shared_data():
    """With a search engine: empty indexes before the shared data is built, and its documents searchable after."""
    from search.backends.engine import engine_configured

    if not engine_configured():
        yield
        return
    from tests.engine.support import empty_engine, refresh_all

    empty_engine()
    yield
    refresh_all()


def reads_held_data(item):
    """True when this test reads the data its module holds now (so its engine documents must be kept)."""
    return Held.atomic is not None and shared_name(item) == Held.name


def transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences") or marker.args[:1]):
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames))


def shared_name(item):
    """The shared fixture this test reads from its module's transaction, or None (built per test, or none)."""
    names = [name for name in getattr(item, "fixturenames", ()) if name in BUILDERS]
    if not names or transactional(item):
        return None
    from search.backends.engine import engine_configured

    if engine_configured() and not item.get_closest_marker("engine_reads_shared_data"):
        return None
    assert len(names) == 1, f"{item.nodeid} asks for two module-shared fixtures: {names}"
    return names[0]


def fixture(build):
    """A function-scoped fixture whose data is built once per module for the tests that can share it."""
    name = build.__name__
    assert BUILDERS.get(name, build) is build, f"two module-shared fixtures are named {name}"
    BUILDERS[name] = build

    @pytest.fixture(name=name)
    def shared(request):
        request.getfixturevalue("db")  # this test's own savepoint (or transaction), inside the shared one
        if Held.atomic is not None and Held.name == name and shared_name(request.node) == name:
            return copy.deepcopy(Held.value)
        return build()

    shared.__doc__ = build.__doc__
    return shared


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test's fixtures: drop data it does not read, or build what it reads once its module is set up."""
    name = shared_name(item)
    Held.next_name = name
    module = getattr(item, "module", None)
    if Held.atomic is not None and (Held.name != name or Held.module is not module):
        Held.close()
    if name and Held.atomic is None and Held.module is module:
        Held.open(name)


@pytest.fixture(scope="module", autouse=True)
def shared_module_data(request):
    """Holds the module's shared data between its tests (set up before any test's own transaction)."""
    if not any(shared_name(item) for item in request.session.items if getattr(item, "module", None) is request.module):
        yield
        return
    request.getfixturevalue("django_db_setup")
    Held.module, Held.blocker = request.module, request.getfixturevalue("django_db_blocker")
    if Held.next_name:  # the first test of the module: the hook ran before this fixture existed
        Held.open(Held.next_name)
    try:
        yield
    finally:
        Held.close()
        Held.module = Held.blocker = None
