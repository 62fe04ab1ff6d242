"""The "Reviews overdue" dashboard panel for Editors and superusers: live pages whose next review date has passed.

Every page type with review dates (`ReviewDatesMixin`) is listed in one UNION ALL query, most overdue first, plus
one count: two queries, whatever the number of pages or page types.
"""

from django.apps import apps
from django.db.models import CharField, Value
from django.utils import timezone
from wagtail.models import Page

from core.models import ReviewDatesMixin
from evidence.dashboard import PANEL_ROWS, EditorsPanel, rows_and_total


def review_dated_models():
    return [model for model in apps.get_models() if issubclass(model, ReviewDatesMixin) and issubclass(model, Page)]


def overdue_reviews(limit=PANEL_ROWS):
    """(rows, total): up to `limit` dicts (pk, title, next_review, kind), most overdue first, and how many in all."""
    today = timezone.localdate()
    branches = [
        model.objects.live()
        .filter(next_review__lt=today)
        .annotate(kind=Value(model._meta.verbose_name.capitalize(), output_field=CharField()))
        .order_by()
        .values("pk", "title", "next_review", "kind")
        for model in review_dated_models()
    ]
    overdue = branches[0].union(*branches[1:], all=True)
    return rows_and_total(overdue.order_by("next_review", "title"), limit)


class OverdueReviewsPanel(EditorsPanel):
    """Editors and superusers keep pages up to date."""

    name = "overdue_reviews"
    template_name = "evidence/admin/dashboard_overdue_reviews.html"
    order = 97

    def listing(self):
        return overdue_reviews()


add_overdue_reviews_panel = OverdueReviewsPanel.add_for_editors  # the construct_homepage_panels hook
