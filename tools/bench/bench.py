"""Latency benchmark driver for tools/bench/run.sh (run with the project's virtualenv).

Two configurations (BENCH_CONFIG): `sqlite` (the embedded default: SQLite + the database search backend, 1,000 and
10,000 evaluations) and `engine` (PostgreSQL + OpenSearch, 100,000 evaluations; run.sh starts both servers and
passes DATABASE_URL and SEARCH_URL). For each dataset size: a throwaway database (migrate, demo content,
`generate_evaluations --count N`; on the engine also a timed `update_index`, the index build), gunicorn on
127.0.0.1 with production settings, warm-up, then sequential requests per endpoint (median and p95), plus SQL
queries per endpoint counted in-process with Django's test client. Results replace this configuration's section of
docs/benchmarks.md (between <!-- bench:CONFIG:start --> and <!-- bench:CONFIG:end -->); other sections are left as
they are. A non-200 answer is recorded as a failure, never a crash, so the benchmark can run before
every endpoint exists.

    python tools/bench/bench.py              # what run.sh does
    python tools/bench/bench.py queries ...  # internal: the in-process query count (needs Django settings)
"""

import datetime
import http.client
import itertools
import json
import os
import platform
import random
import re
import secrets
import shlex
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import quote_plus, urlencode

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "benchmarks.md"
CONFIG = os.environ.get("BENCH_CONFIG", "sqlite")
ENGINE = CONFIG == "engine"
SECTION = CONFIG
SECTION_TITLE = {
    "sqlite": "SQLite with the database search backend (FTS5)",
    "engine": "PostgreSQL with OpenSearch (1 node)",
}[CONFIG]
TITLE = """# Benchmarks

Latency and query-count figures from `make bench` (`tools/bench/run.sh`). Each configuration rewrites only its own
section, between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`; everything else in this file is kept.
"""

# The issues' goals, checked at the size below (the largest size run if it is missing).
GOAL_SIZE = 100_000 if ENGINE else 10_000
# At scale (PostgreSQL + OpenSearch) the goal is on the 95th percentile of faceted search instead.
GOAL_P95_MS = 60
GOAL_P50_MS = 40
GOAL_HEALTHZ_RATIO = 60
GOAL_QUERIES = 12
# Endpoints the latency and query goals apply to ("search endpoints"); the others are reported only.
GOAL_ENDPOINTS = ("search", "search-cold", "browse", "api")
# Stands for a different word in each request of the "search-cold" endpoint: the database backend remembers
# recent queries' full-text matches, so repeating one query measures the remembered path only.
COLD_MARK = "COLDWORD"


def env_int(name, default):
    return int(os.environ.get(name) or default)


def settings_from_env():
    return {
        "sizes": [int(size) for size in os.environ.get("BENCH_SIZES", "100000" if ENGINE else "1000 10000").split()],
        "requests": env_int("BENCH_REQUESTS", 200),
        "warmup": env_int("BENCH_WARMUP", 10),
        "max_seconds": env_int("BENCH_MAX_SECONDS", 120),
        "seed": env_int("BENCH_SEED", 1),
        "query": os.environ.get("BENCH_QUERY", "interpreter"),
        "service": os.environ.get("BENCH_SERVICE", "community-pharmacy"),
        "equity": os.environ.get("BENCH_EQUITY", "core20"),
        "workdir": Path(os.environ.get("BENCH_WORKDIR") or tempfile.mkdtemp(prefix="portal-bench.")),
        "static_stubs": [],
        "cold_words": [],
        "warm_words": [],
        "engine_warmup": env_int("BENCH_ENGINE_WARMUP", 500) if ENGINE else 0,
        "queries_timeout": env_int("BENCH_QUERIES_TIMEOUT", 900),
        "reuse": bool(os.environ.get("BENCH_REUSE")),
    }


def endpoints(cfg):
    """(key, label, path) for each measured endpoint."""
    q, service, equity = cfg["query"], cfg["service"], cfg["equity"]
    return [
        ("healthz", "`/healthz` (baseline, no database)", "/healthz"),
        (
            "search",
            "`/search/` query + 2 facets",
            "/search/?" + urlencode({"q": q, "service": service, "equity": equity}),
        ),
        (
            "search-cold",
            "`/search/` a new word each request + 2 facets",
            "/search/?" + urlencode({"q": COLD_MARK, "service": service, "equity": equity}),
        ),
        ("browse", "`/search/` 2 facets, no query", "/search/?" + urlencode({"service": service, "equity": equity})),
        ("map", "`/evidence-map/`", "/evidence-map/"),
        ("api", "`/api/v1/search` query + facet", "/api/v1/search?" + urlencode({"q": q, "service": service})),
    ]


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------ dataset


def base_env(shared, workdir, database_url, size):
    keep = ("SEARCH_URL", "SEARCH_BACKEND") if ENGINE else ()
    env = {
        k: v
        for k, v in os.environ.items()
        if k in keep or not k.startswith(("SEARCH_", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"))
    }
    if ENGINE:
        env["SEARCH_INDEX_PREFIX"] = f"bench{size}_"
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(shared / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        SERVE_MEDIA="true",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, logfile, *args):
    """Run manage.py, appending its output to the log file; returns the output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    logfile.write(f"$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}\n")
    logfile.flush()
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result.stdout


MISSING_STATIC = re.compile(r"The file '([^']+)' could not be found")


def collectstatic(env, logfile, static_root, attempts=10):
    """collectstatic with the production (manifest) storage. A file referenced by a package's CSS but not shipped
    (a source map, say) makes the manifest post-processing fail; such files get an empty stub in STATIC_ROOT and
    collectstatic is run again. Returns the stubbed paths, which the report lists."""
    stubs = []
    for _ in range(attempts):
        try:
            manage(env, logfile, "collectstatic", "--noinput", "--verbosity", "0")
            return stubs
        except RuntimeError as error:
            missing = MISSING_STATIC.search(str(error))
            if not missing or missing.group(1) in stubs:
                raise
            stub = static_root / missing.group(1)
            stub.parent.mkdir(parents=True, exist_ok=True)
            stub.write_text("{}\n" if stub.suffix == ".map" else "", encoding="utf-8")
            stubs.append(missing.group(1))
            log(f"collectstatic: {missing.group(1)} is referenced but missing; stubbed, trying again")
    raise RuntimeError("collectstatic still failing after stubbing missing files")


def database_url_for(size, workdir):
    """Each size has a database of its own: on the PostgreSQL server run.sh started, or a SQLite file."""
    if ENGINE:
        return os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/bench_{size}"
    return f"sqlite:///{workdir / 'bench.sqlite3'}"


def fresh_postgres_database(database_url):
    """Drop and create the (PostgreSQL) database at this URL."""
    import psycopg

    server, name = os.environ["DATABASE_URL"], database_url.rsplit("/", 1)[1]
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(cfg, size):
    workdir = cfg["workdir"] / f"n{size}"
    workdir.mkdir(parents=True, exist_ok=True)
    database_url = database_url_for(size, workdir)
    if ENGINE:
        fresh_postgres_database(database_url)
    env = base_env(cfg["workdir"], workdir, database_url, size)
    with open(workdir / "manage.log", "w", encoding="utf-8") as logfile:
        log(f"{size}: migrate and demo content")
        manage(env, logfile, "migrate", "--noinput")
        if ENGINE:
            # Create the engine's indexes with their analysers before anything is published (as the README's
            # "Running at scale" says); publishing first would let OpenSearch create them with a guessed mapping.
            manage(env, logfile, "update_index", "--backend", "default")
        if not (cfg["workdir"] / "static" / "staticfiles.json").exists():
            log("collectstatic (once for all sizes)")
            cfg["static_stubs"] = collectstatic(env, logfile, cfg["workdir"] / "static")
        manage(env, logfile, "load_demo_content")
        log(f"{size}: generate_evaluations --count {size} --seed {cfg['seed']}")
        started = time.perf_counter()
        output = manage(env, logfile, "generate_evaluations", "--count", str(size), "--seed", str(cfg["seed"]))
        generation = {"seconds": time.perf_counter() - started, "output": output.strip().splitlines()[-1]}
        if ENGINE:
            # The index build: a full rebuild of the engine's indexes (atomic: built beside the live ones).
            log(f"{size}: update_index --backend default (index build)")
            started = time.perf_counter()
            manage(env, logfile, "update_index", "--backend", "default")
            generation["index_build"] = time.perf_counter() - started
    generation["prepared"] = {"date": utc_now(), "commit": git_commit()}
    return workdir, database_url, env, generation


def reuse(cfg, size):
    """The data an earlier run kept (BENCH_KEEP=1) for this size, to measure it again (BENCH_REUSE); or None."""
    if not cfg["reuse"]:
        return None
    saved = cfg["workdir"] / "results.json"
    earlier = [r for r in json.loads(saved.read_text(encoding="utf-8")) if r["size"] == size] if saved.exists() else []
    if not earlier:
        log(f"{size}: nothing to reuse in {cfg['workdir']}; preparing it")
        return None
    workdir = cfg["workdir"] / f"n{size}"
    generation = earlier[0]["generation"]
    # Runs before the "prepared" record existed: the results file was written when that run ended.
    generation.setdefault(
        "prepared", {"date": f"before {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(saved.stat().st_mtime))}"}
    )
    log(f"{size}: reusing the data prepared {generation['prepared']['date']} in {workdir}")
    database_url = database_url_for(size, workdir)
    return workdir, database_url, base_env(cfg["workdir"], workdir, database_url, size), generation


# ------------------------------------------------------------------------------------------------ server


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
    def __init__(self, env, workdir, workers=2):
        self.port = free_port()
        self.pidfile = workdir / "gunicorn.pid"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn),
            "portal.wsgi",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            f"--pid={self.pidfile}",
            f"--error-logfile={workdir / 'gunicorn.log'}",
            "--timeout=120",
        ]
        # Django's own error log (tracebacks of 500s) goes to stderr: keep it next to gunicorn's.
        self.output = open(workdir / "server.log", "w", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}: see {workdir / 'gunicorn.log'}")
            if get(self.port, "/healthz", timeout=2)[1] == 200:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()


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


def paths_for(path, cfg, words_key="cold_words"):
    """Each request's path: the same every time, or a new word each time for the cold-query endpoint."""
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
        "statuses": {str(k): v for k, v in statuses.items()},
        "load": (load_before, os.getloadavg()[0]),
    }


# ------------------------------------------------------------------------------------------------ queries


def count_queries(env, cfg):
    """Run `bench.py queries` under portal.settings.test against the bench database; return its JSON.

    If that fails (e.g. an endpoint's module does not import yet), every count is recorded as an error.
    """
    env = dict(env, DJANGO_SETTINGS_MODULE="portal.settings.test")
    paths = {key: next(paths_for(path, cfg)) for key, _label, path in endpoints(cfg)}
    spec = {"paths": paths, "query": cfg["query"], "service": cfg["service"], "equity": cfg["equity"]}
    try:
        result = subprocess.run(
            [sys.executable, __file__, "queries", json.dumps(spec)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=cfg["queries_timeout"],
        )
        if result.returncode == 0:
            return json.loads(result.stdout)
        reason = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
        log(f"in-process query count failed:\n{result.stderr[-2000:]}")
    except subprocess.TimeoutExpired:
        reason = f"no answer within {cfg['queries_timeout']} s"
        log(f"in-process query count: {reason}")
    error = {"status": "error", "queries": 0, "error": reason[:300]}
    unknown = {"evaluations": 0, "query_matches": 0, "service_pages": 0, "equity_pages": 0}
    return {"counts": dict.fromkeys(paths, error), "dataset": unknown}


def queries_main(argument):
    """In-process: one warm-up request, then one counted request per path; plus what the dataset holds."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from evidence.models import EvaluationPage, PageEquityDimension, PageService

    spec = json.loads(argument)
    client = Client(raise_request_exception=False)
    counts = {}
    for key, path in spec["paths"].items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts[key] = {"status": response.status_code, "queries": len(queries.captured_queries)}
        if getattr(response, "exc_info", None):
            error = response.exc_info[1]
            counts[key]["error"] = f"{type(error).__name__}: {error}"[:300]
    live = EvaluationPage.objects.live()
    dataset = {
        "evaluations": live.count(),
        "query_matches": live.search(spec["query"]).count(),
        "service_pages": PageService.objects.filter(service__slug=spec["service"], page__live=True).count(),
        "equity_pages": PageEquityDimension.objects.filter(
            equity_dimension__slug=spec["equity"], page__live=True
        ).count(),
    }
    print(json.dumps({"counts": counts, "dataset": dataset}))


# ------------------------------------------------------------------------------------------------ report


def utc_now():
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def git_commit():
    """The checked-out commit, marked when the working tree differs from it."""

    def git(*args):
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    commit = git("rev-parse", "--short", "HEAD")
    if git("status", "--porcelain", "--untracked-files=no"):
        commit += " (working tree with uncommitted changes)"
    return commit


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break

    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": metadata.version("django"),
        "wagtail": metadata.version("wagtail"),
        "gunicorn": metadata.version("gunicorn"),
        "sqlite": sqlite3.sqlite_version,
        **(engine_versions() if ENGINE else {}),
        "date": utc_now(),
        "commit": git_commit(),
    }


def engine_versions():
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    url = os.environ["SEARCH_URL"].split(",")[0]
    try:
        import urllib.request

        with urllib.request.urlopen(url, timeout=10) as answer:
            opensearch = json.load(answer)["version"]["number"]
    except (OSError, ValueError, KeyError):
        opensearch = "unknown"
    return {
        "postgres": postgres,
        "opensearch": opensearch,
        "opensearch_py": metadata.version("opensearch-py"),
        "backend": os.environ.get("SEARCH_BACKEND", ""),
    }


def status_text(statuses):
    if set(statuses) == {"200"}:
        return "200"
    parts = ", ".join(f"{status} ×{count}" for status, count in sorted(statuses.items()))
    return f"**FAIL** ({parts})"


def goal_size(results):
    sizes = [result["size"] for result in results]
    return GOAL_SIZE if GOAL_SIZE in sizes else max(sizes)


def goals(results, cfg):
    """[(goal, measured, verdict)] at the goal size."""
    size = goal_size(results)
    result = next(r for r in results if r["size"] == size)
    labels = {key: label for key, label, _ in endpoints(cfg)}
    healthz = result["latency"]["healthz"]["median"]
    rows = []
    if ENGINE:
        latency = result["latency"]["search"]
        ok = status_text(latency["statuses"]) == "200"
        rows.append(
            (
                f"{labels['search']}: p95 ≤ {GOAL_P95_MS} ms at {size:,}",
                f"{latency['p95']:.1f} ms" + ("" if ok else " (not answering 200)"),
                ok and latency["p95"] <= GOAL_P95_MS,
            )
        )
    for key in () if ENGINE else GOAL_ENDPOINTS:
        latency = result["latency"][key]
        ok = status_text(latency["statuses"]) == "200"
        note = "" if ok else " (not answering 200)"
        rows.append(
            (
                f"{labels[key]}: median ≤ {GOAL_P50_MS} ms at {size:,}",
                f"{latency['median']:.1f} ms{note}",
                ok and latency["median"] <= GOAL_P50_MS,
            )
        )
        ratio = latency["median"] / healthz
        rows.append(
            (
                f"{labels[key]}: median ≤ {GOAL_HEALTHZ_RATIO}× `/healthz` median at {size:,}",
                f"{ratio:.1f}×{note}",
                ok and ratio <= GOAL_HEALTHZ_RATIO,
            )
        )
    for key in GOAL_ENDPOINTS:
        counted = [r["queries"]["counts"][key] for r in results]
        numbers = [c["queries"] for c in counted]
        ok = all(c["status"] == 200 for c in counted)
        sizes = ", ".join(f"{n} at {r['size']:,}" for n, r in zip(numbers, results, strict=True))
        note = "" if ok else " (not answering 200)"
        constant = len(set(numbers)) == 1
        rows.append(
            (
                f"{labels[key]}: ≤ {GOAL_QUERIES} SQL queries, the same at every size",
                f"{sizes}{note}",
                ok and max(numbers) <= GOAL_QUERIES and constant,
            )
        )
    return rows


def render(results, cfg, info, command):
    labels = {key: label for key, label, _ in endpoints(cfg)}
    paths = {key: path for key, _, path in endpoints(cfg)}
    lines = [
        f"## {SECTION_TITLE}",
        "",
        f"Written by `tools/bench/run.sh` on {info['date']} at commit {info['commit']}. Command:",
        "",
        "```sh",
        command,
        "```",
        "",
        f"- **Machine:** {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, {info['os']}",
        f"- **Software:** Python {info['python']}, Django {info['django']}, Wagtail {info['wagtail']}, "
        f"gunicorn {info['gunicorn']}, "
        + (
            f"PostgreSQL {info['postgres']}, OpenSearch {info['opensearch']} (opensearch-py {info['opensearch_py']}, "
            f"SEARCH_BACKEND={info['backend']})"
            if ENGINE
            else f"SQLite {info['sqlite']}"
        ),
        "- **Server:** gunicorn, 2 sync workers, `portal.settings.production` on 127.0.0.1 (no TLS, no proxy); "
        + (
            "PostgreSQL (Debian's server, `tools/postgres/start.sh`) and one OpenSearch node "
            "(`tools/opensearch/start.sh`, 2 GB heap, full JIT) on the same 2 CPUs; no cache in front"
            if ENGINE
            else "SQLite in WAL mode; Wagtail's database search backend (SQLite FTS5); no cache in front"
        ),
        f"- **Data:** a fresh database per size: migrations, `load_demo_content` (47 evaluations, glossary, case "
        f"studies), then `generate_evaluations --count N --seed {cfg['seed']}` (N synthetic evaluations, each with a "
        f"plain-language summary)",
        f"- **Method:** {cfg['warmup']} warm-up requests per endpoint, then up to {cfg['requests']} sequential "
        f"requests (at most {cfg['max_seconds']} s per endpoint), one connection each; latency is the client's "
        f"wall time to the last byte. SQL queries: one request per endpoint in-process (Django test client, "
        f"`portal.settings.test`, same database) after one warm-up request, counted with `CaptureQueriesContext`"
        + (
            f". Before any endpoint is measured, {cfg['engine_warmup']} requests spread over the search endpoints "
            f"let OpenSearch's JVM compile its hot code (a node that has been serving, not one just started: the "
            f"first searches after a JVM start are slower); they use other words than the measured ones, so no "
            f"measured *new word* is in OpenSearch's request cache"
            if cfg["engine_warmup"]
            else ""
        ),
        f"- **Parameters:** q=`{cfg['query']}`, service=`{cfg['service']}`, equity=`{cfg['equity']}`. The "
        f"*new word each request* endpoint puts a different word from the pages' titles (up to 400 distinct, in a "
        f"seeded order) in place of `{COLD_MARK}` every time: "
        + (
            "OpenSearch answers a repeated search from its shard request cache (emptied whenever the index "
            "changes), so a repeated query measures the cached path and this endpoint the full one"
            if ENGINE
            else "each web process remembers its last 64 queries' full-text matches for up to 60 s "
            "(`search/backends/database.py`), so a repeated query measures the remembered path and this endpoint "
            "the full one"
        ),
        f"- **Load:** the machine is not dedicated to the benchmark; *Load* is the 1-minute load average before → "
        f"after each endpoint's requests ({info['nproc']} CPUs). Figures taken under load above the CPU count "
        f"overstate latency",
        "",
    ]
    for result in results:
        data = result["queries"]["dataset"]
        latency = result["latency"]
        healthz = latency["healthz"]["median"]
        lines += [
            f"### {result['size']:,} synthetic evaluations",
            "",
            f"{data['evaluations']:,} live evaluations in all; q=`{cfg['query']}` matches {data['query_matches']:,}, "
            f"service `{cfg['service']}` tags {data['service_pages']:,} pages, equity `{cfg['equity']}` "
            f"{data['equity_pages']:,}. `generate_evaluations` took {result['generation']['seconds']:.1f} s "
            f"of wall time including Django start-up; it reported: `{result['generation']['output']}`"
            + (
                f" A full rebuild of the OpenSearch indexes (`manage.py update_index --backend default`, "
                f"{data['evaluations'] * 2:,}+ documents) took {result['generation']['index_build']:.1f} s."
                if "index_build" in result["generation"]
                else ""
            )
            + (
                f" These requests were measured again (`BENCH_REUSE`) on the data an earlier run prepared "
                f"{result['generation']['prepared']['date']}; the times above are that run's."
                if cfg["reuse"]
                else ""
            ),
            "",
            "| Endpoint | Requests | Median ms | p95 ms | Median ÷ `/healthz` median | SQL queries | Status | Load |",
            "|---|--:|--:|--:|--:|--:|---|--:|",
        ]
        for key, label, _ in endpoints(cfg):
            row = latency[key]
            counted = result["queries"]["counts"][key]
            queries = (
                str(counted["queries"]) if counted["status"] == 200 else f"{counted['queries']} ({counted['status']})"
            )
            lines.append(
                f"| {label} | {row['requests']} | {row['median']:.1f} | {row['p95']:.1f} | "
                f"{row['median'] / healthz:.1f}× | {queries} | {status_text(row['statuses'])} | "
                f"{row['load'][0]:.1f} → {row['load'][1]:.1f} |"
            )
        if result.get("worker_timeouts"):
            lines += [
                "",
                f"gunicorn killed {result['worker_timeouts']} worker(s) for exceeding its 120 s request timeout "
                "during this size's requests (warm-up included).",
            ]
        lines.append("")
    lines += ["### Goals", "", "| Goal | Measured | Result |", "|---|---|---|"]
    for goal, measured, ok in goals(results, cfg):
        lines.append(f"| {goal} | {measured} | {'pass' if ok else '**fail**'} |")
    lines += ["", "Request paths:", ""]
    lines += [f"- {labels[key]}: `{path}`" for key, path in paths.items()]
    if cfg["static_stubs"]:
        lines += [
            "",
            "Note: `collectstatic` with the production storage failed because these files are referenced by a "
            "package's CSS but not shipped; the benchmark wrote empty stubs into its own STATIC_ROOT and ran it "
            "again (`make serve` hits the same error): " + ", ".join(f"`{path}`" for path in cfg["static_stubs"]) + ".",
        ]
    failing = sorted(
        {
            labels[key]
            for result in results
            for key in labels
            if status_text(result["latency"][key]["statuses"]) != "200"
        }
    )
    if failing:
        lines += [
            "",
            "Endpoints that did not answer 200 are recorded as failures (their timings are of the error response): "
            + "; ".join(failing)
            + ".",
        ]
    errors = [
        f"- {result['size']:,}, {labels[key]}: in-process answer {counted['status']}: `{counted['error']}`"
        for result in results
        for key, counted in result["queries"]["counts"].items()
        if counted.get("error")
    ]
    if errors:
        lines += ["", "Errors seen in-process (test settings, same database):", "", *errors]
    return "\n".join(lines)


def write_doc(section):
    start, end = f"<!-- bench:{SECTION}:start -->", f"<!-- bench:{SECTION}:end -->"
    block = f"{start}\n{section}\n{end}"
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else TITLE
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")


def command_line(cfg):
    settings = {
        "BENCH_CONFIG": CONFIG,
        "BENCH_SIZES": " ".join(str(size) for size in cfg["sizes"]),
        "BENCH_REQUESTS": cfg["requests"],
        "BENCH_WARMUP": cfg["warmup"],
        "BENCH_SEED": cfg["seed"],
        "BENCH_QUERY": cfg["query"],
        "BENCH_SERVICE": cfg["service"],
        "BENCH_EQUITY": cfg["equity"],
        **({"BENCH_ENGINE_WARMUP": cfg["engine_warmup"]} if ENGINE else {}),
        **({"BENCH_REUSE": os.environ["BENCH_REUSE"]} if cfg["reuse"] else {}),
    }
    return (
        " ".join(f"{k}={shlex.quote(str(v))}" for k, v in settings.items())
        + (" make bench-scale" if ENGINE else " make bench-sqlite")
        + "  # or: bash tools/bench/run.sh"
    )


def main():
    cfg = settings_from_env()
    results = []
    for size in cfg["sizes"]:
        workdir, database_url, env, generation = reuse(cfg, size) or prepare(cfg, size)
        words = cold_words(database_url, cfg)
        cfg["cold_words"], cfg["warm_words"] = words[:400], words[400:]
        log(f"{size}: counting queries in-process")
        queries = count_queries(env, cfg)
        log(f"{size}: serving with gunicorn")
        server = Server(env, workdir)
        try:
            if cfg["engine_warmup"]:
                log(f"{size}: {cfg['engine_warmup']} requests to warm OpenSearch's JVM")
                warm_engine(server.port, cfg)
            latency = {}
            for key, _label, path in endpoints(cfg):
                latency[key] = measure(server.port, path, cfg)
                row = latency[key]
                log(
                    f"{size}: {path} median {row['median']:.1f} ms, p95 {row['p95']:.1f} ms, "
                    f"{status_text(row['statuses'])}"
                )
        finally:
            server.stop()
        log_text = (workdir / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
        worker_timeouts = log_text.count("WORKER TIMEOUT")
        results.append(
            {
                "size": size,
                "generation": generation,
                "queries": queries,
                "latency": latency,
                "worker_timeouts": worker_timeouts,
                "workdir": str(workdir),
            }
        )
    (cfg["workdir"] / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    # Machine facts and the commit are read after the measurement: the commit is the code gunicorn served.
    info = machine()
    write_doc(render(results, cfg, info, command_line(cfg)))
    log(f"wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "queries":
        queries_main(sys.argv[2])
    else:
        main()
