"""The resource hub at /resources/: guidance, templates, worked examples, methods advice, and events.

Resources and events are tagged with the stages of an evaluation and the audiences they help, in one table per
facet keyed on `wagtailcore.Page` (as the evidence taxonomies are), so /resources/ counts both page types with one
query per facet. The tags are edited as checkboxes (forms.py) and kept in revisions like any child relation."""

from django.db import models
from django.db.models import UniqueConstraint
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, EvidenceStreamBlock
from core.choices import Method, Stage
from core.models import BasePage
from evidence.models.taxonomy_pages import TaxonomySearchMixin, taxonomy_search_fields

from .choices import Audience, Kind
from .forms import EventForm, ResourceForm
from .listing import hub_context, public_materials


class PageStage(models.Model):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="resource_stages")
    stage = models.CharField(max_length=16, choices=Stage.choices)

    class Meta:
        constraints = [UniqueConstraint(fields=["page", "stage"], name="unique_page_stage")]

    def __str__(self):
        return self.get_stage_display()


class PageAudience(models.Model):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="resource_audiences")
    audience = models.CharField(max_length=24, choices=Audience.choices)

    class Meta:
        constraints = [UniqueConstraint(fields=["page", "audience"], name="unique_page_audience")]

    def __str__(self):
        return self.get_audience_display()


class FacetTagsMixin(models.Model):
    """Stages and audiences in a fixed order, read from the prefetched rows (no query per item in a listing).

    An abstract model, so modelsearch can name the search fields defined here (it reads `_meta`)."""

    class Meta:
        abstract = True

    facet_panels = [MultiFieldPanel([FieldPanel("stages"), FieldPanel("audiences")], heading="Who and when")]

    @property
    def stage_labels(self):
        chosen = {row.stage for row in self.resource_stages.all()}
        return [label for value, label in Stage.choices if value in chosen]

    @property
    def audience_labels(self):
        chosen = {row.audience for row in self.resource_audiences.all()}
        return [label for value, label in Audience.choices if value in chosen]

    def search_stages(self):
        return " ".join(self.stage_labels)

    def search_audiences(self):
        return " ".join(self.audience_labels)


FACET_SEARCH_FIELDS = [index.SearchField("search_stages"), index.SearchField("search_audiences")]


class ResourceIndexPage(BasePage):
    """/resources/: resources and events, filtered by stage and audience (listing.py does the work)."""

    introduction = models.TextField(blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage", "resources.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "resource hub"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(hub_context(self, request))
        return context


class ResourcePage(FacetTagsMixin, TaxonomySearchMixin, BasePage):  # noqa: DJ008 (Page.__str__ gives the title)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    body = StreamField(EvidenceStreamBlock())
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Download",
        help_text="The file readers download. Required for a template.",
    )
    method = models.CharField(
        max_length=20,
        choices=Method.choices,
        blank=True,
        verbose_name="Evaluation method",
        help_text="Required for methods advice: the method it is about (the same list as on evaluations).",
    )

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    base_form_class = ResourceForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        *FacetTagsMixin.facet_panels,
        FieldPanel("body"),
        FieldPanel("document"),
        FieldPanel("method"),
        InlinePanel("evaluation_links", label="Evaluation", heading="Worked example of (published evaluations)"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("kind"),
        index.FilterField("method"),
        *FACET_SEARCH_FIELDS,
        *taxonomy_search_fields(),  # a type in portal search (search/facets.py); methods advice counts by method
    ]
    doc_type = "resource"  # its type in search (search.params.TYPES)

    class Meta:
        verbose_name = "resource"

    def evidence_method(self):
        return self.method or None

    def get_context(self, request, *args, **kwargs):
        from evidence.models import EvaluationPage
        from portal.visibility import is_public_document

        context = super().get_context(request, *args, **kwargs)
        context["evaluations"] = (
            EvaluationPage.objects.live().public().filter(resource_links__page=self).order_by("-completed")
        )
        document = self.document
        context["download"] = document if is_public_document(document) else None
        return context


class ResourceEvaluation(Orderable):
    """A published evaluation a worked example walks through."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="evaluation_links")
    evaluation = models.ForeignKey("evidence.EvaluationPage", on_delete=models.CASCADE, related_name="resource_links")

    panels = [FieldPanel("evaluation")]

    class Meta(Orderable.Meta):
        constraints = [UniqueConstraint(fields=["page", "evaluation"], name="unique_resource_evaluation")]


class EventPage(FacetTagsMixin, TaxonomySearchMixin, BasePage):  # noqa: DJ008 (Page.__str__ gives the title)
    """A workshop or cohort session. Listed as upcoming until the day it ends is over (the page cache keeps a
    rendering for a day at most, so a finer rule could not be kept), then as past, with its materials."""

    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    online = models.BooleanField(default=False, help_text="Tick when people join from home (a video call).")
    place = models.CharField(
        max_length=250, blank=True, help_text="Where it happens, with the address. Leave empty only when online."
    )
    who_for = models.CharField(max_length=250, verbose_name="Who it is for", help_text="One plain sentence.")
    how_to_join = RichTextField(features=RICH_TEXT_FEATURES, verbose_name="How to join")
    body = StreamField(EvidenceStreamBlock(), blank=True, verbose_name="What happens")

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    base_form_class = EventForm

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("online"), FieldPanel("place")],
            heading="When and where",
        ),
        FieldPanel("who_for"),
        *FacetTagsMixin.facet_panels,
        FieldPanel("how_to_join"),
        FieldPanel("body"),
        InlinePanel("materials", label="Material", heading="Materials (slides, notes, recordings)"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("who_for"),
        index.SearchField("place"),
        index.AutocompleteField("title"),
        index.FilterField("start"),
        *FACET_SEARCH_FIELDS,
        *taxonomy_search_fields(),  # a type in portal search (search/facets.py)
    ]
    doc_type = "event"  # its type in search (search.params.TYPES)

    class Meta:
        verbose_name = "event"

    @property
    def is_past(self):
        return timezone.localdate(self.end) < timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["materials"] = public_materials(self.materials.select_related("document"))
        return context


def validate_link(value):
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    if value.startswith("/") and not value.startswith("//"):
        return  # a page of this site
    try:
        URLValidator(schemes=["https", "http"])(value)
    except ValidationError:
        raise ValidationError(
            "Give a web address starting with https:// or a page of this site starting with /."
        ) from None


class EventMaterial(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    document = models.ForeignKey(
        get_document_model_string(), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    link = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text="Instead of a document: a web address (https://…), or a page of this site (/resources/…).",
    )

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("document"), FieldPanel("link")])]

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.document_id and not self.link:
            raise ValidationError({"link": "Choose a document or give a web address."})

    @property
    def href(self):
        return self.document.url if self.document_id else self.link


__all__ = [
    "EventMaterial",
    "EventPage",
    "PageAudience",
    "PageStage",
    "ResourceEvaluation",
    "ResourceIndexPage",
    "ResourcePage",
]
