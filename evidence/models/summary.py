"""The public face of one evaluation: a plain-language summary co-authored with public advisers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.choices import TeamRole
from core.models import BasePage, ReviewDatesMixin, panels_without
from evidence import roles
from evidence.panels import ReadabilityPanel
from evidence.readability import Readability, html_to_text, measure
from portal.visibility import restricted_page_q

from .own_columns import OwnColumnCopy, with_own_copies
from .taxonomy_pages import CROSSWALK_PREFETCH, TAXONOMY_PREFETCH, TaxonomySearchMixin, taxonomy_search_fields

PUBLIC_ADVISER_MISSING = "Credit at least one public adviser as a co-author: summaries are co-produced."
SIGN_OFFS_CHECKED = 5
LINK_ACCOUNT_PERMISSION = "evidence.link_coauthor_account"


class SummaryBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(max_length=120, template="evidence/blocks/heading.html", icon="title")
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])


def has_public_adviser(co_authors):
    return any(row.role == TeamRole.PUBLIC_ADVISER for row in co_authors)


class SummaryForm(WagtailAdminPageForm):
    """Hands the co-author rows as typed to the page's own check (the page cannot see unsaved inline rows while
    the form is validated), and refuses to send a summary for sign-off that nobody could sign off, or that the
    person sending it is not credited on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail applies a FieldPanel's permission to the page form only, not to InlinePanel rows: drop the account
        # field from every co-author row here, so a posted value is ignored and the linked account is kept.
        user = self.for_user
        if user is not None and not user.has_perm(LINK_ACCOUNT_PERMISSION) and "co_authors" in self.formsets:
            for form in self.formsets["co_authors"].forms:
                form.fields.pop("user", None)

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("co_authors")
        rows = None  # rows with errors of their own are checked once those are fixed
        if formset is not None and formset.is_valid():
            rows = [
                form.instance for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            if has_public_adviser(rows) and self._sending_for_sign_off():
                reason = sign_off_blocker(self.for_user, rows)
                if reason:
                    self.add_error(None, reason)
        self.instance.co_authors_as_typed = rows  # read by PlainLanguageSummaryPage.clean, which runs next
        return cleaned

    def _sending_for_sign_off(self):
        # The editor's "Submit to …" and "Resubmit" buttons (Wagtail's create and edit views).
        return bool(self.data.get("action-submit") or self.data.get("action-restart-workflow"))


def sign_off_blocker(user, co_authors):
    """Why `user` may not send a summary with these co-author rows for sign-off, or "" if they may."""
    advisers = [row for row in co_authors if row.role == TeamRole.PUBLIC_ADVISER and row.user_id]
    sender_is_adviser = user is not None and not user.is_superuser and roles.in_group(user, roles.PUBLIC_ADVISERS)
    if sender_is_adviser and not any(row.user_id == user.pk for row in advisers):
        return (
            "You can send a summary for sign-off only if you are credited on it as a public adviser co-author. "
            "Ask an editor to credit you and link your portal account on a co-author row, or ask a credited "
            "public adviser to send it."
        )
    if not advisers:
        return (
            "Nobody can sign this summary off yet: no public adviser co-author has a portal account linked. "
            "An editor can link one on a co-author row."
        )
    return ""


class PlainLanguageSummaryPage(TaxonomySearchMixin, ReviewDatesMixin, BasePage):
    evaluation = models.OneToOneField(
        "evidence.EvaluationPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="plain_summary",
        help_text="The evaluation this summary explains.",
    )
    body = StreamField(SummaryBodyBlock(), help_text="Aim for a reading age of 9 to 11: short sentences, common words.")

    # Measured from the body whenever the page is validated or saved (see readability.py).
    reading_age = models.FloatField(default=0, editable=False)
    flesch_reading_ease = models.FloatField(default=0, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    average_sentence_length = models.FloatField(default=0, editable=False)
    # /summaries/ lists the newest first published first, ordered by this indexed copy in the summary's own table.
    first_published_copy = OwnColumnCopy(source="first_published_at")

    base_form_class = SummaryForm
    parent_page_types = ["evidence.SummaryIndexPage"]
    subpage_types = []

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.AutocompleteField("title"),
        *taxonomy_search_fields(),
    ]
    doc_type = "summary"  # its type in search (search.params.TYPES)
    taxonomy_prefetch = ["evaluation__" + path for path in (*TAXONOMY_PREFETCH, *CROSSWALK_PREFETCH)]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("evaluation"),
        FieldPanel("summary", heading="One-sentence plain summary"),
        FieldPanel("body"),
        InlinePanel("co_authors", label="Co-author", min_num=1, heading="Co-authors"),
        ReadabilityPanel(),
        *ReviewDatesMixin.review_panels,
    ]
    promote_panels = panels_without(BasePage.promote_panels, "summary")  # on the content tab here
    # One summary per evaluation: a copy starts as a draft that explains no evaluation yet.
    exclude_fields_in_copy = ["evaluation"]

    class Meta:
        verbose_name = "plain-language summary"

    def taxonomy_page(self):
        return self.public_evaluation

    @cached_property
    def public_evaluation(self):
        """The evaluation, if readers may see it: a draft or restricted evaluation lends its summary no year,
        method or tags in search (the database backend applies the same rule when it counts facets)."""
        evaluation = self.evaluation
        if evaluation is None or not evaluation.live:
            return None
        restricted = getattr(self, "evaluation_restricted", None)  # annotated by get_indexed_objects()
        if restricted is None:
            restricted = evaluation.get_view_restrictions().exists()
        return None if restricted else evaluation

    @classmethod
    def get_indexed_objects(cls):
        # Join the evaluation rather than prefetch it: SQLite rejects Django's prefetch of ~1,000 parents at once.
        return (
            super()
            .get_indexed_objects()
            .select_related("evaluation")
            .annotate(evaluation_restricted=restricted_page_q("evaluation__path"))
        )

    # A summary is found by its evaluation's date and method while that evaluation is public.
    def evidence_date(self):
        return self.public_evaluation.completed if self.public_evaluation else None

    def evidence_method(self):
        return self.public_evaluation.method if self.public_evaluation else None

    def body_text(self):
        parts = []
        for block in self.body:
            if block.block_type == "heading":
                parts.append(f"{block.value}.")
            else:
                parts.append(html_to_text(block.value.source))
        return " ".join(parts)

    @property
    def readability(self):
        return Readability(
            reading_age=self.reading_age,
            flesch_reading_ease=self.flesch_reading_ease,
            words=self.word_count,
            sentences=0,
            average_sentence_length=self.average_sentence_length,
        )

    def refresh_readability(self):
        measured = measure(self.body_text())
        self.reading_age = measured.reading_age
        self.flesch_reading_ease = measured.flesch_reading_ease
        self.word_count = measured.words
        self.average_sentence_length = measured.average_sentence_length

    def clean(self):
        super().clean()
        self.refresh_readability()
        # The admin form passes the rows as typed (None while they have errors); other paths check the page's rows.
        co_authors = getattr(self, "co_authors_as_typed", self.co_authors.all())
        if co_authors is not None and not has_public_adviser(co_authors):
            raise ValidationError(PUBLIC_ADVISER_MISSING)

    def save(self, *args, **kwargs):
        self.refresh_readability()
        if kwargs.get("update_fields") is not None:  # Wagtail's copy keeping the page live names first_published_at
            kwargs["update_fields"] = list(with_own_copies(type(self), dict.fromkeys(kwargs["update_fields"])))
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from django.db.models import prefetch_related_objects

        from portal.visibility import is_public_page

        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], "co_authors")  # read by the byline and the JSON-LD: one query for both
        # Named, linked and cited (text, related card, JSON-LD) only if readers may see it.
        evaluation = self.evaluation
        context["evaluation"] = evaluation if is_public_page(evaluation) else None
        return context

    @cached_property
    def _recent_sign_offs(self):
        # One query; an older sign-off can only apply if the text went back to exactly what it said.
        return list(self.sign_offs.order_by("-signed_off_at")[:SIGN_OFFS_CHECKED])

    @cached_property
    def sign_off(self):
        """The public-adviser sign-off of the text this page holds (the live text when served), or None."""
        return next((sign_off for sign_off in self._recent_sign_offs if sign_off.signs(self)), None)

    @cached_property
    def changed_since_sign_off(self):
        """The newest sign-off of an earlier text that publishing this text replaced, or None.

        Readers are told the text changed since then. A sign-off newer than the live text (a signed draft still
        awaiting approval) is not mentioned: readers have not seen that text."""
        if self.sign_off or not self.last_published_at:
            return None
        return next((s for s in self._recent_sign_offs if s.signed_off_at < self.last_published_at), None)

    def credited_public_adviser(self, user):
        """True if `user` is credited on this summary as a public adviser co-author."""
        if not user or not user.is_authenticated:
            return False
        return any(
            co_author.user_id == user.pk and co_author.role == TeamRole.PUBLIC_ADVISER
            for co_author in self.co_authors.all()
        )


class SummaryCoAuthor(Orderable):
    page = ParentalKey(PlainLanguageSummaryPage, on_delete=models.CASCADE, related_name="co_authors")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=20, choices=TeamRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Portal account",
        help_text="Link a public adviser's account so they can sign the summary off.",
    )

    # Only editors link accounts: a linked public adviser can send the summary for sign-off and sign it off.
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role"), FieldPanel("user", permission=LINK_ACCOUNT_PERMISSION)])
    ]

    class Meta(Orderable.Meta):
        permissions = [("link_coauthor_account", "Can link a portal account to a summary co-author")]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"
