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

Beside it: `plan` (settings, endpoints, goals), `dataset` (the data of one size), `serve` (gunicorn and the timed
requests), `report` (the section of docs/benchmarks.md).
"""

import json
import os
import subprocess
import sys

from dataset import prepare, reuse
from mixed import run_mixed
from plan import (
    DOC,
    FLOOR,
    MIXED_ENDPOINT,
    ROOT,
    THROUGHPUT_CONNECTIONS,
    THROUGHPUT_SECONDS,
    endpoints,
    log,
    settings_from_env,
)
from report import command_line, machine, render, status_text, write_doc
from serve import Server, cold_words, measure, page_paths, paths_for, throughput, warm_engine


def count_queries(env, cfg):
    """Run `bench.py queries` under portal.settings.test against the bench database; return its JSON.

    If that fails (e.g. an endpoint's module does not import yet), every count is recorded as an error.
    """
    env = dict(env, DJANGO_SETTINGS_MODULE="portal.settings.test")
    paths = {key: next(paths_for(path, cfg)) for key, _label, path in endpoints(cfg) if key != FLOOR}
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


def start_floor(cfg):
    """The hello-world Django view (tools/bench/floor.py) under the same gunicorn settings as the portal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "SEARCH_"))}
    return Server(env, cfg["workdir"] / "floor", app="floor:application", ready="/", chdir=ROOT / "tools" / "bench")


def throughputs(port, floor_port, cfg):
    """Requests per second at THROUGHPUT_CONNECTIONS connections: the home page from the page cache, rendered,
    and the floor."""
    figures = {}
    for key, the_port, path in (
        ("home", port, "/"),
        ("home-uncached", port, "/?bench=throughput"),
        (FLOOR, floor_port, "/"),
    ):
        figures[key] = throughput(the_port, path, THROUGHPUT_CONNECTIONS, THROUGHPUT_SECONDS)
        log(f"throughput {key}: {figures[key]['per_second']:.0f} req/s ({figures[key]['failed']} failed)")
    return figures


def main():
    cfg = settings_from_env()
    results = []
    floor = start_floor(cfg)
    try:
        for size in cfg["sizes"]:
            results.append(measure_size(cfg, size, floor))
    finally:
        floor.stop()
    (cfg["workdir"] / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    # Machine facts and the commit are read after the measurement: the commit is the code gunicorn served.
    info = machine()
    write_doc(render(results, cfg, info, command_line(cfg)))
    log(f"wrote {DOC.relative_to(ROOT)}")


def measure_size(cfg, size, floor):
    """Prepare (or reuse) one size's data, count queries in-process, then serve it and measure."""
    workdir, database_url, env, generation = reuse(cfg, size) or prepare(cfg, size)
    words = cold_words(database_url, cfg)
    cfg["cold_words"], cfg["warm_words"] = words[:400], words[400:]
    cfg["page_paths"] = page_paths(database_url)
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
            latency[key] = measure(floor.port if key == FLOOR else server.port, path, cfg)
            row = latency[key]
            log(
                f"{size}: {path} median {row['median']:.1f} ms, p95 {row['p95']:.1f} ms, {status_text(row['statuses'])}"
            )
        mixed = None
        if cfg["mixed_requests"]:
            log(f"{size}: mixed run, {cfg['mixed_requests']} searches read-only, then as many while publishing")
            path = next(path for key, _label, path in endpoints(cfg) if key == MIXED_ENDPOINT)
            mixed = run_mixed(server.port, env, path, cfg)
        rates = throughputs(server.port, floor.port, cfg)
        rss = server.worker_rss_mb()
        log(f"{size}: worker RSS {', '.join(f'{mb:.0f} MB' for mb in rss)}")
    finally:
        server.stop()
    log_text = (workdir / "gunicorn.log").read_text(encoding="utf-8", errors="replace")
    worker_timeouts = log_text.count("WORKER TIMEOUT")
    return {
        "size": size,
        "generation": generation,
        "queries": queries,
        "latency": latency,
        "mixed": mixed,
        "throughput": rates,
        "worker_rss_mb": rss,
        "worker_timeouts": worker_timeouts,
        "workdir": str(workdir),
    }


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "queries":
        queries_main(sys.argv[2])
    else:
        main()
