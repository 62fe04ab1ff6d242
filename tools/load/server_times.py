"""Time spent in the server per request, from gunicorn's access log in the format tools/load/run.sh sets
(`load-access METHOD PATH STATUS MILLISECONDS`: from request read to response written). What a client sees on top
of this is the wait for a free worker.

    python tools/load/server_times.py serve.log
"""

import statistics
import sys
from collections import defaultdict

GROUPS = (  # first match wins
    ("/healthz", None),
    ("/search/export.csv", "csv"),
    ("/evidence-map", "evidence map"),
    ("/search/", "search"),
    ("/api/", "api"),
    ("/", "pages"),
)


def group_of(path):
    return next(group for prefix, group in GROUPS if path.startswith(prefix))


def main(logfile):
    times = defaultdict(list)
    with open(logfile, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if not line.startswith("load-access "):
                continue
            _mark, _method, path, _status, ms = line.split()
            group = group_of(path)
            if group:
                times[group].append(int(ms))
                times["all"].append(int(ms))
    print("| Server time (ms) | Requests | p50 | p95 | p99 |")
    print("|---|---:|---:|---:|---:|")
    for group in ("pages", "search", "api", "evidence map", "csv", "all"):
        values = sorted(times.get(group, []))
        if len(values) > 1:
            cuts = statistics.quantiles(values, n=100, method="inclusive")
            print(f"| {group} | {len(values)} | {cuts[49]:.0f} | {cuts[94]:.0f} | {cuts[98]:.0f} |")


if __name__ == "__main__":
    main(sys.argv[1])
