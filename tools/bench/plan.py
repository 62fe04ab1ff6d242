"""What the benchmark measures: its configuration (BENCH_* variables), endpoints and goals."""

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

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
# The mixed run: the faceted search's p95 while an editor publishes once a second, against its read-only p95.
GOAL_MIXED_RATIO = 2
MIXED_ENDPOINT = "search"
# Endpoints the latency and query goals apply to ("search endpoints"); the others are reported only.
GOAL_ENDPOINTS = ("search", "search-cold", "browse", "api")
# Stands for a different word in each request of the "search-cold" endpoint: the database backend remembers
# recent queries' full-text matches, so repeating one query measures the remembered path only.
COLD_MARK = "COLDWORD"
# Stands for a new number in each request of an "uncached" page endpoint: the page cache (portal/page_cache.py)
# serves that query string but never stores it, so every request renders the page.
UNCACHED_MARK = "UNCACHEDN"


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
        # Requests in each phase of the mixed read/write run (0 skips it).
        "mixed_requests": env_int("BENCH_MIXED_REQUESTS", 600),
    }


# Readers' page types (issue 15), each measured from the page cache and rendered each time: (key, label, path
# or the key of a path found in the database by serve.page_paths).
PAGE_TYPES = [
    ("home", "home", "/"),
    ("evaluations", "`/evaluations/`", "/evaluations/"),
    ("summaries", "`/summaries/`", "/summaries/"),
    ("case-studies", "`/case-studies/`", "/case-studies/"),
    ("glossary", "`/glossary/`", "/glossary/"),
    ("glossary-term", "a glossary term", "glossary-term"),
    ("evaluation", "an evaluation", "evaluation"),
    ("summary", "a plain-language summary", "summary"),
    ("case-study", "a case study", "case-study"),
]
# The floor: a hello-world Django view the bench serves itself (tools/bench/floor.py), beside the portal.
FLOOR = "floor"
# Concurrent clients for the throughput figures, and how long each throughput run lasts.
THROUGHPUT_CONNECTIONS = 8
THROUGHPUT_SECONDS = 10
# Page goals of issue 15, at the goal size.
GOAL_UNCACHED_FLOOR_RATIO = 10  # the evaluation page, rendered
GOAL_CACHED_FLOOR_RATIO = 3  # every page type, from the page cache
GOAL_HOME_THROUGHPUT = 1000  # req/s at 8 connections on 2 workers, from the page cache
GOAL_WORKER_RSS_MB = 300


def page_endpoints(cfg):
    """(key, label, path) of each page type, cached then uncached."""
    rows = []
    for key, label, path in PAGE_TYPES:
        path = cfg.get("page_paths", {}).get(path, path) if not path.startswith("/") else path
        rows.append((key, f"{label}, cached", path))
        rows.append((f"{key}-uncached", f"{label}, uncached", f"{path}?bench={UNCACHED_MARK}"))
    return rows


def endpoints(cfg):
    """(key, label, path) for each measured endpoint."""
    q, service, equity = cfg["query"], cfg["service"], cfg["equity"]
    return [
        ("healthz", "`/healthz` (baseline, no database)", "/healthz"),
        (FLOOR, "hello-world Django view (the floor, `tools/bench/floor.py`)", "/"),
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
        *page_endpoints(cfg),
    ]


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)
