"""manage.py backup [--output-dir DIR] [--skip-media]: the database and uploads in one dated archive."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from backups import archive, database, manifest, media

HELP = """Write backup-YYYYmmdd-HHMMSS.tar.gz (UTC) holding a consistent copy of the database (SQLite's online
backup API, or pg_dump on PostgreSQL), every upload under MEDIA_ROOT and manifest.json (versions, database vendor,
migrations, size and SHA-256 of every file). Safe while the site runs. Restore it with manage.py restore."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=".", help="folder the archive is written to (default: here)")
        parser.add_argument(
            "--skip-media", action="store_true", help="leave uploads out (when a storage service keeps them)"
        )

    def handle(self, *args, output_dir, skip_media, **options):
        started = time.monotonic()
        folder = Path(output_dir)
        if not folder.is_dir():
            raise CommandError(f"The output folder {folder} does not exist.")
        target = folder / f"backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        if target.exists():
            raise CommandError(f"{target} already exists: wait a second and run again.")
        conn = database.connection()
        db_name = database.archive_name(conn.vendor)
        uploads = [] if skip_media else archive.media_files(media.media_root())
        described = manifest.describe(conn)
        with archive.scratch_folder() as scratch:
            copy = Path(scratch) / Path(db_name).name
            database.dump(copy)  # first: every upload the copy names already exists on disk
            try:
                written = archive.write(target, [(db_name, copy), *uploads], described)
            except OSError as error:
                raise CommandError(f"Could not write {target}: {error}") from error
        media_count = sum(1 for entry in written["files"] if entry["path"].startswith("media/"))
        self.stdout.write(
            f"Backed up the {conn.vendor} database and {media_count} media files to {target} "
            f"({target.stat().st_size / 1e6:.1f} MB) in {time.monotonic() - started:.1f} s."
        )
