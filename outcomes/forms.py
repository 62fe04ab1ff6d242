"""The contact's answer, in the terms of the Health Inequalities Assessment Toolkit (HIAT): did anything change,
what changed, for whom, what was learned and how the learning was shared. Error messages say what to do."""

from django import forms
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core.signed_links import LinkProblem
from feedback.forms import too_long

from .models import Changed, FollowUp, Status
from .moderation import ANSWERED

TEXT_LIMIT = 2000


def text(label, hint):
    return forms.CharField(
        label=label,
        help_text=hint,
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": too_long(f"‘{label}’", TEXT_LIMIT)},
    )


class AnswerForm(forms.ModelForm):
    use_required_attribute = False  # the server checks; browsers' own pop-ups are not accessible

    changed = forms.ChoiceField(
        label="Did anything change because of this evaluation?",
        choices=Changed.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes, no or not yet",
            "invalid_choice": "Select yes, no or not yet",
        },
    )

    what_changed = text("What changed?", "For example a new clinic time, a leaflet in more languages, a service kept.")
    for_whom = text("Who did it change things for?", "For example carers, people who do not speak English, young men.")
    what_was_learned = text("What did you learn?", "What would you tell another team doing the same work?")
    how_it_was_shared = text("How did you share what you learned?", "For example a talk, a newsletter, a team meeting.")

    class Meta:
        model = FollowUp
        fields = ["changed", "what_changed", "for_whom", "what_was_learned", "how_it_was_shared"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("changed") == Changed.YES and not cleaned.get("what_changed", "").strip():
            self.add_error("what_changed", "Enter what changed, or select ‘No’ or ‘Not yet’")
        return cleaned

    @transaction.atomic
    def save_answer(self, now=None):
        """Store the answer for moderation and log it on the evaluation (done by the contact: no user). Written only
        while the follow-up still waits for an answer, so two posts of one link at once store one answer; the
        other gets LinkProblem(410, "used")."""
        follow_up = self.instance
        answer = {name: self.cleaned_data[name] for name in self._meta.fields}
        answer.update(answered_at=now or timezone.now(), status=Status.ANSWERED)
        answer["led_to_change"] = answer["changed"] == Changed.YES
        if not FollowUp.objects.filter(pk=follow_up.pk, status=Status.REQUESTED).update(**answer):
            raise LinkProblem(410, "used")
        log(follow_up.evaluation, ANSWERED, data={"months": follow_up.months, "follow_up": follow_up.pk})
        return follow_up
