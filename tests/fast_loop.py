"""The tests of `make check-fast`, for the edit-test loop: a pytest plugin, `python -m pytest -p tests.fast_loop`
(python -m puts the checkout on sys.path, which -p needs).

Left out, and run by `make test` only: browser tests and the search-engine tests (by their markers), tests marked
`slow` (they start servers or other processes: gunicorn, manage.py, a fresh interpreter, or took over 1 s each
when measured under load), transactional tests (each one empties the database and loads it again) and tests on the
large shared data sets (the search `corpus`). PostgreSQL-only tests skip themselves on SQLite.
"""

import pytest

LEFT_OUT_MARKERS = ("browser", "engine", "engine_cluster", "slow")
LARGE_DATA_FIXTURES = {"corpus", "live_server", "transactional_db"}


def left_out(item):
    if any(item.get_closest_marker(name) for name in LEFT_OUT_MARKERS):
        return True
    database = item.get_closest_marker("django_db")
    if database and (database.kwargs.get("transaction") or (database.args and database.args[0])):
        return True
    return bool(LARGE_DATA_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    kept = [item for item in items if not left_out(item)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if left_out(item)])
        items[:] = kept
