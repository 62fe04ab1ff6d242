"""Admin forms: stages and audiences as checkboxes (kept as child rows, so they go into revisions), and the rules
that depend on what a resource is."""

from django import forms
from django.apps import apps
from wagtail.admin.forms import WagtailAdminPageForm

from core.choices import Stage

from .choices import Audience, Kind


class FacetTagsForm(WagtailAdminPageForm):
    stages = forms.MultipleChoiceField(
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Stages of an evaluation",
        help_text="The stages this helps with. Readers filter /resources/ by these.",
    )
    audiences = forms.MultipleChoiceField(
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Who it is for",
        help_text="Readers filter /resources/ by these.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("stages", [row.stage for row in self.instance.resource_stages.all()])
        self.initial.setdefault("audiences", [row.audience for row in self.instance.resource_audiences.all()])

    def clean(self):
        # The tag models from Django's registry: models.py imports this form (no import cycle).
        cleaned = super().clean()
        if "stages" in cleaned:
            stage = apps.get_model("resources", "PageStage")
            self.instance.resource_stages = [stage(stage=value) for value in cleaned["stages"]]
        if "audiences" in cleaned:
            audience = apps.get_model("resources", "PageAudience")
            self.instance.resource_audiences = [audience(audience=value) for value in cleaned["audiences"]]
        return cleaned

    def kept_rows(self, relation, field):
        """The inline rows of `relation` that will be saved with `field` filled in (not marked for deletion)."""
        formset = self.formsets.get(relation)
        forms_ = formset.forms if formset is not None else []
        return [
            form
            for form in forms_
            if form.is_valid() and form.cleaned_data.get(field) and not form.cleaned_data.get("DELETE")
        ]


class ResourceForm(FacetTagsForm):
    def clean(self):
        cleaned = super().clean()
        if self.is_deferred_validation:
            return cleaned  # a draft may be incomplete (Wagtail defers required fields); publishing checks these
        kind = cleaned.get("kind")
        if kind == Kind.TEMPLATE and not cleaned.get("document"):
            self.add_error("document", "A template needs a file to download: choose or upload a document.")
        if kind == Kind.METHODS_ADVICE and not cleaned.get("method"):
            self.add_error("method", "Methods advice is about one evaluation method: choose it.")
        if kind == Kind.WORKED_EXAMPLE and not self.kept_rows("evaluation_links", "evaluation"):
            self.add_error(None, "A worked example walks through a published evaluation: add at least one.")
        return cleaned


class EventForm(FacetTagsForm):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", "The event must end after it starts.")
        if not self.is_deferred_validation and not cleaned.get("online") and not cleaned.get("place", "").strip():
            self.add_error("place", "Say where it happens, or tick “Online”.")
        return cleaned
