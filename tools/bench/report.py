"""The benchmark's section of docs/benchmarks.md: machine, method, results and goals."""

import datetime
import json
import os
import platform
import shlex
import sqlite3
import subprocess
from importlib import metadata

from plan import (
    COLD_MARK,
    CONFIG,
    DOC,
    ENGINE,
    FLOOR,
    GOAL_CACHED_FLOOR_RATIO,
    GOAL_ENDPOINTS,
    GOAL_HEALTHZ_RATIO,
    GOAL_HOME_THROUGHPUT,
    GOAL_MIXED_RATIO,
    GOAL_P50_MS,
    GOAL_P95_MS,
    GOAL_QUERIES,
    GOAL_SIZE,
    GOAL_UNCACHED_FLOOR_RATIO,
    GOAL_WORKER_RSS_MB,
    PAGE_TYPES,
    ROOT,
    SECTION,
    SECTION_TITLE,
    THROUGHPUT_CONNECTIONS,
    TITLE,
    endpoints,
)


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
    if not commit:  # not a checkout: a `git archive` export, say; BENCH_COMMIT names what it was made from
        return os.environ.get("BENCH_COMMIT") or "unknown (not a git checkout; set BENCH_COMMIT)"
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
    mixed = result.get("mixed")
    if mixed and not ENGINE:
        ratio = mixed["publishing"]["p95"] / mixed["read_only"]["p95"]
        ok = all(status_text(mixed[phase]["statuses"]) == "200" for phase in ("read_only", "publishing"))
        ok = ok and mixed["editor"]["publishes"] > 0 and not mixed["editor"]["error_count"]
        rows.append(
            (
                f"{labels['search']} while an editor publishes once a second: p95 ≤ {GOAL_MIXED_RATIO}× the "
                f"read-only p95 at {size:,}",
                f"{mixed['publishing']['p95']:.1f} ms vs {mixed['read_only']['p95']:.1f} ms: {ratio:.2f}×",
                ok and ratio <= GOAL_MIXED_RATIO,
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
    return rows + page_goals(results, result, size)


def page_goals(results, result, size):
    """Issue 15's goals for readers' pages, at the goal size (and across sizes for queries and growth)."""
    latency = result["latency"]
    if FLOOR not in latency:
        return []
    floor = latency[FLOOR]["median"]
    rows = []
    evaluation = latency["evaluation-uncached"]
    rows.append(
        (
            f"an evaluation page, uncached: median ≤ {GOAL_UNCACHED_FLOOR_RATIO}× the floor at {size:,}",
            f"{evaluation['median']:.1f} ms, {evaluation['median'] / floor:.1f}×",
            ok_status(evaluation) and evaluation["median"] <= GOAL_UNCACHED_FLOOR_RATIO * floor,
        )
    )
    cached = [(key, latency[key]) for key, _label, _path in PAGE_TYPES]
    worst_key, worst = max(cached, key=lambda item: item[1]["median"])
    rows.append(
        (
            f"every page type from the page cache: median ≤ {GOAL_CACHED_FLOOR_RATIO}× the floor at {size:,}",
            f"slowest {worst_key}: {worst['median']:.1f} ms, {worst['median'] / floor:.1f}×",
            all(ok_status(row) for _key, row in cached) and worst["median"] <= GOAL_CACHED_FLOOR_RATIO * floor,
        )
    )
    home = result.get("throughput", {}).get("home")
    if home:
        rows.append(
            (
                f"home page from the page cache: ≥ {GOAL_HOME_THROUGHPUT:,} req/s at {THROUGHPUT_CONNECTIONS} "
                f"connections on 2 workers at {size:,}",
                f"{home['per_second']:,.0f} req/s ({home['failed']} failed)",
                home["per_second"] >= GOAL_HOME_THROUGHPUT and not home["failed"],
            )
        )
    rss = result.get("worker_rss_mb")
    if rss:
        rows.append(
            (
                f"a web worker's RSS after the run ≤ {GOAL_WORKER_RSS_MB} MB at {size:,}",
                f"{max(rss):.0f} MB",
                max(rss) <= GOAL_WORKER_RSS_MB,
            )
        )
    for key, label, _path in PAGE_TYPES:
        counted = [r["queries"]["counts"][f"{key}-uncached"] for r in results]
        numbers = [c["queries"] for c in counted]
        rows.append(
            (
                f"{label}, uncached: ≤ {GOAL_QUERIES} SQL queries, the same at every size",
                ", ".join(f"{n} at {r['size']:,}" for n, r in zip(numbers, results, strict=True)),
                all(c["status"] == 200 for c in counted) and max(numbers) <= GOAL_QUERIES and len(set(numbers)) == 1,
            )
        )
    if len(results) > 1:
        smallest = min(results, key=lambda r: r["size"])
        for key in ("evaluations-uncached", "map"):
            before, after = smallest["latency"][key]["median"], latency[key]["median"]
            rows.append(
                (
                    f"{key}: median at {size:,} within 1.2× its median at {smallest['size']:,}",
                    f"{after:.1f} ms vs {before:.1f} ms: {after / before:.2f}×",
                    after <= 1.2 * before,
                )
            )
    return rows


def ok_status(row):
    return status_text(row["statuses"]) == "200"


def page_lines(result):
    """Readers' pages against the floor, rendered and from the page cache; throughput and worker memory."""
    latency, counts = result["latency"], result["queries"]["counts"]
    if FLOOR not in latency:
        return []
    floor = latency[FLOOR]["median"]
    lines = [
        "",
        f"Readers' pages against the floor (a hello-world Django view the bench serves beside the portal, same "
        f"gunicorn settings: {floor:.1f} ms median): *uncached* is rendered each time (a query string the page "
        f"cache never stores: every request a new one), *cached* is answered from the page cache. Within one "
        f"content generation a process reuses what it has loaded or rendered for the same page revision (routing, "
        f"the site root's children, an evaluation's glossary-linked body and JSON-LD: portal/page_cache_parts.py), "
        f"so *uncached* is a rendering between changes; the first one after a publish costs more. SQL queries "
        f"counted in-process as above (after one warm-up request).",
        "",
        "| Page | Uncached median ms | ÷ floor | Uncached SQL | Cached median ms | ÷ floor | Cached SQL |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for key, label, _path in PAGE_TYPES:
        uncached, cached = latency[f"{key}-uncached"], latency[key]
        lines.append(
            f"| {label} | {uncached['median']:.1f}{'' if ok_status(uncached) else ' **FAIL**'} | "
            f"{uncached['median'] / floor:.1f}× | {counts[f'{key}-uncached']['queries']} | "
            f"{cached['median']:.1f}{'' if ok_status(cached) else ' **FAIL**'} | {cached['median'] / floor:.1f}× | "
            f"{counts[key]['queries']} |"
        )
    rates = result.get("throughput")
    if rates:
        lines += [
            "",
            f"Throughput at {THROUGHPUT_CONNECTIONS} connections on the portal's 2 workers "
            f"({THROUGHPUT_CONNECTIONS} client processes on the same CPUs, each sending its next request when the "
            f"last is answered, a new connection each, {rates['home']['seconds']:.0f} s per figure): home from the "
            f"page cache **{rates['home']['per_second']:,.0f} req/s**, home rendered each time "
            f"{rates['home-uncached']['per_second']:,.0f} req/s, the floor {rates[FLOOR]['per_second']:,.0f} req/s "
            f"(failed requests: {rates['home']['failed']}, {rates['home-uncached']['failed']}, "
            f"{rates[FLOOR]['failed']}; load {rates['home']['load'][0]:.1f} → {rates[FLOOR]['load'][1]:.1f}).",
        ]
    rss = result.get("worker_rss_mb")
    if rss:
        lines += [
            "",
            f"Web workers' resident memory (RSS) after this size's run: {', '.join(f'{mb:.0f} MB' for mb in rss)}.",
        ]
    return lines


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
            counted = result["queries"]["counts"].get(key)
            if counted is None:  # the floor: not the portal
                queries = "–"
            elif counted["status"] == 200:
                queries = str(counted["queries"])
            else:
                queries = f"{counted['queries']} ({counted['status']})"
            lines.append(
                f"| {label} | {row['requests']} | {row['median']:.1f} | {row['p95']:.1f} | "
                f"{row['median'] / healthz:.1f}× | {queries} | {status_text(row['statuses'])} | "
                f"{row['load'][0]:.1f} → {row['load'][1]:.1f} |"
            )
        lines += page_lines(result)
        lines += mixed_lines(result.get("mixed"), labels)
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


def mixed_lines(mixed, labels):
    """The mixed read/write run of one size: the same search read-only, then while an editor publishes."""
    if not mixed:
        return []
    editor = mixed["editor"]
    lines = [
        "",
        f"Search while an editor publishes: {labels['search']}, the same requests read-only and then while a "
        f"separate process (`tools/bench/publisher.py`) publishes a new revision of one evaluation once a second "
        f"({editor['publishes']} publishes in {editor['seconds']:.0f} s, {editor['error_count']} errors; a publish "
        f"took {editor['median_ms'] or 0:.0f} ms median, {editor['max_ms'] or 0:.0f} ms at most).",
        "",
        "| Phase | Requests | Median ms | p95 ms | Max ms | Status | Load |",
        "|---|--:|--:|--:|--:|---|--:|",
    ]
    phases = [("read_only", "read-only"), ("publishing", "while publishing")]
    if mixed.get("drafting"):
        phases.append(("drafting", "while saving drafts (control)"))
    for phase, label in phases:
        row = mixed[phase]
        lines.append(
            f"| {label} | {row['requests']} | {row['median']:.1f} | {row['p95']:.1f} | {row.get('max', 0):.1f} | "
            f"{status_text(row['statuses'])} | {row['load'][0]:.1f} → {row['load'][1]:.1f} |"
        )
    drafts = mixed.get("drafts")
    if drafts:
        lines += [
            "",
            f"The control phase runs the same editor process saving a draft revision once a second instead "
            f"({drafts['publishes']} drafts, {drafts['error_count']} errors; {drafts['median_ms'] or 0:.0f} ms "
            "median each): it competes for the same CPUs but changes nothing public, so no facet index is updated. "
            "Its p95 against the publishing phase's separates the editor's CPU use from the index's work.",
        ]
    for error in [*editor["errors"], *(drafts or {}).get("errors", [])]:
        lines += ["", f"Editor error: `{error}`"]
    return lines


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
        "BENCH_MIXED_REQUESTS": cfg["mixed_requests"],
        **({"BENCH_ENGINE_WARMUP": cfg["engine_warmup"]} if ENGINE else {}),
        **({"BENCH_REUSE": os.environ["BENCH_REUSE"]} if cfg["reuse"] else {}),
    }
    return (
        " ".join(f"{k}={shlex.quote(str(v))}" for k, v in settings.items())
        + (" make bench-scale" if ENGINE else " make bench-sqlite")
        + "  # or: bash tools/bench/run.sh"
    )
