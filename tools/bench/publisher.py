"""The editor of the mixed read/write run: publishes a new revision of one evaluation once a second until stopped.

    python tools/bench/publisher.py           # with the bench's environment (DATABASE_URL, production settings)
    python tools/bench/publisher.py --drafts  # the control: saves a draft revision instead, publishing nothing

Each publish changes the page's title (so its text is re-indexed, as an editor's would be) and goes through
Wagtail's own publish (signals, search re-index, change log). Prints "ready" once the first publish is done, and on
SIGTERM a JSON line: publishes, errors, median and slowest publish in ms.
"""

import json
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INTERVAL_SECONDS = 1.0


def main():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from evidence.models import EvaluationPage

    drafts = "--drafts" in sys.argv[1:]
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    page = EvaluationPage.objects.live().order_by("-pk").first()
    title = page.title
    timings, errors = [], []
    next_at = time.monotonic()
    while not stopping:
        started = time.perf_counter()
        try:
            page = EvaluationPage.objects.get(pk=page.pk)
            page.title = f"{title} (revision {len(timings) + 1})"
            revision = page.save_revision()
            if not drafts:
                revision.publish()
            timings.append((time.perf_counter() - started) * 1000)
        except Exception as error:  # counted and reported: the run goes on
            errors.append(f"{type(error).__name__}: {error}"[:200])
        if len(timings) + len(errors) == 1:
            print("ready", flush=True)
        next_at += INTERVAL_SECONDS
        time.sleep(max(0.0, next_at - time.monotonic()))
    summary = {
        "page": page.pk,
        "publishes": len(timings),
        "errors": errors[:5],
        "error_count": len(errors),
        "median_ms": statistics.median(timings) if timings else None,
        "max_ms": max(timings) if timings else None,
    }
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
