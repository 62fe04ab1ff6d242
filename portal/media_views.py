"""Uploaded images served by Django where nothing else serves media (SERVE_MEDIA: `make serve`, tests).

Only Wagtail's image folders are served, never documents: a document may sit in a privacy-restricted
collection, and only Wagtail's `/documents/<id>/<name>` view checks that. Files are read from
`default_storage`, so this works with any storage (the tests use InMemoryStorage).
"""

import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

# Wagtail writes originals to original_images/ and renditions to images/ (wagtail.images.models).
IMAGE_FOLDERS = ("original_images", "images")
# Raster formats only: an SVG from our own origin could run script.
IMAGE_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
IMAGE_MAX_AGE = 3600


def image_path(path):
    """The storage name for a requested media path, or None if it is not an image in an image folder."""
    if "\\" in path or "\x00" in path:
        return None
    name = posixpath.normpath(path)
    folder, _, rest = name.partition("/")
    if folder not in IMAGE_FOLDERS or not rest or name != path:
        return None  # also refuses "..", "//" and "./" tricks: normpath changed the path
    if posixpath.splitext(name)[1].lower() not in IMAGE_TYPES:
        return None
    return name


@require_safe
def serve_image(request, path):
    name = image_path(path)
    if name is None:
        raise Http404("Not an image")
    try:
        file = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError, ValueError) as error:
        raise Http404("No such image") from error
    response = FileResponse(file, content_type=IMAGE_TYPES[posixpath.splitext(name)[1].lower()])
    patch_cache_control(response, public=True, max_age=IMAGE_MAX_AGE)
    return response
