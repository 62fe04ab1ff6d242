"""The mixed read/write run: the faceted search measured read-only, then again while a separate process (the
editor, publisher.py) publishes a page revision once a second, then again while it only saves a draft revision
once a second (the control: the same editor's work on the same CPUs, but nothing public changes). All phases send
the same requests to the same gunicorn, one after the other."""

import json
import subprocess
import sys
import time

from plan import ROOT, log
from serve import measure

PUBLISHER = ROOT / "tools" / "bench" / "publisher.py"


def with_editor(port, env, path, phase, *args):
    """The phase's requests while publisher.py runs (with `args`); returns (latency row, the editor's summary)."""
    publisher = subprocess.Popen(
        [sys.executable, str(PUBLISHER), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready = publisher.stdout.readline().strip()
        if ready != "ready":
            raise RuntimeError(f"publisher did not start: {ready!r} {publisher.stderr.read()[-2000:]}")
        started = time.monotonic()
        row = measure(port, path, phase)
        seconds = time.monotonic() - started
    finally:
        publisher.terminate()
        output, errors = publisher.communicate(timeout=60)
    lines = [line for line in output.splitlines() if line.startswith("{")]
    editor = json.loads(lines[-1]) if lines else {"publishes": 0, "error_count": 1, "errors": [errors[-300:]]}
    editor["seconds"] = seconds
    return row, editor


def run_mixed(port, env, path, cfg):
    phase = dict(cfg, requests=cfg["mixed_requests"], max_seconds=max(cfg["max_seconds"], 300))
    read_only = measure(port, path, phase)
    publishing, editor = with_editor(port, env, path, phase)
    drafting, drafts = with_editor(port, env, path, phase, "--drafts")
    log(
        f"mixed: read-only p95 {read_only['p95']:.1f} ms, while publishing p95 {publishing['p95']:.1f} ms "
        f"({editor['publishes']} publishes, {editor['error_count']} errors), while saving drafts "
        f"p95 {drafting['p95']:.1f} ms"
    )
    return {
        "path": path,
        "read_only": read_only,
        "publishing": publishing,
        "editor": editor,
        "drafting": drafting,
        "drafts": drafts,
    }
