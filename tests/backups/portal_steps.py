"""Steps run inside `manage.py shell -c` by the round-trip test: what an editor, an adviser and a reader add to a
demo portal beyond load_demo_content, and what a reader gets back from it afterwards."""

import hashlib
import json

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Comment, WorkflowState

from evidence.demo_pictures import drawn_image_file
from evidence.models import PlainLanguageSummaryPage, SummaryCoAuthor
from feedback.models import PageFeedback

RENDITION = "fill-320x180"
QUERIES = ["carers", "interpreters", "waiting lists", "blood pressure", "type=glossary-term&q=deprivation"]


def populate():
    """An uploaded image with a rendition, a document, page feedback, a comment and a running workflow."""
    adviser = get_user_model().objects.get(username="adviser")
    image = get_image_model().objects.create(
        title="Round trip picture",
        file=drawn_image_file("Round trip", name="round-trip.png"),
        collection=Collection.get_first_root_node(),
    )
    image.get_rendition(RENDITION)
    get_document_model().objects.create(
        title="Round trip report", file=ContentFile(b"%PDF-1.4\n% round trip report\n", name="round-trip-report.pdf")
    )
    credited = SummaryCoAuthor.objects.filter(user=adviser).values_list("page_id", flat=True)
    summary = PlainLanguageSummaryPage.objects.live().filter(pk__in=credited).order_by("pk").first()
    PageFeedback.objects.create(page=summary, page_url=summary.url, helpful=False, comment="Round trip feedback")
    revision = summary.save_revision(user=adviser)
    Comment.objects.create(
        page=summary, user=adviser, text="Round trip comment", contentpath="title", revision_created=revision
    )
    summary.get_workflow().start(summary, adviser)
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


def probe():
    """Print what readers get: API search answers, the uploaded document's bytes, the rendition's file."""
    client = Client()
    answers = {}
    for query in QUERIES:
        params = query if "=" in query else f"q={query}"
        response = client.get(f"/api/v1/search?{params}")
        answers[query] = {"status": response.status_code, "body": response.json()}
    document = get_document_model().objects.get(title="Round trip report")
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    image = get_image_model().objects.get(title="Round trip picture")
    rendition = image.renditions.get()
    print(
        json.dumps(
            {
                "search": answers,
                "document": [response.status_code, hashlib.sha256(body).hexdigest()],
                "rendition_on_disk": default_storage.exists(rendition.file.name),
                "renditions": image.renditions.count(),
            }
        )
    )
