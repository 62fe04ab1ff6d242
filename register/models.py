"""The register of evaluations in progress at /register/: one page per project, so editors create, review and
publish projects like any page (drafts, revisions, workflows, page privacy).

A project is tagged with the evidence taxonomies (services, equity dimensions, places) through the same tables as
evaluations (TaxonomyMixin). It is not an evidence type in search: its search_fields leave out the facet fields,
and it is not one of the engine's PAGE_MODELS. The contact's email address is for editors only: no template or API
shows it."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.choices import Stage, TeamRole
from core.models import BasePage
from evidence.models.taxonomy_pages import TaxonomyMixin

from .listing import register_context


class RegisterIndexPage(BasePage):
    """/register/: published projects, newest first, filtered by stage and service (listing.py does the work)."""

    introduction = models.TextField(blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["register.RegisteredProjectPage"]
    max_count = 1

    class Meta:
        verbose_name = "register of evaluations in progress"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(register_context(self, request))
        return context


class RegisteredProjectPage(TaxonomyMixin, BasePage):
    """An evaluation under way: who is doing it, where it has got to and when it should finish."""

    cohort = models.CharField(
        max_length=120, blank=True, help_text="The learning group the team is part of, e.g. “Cohort 5 (2026)”."
    )
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.PLAN, db_index=True)
    expected_completion = models.DateField(
        verbose_name="Expected completion",
        help_text="Pick any day in the month: readers see the month and year.",
    )
    contact_name = models.CharField(max_length=120, verbose_name="Contact name")
    contact_email = models.EmailField(
        verbose_name="Contact email", help_text="For editors only: never shown on the site or in the API."
    )
    published_evaluation = models.ForeignKey(
        "evidence.EvaluationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="register_entries",
        help_text="When the project's evaluation is published, choose it here: the register links to it.",
    )

    parent_page_types = ["register.RegisterIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("stage"), FieldPanel("expected_completion"), FieldPanel("cohort")], heading="Progress"
        ),
        *TaxonomyMixin.taxonomy_panels,
        InlinePanel("team", label="Team member", min_num=1, heading="Co-production team"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")])], heading="Contact"),
        FieldPanel("published_evaluation"),
    ]
    # The plain summary stays on the promote tab, as on the resource hub's pages (tests/evidence/test_promote_tabs.py).
    # Searchable in the admin; not the public evidence search (no facet fields, not in the engine's PAGE_MODELS).
    search_fields = [*BasePage.search_fields, index.SearchField("cohort"), index.FilterField("stage")]

    class Meta:
        verbose_name = "registered project"

    def clean(self):
        super().clean()
        if self.expected_completion and self.expected_completion.day != 1:
            self.expected_completion = self.expected_completion.replace(day=1)  # a month, not a day

    def get_context(self, request, *args, **kwargs):
        from django.db.models import prefetch_related_objects

        from core.reader_memo import public
        from evidence.models import EvaluationPage
        from evidence.models.taxonomy_pages import TAXONOMY_PREFETCH

        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], "team", *TAXONOMY_PREFETCH)
        evaluation = None
        if self.published_evaluation_id:
            evaluation = public(EvaluationPage.objects.filter(pk=self.published_evaluation_id)).first()
        context["evaluation"] = evaluation  # None while it is a draft or restricted
        return context


class ProjectTeamMember(Orderable):
    """A member of the project's team, as on an evaluation (evidence.TeamMember): public advisers are credited."""

    page = ParentalKey(RegisteredProjectPage, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=20, choices=TeamRole.choices)
    organisation = models.CharField(max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation")])]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


__all__ = ["ProjectTeamMember", "RegisterIndexPage", "RegisteredProjectPage"]
