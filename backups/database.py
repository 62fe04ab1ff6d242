"""Copy the database to a file and back, consistently while the site runs.

SQLite: the online backup API (sqlite3.Connection.backup) from Django's own connection: one consistent snapshot
that includes what is still in the -wal file, while readers and writers carry on. A restore runs the same API the
other way, into Django's connection, so SQLite itself replaces every page (the -wal file included).
PostgreSQL: pg_dump --format=custom (one snapshot transaction) and pg_restore --clean in a single transaction.
"""

import glob
import os
import re
import shutil
import sqlite3
import subprocess

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.client import DatabaseClient

# Where the database is kept inside an archive, per vendor.
ARCHIVE_NAMES = {"sqlite": "database/db.sqlite3", "postgresql": "database/portal.dump"}

# Rows that a freshly migrated installation does not have: any of them means the database holds someone's work.
CONTENT_TABLES = {
    "auth_user": "user accounts",
    "wagtailcore_revision": "revisions",
    "wagtailimages_image": "images",
    "wagtaildocs_document": "documents",
    "evidence_service": "services",
}


def connection(alias=DEFAULT_DB_ALIAS):
    return connections[alias]


def archive_name(vendor):
    if vendor not in ARCHIVE_NAMES:
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return ARCHIVE_NAMES[vendor]


def dump(target, alias=DEFAULT_DB_ALIAS):
    """Write a consistent copy of the database to the file `target`."""
    conn = connection(alias)
    archive_name(conn.vendor)
    if conn.vendor == "sqlite":
        if conn.in_atomic_block:  # SQLite's backup would wait forever for this connection's own transaction
            raise CommandError("Run the backup outside a database transaction.")
        conn.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            conn.connection.backup(copy)  # one step: a single read snapshot of the live database
        finally:
            copy.close()
    else:
        run_pg_tool(conn, "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])


def load(source, alias=DEFAULT_DB_ALIAS):
    """Replace the whole database with the copy in the file `source`."""
    conn = connection(alias)
    if conn.vendor == "sqlite":
        conn.close()
        conn.ensure_connection()
        copy = sqlite3.connect(source)
        try:
            copy.backup(conn.connection)
        except sqlite3.Error as error:
            raise CommandError(f"SQLite refused the restored database: {error}") from error
        finally:
            copy.close()
            conn.close()  # the next query reads the restored schema afresh
    else:
        conn.close()  # pg_restore --clean drops tables: no open transaction of ours may hold them
        run_pg_tool(
            conn,
            "pg_restore",
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"],
            dbname_flag=True,
            trailing=[str(source)],
        )


def content_counts(alias=DEFAULT_DB_ALIAS):
    """What this database holds beyond a fresh `migrate`: {"user accounts": 3, ...}, empty when nothing."""
    conn = connection(alias)
    present = set(conn.introspection.table_names())
    counts = {}
    with conn.cursor() as cursor:
        for table, label in CONTENT_TABLES.items():
            if table in present:
                cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608 (constant names)
                count = cursor.fetchone()[0]
                if count:
                    counts[label] = count
    return counts


def pg_tool(name):
    """The newest installed PostgreSQL client tool (a dump restores only with a pg_restore at least as new as the
    pg_dump that wrote it, and pg_dump must be at least as new as the server)."""
    found = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")  # Debian's layout, one folder per major version
    found.sort(key=lambda path: int(re.search(r"/postgresql/(\d+)/", path).group(1)))
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path:
        return on_path
    raise CommandError(f"{name} was not found: install the PostgreSQL client tools (Debian: postgresql-client).")


def run_pg_tool(conn, name, options, dbname_flag=False, trailing=()):
    # Django's own psql arguments and environment (host, port, user, password, SSL options); only the tool differs.
    params = [*options, "--dbname"] if dbname_flag else options
    args, env = DatabaseClient.settings_to_cmd_args_env(conn.settings_dict, params)
    args = [pg_tool(name), *args[1:], *trailing]
    result = subprocess.run(args, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CommandError(f"{name} failed (exit {result.returncode}): {result.stderr.strip()[-2000:]}")
