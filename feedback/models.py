"""What the public sends us. Editors review these in the admin (feedback/wagtail_hooks.py); nobody else sees them.

Each submission keeps only what the person chose to give: no IP address, user agent or account.
"""

from django.db import models

from evidence.models import TeamRole


class Submission(models.Model):
    created_at = models.DateTimeField("received", auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class PageFeedback(Submission):
    """An answer to "Was this page helpful?" at the foot of a page."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty if the page has since been deleted; the address is kept.",
    )
    page_url = models.CharField("page address", max_length=500)
    helpful = models.BooleanField("helpful")
    comment = models.TextField("what could be better", max_length=1000, blank=True)
    reviewed = models.BooleanField(default=False, help_text="Tick when someone has read this and acted if needed.")

    class Meta(Submission.Meta):
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self):
        return f"{'Helpful' if self.helpful else 'Not helpful'}: {self.page_url}"


class GlossarySuggestion(Submission):
    """A word or phrase someone would like explained in the glossary."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    term = models.CharField(max_length=120)
    seen_where = models.CharField("where they saw it", max_length=500, blank=True)
    meaning = models.TextField("what they think it means", max_length=1000, blank=True)
    name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)

    class Meta(Submission.Meta):
        verbose_name = "glossary suggestion"

    def __str__(self):
        return self.term


class EvaluationProposal(Submission):
    """A proposal for a service, and who it may leave behind, that someone thinks should be evaluated."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        UNDER_REVIEW = "under-review", "Under review"
        PLANNED = "planned", "Planned"
        DECLINED = "declined", "Declined"

    class Role(models.TextChoices):
        """Who proposes: a member of the public, or someone in one of the roles of an evaluation team, with the
        team's own values and words (evidence TeamRole). Public advisers propose as members of the public."""

        PUBLIC = "public", "Member of the public"
        PATIENT_CARER = TeamRole.PATIENT_CARER.value, TeamRole.PATIENT_CARER.label
        PRACTITIONER = TeamRole.PRACTITIONER.value, TeamRole.PRACTITIONER.label
        COMMISSIONER = TeamRole.COMMISSIONER.value, TeamRole.COMMISSIONER.label
        RESEARCHER = TeamRole.RESEARCHER.value, TeamRole.RESEARCHER.label
        OTHER = TeamRole.OTHER.value, TeamRole.OTHER.label

    service = models.ForeignKey("evidence.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    equity_dimension = models.ForeignKey(
        "evidence.EquityDimension", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    place = models.ForeignKey("evidence.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    description = models.TextField("what should be evaluated, and why", max_length=2000)
    role = models.CharField("who they are", max_length=32, choices=Role.choices)
    email = models.EmailField("contact email", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)

    class Meta(Submission.Meta):
        verbose_name = "evaluation proposal"

    def __str__(self):
        about = " for ".join(str(x) for x in (self.service, self.equity_dimension) if x)
        return about or self.description[:60]
