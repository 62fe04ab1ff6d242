"""Choose the search backend: the database always works; an engine (OpenSearch/Elasticsearch) when configured.

With an engine as the "default" search backend, searches go to the engine and fall back to the database when it
does not answer: connection refused, timeouts, 5xx, failed shards. The database index is kept up to date for
every configured backend by modelsearch, so the answer is the same; the page says where it came from. After a
failure the engine is skipped for `SEARCH_BREAKER_SECONDS` (default 30), so an outage costs one timeout, not one
per request.
"""

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "The search engine is not answering, so these results come from a simpler search. Counts are still exact."
)


class CircuitBreaker:
    """Skip the engine for a while after it failed. One per process; thread-safe."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = 0.0
        self.last_error = ""

    @property
    def seconds(self):
        return float(getattr(settings, "SEARCH_BREAKER_SECONDS", 30))

    def allows(self):
        return time.monotonic() >= self._open_until

    def trip(self, error):
        with self._lock:
            self._open_until = time.monotonic() + self.seconds
            self.last_error = str(error)[:300]

    def reset(self):
        with self._lock:
            self._open_until = 0.0
            self.last_error = ""

    def state(self):
        remaining = self._open_until - time.monotonic()
        return {"open": remaining > 0, "retry_in": round(max(0.0, remaining), 1), "last_error": self.last_error}


breaker = CircuitBreaker()


def with_fallback(engine_call, database_call, what="search"):
    """Run `engine_call()`, or `database_call()` if the engine cannot answer. Returns (result, fell_back)."""
    from .engine import BeyondWindow, EngineBusy, EngineUnavailable, classify

    if not breaker.allows():
        return database_call(), True
    try:
        return engine_call(), False
    except (BeyondWindow, EngineBusy) as error:
        # The database gives the same answer; nothing is wrong with the engine.
        logger.info("%s answered by the database: %s", what, error)
        return database_call(), False
    except Exception as error:
        problem = classify(error)
        if isinstance(problem, EngineUnavailable):
            breaker.trip(problem)
            logger.warning("Search engine unavailable (%s); using the database for %.0f s", problem, breaker.seconds)
        else:
            logger.exception("Search engine error; using the database for this %s", what)
        return database_call(), True


class SearchWithFallback:
    """EngineSearch, or DatabaseSearch (with a notice) when the engine cannot answer."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary

    # The engine counts a spelling correction in the same `_msearch` as the search (search/spelling.py).
    counts_alongside = True

    def run(self, params, offset, limit, also_count=None):
        from .database import DatabaseSearch
        from .engine import EngineSearch

        answer, fell_back = with_fallback(
            lambda: EngineSearch(self.vocabulary).run(params, offset, limit, also_count),
            lambda: DatabaseSearch(self.vocabulary).run(params, offset, limit),
        )
        if fell_back:
            answer.notices = [FALLBACK_NOTICE]
        return answer


def select_backend(vocabulary):
    from .database import DatabaseSearch
    from .engine import engine_configured

    if engine_configured():
        return SearchWithFallback(vocabulary)
    return DatabaseSearch(vocabulary)
