"""What a backup says about itself, and the checks a restore makes against the running code."""

import platform
import subprocess
import tomllib
from importlib.metadata import version

from django.conf import settings
from django.core.management.base import CommandError
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from backups import archive


def describe(conn):
    """The manifest's fields except the file list, for the database behind `conn`."""
    applied = {}
    for app, name in sorted(MigrationRecorder(conn).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return {
        "format": archive.FORMAT,
        "format_version": archive.FORMAT_VERSION,
        "created": timezone.now().isoformat(timespec="seconds"),
        "portal_version": portal_version(),
        "git_commit": git_commit(),
        "django": version("django"),
        "wagtail": version("wagtail"),
        "python": platform.python_version(),
        "database_vendor": conn.vendor,
        "migrations": applied,
    }


def portal_version():
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def git_commit():
    """The checked-out commit, when the code is a git working tree (a deployment from a package has none)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def check_restorable(manifest, conn):
    """Refuse a backup of another database vendor, or one made by newer code (migrations this code lacks)."""
    vendor = manifest.get("database_vendor")
    if vendor != conn.vendor:
        raise CommandError(
            f"This backup is of a {vendor} database; this installation uses {conn.vendor}. "
            f"Restore it into a {vendor} installation (set DATABASE_URL)."
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    recorded = manifest.get("migrations")
    if not isinstance(recorded, dict):
        raise CommandError("This backup's manifest lists no migrations: it was not made by manage.py backup.")
    # Apps this code no longer installs are left out: their tables are restored and simply unused.
    unknown = [
        f"{app}.{name}"
        for app, names in recorded.items()
        if app in loader.migrated_apps
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise CommandError(
            f"This backup was made by newer code (migrations this installation does not have: {shown}). "
            "Install the version it was made with (manifest: portal_version, git_commit), then restore."
        )
