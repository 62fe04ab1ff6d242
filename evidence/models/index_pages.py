"""Listing pages: /evaluations/, /summaries/ and /case-studies/ (newest first, paginated)."""

from django.db import models
from wagtail.admin.panels import FieldPanel

from portal.pagination import paginate

from .base import TAXONOMY_PREFETCH, BasePage


class ListingPage(BasePage):
    introduction = models.TextField(blank=True)
    per_page = 12

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def listing(self):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"], context["page_notice"] = paginate(request, self.listing(), self.per_page)
        return context


class EvaluationIndexPage(ListingPage):
    subpage_types = ["evidence.EvaluationPage"]

    class Meta:
        verbose_name = "evaluations index"

    def listing(self):
        from .evaluation import EvaluationPage

        return (
            EvaluationPage.objects.live()
            .public()
            .child_of(self)
            .select_related("plain_summary")
            .prefetch_related(*TAXONOMY_PREFETCH)
            .order_by("-completed", "-pk")
        )


class SummaryIndexPage(ListingPage):
    subpage_types = ["evidence.PlainLanguageSummaryPage"]

    class Meta:
        verbose_name = "summaries index"

    def listing(self):
        from .summary import PlainLanguageSummaryPage

        return (
            PlainLanguageSummaryPage.objects.live()
            .public()
            .child_of(self)
            .select_related("evaluation")
            .order_by("-first_published_at", "-pk")
        )


class CaseStudyIndexPage(ListingPage):
    subpage_types = ["evidence.CaseStudyPage"]

    class Meta:
        verbose_name = "case studies index"
        verbose_name_plural = "case studies indexes"

    def listing(self):
        from .case_study import CaseStudyPage

        return (
            CaseStudyPage.objects.live()
            .public()
            .child_of(self)
            .select_related("lead_image")
            .prefetch_related("lead_image__renditions", *TAXONOMY_PREFETCH)
            .order_by("-date", "-pk")
        )
