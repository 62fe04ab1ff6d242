"""Admin panels specific to co-produced evidence."""

from django.conf import settings
from wagtail.admin.panels import HelpPanel


class ReadabilityPanel(HelpPanel):
    """Shows a summary's measured readability and whether it is simple enough to be signed off."""

    def __init__(self, **kwargs):
        kwargs.setdefault("template", "evidence/admin/readability_panel.html")
        kwargs.setdefault("heading", "Readability")
        super().__init__(**kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            summary = self.instance
            from evidence.models.workflow import sign_off_limit_for

            limit = sign_off_limit_for(summary) if summary.pk else settings.PORTAL_SIGNOFF_MAX_READING_AGE
            context.update(
                measured=bool(summary.word_count),
                readability=summary.readability,
                limit=limit,
                too_hard=summary.reading_age > limit,
            )
            return context
