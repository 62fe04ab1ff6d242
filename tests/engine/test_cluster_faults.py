"""A node of a 3-node cluster dies in the middle of a stream of searches: no search fails, none is wrong.

Needs a cluster started by `tools/opensearch/start.sh --nodes 3 --data DIR` with SEARCH_REPLICAS=1, and
SEARCH_CLUSTER_DATA=DIR. Kills node 2 with `stop.sh --kill`, then starts it again.
"""

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.http import QueryDict

from search.backends import SearchWithFallback
from search.backends.database import DatabaseSearch
from search.backends.engine import engine_backend
from search.params import parse
from search.vocabulary import get_vocabulary

from .support import comparable_facets

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = os.environ.get("SEARCH_CLUSTER_DATA", "")
NODE = 2
BEFORE_KILL = 20  # searches answered before the kill
AFTER_KILL = 150  # and at least this many after it
MAX_SEARCHES = 5000

pytestmark = [
    pytest.mark.engine_cluster,
    pytest.mark.skipif(
        not (CLUSTER and os.environ.get("SEARCH_URL")),
        reason="needs a 3-node cluster: SEARCH_URL and SEARCH_CLUSTER_DATA (tools/opensearch/start.sh --nodes 3)",
    ),
]
QUERIES = [
    "",
    "q=wellbeing",
    "equity=dim-01&equity=dim-12",
    "service=primary-care&place=northshore",
    "q=imd&sort=newest",
]


def key(answer, params):
    refs = [(r.type, r.pk) for r in answer.refs]
    if params.sort == "relevance":
        refs.sort()  # scores differ between the database and the engine (and between shard copies)
    return answer.total, refs, comparable_facets(answer)


def wait_for(status, timeout=90):
    es = engine_backend().es
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            health = es.cluster.health(wait_for_status=status, timeout="5s", request_timeout=10)
            if not health.get("timed_out"):
                return health
        except Exception:  # noqa: S110 -- a node may be restarting
            pass
        time.sleep(1)
    raise AssertionError(f"cluster not {status} after {timeout} s")


def run_tool(name, *args, check=True):
    return subprocess.run(
        [f"tools/opensearch/{name}", *args], cwd=ROOT, check=check, capture_output=True, text=True, timeout=180
    )


def restart_node():
    """Start the killed node again (its pid file and port may take a moment to clear)."""
    for _ in range(10):
        result = run_tool("start.sh", "--node", str(NODE), "--data", CLUSTER, check=False)
        if result.returncode == 0 or "already running" in result.stderr:
            return result
        time.sleep(2)
    return result


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # searches run in another thread
def test_killing_a_node_fails_no_search(corpus):
    backend = engine_backend()
    assert len(backend.hosts) == 3, "SEARCH_URL must list the three nodes"
    replicas = backend.settings["settings"]["index"].get("number_of_replicas")
    assert replicas and int(replicas) >= 1, "start the cluster tests with SEARCH_REPLICAS=1"
    wait_for("green")

    vocabulary = get_vocabulary()
    params = [parse(QueryDict(q), vocabulary=vocabulary) for q in QUERIES]
    expected = [key(DatabaseSearch(vocabulary).run(p, 0, 20), p) for p in params]
    results, failures = [], []
    done = threading.Event()

    def stream():
        # Searches run until told to stop, so the kill always lands mid-stream however slow the machine is.
        try:
            i = 0
            while not done.is_set() and i < MAX_SEARCHES:
                p, wanted = params[i % len(params)], expected[i % len(params)]
                try:
                    answer = SearchWithFallback(vocabulary).run(p, 0, 20)
                except Exception as error:
                    failures.append((i, repr(error)))
                else:
                    results.append((i, key(answer, p) == wanted, answer.backend))
                i += 1
                time.sleep(0.01)
        finally:
            connection.close()

    def wait_until(condition, timeout):
        deadline = time.monotonic() + timeout
        while not condition() and time.monotonic() < deadline and worker.is_alive():
            time.sleep(0.05)
        return condition()

    worker = threading.Thread(target=stream)
    worker.start()
    try:
        assert wait_until(lambda: len(results) + len(failures) >= BEFORE_KILL, 120), "searches did not start"
        run_tool("stop.sh", "--data", CLUSTER, "--node", str(NODE), "--kill")
        killed_at = len(results) + len(failures)
        # Keep searching after the kill: long enough for the client to meet the dead node and for the
        # cluster to notice it and promote the replicas.
        kill_time = time.monotonic()
        wait_until(
            lambda: len(results) + len(failures) >= killed_at + AFTER_KILL and time.monotonic() - kill_time >= 15,
            300,
        )
        searched_after = len(results) + len(failures) - killed_at
    finally:
        done.set()
        worker.join(timeout=120)
        restarted = restart_node()
    assert not worker.is_alive()
    assert not failures, failures[:5]
    assert killed_at >= BEFORE_KILL, killed_at
    assert searched_after >= AFTER_KILL, f"only {searched_after} searches after the kill"
    wrong = [i for i, right, _ in results if not right]
    assert not wrong, wrong[:10]
    by_engine = sum(1 for _, _, answered_by in results if answered_by != "database")
    assert by_engine == len(results), f"{len(results) - by_engine} searches fell back to the database"
    assert restarted.returncode == 0, restarted.stderr
    wait_for("green")
