#!/usr/bin/env python3
"""End-to-end check of the test OpenSearch cluster (stdlib only).

    tools/opensearch/verify.py                # 1-node: analyzers, search, aggs
    tools/opensearch/verify.py --fault 2      # 3-node: also KILL node 2, search
                                              # the survivors, restart it

Expects a running cluster started by tools/opensearch/start.sh; reads the
node URLs from SEARCH_URL or from <data>/search.env. Exits non-zero on the
first failed check. Used to verify the setup; see
docs/decisions/0001-opensearch-from-maven.md.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / ".tools" / "opensearch" / "data"
INDEX = "verify-portal"


def call(url, method="GET", body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"FAIL {method} {url}: {exc.code} {exc.read()[:500]!r}") from None


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        sys.exit(1)


def urls_from_env(data_dir):
    line = os.environ.get("SEARCH_URL")
    if not line:
        line = (data_dir / "search.env").read_text().strip().split("=", 1)[1]
    return line.split(",")


def basic(url, replicas):
    call(f"{url}/{INDEX}?ignore_unavailable=true", "DELETE")
    call(
        f"{url}/{INDEX}",
        "PUT",
        {
            "settings": {
                "number_of_shards": 2,
                "number_of_replicas": replicas,
                "analysis": {
                    # The pieces Wagtail's OpenSearch backend uses (analysis-common).
                    "tokenizer": {
                        "edgengram_tokenizer": {
                            "type": "edge_ngram",
                            "min_gram": 1,
                            "max_gram": 15,
                            "token_chars": ["letter", "digit"],
                        }
                    },
                    "filter": {"edgengram": {"type": "edge_ngram", "min_gram": 1, "max_gram": 15}},
                    "analyzer": {
                        "edgengram_analyzer": {
                            "type": "custom",
                            "tokenizer": "lowercase",
                            "filter": ["asciifolding", "edgengram"],
                        },
                        "edgengram_tok": {
                            "type": "custom",
                            "tokenizer": "edgengram_tokenizer",
                            "filter": ["asciifolding", "lowercase"],
                        },
                    },
                },
            },
            "mappings": {
                "properties": {
                    "title": {"type": "text", "analyzer": "edgengram_analyzer", "search_analyzer": "standard"},
                    "framework": {"type": "keyword"},
                }
            },
        },
    )
    tokens = call(f"{url}/{INDEX}/_analyze", "POST", {"analyzer": "edgengram_tok", "text": "Équité"})["tokens"]
    check(
        [t["token"] for t in tokens][:3] == ["e", "eq", "equ"], "edge_ngram + asciifolding + lowercase analyze 'Équité'"
    )
    docs = [
        ("1", "Équité in cancer screening", "core20plus5"),
        ("2", "Deprivation and access", "core20plus5"),
        ("3", "Ethnicity in maternity care", "protected"),
    ]
    for doc_id, title, fw in docs:
        call(f"{url}/{INDEX}/_doc/{doc_id}", "PUT", {"title": title, "framework": fw})
    call(f"{url}/{INDEX}/_refresh", "POST")
    res = call(
        f"{url}/{INDEX}/_search",
        "POST",
        {
            "query": {"match": {"title": "equi"}},  # prefix of 'Équité', accent-folded
            "aggs": {"fw": {"terms": {"field": "framework"}}},
        },
    )
    check([h["_id"] for h in res["hits"]["hits"]] == ["1"], "partial-word search 'equi' finds doc 1")
    res = call(f"{url}/{INDEX}/_search?size=0", "POST", {"aggs": {"fw": {"terms": {"field": "framework"}}}})
    buckets = {b["key"]: b["doc_count"] for b in res["aggregations"]["fw"]["buckets"]}
    check(buckets == {"core20plus5": 2, "protected": 1}, f"terms aggregation {buckets}")


def health(url, params):
    return call(f"{url}/_cluster/health?{params}", timeout=90)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--fault", type=int, metavar="N", help="kill node N (3-node cluster)")
    args = ap.parse_args()
    urls = urls_from_env(args.data)
    print(f"nodes: {urls}")
    replicas = 1 if len(urls) > 1 else 0
    basic(urls[0], replicas)
    for url in urls:
        hits = call(f"{url}/{INDEX}/_count")["count"]
        check(hits == 3, f"{url} counts 3 docs")
    if not args.fault:
        return
    check(len(urls) >= 3, "fault test needs >= 3 nodes")
    h = health(urls[0], f"wait_for_status=green&wait_for_nodes={len(urls)}&timeout=60s")
    check(h["status"] == "green", f"green with 1 replica ({h['number_of_nodes']} nodes)")
    victim = args.fault
    survivors = [u for i, u in enumerate(urls, 1) if i != victim]
    t0 = time.monotonic()
    subprocess.run([str(HERE / "stop.sh"), "--data", str(args.data), "--node", str(victim), "--kill"], check=True)
    for url in survivors:
        res = call(f"{url}/{INDEX}/_search", "POST", {"query": {"match": {"title": "equi"}}})
        check(res["hits"]["total"]["value"] == 1, f"{url} still answers searches after KILL of node {victim}")
    h = health(survivors[0], f"wait_for_nodes={len(urls) - 1}&wait_for_status=yellow&timeout=60s")
    check(
        h["number_of_nodes"] == len(urls) - 1 and h["status"] in ("yellow", "green"),
        f"cluster noticed: {h['number_of_nodes']} nodes, {h['status']} after {time.monotonic() - t0:.1f}s",
    )
    call(
        f"{survivors[0]}/{INDEX}/_doc/4?refresh=true",
        "PUT",
        {"title": "Written while degraded", "framework": "protected"},
    )
    check(call(f"{survivors[1]}/{INDEX}/_count")["count"] == 4, "writes still accepted while degraded")
    t0 = time.monotonic()
    subprocess.run(
        [str(HERE / "start.sh"), "--data", str(args.data), "--node", str(victim)], check=True, stdout=subprocess.DEVNULL
    )
    h = health(urls[0], f"wait_for_status=green&wait_for_nodes={len(urls)}&timeout=60s")
    check(h["status"] == "green", f"node {victim} rejoined, green again after {time.monotonic() - t0:.1f}s")
    check(call(f"{urls[victim - 1]}/{INDEX}/_count")["count"] == 4, "restarted node serves all 4 docs")


if __name__ == "__main__":
    main()
