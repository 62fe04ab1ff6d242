"""The search signature (the generation, the change log, the newest bulk-written ids), read at most once per web
request.

The vocabulary (search/vocabulary.py) and the facet index both follow it, so a search request, the API or a CSV
export makes one cheap query for both, however often they ask. Outside a request (management commands, tests
calling the service directly) every call reads it afresh.
"""

from contextvars import ContextVar

from django.db import connection
from wagtail.models import Page

from evidence.models import PageEquityDimension, PagePlace, PageService
from search.models import GENERATION_ROW, SearchGeneration

# Tables that bulk writers (generate_evaluations, factories) fill without a signal: their newest ids are part of
# the signature, and the facet index reads what was added to them.
TAG_MODELS = (PageService, PageEquityDimension, PagePlace)

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


def current_signature():
    """One cheap query: the generation, the change log's newest id, and the newest ids of the tables that
    bulk writers (generate_evaluations, factories) fill without a signal: a live page, taxonomy links."""
    # Only table names from the models' own metadata are put into the SQL; values are parameters.
    table = SearchGeneration._meta.db_table
    parts = [
        f"(SELECT value FROM {table} WHERE id = %s)",  # noqa: S608
        f"(SELECT MAX(id) FROM {table})",  # noqa: S608
        f"(SELECT id FROM {Page._meta.db_table} WHERE live = %s ORDER BY id DESC LIMIT 1)",  # noqa: S608
        *(f"(SELECT MAX(id) FROM {model._meta.db_table})" for model in TAG_MODELS),  # noqa: S608
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), [GENERATION_ROW, True])
        generation, *rest = cursor.fetchone()
    return (connection.settings_dict["NAME"], generation, *(value or 0 for value in rest))


def read_signature():
    memo = _memo.get()
    if memo is None:
        return current_signature()
    if "signature" not in memo:
        memo["signature"] = current_signature()
    return memo["signature"]
