"""SQLite only: a full-text index with English stemming beside modelsearch's own (docs/decisions/0006-stemmed-text.md).

modelsearch's FTS5 table has no stemmer ("vaccinations" never finds "vaccination"), and it serves Wagtail's admin
search and choosers too, so it is left as it is. This external-content FTS5 table reads the same rows
(wagtailsearch_indexentry: title, body) through triggers, with the Porter stemmer, for the portal's search.
PostgreSQL stems already (its English text search configuration); the engine uses an English analyzer.
"""

from django.db import migrations

# ruff: noqa: S608  (table names come from model metadata and constants, never from input)

TABLE = "search_stemmed_text"


def statements(entries):
    columns = "title, body"
    old = "old.title, old.body"
    new = "new.title, new.body"
    return [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5({columns}, content='{entries}', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON {entries} BEGIN "
        f"INSERT INTO {TABLE}(rowid, {columns}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON {entries} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, {columns}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON {entries} BEGIN "
        f"INSERT INTO {TABLE}({TABLE}, rowid, {columns}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {TABLE}(rowid, {columns}) VALUES (new.id, {new}); END",
        f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",  # what is indexed already
    ]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from modelsearch.backends.database.sqlite.utils import fts5_available

    if not fts5_available():
        return
    entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    for sql in statements(entries):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0001_search_generation"),
        ("wagtailsearch", "0010_add_text_fields"),  # modelsearch's IndexEntry, as Wagtail installs it
    ]

    operations = [migrations.RunPython(create, drop)]
