"""The co-production step of the summary workflow: a credited public adviser signs the summary off."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from wagtail.models import Task, TaskState

from evidence import roles

from .sign_off import SummarySignOff
from .summary import PlainLanguageSummaryPage


def _default_limit():
    return settings.PORTAL_SIGNOFF_MAX_READING_AGE


def _can_publish(page, user):
    return hasattr(page, "permissions_for_user") and page.permissions_for_user(user).can_publish()


class SignOffRefused(PermissionDenied):
    """Raised with a reason a person can act on."""


class PublicAdviserSignOffTask(Task):
    max_reading_age = models.PositiveSmallIntegerField(
        default=_default_limit,
        help_text="Summaries with a higher reading age cannot be signed off (NHS guidance: aim for 9 to 11).",
    )

    admin_form_fields = [*Task.admin_form_fields, "max_reading_age"]

    class Meta:
        verbose_name = "public adviser sign-off"
        verbose_name_plural = "public adviser sign-offs"

    @classmethod
    def limit_for(cls, summary):
        """The reading-age limit of the sign-off step in this summary's workflow (settings default otherwise)."""
        workflow = summary.get_workflow() if summary.pk else None
        if workflow is not None:
            for task in workflow.tasks.specific():
                if isinstance(task, cls):
                    return task.max_reading_age
        return _default_limit()

    @classmethod
    def get_description(cls):
        return "A public adviser credited as a co-author signs the summary off, if it is simple enough to read."

    def _summary(self, obj):
        # Judge the newest version, not the live page: advisers sign off what they read in the editor.
        summary = obj.get_latest_revision_as_object() if hasattr(obj, "get_latest_revision_as_object") else obj
        return summary if isinstance(summary, PlainLanguageSummaryPage) else None

    def refusal_reason(self, obj, user):
        """Why `user` may not sign `obj` off, or "" if they may."""
        summary = self._summary(obj)
        if summary is None:
            return "Only plain-language summaries can be signed off by public advisers."
        if not roles.in_group(user, roles.PUBLIC_ADVISERS):
            return "Only public advisers can sign a summary off."
        if not summary.credited_public_adviser(user):
            return "Only a public adviser credited as a co-author of this summary can sign it off."
        if summary.reading_age > self.max_reading_age:
            return (
                f"This summary has a reading age of {summary.reading_age:g}, above the limit of "
                f"{self.max_reading_age}. Make it simpler before it is signed off."
            )
        return ""

    def user_can_access_editor(self, obj, user):
        summary = self._summary(obj)
        return bool(summary and summary.credited_public_adviser(user))

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or self.user_can_access_editor(obj, user))

    def get_actions(self, obj, user):
        if self.refusal_reason(obj, user):
            # Credited advisers may still ask for changes when the text is too hard to sign off, and an editor can
            # always send a summary back to its team, so no summary is left waiting for a sign-off nobody can give.
            if self.user_can_access_editor(obj, user) or _can_publish(obj, user):
                return [("reject", "Request changes", True)]
            return []
        return [
            ("reject", "Request changes", True),
            ("approve", "Sign off", False),
            ("approve", "Sign off with comment", True),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            # The newest revision is what the adviser read: the editor saves their edits before the action runs,
            # while task_state.revision stays the one the step started with.
            page = task_state.workflow_state.content_object
            reason = self.refusal_reason(page, user)
            if reason:
                raise SignOffRefused(reason)
            revision = page.get_latest_revision()
            SummarySignOff.record(
                revision.as_object(), name=user.get_full_name() or user.get_username(), user=user, revision=revision
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not roles.in_group(user, roles.PUBLIC_ADVISERS):
            return TaskState.objects.none()
        summary_ids = PlainLanguageSummaryPage.objects.filter(
            co_authors__user=user, co_authors__role="public-adviser"
        ).values_list("pk", flat=True)
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=[str(pk) for pk in summary_ids]
        )
