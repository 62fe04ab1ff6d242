"""gunicorn on 127.0.0.1 with production settings, and the timed requests sent to it."""

import http.client
import itertools
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

from plan import COLD_MARK, GOAL_ENDPOINTS, ROOT, UNCACHED_MARK, endpoints


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, timeout=150):
    """One GET on a new connection (gunicorn's sync workers close after each response). Returns (ms, status)."""
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("GET", path, headers={"Host": "127.0.0.1", "Accept": "text/html,application/json"})
        response = connection.getresponse()
        response.read()
        status = response.status
        connection.close()
    except (OSError, http.client.HTTPException) as error:
        status = f"error: {type(error).__name__}"
    return (time.perf_counter() - started) * 1000, status


class Server:
    """gunicorn serving `app` (the portal, or the floor with `chdir`), 2 sync workers, its pid file in workdir."""

    def __init__(self, env, workdir, workers=2, app="portal.wsgi", ready="/healthz", chdir=None):
        self.port = free_port()
        workdir.mkdir(parents=True, exist_ok=True)
        self.pidfile = workdir / "gunicorn.pid"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn),
            app,
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            f"--pid={self.pidfile}",
            f"--error-logfile={workdir / 'gunicorn.log'}",
            "--timeout=120",
            *([f"--chdir={chdir}"] if chdir else []),
        ]
        # Django's own error log (tracebacks of 500s) goes to stderr: keep it next to gunicorn's.
        self.output = open(workdir / "server.log", "w", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}: see {workdir / 'gunicorn.log'}")
            if get(self.port, ready, timeout=2)[1] == 200:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer {ready} within 60 s")

    def worker_rss_mb(self):
        """Resident memory of each worker (the master's children), in MB, largest first."""
        sizes = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if fields.get("PPid", "").strip() == str(self.process.pid) and "VmRSS" in fields:
                sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
        return sorted(sizes, reverse=True)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()


def _client_loop(args):
    port, path, until = args
    done, failed = 0, 0
    while time.monotonic() < until:
        if get(port, path, timeout=30)[1] == 200:
            done += 1
        else:
            failed += 1
    return done, failed


def throughput(port, path, connections, seconds):
    """Requests per second with `connections` client processes, each sending its next request as soon as the last
    one is answered (a new connection each: gunicorn's sync workers close it). The clients share the machine's
    CPUs with the server, as a load generator on the same host does."""
    import multiprocessing

    load_before = os.getloadavg()[0]
    with multiprocessing.get_context("fork").Pool(connections) as pool:
        started = time.monotonic()
        results = pool.map(_client_loop, [(port, path, started + seconds)] * connections)
        elapsed = time.monotonic() - started
    done = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    return {
        "connections": connections,
        "seconds": elapsed,
        "requests": done,
        "failed": failed,
        "per_second": done / elapsed,
        "load": (load_before, os.getloadavg()[0]),
    }


def cold_words(database_url, cfg, limit=800):
    """Distinct words of the pages' titles (deterministic order), one per request of the cold-query endpoint:
    more than any process remembers, so no request finds its query's matches remembered. The first half is for
    the measured requests, the second for the engine's warm-up, so no measured word was asked before."""
    sql = "SELECT title FROM wagtailcore_page WHERE depth > 2 ORDER BY id"
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            titles = [row[0] for row in connection.execute(sql)]
    else:
        import psycopg

        with psycopg.connect(database_url) as connection:
            titles = [row[0] for row in connection.execute(sql)]
    words = sorted({word for title in titles for word in re.findall(r"[a-z]{5,}", title.lower())} - {cfg["query"]})
    random.Random(cfg["seed"]).shuffle(words)
    return words[:limit]


PAGE_SQL = {
    # The first live page of each type: its url_path without the site root's own segment.
    "evaluation": "evidence_evaluationpage",
    "summary": "evidence_plainlanguagesummarypage",
    "case-study": "evidence_casestudypage",
}


def query_rows(database_url, sql):
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            return list(connection.execute(sql))
    import psycopg

    with psycopg.connect(database_url) as connection:
        return list(connection.execute(sql))


def page_paths(database_url):
    """The address of one page of each type the benchmark reads: the first live evaluation, summary and case
    study, and the first published glossary term (under the glossary page)."""
    paths = {}
    for key, table in PAGE_SQL.items():
        # The table names are the constants above, never input.
        sql = f"SELECT p.url_path FROM wagtailcore_page p JOIN {table} t ON t.page_ptr_id = p.id WHERE p.live"  # noqa: S608
        sql += " ORDER BY p.id LIMIT 1"
        rows = query_rows(database_url, sql)
        paths[key] = "/" + rows[0][0].split("/", 2)[2] if rows else "/"
    rows = query_rows(database_url, "SELECT slug FROM evidence_glossaryterm WHERE live ORDER BY id LIMIT 1")
    paths["glossary-term"] = f"/glossary/{rows[0][0]}/" if rows else "/glossary/"
    return paths


def paths_for(path, cfg, words_key="cold_words"):
    """Each request's path: the same every time, a new word each time for the cold-query endpoint, or a new number
    each time for an uncached page."""
    if UNCACHED_MARK in path:
        for i in itertools.count():
            yield path.replace(UNCACHED_MARK, str(i))
    if COLD_MARK not in path:
        while True:
            yield path
    words = cfg[words_key] or [cfg["query"]]
    for i in itertools.count():
        yield path.replace(COLD_MARK, quote_plus(words[i % len(words)]))


def warm_engine(port, cfg):
    """Requests spread over the search endpoints before anything is measured, so OpenSearch's JVM has compiled its
    hot code (a node that has served a few hundred searches, not one just started). Other words than the measured
    ones, so no measured "new word" is in OpenSearch's request cache."""
    rotation = [paths_for(path, cfg, "warm_words") for key, _label, path in endpoints(cfg) if key in GOAL_ENDPOINTS]
    for i in range(cfg["engine_warmup"]):
        get(port, next(rotation[i % len(rotation)]))


def measure(port, path, cfg):
    """Warm-up, then sequential requests: at most cfg['requests'], each phase stopping after cfg['max_seconds']."""
    paths = paths_for(path, cfg)
    deadline = time.monotonic() + cfg["max_seconds"]
    for _ in range(cfg["warmup"]):
        get(port, next(paths))
        if time.monotonic() > deadline:
            break
    timings, statuses = [], {}
    load_before = os.getloadavg()[0]
    deadline = time.monotonic() + cfg["max_seconds"]
    for _ in range(cfg["requests"]):
        ms, status = get(port, next(paths))
        timings.append(ms)
        statuses[status] = statuses.get(status, 0) + 1
        if time.monotonic() > deadline:
            break
    return {
        "requests": len(timings),
        "median": statistics.median(timings),
        "p95": statistics.quantiles(timings, n=20, method="inclusive")[18] if len(timings) > 1 else timings[0],
        "max": max(timings),
        "statuses": {str(k): v for k, v in statuses.items()},
        "load": (load_before, os.getloadavg()[0]),
    }
