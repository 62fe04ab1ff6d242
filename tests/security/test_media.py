"""/media/ serves uploaded images from default_storage (the tests' InMemoryStorage), and never documents:
a document in a restricted collection is only served by Wagtail's view, which checks collection privacy."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from devdata.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_an_original_image_and_its_rendition_are_served(client):
    image = ImageFactory(title="Waiting room")
    rendition = image.get_rendition("width-400")

    original = client.get(image.file.url)
    assert original.status_code == 200
    assert original["Content-Type"] == "image/png"
    assert b"".join(original.streaming_content) == image.file.open("rb").read()

    resized = client.get(rendition.url)
    assert resized.status_code == 200
    assert resized["Content-Type"].startswith("image/")


@pytest.fixture
def restricted_document():
    collection = Collection.get_first_root_node().add_child(name="Internal papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="secret"
    )
    return Document.objects.create(
        title="Internal paper", collection=collection, file=ContentFile(b"internal words", name="paper.pdf")
    )


def test_a_document_is_never_served_from_media(client, restricted_document):
    assert restricted_document.file.name.startswith("documents/")
    assert client.get(f"/media/{restricted_document.file.name}").status_code == 404
    # Wagtail's own view asks for the collection's password instead.
    served = client.get(restricted_document.url)
    assert b"internal words" not in b"".join(getattr(served, "streaming_content", [served.content]))


@pytest.mark.parametrize(
    "path",
    [
        "images/../documents/paper.pdf",
        "original_images/../documents/paper.pdf",
        "images//paper.png",
        "./images/paper.png",
        "images/picture.svg",
        "images/notes.txt",
        "images/missing.png",
        "images",
        "documents/paper.pdf",
        "original_images/%2e%2e/documents/paper.pdf",
    ],
)
def test_anything_else_is_not_found(client, path):
    default_storage.save("documents/paper.pdf", ContentFile(b"internal words"))
    default_storage.save("images/picture.svg", ContentFile(b"<svg onload='alert(1)'/>"))
    default_storage.save("images/notes.txt", ContentFile(b"notes"))
    assert client.get(f"/media/{path}").status_code == 404


def test_only_get_and_head(client):
    image = ImageFactory(title="Waiting room")
    assert client.head(image.file.url).status_code == 200
    assert client.post(image.file.url).status_code == 405
