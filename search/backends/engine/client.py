"""The engine's client: which backend is configured, one shared connection, one `_msearch` call, and the errors
that tell `search.backends.with_fallback` whether to answer from the database."""

import hashlib
import json
import threading

from django.conf import settings
from django.core import checks
from modelsearch.backends import get_search_backend, import_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

# Shard failures of a search that met an index deleted by an alias swap (update_index): nothing is broken.
SWAP_FAILURES = {"search_context_missing_exception", "index_not_found_exception", "index_closed_exception"}
CONNECT_TIMEOUT = 1.0  # seconds; SEARCH_TIMEOUT (the backend's TIMEOUT) bounds the whole answer


class EngineError(Exception):
    """The engine gave no usable answer."""


class EngineUnavailable(EngineError):
    """The engine is down, slow or failing (connection refused, timeout, 5xx, failed shards)."""


class EngineBusy(EngineError):
    """An index alias points at two indexes for a moment (atomic rebuild). Nothing is wrong."""


class BeyondWindow(EngineError):
    """The page asked for lies past the engine's result window."""


def engine_configured():
    """True when the "default" search backend is OpenSearch or Elasticsearch."""
    conf = settings.WAGTAILSEARCH_BACKENDS.get("default", {})
    try:
        backend_class = import_backend(conf.get("BACKEND", ""))
    except ImportError:
        return False
    # The database backend's `SearchBackend` is a function choosing a class by database vendor.
    return isinstance(backend_class, type) and issubclass(backend_class, ElasticsearchBaseSearchBackend)


def backend_label():
    """The configured engine's short name ("opensearch2", "elasticsearch8", ...) or "database"."""
    if not engine_configured():
        return "database"
    return settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].rsplit(".", 1)[-1]


_backends = {}
_backends_lock = threading.Lock()


def engine_backend():
    """modelsearch's "default" backend, built once per process (and per configuration) so connections are reused.

    Searches must not wait long for a node that is gone: one retry (on another node, if there is one) and, with
    opensearch-py, a one-second connect timeout. The read timeout stays SEARCH_TIMEOUT.
    """
    conf = settings.WAGTAILSEARCH_BACKENDS["default"]
    key = repr(conf)
    backend = _backends.get(key)
    if backend is None:
        with _backends_lock:
            backend = _backends.get(key)
            if backend is None:
                options = {**conf.get("OPTIONS", {}), "max_retries": 1}
                extra = {"OPTIONS": options}
                if _is_opensearch_py(conf):
                    from urllib3 import Timeout

                    read = float(conf.get("TIMEOUT", 10))
                    extra["TIMEOUT"] = Timeout(connect=min(CONNECT_TIMEOUT, read), read=read)
                backend = get_search_backend("default", **extra)
                _backends[key] = backend
    return backend


def _is_opensearch_py(conf):
    return conf.get("BACKEND", "").startswith("modelsearch.backends.opensearch")


def classify(error):
    """An exception from the client as EngineUnavailable (worth a circuit breaker) or EngineError."""
    if isinstance(error, EngineError):
        return error
    status = getattr(error, "status_code", None)
    if not isinstance(status, int):
        status = getattr(getattr(error, "meta", None), "status", None)
    if isinstance(status, int) and (status >= 500 or status == 429):
        return EngineUnavailable(f"HTTP {status}: {error}")
    name = type(error).__name__
    if isinstance(error, OSError) or "Connection" in name or "Timeout" in name:
        return EngineUnavailable(f"{name}: {error}")
    return EngineError(f"{name}: {error}")


@checks.register(checks.Tags.compatibility)
def check_engine_client(app_configs=None, **kwargs):
    """modelsearch's opensearch2 backend calls opensearch-py 2.x with positional arguments; 3.x refuses them, so
    nothing could be indexed (the errors are only logged) and every search would fall back to the database."""
    conf = settings.WAGTAILSEARCH_BACKENDS.get("default", {})
    if conf.get("BACKEND") != "modelsearch.backends.opensearch2":
        return []
    try:
        import opensearchpy
    except ImportError:
        return []
    if int(opensearchpy.__versionstr__.split(".")[0]) < 3:
        return []
    return [
        checks.Error(
            f"modelsearch.backends.opensearch2 cannot use opensearch-py {opensearchpy.__versionstr__}.",
            hint="Set SEARCH_BACKEND=opensearch3: it uses opensearch-py 3 and talks to OpenSearch 2.x servers too.",
            id="portal_search.E001",
        )
    ]


def msearch(backend, searches):
    """One HTTP request: [(index name, body), ...] -> [response, ...]. Raises EngineError subclasses."""
    lines = []
    for index_name, body in searches:
        # The same search goes to the same shard copies (while they are up), so its relevance order, and
        # paging through it, does not change with the copy that happens to answer.
        preference = hashlib.blake2b(json.dumps(body["query"], sort_keys=True).encode(), digest_size=8)
        # request_cache: a repeated search is answered from each shard's request cache, which OpenSearch
        # empties whenever the shard changes (a refresh), so answers are never stale.
        lines += [{"index": index_name, "preference": preference.hexdigest(), "request_cache": True}, body]
    es = backend.es
    try:
        if backend.use_new_elasticsearch_api:
            response = es.options(max_retries=1).msearch(searches=lines)
        else:
            response = es.msearch(body=lines)
    except Exception as error:
        raise classify(error) from error
    results = []
    for item in response["responses"]:
        if "error" in item:
            status = item.get("status", 0)
            error_type = item["error"].get("type", "") if isinstance(item["error"], dict) else item["error"]
            if status >= 500 or status == 429:
                raise EngineUnavailable(f"HTTP {status}: {error_type}")
            raise EngineError(f"HTTP {status}: {error_type}")
        shards = item.get("_shards", {})
        # More than one index behind one alias: `update_index` is swapping the old index for the new one, and
        # the hits and counts may be doubled. Every hit names its index, and so does every failed shard.
        two_indexes = len(indexes_met(item)) > 1
        if shards.get("failed"):
            reasons = {failure.get("reason", {}).get("type") for failure in shards.get("failures", [])}
            if two_indexes or (reasons and reasons <= SWAP_FAILURES):
                # The alias covered the old and the new index, and the old one was deleted under the search.
                raise EngineBusy(f"an index went away during the search: {sorted(map(str, reasons))}")
            raise EngineUnavailable(f"partial answer: {shards}")
        if item.get("timed_out"):
            raise EngineUnavailable("the engine timed out")
        if two_indexes:
            raise EngineBusy("an alias points at more than one index")
        results.append(item)
    return results


def indexes_met(item):
    """The indexes one search of an `_msearch` read: its hits', its failed shards' and its `indexes` buckets."""
    met = {hit.get("_index") for hit in item.get("hits", {}).get("hits", [])}
    met |= {failure.get("index") for failure in item.get("_shards", {}).get("failures", [])}
    met |= {bucket["key"] for bucket in item.get("aggregations", {}).get("indexes", {}).get("buckets", [])}
    met.discard(None)
    return met
