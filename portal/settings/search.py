"""Search backend selection from the environment.

Unset SEARCH_URL: Wagtail's database backend (SQLite FTS5 or PostgreSQL full text).
SEARCH_URL=http://host:9200[,http://host2:9200] with SEARCH_BACKEND picks an engine backend.
"""

ENGINE_BACKENDS = {
    "opensearch2": "modelsearch.backends.opensearch2",
    "opensearch3": "modelsearch.backends.opensearch3",
    "elasticsearch8": "modelsearch.backends.elasticsearch8",
    "elasticsearch9": "modelsearch.backends.elasticsearch9",
}


def default_engine():
    """opensearch2 needs opensearch-py 2.x; with the pinned 3.x client use opensearch3 (it serves OpenSearch 2.x)."""
    try:
        from importlib.metadata import version

        major = int(version("opensearch-py").split(".")[0])
    except (ImportError, ValueError):  # no client installed: keep the documented name
        return "opensearch2"
    return "opensearch3" if major >= 3 else "opensearch2"


def search_backends(environ):
    urls = [url.strip() for url in environ.get("SEARCH_URL", "").split(",") if url.strip()]
    database = {"BACKEND": "wagtail.search.backends.database"}
    if not urls:
        return {"default": database}
    name = environ.get("SEARCH_BACKEND") or default_engine()
    if name not in ENGINE_BACKENDS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"SEARCH_BACKEND must be one of {sorted(ENGINE_BACKENDS)}, not {name!r}")
    return {
        "default": {
            "BACKEND": ENGINE_BACKENDS[name],
            "URLS": urls,
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "portal_"),
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
            "INDEX_SETTINGS": {
                "settings": {
                    "index": {
                        "number_of_shards": int(environ.get("SEARCH_SHARDS", "1")),
                        "number_of_replicas": int(environ.get("SEARCH_REPLICAS", "0")),
                    },
                    # Text fields without an analyzer of their own use "default": English stemming, as the
                    # database backends (SQLite's stemmed index, PostgreSQL's English configuration).
                    "analysis": {"analyzer": {"default": {"type": "english"}}},
                }
            },
        },
        # Kept so the portal can fall back to the database when the engine is unreachable.
        "database": database,
    }


def breaker_seconds(environ):
    """SEARCH_BREAKER_SECONDS: how long searches skip an engine that just failed (search/backends/__init__.py)."""
    raw = environ.get("SEARCH_BREAKER_SECONDS", "30")
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1
    if seconds < 0:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"SEARCH_BREAKER_SECONDS must be a number of seconds (0 or more), not {raw!r}")
    return seconds
