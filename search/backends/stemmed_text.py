"""The SQLite full-text index with English stemming (search/migrations/0002_stemmed_text.py,
docs/decisions/0006-stemmed-text.md): its table, found once per process, and the MATCH expression for it."""

from functools import cache

from django.db import connection

TABLE = "search_stemmed_text"


@cache
def _exists(alias):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE])
        return cursor.fetchone() is not None


def stemmed_table():
    """The table's name on SQLite once migrated; None elsewhere (PostgreSQL stems with its own configuration)."""
    if connection.vendor != "sqlite":
        return None
    return TABLE if _exists(connection.settings_dict["NAME"]) else None


def match_expression(terms):
    """Every term, each as a quoted string (so no word is read as FTS5 syntax), stemmed by the table's tokenizer."""
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)
