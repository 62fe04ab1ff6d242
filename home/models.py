"""The home page, standard content pages (about, accessibility statement) and site-wide settings."""

from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import PageChooserBlock
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from core.blocks import EvidenceStreamBlock
from core.models import BasePage, ReviewDatesMixin
from evidence.models import TAXONOMY_PREFETCH


class HomePage(BasePage):
    introduction = models.TextField(blank=True, help_text="What the portal is for, in two or three plain sentences.")
    featured_evaluations = StreamField(
        [("evaluation", PageChooserBlock(page_type="evidence.EvaluationPage"))],
        blank=True,
        help_text="Evaluations to feature on the home page, in order.",
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "evidence.EvaluationIndexPage",
        "evidence.SummaryIndexPage",
        "evidence.CaseStudyIndexPage",
        "evidence.GlossaryPage",
        "home.StandardPage",
    ]
    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("featured_evaluations")]

    def route(self, request, path_components):
        """For a reader, the child (a listing, the glossary, a standard page) comes from this process's memo for
        the content generation (core/reader_memo.py): no query for it on the way to any page below it."""
        from core.reader_memo import root_child

        child = root_child(self, path_components[0]) if path_components else None
        if child is None:
            return super().route(request, path_components)
        child._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return child.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        from core.reader_memo import private_q
        from evidence.models import CaseStudyPage, EvaluationPage, PlainLanguageSummaryPage

        context = super().get_context(request, *args, **kwargs)
        # What `.live().public()` filters on, built once for the three lists (`.public()` reads the view
        # restrictions each time it is called; for a reader they come from this process's memo).
        public = Q(live=True) & ~private_q()
        featured_ids = [block.value.pk for block in self.featured_evaluations if block.value]
        featured = {
            page.pk: page
            for page in EvaluationPage.objects.filter(public, pk__in=featured_ids).prefetch_related(*TAXONOMY_PREFETCH)
        }
        context["featured_evaluations"] = [featured[pk] for pk in featured_ids if pk in featured]
        context["latest_summaries"] = (
            PlainLanguageSummaryPage.objects.filter(public)
            .select_related("evaluation")
            .order_by("-first_published_at")[:3]
        )
        context["latest_case_studies"] = (
            CaseStudyPage.objects.filter(public)
            .select_related("lead_image")
            .prefetch_related("lead_image__renditions")
            .order_by("-date")[:3]
        )
        return context


class StandardPage(ReviewDatesMixin, BasePage):
    """About, accessibility statement, privacy: plain content pages."""

    body = StreamField(EvidenceStreamBlock())

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    content_panels = [*BasePage.content_panels, FieldPanel("body"), *ReviewDatesMixin.review_panels]


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Identity of the deploying organisation. NHS identity rules restrict the NHS logo to NHS organisations."""

    portal_name = models.CharField(max_length=80, default="Equity Evidence Portal")
    organisation_name = models.CharField(max_length=120, blank=True, help_text="Shown in the footer.")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The portal's own logo, shown in the header.",
    )
    show_nhs_logo = models.BooleanField(
        default=False,
        verbose_name="Show the NHS logo",
        help_text="Only if the deploying organisation is an NHS organisation entitled to use the NHS identity.",
    )

    panels = [
        FieldPanel("portal_name"),
        FieldPanel("organisation_name"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("show_nhs_logo")], heading="Logos"),
    ]


class ContentGeneration(models.Model):
    """A number raised whenever anything a reader's page shows may have changed (home/content_generation.py).

    Every web process reads it once per anonymous page request: it keys the page cache and the ETag, so no process
    serves a page cached before a publish, wherever its cache lives."""

    value = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "content generation"

    def __str__(self):
        return str(self.value)
