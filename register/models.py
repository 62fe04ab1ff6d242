"""The register of evaluations in progress at /register/: one page per project, so editors create, review and
publish projects like any page (drafts, revisions, workflows, page privacy).

A project is tagged with the evidence taxonomies (services, equity dimensions, places) through the same tables as
evaluations (TaxonomyMixin). In portal search it is the type "in-progress" ("Evaluation in progress"), left out of
results unless asked for (search/params.py EXCLUDED_BY_DEFAULT). The contact's email address is for editors only:
no template or API shows it."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from core.choices import Stage
from core.models import BasePage, TeamMemberBase
from evidence.models.taxonomy_pages import TaxonomyMixin, taxonomy_search_fields

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


CONFIRMATION_FIELDS = ["last_confirmed_at", "reminders_sent", "last_reminder_at", "closed_at"]
UNANSWERED_REMINDERS_FLAG = 2  # after this many unanswered reminders readers see "Not confirmed since <date>"


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
    # "Still active?" bookkeeping (register/reminders.py), not content: kept out of copies and never taken from a
    # revision (with_content_json), so publishing an old draft cannot undo a contact's answer.
    last_confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name="Last confirmed by the contact")
    reminders_sent = models.PositiveSmallIntegerField(default=0, verbose_name="Reminders sent since then")
    last_reminder_at = models.DateTimeField(null=True, blank=True, verbose_name="Last reminder sent")
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name="Closed by the contact")
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
        MultiFieldPanel(
            [FieldPanel(name, read_only=True) for name in CONFIRMATION_FIELDS],
            heading="Still active? (set by the reminder emails)",
        ),
    ]
    exclude_fields_in_copy = CONFIRMATION_FIELDS
    # The plain summary stays on the promote tab, as on the resource hub's pages (tests/evidence/test_promote_tabs.py).
    # Searchable in the admin, and in portal search as "in-progress" with the facet fields of its tags.
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("cohort"),
        index.FilterField("stage"),
        *taxonomy_search_fields(),
    ]
    doc_type = "in-progress"  # its type in search (search.params.TYPES)

    class Meta:
        verbose_name = "registered project"

    def clean(self):
        super().clean()
        if self.expected_completion and self.expected_completion.day != 1:
            self.expected_completion = self.expected_completion.replace(day=1)  # a month, not a day

    def with_content_json(self, content):
        """A revision never carries the confirmation bookkeeping: the page's current values are kept."""
        obj = super().with_content_json(content)
        # From the row, not `self`: a revision's cached page may predate the contact's answer.
        current = type(obj).objects.filter(pk=self.pk).values(*CONFIRMATION_FIELDS).first() if self.pk else None
        for name, value in (current or {}).items():
            setattr(obj, name, value)
        return obj

    @property
    def confirmed_or_published_at(self):
        """When the contact last said the project is going, else when it was first published."""
        return self.last_confirmed_at or self.first_published_at

    @property
    def not_confirmed_since(self):
        """The date readers and editors see once the reminders went unanswered; None otherwise."""
        if self.closed_at or self.reminders_sent < UNANSWERED_REMINDERS_FLAG:
            return None
        return self.confirmed_or_published_at

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


class ProjectTeamMember(TeamMemberBase):
    """A member of the project's team, as on an evaluation (evidence.TeamMember): public advisers are credited."""

    page = ParentalKey(RegisteredProjectPage, on_delete=models.CASCADE, related_name="team")


__all__ = ["ProjectTeamMember", "RegisterIndexPage", "RegisteredProjectPage"]
