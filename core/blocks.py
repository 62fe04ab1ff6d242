"""StreamField blocks every page type shares (evidence, home, resources): plain building blocks plus NHS.UK
components where they fit. Migrations name `core.blocks.HeadingBlock`: keep it here or edit those paths too."""

from wagtail import blocks
from wagtail.rich_text import RichText
from wagtailnhsukfrontend.blocks import InsetTextBlock, WarningCalloutBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "evidence/blocks/heading.html"
        form_classname = "title"


class EvidenceStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock(max_length=120)
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    inset_text = InsetTextBlock()
    warning_callout = WarningCalloutBlock()

    class Meta:
        block_counts = {}


def paragraphs(*texts):
    """A StreamField value of paragraph blocks, one per string (HTML as given): demo content and test factories."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]
