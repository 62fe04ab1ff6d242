"""Search on OpenSearch or Elasticsearch, with the answers of the database backend.

- `client`: the configured backend and its shared connection, `_msearch`, and the typed errors for the fallback.
- `fields`: column names in the indexes.
- `faceted`: `EngineSearch`, one faceted search in one request.
"""

from .client import (
    BeyondWindow,
    EngineBusy,
    EngineError,
    EngineUnavailable,
    backend_label,
    check_engine_client,
    classify,
    engine_backend,
    engine_configured,
)
from .faceted import EngineSearch

__all__ = [
    "BeyondWindow",
    "EngineBusy",
    "EngineError",
    "EngineSearch",
    "EngineUnavailable",
    "backend_label",
    "check_engine_client",
    "classify",
    "engine_backend",
    "engine_configured",
]
