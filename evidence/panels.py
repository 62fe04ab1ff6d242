"""Admin panels specific to co-produced evidence."""

from django.apps import apps
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
            # The task from the app registry: the summary model imports this module, and the task the summary.
            task = apps.get_model("evidence", "PublicAdviserSignOffTask")
            limit = task.limit_for(summary) if summary.pk else settings.PORTAL_SIGNOFF_MAX_READING_AGE
            context.update(
                measured=bool(summary.word_count),
                readability=summary.readability,
                limit=limit,
                too_hard=summary.reading_age > limit,
            )
            return context


class ConceptEntryPanel(HelpPanel):
    """On a service or an equity dimension: the glossary entry that holds its words (definition, other names,
    page), with a link to edit it, or to write one when there is none."""

    def __init__(self, concept_field, **kwargs):
        self.concept_field = concept_field
        kwargs.setdefault("template", "evidence/admin/concept_entry_panel.html")
        kwargs.setdefault("heading", "Its words for readers")
        super().__init__(**kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "concept_field": self.concept_field}

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            concept = self.instance
            context["entry"] = concept.glossary_terms.order_by("-live", "term").first() if concept.pk else None
            context["concept_field"] = self.panel.concept_field
            return context
