"""A completed evaluation of a local service, with who co-produced it and what it found about equity."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import EvidenceStreamBlock
from core.choices import Method
from core.models import BasePage, ReviewDatesMixin, TeamMemberBase, panels_without
from portal.page_cache_parts import RENDERED, after_rendering, page_parts

from .taxonomy_pages import TAXONOMY_PREFETCH, TaxonomyMixin, taxonomy_search_fields

# The evaluation's `method` is edited under another name: a form input named "method" hides the <form> element's own
# `method` property, which Wagtail 8's autosave reads, so an evaluation was never autosaved.
METHOD_FORM_FIELD = "evaluation_method"


class EvaluationForm(WagtailAdminPageForm):
    evaluation_method = forms.ChoiceField(choices=[("", "---------"), *Method.choices], label="Method")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault(METHOD_FORM_FIELD, self.instance.method)

    def clean(self):
        cleaned = super().clean()
        self.instance.method = cleaned.get(METHOD_FORM_FIELD) or ""
        return cleaned


class EvaluationPage(TaxonomyMixin, ReviewDatesMixin, BasePage):
    period_start = models.DateField(verbose_name="Evaluation period start")
    period_end = models.DateField(verbose_name="Evaluation period end")
    completed = models.DateField(verbose_name="Completion date", db_index=True)
    method = models.CharField(max_length=20, choices=Method.choices)
    findings = StreamField(EvidenceStreamBlock(), verbose_name="Key findings")
    recommendations = StreamField(EvidenceStreamBlock(), blank=True)

    # Equity questions, in the spirit of the Health Inequalities Assessment Toolkit (HIAT).
    who_benefits = models.TextField(verbose_name="Who benefits?")
    who_left_out = models.TextField(verbose_name="Who may be left out, and why?")
    unintended_consequences = models.TextField(verbose_name="Unintended consequences", blank=True)
    reduce_gap = models.TextField(verbose_name="What would reduce the gap?", blank=True)

    report = models.ForeignKey(
        get_document_model_string(), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    citation = models.CharField(max_length=500, blank=True)
    doi = models.CharField(
        max_length=200,
        blank=True,
        verbose_name="DOI",
        help_text="For example 10.5555/eep.2024.001 (without https://doi.org/).",
    )

    parent_page_types = ["evidence.EvaluationIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("findings"),
        index.SearchField("recommendations"),
        index.SearchField("who_benefits"),
        index.SearchField("who_left_out"),
        index.SearchField("reduce_gap"),
        index.FilterField("completed"),
        index.FilterField("method"),
        index.AutocompleteField("title"),
        *taxonomy_search_fields(),
    ]
    # Who "What happened next" (outcomes/) emails 6, 12 and 24 months after completion; for editors only: no
    # template, API, CSV, feed or search field shows it.
    contact_name = models.CharField(max_length=120, blank=True, verbose_name="Team contact name")
    contact_email = models.EmailField(
        blank=True,
        verbose_name="Team contact email",
        help_text="Asked by email what happened next, 6, 12 and 24 months after completion. Never shown to readers.",
    )

    doc_type = "evaluation"  # its type in search (search.params.TYPES)
    base_form_class = EvaluationForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary", heading="One-sentence plain summary"),
        *TaxonomyMixin.taxonomy_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("completed"),
                FieldPanel(METHOD_FORM_FIELD),  # the `method` field, see EvaluationForm
            ],
            heading="The evaluation",
        ),
        InlinePanel("team", label="Co-production team member", min_num=1, heading="Co-production team"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")])], heading="Team contact"
        ),
        FieldPanel("findings"),
        FieldPanel("recommendations"),
        MultiFieldPanel(
            [
                FieldPanel("who_benefits"),
                FieldPanel("who_left_out"),
                FieldPanel("unintended_consequences"),
                FieldPanel("reduce_gap"),
            ],
            heading="Equity questions",
        ),
        InlinePanel("next_steps", label="Decision or change", heading="What happened next"),
        MultiFieldPanel(
            [FieldPanel("report"), FieldPanel("citation"), FieldPanel("doi")], heading="Report and citation"
        ),
        *ReviewDatesMixin.review_panels,
    ]
    promote_panels = panels_without(BasePage.promote_panels, "summary")  # on the content tab here

    class Meta:
        verbose_name = "evaluation"

    def clean(self):
        super().clean()
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "The evaluation period must end after it starts."
        if self.period_start and self.completed and self.completed < self.period_start:
            errors["completed"] = "The completion date cannot be before the evaluation started."
        if self.doi:
            self.doi = self.doi.strip().removeprefix("https://doi.org/").removeprefix("doi:")
            if not self.doi.startswith("10."):
                errors["doi"] = "A DOI starts with 10. — for example 10.5555/eep.2024.001."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from django.db.models import prefetch_related_objects

        from core.reader_memo import public
        from outcomes.timeline import public_follow_ups  # approved "What happened next" answers only

        from .case_study import CaseStudyPage
        from .summary import PlainLanguageSummaryPage

        context = super().get_context(request, *args, **kwargs)
        # A reader's page renders its glossary-linked body and its JSON-LD once per revision and content generation
        # (portal/page_cache_parts.py); once both are held, nothing else on the page reads what is loaded below.
        context["page_parts"] = parts = page_parts(request, self)
        if parts is not None and parts.has(RENDERED):
            return context
        prefetch_related_objects([self], "team", "next_steps", public_follow_ups(), *TAXONOMY_PREFETCH)
        context["summary_page"] = public(PlainLanguageSummaryPage.objects.filter(evaluation=self)).first()
        context["case_studies"] = public(CaseStudyPage.objects.filter(evaluations__evaluation=self)).order_by("-date")
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        return after_rendering(response, context.get("page_parts"))

    @property
    def year(self):
        return self.completed.year if self.completed else None

    def evidence_date(self):
        return self.completed

    def evidence_method(self):
        return self.method

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""


class TeamMember(TeamMemberBase):
    page = ParentalKey(EvaluationPage, on_delete=models.CASCADE, related_name="team")


class NextStep(Orderable):
    """A decision or service change the evaluation informed."""

    page = ParentalKey(EvaluationPage, on_delete=models.CASCADE, related_name="next_steps")
    date = models.DateField()
    description = models.TextField()

    panels = [FieldPanel("date"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        ordering = ["date", "sort_order"]
