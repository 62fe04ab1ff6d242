"""Feedback in the admin (wagtail-modeladmin): editors read, filter, search and export what the public sent, mark it
as reviewed or set its status, and delete it. Nobody creates or rewrites submissions: what people said stays as
they said it. Editors get view, change and delete permissions from migration 0002; the public never reaches these
views (Wagtail's admin asks anyone without admin access to sign in)."""

from collections import OrderedDict

from django.contrib.admin.filters import RelatedOnlyFieldListFilter
from django.contrib.admin.utils import label_for_field, lookup_field
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from wagtail.admin.panels import FieldPanel
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import IndexView

from core.csv_cells import safe_cell

from .models import EvaluationProposal, GlossarySuggestion, PageFeedback

CSV = IndexView.FORMAT_CSV
XLSX = IndexView.FORMAT_XLSX


def local_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def review_panels(*sent, decision):
    """The edit form of a submission: what the person sent (shown, never editable), then the editor's `decision`."""
    shown = [FieldPanel(name, read_only=True, disable_comments=True) for name in sent]
    return [*shown, FieldPanel(decision, disable_comments=True)]


class ExportIndexView(IndexView):
    """Exports with real values: blanks stay blank (not "-"), yes/no for booleans, local times, formula-safe text."""

    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        bool: {CSV: lambda value: "Yes" if value else "No", XLSX: lambda value: "Yes" if value else "No"},
        str: {CSV: safe_cell},  # text typed by the public must not run as a formula
    }
    custom_field_preprocess = {"created_at": {CSV: local_time}}

    def to_row_dict(self, item):
        return OrderedDict((field, lookup_field(field, item, self.model_admin)[2]) for field in self.list_export)

    def get_heading(self, queryset, field):
        heading = getattr(self.model_admin, "export_headings", {}).get(field)
        return heading or capfirst(label_for_field(field, model=self.model, model_admin=self.model_admin))


class UsedChoicesFilter(RelatedOnlyFieldListFilter):
    """Filter by a service, equity dimension or place that proposals mention, in the model's own order. (Django's
    related filters ask django.contrib.admin for an ordering; this portal does not install it.)"""

    def field_admin_ordering(self, field, request, model_admin):
        return ()


class ReviewOnlyPermissionHelper(PermissionHelper):
    """Submissions only come from the public forms."""

    def user_can_create(self, user):
        return False


class SubmissionAdmin(ModelAdmin):
    index_view_class = ExportIndexView
    permission_helper_class = ReviewOnlyPermissionHelper
    inspect_view_enabled = True
    list_per_page = 50
    ordering = ["-created_at"]


def yes_no(field_name, label):
    """A boolean column as text: Django admin's yes/no icons are not installed here (a 500 under the manifest
    storage of production settings, a 404 elsewhere)."""

    def column(self, obj):
        return "Yes" if getattr(obj, field_name) else "No"

    column.short_description = label
    column.admin_order_field = field_name
    return column


def excerpt(field_name, label):
    """A long text column cut to its first 80 characters."""

    def column(self, obj):
        return Truncator(getattr(obj, field_name)).chars(80)

    column.short_description = label
    return column


class PageFeedbackAdmin(SubmissionAdmin):
    model = PageFeedback
    menu_label = "Page feedback"
    menu_icon = "comment"
    list_display = ["page_url", "helpful_text", "comment_excerpt", "created_at", "reviewed_text"]
    list_filter = ["reviewed", "helpful", "created_at"]
    search_fields = ["page_url", "page__title", "comment"]
    list_select_related = ["page"]
    list_export = ["created_at", "page_url", "page", "helpful", "comment", "reviewed"]
    export_headings = {"page": "Page title", "helpful": "Helpful", "comment": "What could be better"}
    export_filename = "page-feedback"
    panels = review_panels("page_url", "page", "helpful", "comment", "created_at", decision="reviewed")

    helpful_text = yes_no("helpful", "Helpful")
    reviewed_text = yes_no("reviewed", "Reviewed")

    comment_excerpt = excerpt("comment", "What could be better")


class GlossarySuggestionAdmin(SubmissionAdmin):
    model = GlossarySuggestion
    menu_label = "Glossary suggestions"
    menu_icon = "help"
    list_display = ["term", "seen_where", "meaning_excerpt", "created_at", "status"]
    list_filter = ["status", "created_at"]
    search_fields = ["term", "seen_where", "meaning", "name", "email"]
    list_export = ["created_at", "term", "seen_where", "meaning", "name", "email", "get_status_display"]
    export_headings = {"get_status_display": "Status"}
    export_filename = "glossary-suggestions"
    panels = review_panels("term", "seen_where", "meaning", "name", "email", "created_at", decision="status")
    meaning_excerpt = excerpt("meaning", "What they think it means")


class EvaluationProposalAdmin(SubmissionAdmin):
    model = EvaluationProposal
    menu_label = "Evaluation proposals"
    menu_icon = "clipboard-list"
    list_display = ["description_excerpt", "service", "equity_dimension", "place", "role", "created_at", "status"]
    list_filter = [
        "status",
        "role",
        ("service", UsedChoicesFilter),
        ("equity_dimension", UsedChoicesFilter),
        ("place", UsedChoicesFilter),
        "created_at",
    ]
    search_fields = ["description", "email", "service__name", "equity_dimension__name", "place__name"]
    list_select_related = ["service__parent", "equity_dimension", "place"]
    list_export = [
        "created_at",
        "service",
        "equity_dimension",
        "place",
        "description",
        "get_role_display",
        "email",
        "get_status_display",
    ]
    export_headings = {"get_role_display": "Who they are", "get_status_display": "Status"}
    export_filename = "evaluation-proposals"
    panels = review_panels(
        "service", "equity_dimension", "place", "description", "role", "email", "created_at", decision="status"
    )
    description_excerpt = excerpt("description", "What should be evaluated, and why")


class FeedbackGroup(ModelAdminGroup):
    menu_label = "Feedback"
    menu_icon = "mail"
    menu_order = 260
    items = (PageFeedbackAdmin, GlossarySuggestionAdmin, EvaluationProposalAdmin)


modeladmin_register(FeedbackGroup)
