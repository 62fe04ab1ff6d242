"""One backup = one .tar.gz: the database copy under database/, uploads under media/, and manifest.json
(versions, database vendor, applied migrations, and every file's size and SHA-256, checked before a restore)."""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
import zlib
from pathlib import Path

from django.core.management.base import CommandError

MANIFEST = "manifest.json"
FORMAT = "equity-evidence-portal-backup"
FORMAT_VERSION = 1
CHUNK = 1024 * 1024


class _Hashing:
    """A file wrapper that hashes what tarfile reads from it, so each file is read once."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def media_files(media_root):
    """(archive name, path) of every regular file under media_root, in a stable order."""
    root = Path(media_root)
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append(("media/" + path.relative_to(root).as_posix(), path))
    return found


def write(target, members, manifest):
    """Write (archive name, path) members and the manifest (with their sizes and checksums) to target.

    The archive is written under a temporary name and renamed when complete: a backup that stopped half way never
    looks like a backup."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    files = []
    try:
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:  # gzip -6: most of -9's saving, far faster
            for arcname, path in members:
                try:
                    info = tar.gettarinfo(name=str(path), arcname=arcname)
                    with open(path, "rb") as source:
                        hashing = _Hashing(source)
                        tar.addfile(info, hashing)
                except FileNotFoundError:
                    continue  # an upload deleted while the backup ran: the database copy may still name it
                files.append({"path": arcname, "size": hashing.size, "sha256": hashing.sha256.hexdigest()})
            manifest = {**manifest, "files": files}
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(time.time())
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def extract(archive, into):
    """Unpack archive into the folder `into` and return its verified manifest; a CommandError on anything wrong."""
    archive = Path(archive)
    if not archive.is_file():
        raise CommandError(f"No backup archive at {archive}.")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                if not (member.isfile() or member.isdir()):
                    raise CommandError(f"{archive} holds {member.name!r}, which is not a plain file: not a backup.")
            tar.extractall(into, members=members, filter="data")  # refuses absolute paths and '..'
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        message = f"{archive} cannot be read as a backup archive (damaged, or not a .tar.gz): {error}"
        raise CommandError(message) from error
    return verify(Path(into), archive)


def verify(folder, archive):
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{archive} has no readable {MANIFEST}: not a backup made by manage.py backup.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CommandError(f"{archive} was not made by manage.py backup (its {MANIFEST} is not ours).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise CommandError(f"{archive} is backup format {manifest.get('format_version')!r}; this portal reads 1.")
    listed = {}
    try:
        for entry in manifest.get("files") or []:
            name = entry["path"]
            path = folder / name
            if not path.resolve().is_relative_to(folder.resolve()) or not path.is_file():
                raise CommandError(f"{archive} is missing {name}, which its manifest lists.")
            if checksum(path) != (entry["size"], entry["sha256"]):
                raise CommandError(f"{name} in {archive} does not match its manifest checksum: the archive is damaged.")
            listed[name] = entry
    except (KeyError, TypeError) as error:
        raise CommandError(f"{archive} has a malformed {MANIFEST} ({error!r}).") from error
    for path in folder.rglob("*"):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name != MANIFEST and name not in listed:
            raise CommandError(f"{archive} holds {name}, which its manifest does not list: refusing to restore it.")
    return manifest


def checksum(path):
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def scratch_folder():
    """A private folder for a database copy or an unpacked archive (TMPDIR chooses where)."""
    return tempfile.TemporaryDirectory(prefix="portal-backup-")
