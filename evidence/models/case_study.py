"""An editor-published story of a service change, linked to the evaluations behind it."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import EvidenceStreamBlock
from core.models import BasePage, panels_without

from .taxonomy_pages import TAXONOMY_PREFETCH, TaxonomyMixin, taxonomy_search_fields


class CaseStudyForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("lead_image")
        if image is not None and not self.is_deferred_validation and not image.description.strip():
            self.add_error(
                "lead_image",
                "This picture has no description, which is what people who cannot see it hear. Add one to the "
                "image (Images, then the picture), or choose another.",
            )
        return cleaned


class CaseStudyPage(TaxonomyMixin, BasePage):
    date = models.DateField(verbose_name="Date of the story", db_index=True)
    # Required when editing; deleting the image from the library leaves the story without a picture.
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the story. The image's description is what people who cannot see it hear.",
    )
    lead_image_caption = models.CharField(max_length=250, blank=True)
    body = StreamField(EvidenceStreamBlock())

    parent_page_types = ["evidence.CaseStudyIndexPage"]
    subpage_types = []
    base_form_class = CaseStudyForm

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.AutocompleteField("title"),
        *taxonomy_search_fields(),
    ]
    doc_type = "case-study"  # its type in search (search.params.TYPES)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary", heading="One-sentence plain summary"),
        FieldPanel("date"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")],
            heading="Lead image",
        ),
        FieldPanel("body"),
        MultipleChooserPanel(
            "evaluations", chooser_field_name="evaluation", label="Evaluations behind this change", min_num=1
        ),
        *TaxonomyMixin.taxonomy_panels,
    ]
    promote_panels = panels_without(BasePage.promote_panels, "summary")  # on the content tab here

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    def get_context(self, request, *args, **kwargs):
        from django.db.models import prefetch_related_objects

        from core.reader_memo import public

        # The evaluations the links point to, by relation rather than an import: evaluation.py imports this module.
        EvaluationPage = CaseStudyEvaluation.evaluation.field.related_model

        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], *TAXONOMY_PREFETCH)
        context["evaluations"] = public(EvaluationPage.objects.filter(case_study_links__page=self)).order_by(
            "-completed"
        )
        return context

    @property
    def year(self):
        return self.date.year if self.date else None

    def evidence_date(self):
        return self.date


class CaseStudyEvaluation(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="evaluations")
    evaluation = models.ForeignKey("evidence.EvaluationPage", on_delete=models.CASCADE, related_name="case_study_links")

    panels = [FieldPanel("evaluation")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["page", "evaluation"], name="unique_case_study_evaluation")]
