"""Bad input to backup and restore gets a clear CommandError before anything is changed, never a traceback."""

import io
import json
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

# transaction=True: SQLite cannot copy a database while this connection holds a test transaction open on it.
# serialized_rollback: a plain transactional flush re-creates content types, which the next test that restores the
# migrated data (the browser tests) would then insert twice.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def backup(tmp_path):
    """A real archive of the (empty, migrated) test database, made by the command."""
    call_command("backup", "--output-dir", str(tmp_path), "--skip-media", stdout=io.StringIO())
    [archive] = tmp_path.glob("backup-*.tar.gz")
    return archive


def rewrite(archive, target, change_manifest=None, change_member=None, extra=()):
    """Copy archive to target, altering its manifest or one member's bytes, or adding members."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and change_manifest:
                manifest = json.loads(data)
                change_manifest(manifest)
                data = json.dumps(manifest).encode()
            elif change_member and member.name == change_member:
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
        for member, data in extra:
            out.addfile(member, io.BytesIO(data))
    return target


def restore(path, *args):
    call_command("restore", str(path), *args, stdout=io.StringIO())


def test_the_backup_lists_every_file_with_its_checksum(backup):
    with tarfile.open(backup) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["format"] == "equity-evidence-portal-backup" and manifest["database_vendor"] == "sqlite"
    assert [entry["path"] for entry in manifest["files"]] == ["database/db.sqlite3"]
    assert len(manifest["files"][0]["sha256"]) == 64 and manifest["files"][0]["size"] > 0
    assert names == {"database/db.sqlite3", "manifest.json"}
    assert "evidence" in manifest["migrations"]


def test_backup_refuses_a_missing_folder_and_uploads_it_cannot_read(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", "--output-dir", str(tmp_path / "nowhere"))
    # The suite keeps uploads in memory: a backup must say it cannot copy them rather than skip them silently.
    with pytest.raises(CommandError, match="--skip-media"):
        call_command("backup", "--output-dir", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No backup archive"):
        restore(tmp_path / "backup-20250101-000000.tar.gz", "--skip-media")


@pytest.mark.parametrize("content", [b"", b"not an archive at all", b"\x1f\x8b\x08\x00garbage"])
def test_restore_refuses_what_is_not_an_archive(tmp_path, content):
    path = tmp_path / "backup.tar.gz"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="cannot be read as a backup archive"):
        restore(path, "--skip-media")


def test_restore_refuses_a_truncated_archive(backup, tmp_path):
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    with pytest.raises(CommandError, match="cannot be read as a backup archive"):
        restore(path, "--skip-media")


def test_restore_refuses_a_file_that_does_not_match_its_checksum(backup, tmp_path):
    damaged = rewrite(backup, tmp_path / "damaged.tar.gz", change_member="database/db.sqlite3")
    with pytest.raises(CommandError, match="does not match its manifest checksum"):
        restore(damaged, "--skip-media")


def test_restore_refuses_files_the_manifest_does_not_list(backup, tmp_path):
    stowaway = tarfile.TarInfo("media/original_images/extra.png")
    stowaway.size = 3
    added = rewrite(backup, tmp_path / "added.tar.gz", extra=[(stowaway, b"png")])
    with pytest.raises(CommandError, match="does not list"):
        restore(added, "--skip-media")


def test_restore_refuses_links_and_paths_outside_the_archive(backup, tmp_path):
    link = tarfile.TarInfo("media/passwd")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    with pytest.raises(CommandError, match="not a plain file"):
        restore(rewrite(backup, tmp_path / "link.tar.gz", extra=[(link, b"")]), "--skip-media")
    escape = tarfile.TarInfo("../escaped.txt")
    escape.size = 1
    with pytest.raises(CommandError, match="cannot be read as a backup archive"):
        restore(rewrite(backup, tmp_path / "escape.tar.gz", extra=[(escape, b"x")]), "--skip-media")
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_restore_refuses_an_archive_without_our_manifest(tmp_path):
    path = tmp_path / "other.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("database/db.sqlite3")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"data"))
    with pytest.raises(CommandError, match=r"no readable manifest\.json"):
        restore(path, "--skip-media")


def test_restore_refuses_another_database_vendor(backup, tmp_path):
    other = rewrite(backup, tmp_path / "pg.tar.gz", change_manifest=lambda m: m.update(database_vendor="postgresql"))
    with pytest.raises(CommandError, match="backup is of a postgresql database; this installation uses sqlite"):
        restore(other, "--skip-media")


def test_restore_refuses_a_backup_made_by_newer_code(backup, tmp_path):
    newer = rewrite(
        backup, tmp_path / "newer.tar.gz", change_manifest=lambda m: m["migrations"]["evidence"].append("9999_future")
    )
    with pytest.raises(CommandError, match=r"newer code .*evidence\.9999_future"):
        restore(newer, "--skip-media")


def test_restore_refuses_a_database_that_holds_content(backup):
    get_user_model().objects.create_user("keeper", password="pw")
    with pytest.raises(CommandError, match=r"already holds content \(1 user accounts\).*--force"):
        restore(backup, "--skip-media")
    assert get_user_model().objects.filter(username="keeper").exists()
