"""manage.py restore ARCHIVE [--force] [--skip-media] [--skip-index]: put a backup back, then rebuild search."""

import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from backups import archive, database, manifest, media

HELP = """Restore an archive made by manage.py backup into this installation: checks every file against the
manifest's SHA-256, refuses another database vendor, a backup made by newer code, or a database that already holds
content (unless --force), then replaces the database, copies the uploads into MEDIA_ROOT, applies any newer
migrations, empties the caches and rebuilds the search index (update_index). Stop the web processes first."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a backup-YYYYmmdd-HHMMSS.tar.gz file")
        parser.add_argument("--force", action="store_true", help="replace a database that already holds content")
        parser.add_argument("--skip-media", action="store_true", help="leave the uploads in the archive unrestored")
        parser.add_argument("--skip-index", action="store_true", help="do not run update_index afterwards")

    def handle(self, *args, **options):
        started = time.monotonic()
        path = options["archive"]
        conn = database.connection()
        root = None if options["skip_media"] else media.media_root()
        with archive.scratch_folder() as scratch:
            described = archive.extract(path, scratch)
            manifest.check_restorable(described, conn)
            held = database.content_counts()
            if held and not options["force"]:
                listed = ", ".join(f"{count} {label}" for label, count in held.items())
                raise CommandError(
                    f"This database already holds content ({listed}). A restore replaces all of it: "
                    "run again with --force to do so."
                )
            database.load(Path(scratch) / database.archive_name(conn.vendor))
            restored = 0 if root is None else media.put_back(scratch, root)
        try:
            call_command("migrate", interactive=False, verbosity=0)  # a backup from older code gains the newer schema
        except DatabaseError as error:
            raise CommandError(f"The database was restored, but migrating it failed: {error}") from error
        self.empty_caches()
        if not options["skip_index"]:
            call_command("update_index", verbosity=0)
        self.stdout.write(
            f"Restored the {conn.vendor} database and {restored} media files from {path} "
            f"(made {described.get('created')}) in {time.monotonic() - started:.1f} s."
        )

    def empty_caches(self):
        # Cached pages are keyed by a content generation the restored database may share with the old one.
        for alias in settings.CACHES:
            try:
                caches[alias].clear()
            except Exception as error:  # a cache that is down must not undo a finished restore
                self.stderr.write(f"Could not empty the {alias!r} cache ({error}): empty it by hand.")
