"""The search signature (search/backends/facet_index.py: generation, change log, newest bulk-written ids), read
at most once per web request.

The vocabulary (search/vocabulary.py) and the facet index both follow it, so a search request, the API or a CSV
export makes one cheap query for both, however often they ask. Outside a request (management commands, tests
calling the service directly) every call reads it afresh.
"""

from contextvars import ContextVar

# {} inside a request (filled by the first read), None outside one. A ContextVar rather than a thread-local so that
# an ASGI request's sync view (run in another thread with a copy of the context) shares the request's memo.
_memo = ContextVar("search_signature", default=None)


def request_started(**kwargs):
    _memo.set({})


def request_finished(**kwargs):
    _memo.set(None)


def forget(**kwargs):
    """Something changed the signature during this request (an editor's publish): read it again."""
    memo = _memo.get()
    if memo:
        memo.clear()


def read_signature():
    from .backends.facet_index import _signature

    memo = _memo.get()
    if memo is None:
        return _signature()
    if "signature" not in memo:
        memo["signature"] = _signature()
    return memo["signature"]
