"""Uploads (original images, renditions, documents) on the local disk: what a backup copies and a restore puts back."""

import shutil
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import CommandError


def media_root():
    """The folder the default storage keeps uploads in; a CommandError when uploads are not on this disk."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise CommandError(
            f"Uploads are kept by {type(storage).__name__}, not in a folder on this machine: back them up with that "
            "service and pass --skip-media."
        )
    return Path(storage.location)


def put_back(unpacked, root):
    """Copy the archive's media/ folder into root, over files of the same name; other files are left alone."""
    source = Path(unpacked) / "media"
    count = 0
    if not source.is_dir():
        return count
    for path in sorted(source.rglob("*")):
        if path.is_file():
            target = Path(root) / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            count += 1
    return count
