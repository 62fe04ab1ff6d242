"""A closed-loop load test: N concurrent clients, each sending its next GET as soon as the last one is answered,
for a fixed time, on a mix of readers' pages, search, the API, the evidence map and CSV exports.

    python tools/load/load.py --base http://127.0.0.1:8000 --clients 32 --seconds 60 [--markdown out.md]

Each client has an address of its own (documentation ranges, RFC 5737), sent as `X-Forwarded-For`: the server must
trust loopback as its proxy (`TRUSTED_PROXIES=127.0.0.1`, as tools/load/run.sh sets), so the rate limits count
each client as a reader behind a proxy would be counted, with production limits. Client 0 is *one client that
hammers*: only API searches and CSV exports (one in four), without pause, on several connections at once from its
one address (--hammer-connections, 8); its 429s are the limits working. The other clients read, one request at a
time. A 429 for any other client, a 429 on anything but the API or a CSV, any other status than 200, or a
connection error is an error; the exit status is 1 when there was one.

Only the standard library: one new connection per request (gunicorn's sync workers close after each response).
"""

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from urllib.parse import quote_plus, urlsplit

QUERIES = ["blood pressure", "deprivation", "mental health", "vaccination", "interpreter", "older people", "housing"]
# (kind, weight): a reader's visit is mostly pages; search and the API are the expensive part.
MIX = [
    ("home", 8),
    ("evaluation", 14),
    ("summary", 10),
    ("listing", 6),
    ("glossary", 4),
    ("glossary term", 6),
    ("search", 14),
    ("search + facets", 10),
    ("api search", 10),
    ("api evaluation", 5),
    ("evidence map", 6),
    ("csv", 1),
]
LIMITED = {"api search", "api evaluation", "csv"}  # the kinds that rate limits cover (RATE_LIMIT_API, RATE_LIMIT_CSV)


def client_address(number):
    """A distinct public-looking address per client: 203.0.113.x, then 198.51.100.x (RFC 5737)."""
    return f"203.0.113.{number + 1}" if number < 250 else f"198.51.100.{number - 249}"


class Target:
    def __init__(self, base):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.host_header = parts.netloc

    def get(self, path, address, timeout=120):
        """(milliseconds, status or "error: …", body)."""
        started = time.perf_counter()
        body = b""
        try:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            headers = {"Host": self.host_header, "X-Forwarded-For": address, "Accept": "text/html,application/json"}
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            status = response.status
            connection.close()
        except (OSError, http.client.HTTPException) as error:
            status = f"error: {type(error).__name__}"
        return (time.perf_counter() - started) * 1000, status, body


def discover(target):
    """The pages to visit and the facet values to filter by, from the API (one address of its own)."""
    address = "192.0.2.1"

    def api(query):
        _ms, status, body = target.get(f"/api/v1/search?{query}", address)
        if status != 200:
            raise SystemExit(f"load: discovery failed: /api/v1/search?{query} answered {status}")
        return json.loads(body)

    found = {}
    for kind in ("evaluation", "summary", "glossary-term"):
        paths = []
        for page in (1, 2, 3):
            answer = api(f"type={kind}&page={page}")
            paths += [urlsplit(item["url"]).path for item in answer["results"]]
            if page >= answer["num_pages"]:
                break
        if not paths:
            raise SystemExit(f"load: no {kind} to visit: load the demo content first")
        found[kind] = paths
    facets = api("")["facets"]
    found["filters"] = [
        f"{group}={value['slug']}"
        for group in ("service", "equity", "place", "year", "method")
        for value in facets[group]
        if value["count"]
    ]
    found["slugs"] = [path.rstrip("/").rsplit("/", 1)[-1] for path in found["evaluation"]]
    return found


def make_path(kind, found, rng):
    query = quote_plus(rng.choice(QUERIES))
    filters = "&".join(rng.sample(found["filters"], k=min(2, len(found["filters"]))))
    return {
        "home": lambda: "/",
        "evaluation": lambda: rng.choice(found["evaluation"]),
        "summary": lambda: rng.choice(found["summary"]),
        "listing": lambda: f"/evaluations/?page={rng.choice([1, 1, 2])}",
        "glossary": lambda: "/glossary/",
        "glossary term": lambda: rng.choice(found["glossary-term"]),
        "search": lambda: f"/search/?q={query}",
        "search + facets": lambda: f"/search/?q={query}&{filters}" if rng.random() < 0.5 else f"/search/?{filters}",
        "api search": lambda: f"/api/v1/search?q={query}" + (f"&{filters}" if rng.random() < 0.5 else ""),
        "api evaluation": lambda: f"/api/v1/evaluations/{rng.choice(found['slugs'])}",
        "evidence map": lambda: "/evidence-map/" + (f"?{filters}" if rng.random() < 0.3 else ""),
        "csv": lambda: f"/search/export.csv?q={query}",
    }[kind]()


def run(target, found, clients, seconds, hammer, seed):
    """`hammer`: how many connections client 0 hammers on (0: it reads like the others)."""
    results = []  # (client, kind, ms, status)
    lock = threading.Lock()
    streams = [(0, h) for h in range(hammer)] if hammer else [(0, 0)]
    streams += [(n, 0) for n in range(1, clients)]
    start = threading.Barrier(len(streams) + 1)
    deadline = [0.0]

    def client(number, connection):
        rng = random.Random(seed * 1000 + number * 10 + connection)
        kinds, weights = zip(*MIX, strict=True)
        hammering = hammer and number == 0
        address = client_address(number)
        mine = []
        start.wait()
        while time.monotonic() < deadline[0]:
            if hammering:
                kind = "csv" if (len(mine) + connection) % 4 == 3 else "api search"
            else:
                kind = rng.choices(kinds, weights)[0]
            ms, status, _body = target.get(make_path(kind, found, rng), address)
            mine.append((number, kind, ms, status))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client, args=stream, daemon=True) for stream in streams]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + seconds
    began = time.monotonic()
    start.wait()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - began


def percentile(values, share):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def is_error(client, kind, status, hammer):
    if status == 200:
        return False
    return not (status == 429 and kind in LIMITED and hammer and client == 0)


def report(results, elapsed, clients, seconds, hammer, load):
    by_kind = defaultdict(list)  # the hammering client's requests apart: its 429s are quick and intended
    for row in results:
        by_kind[f"{row[1]} (hammering client)" if hammer and row[0] == 0 else row[1]].append(row)
    errors = [row for row in results if is_error(row[0], row[1], row[3], hammer)]
    lines = [
        f"{len(results)} requests in {elapsed:.1f} s ({len(results) / elapsed:.1f} req/s), {clients} clients"
        f" for {seconds} s"
        + (f" (client 0 hammers the API and CSV on {hammer} connections)" if hammer else "")
        + f"; load average {load[0]:.1f} before, {load[1]:.1f} after (2 CPUs shared with other work)",
        "",
        "| Kind | Requests | req/s | p50 ms | p95 ms | p99 ms | Statuses |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for kind in [kind for kind, _weight in MIX] + ["api search (hammering client)", "csv (hammering client)"]:
        rows = by_kind.get(kind, [])
        if not rows:
            continue
        answered = sorted(ms for _c, _k, ms, status in rows if isinstance(status, int))
        statuses = Counter(str(status) for *_rest, status in rows)
        shown = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
        figures = [f"{percentile(answered, p):.0f}" for p in (50, 95, 99)] if answered else ["-"] * 3
        lines.append(f"| {kind} | {len(rows)} | {len(rows) / elapsed:.1f} | {' | '.join(figures)} | {shown} |")
    everyone = sorted(ms for *_rest, ms, status in results if isinstance(status, int))
    statuses = Counter(str(row[3]) for row in results)
    lines.append(
        f"| **all** | {len(results)} | {len(results) / elapsed:.1f} | "
        + " | ".join(f"{percentile(everyone, p):.0f}" for p in (50, 95, 99))
        + " | "
        + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
        + " |"
    )
    hammered = Counter(str(row[3]) for row in results if hammer and row[0] == 0)
    others_429 = sum(1 for row in results if row[3] == 429 and not (hammer and row[0] == 0))
    lines += [
        "",
        f"- Hammering client: {dict(sorted(hammered.items())) if hammer else 'none'}; "
        f"429s for the other clients: {others_429}",
        f"- Errors (anything but 200, or a 429 outside the hammering client's API/CSV requests): {len(errors)}"
        + (f" ({dict(Counter(f'{k} {s}' for _c, k, _m, s in errors))})" if errors else ""),
    ]
    return "\n".join(lines), errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--hammer-connections", type=int, default=8, help="0: every client reads, none hammers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--markdown", help="also write the report to this file")
    args = parser.parse_args()

    target = Target(args.base)
    found = discover(target)
    print(
        f"load: {len(found['evaluation'])} evaluations, {len(found['summary'])} summaries, "
        f"{len(found['glossary-term'])} glossary terms, {len(found['filters'])} facet values to pick from",
        file=sys.stderr,
    )
    before = os.getloadavg()[0]
    results, elapsed = run(target, found, args.clients, args.seconds, args.hammer_connections, args.seed)
    load = (before, os.getloadavg()[0])
    text, errors = report(results, elapsed, args.clients, int(args.seconds), args.hammer_connections, load)
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write(text + "\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
