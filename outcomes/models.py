"""What happened next: 6, 12 and 24 months after an evaluation was completed its team contact is asked, by an
emailed signed link, what changed because of it. One FollowUp row per evaluation and month: created when the email
is sent ("requested"), filled in by the contact ("answered"), then approved or rejected by an editor. Only approved
answers are public (the evaluation's timeline, the gap map's counts and the search facet "led to a change")."""

from django.conf import settings
from django.db import models

MONTHS = [6, 12, 24]


class Changed(models.TextChoices):
    """The contact's answer to "Did anything change because of this evaluation?"."""

    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_YET = "not_yet", "Not yet"


class Status(models.TextChoices):
    REQUESTED = "requested", "Asked, no answer yet"
    ANSWERED = "answered", "Waiting for moderation"
    APPROVED = "approved", "Approved (public)"
    REJECTED = "rejected", "Rejected"


class FollowUp(models.Model):
    evaluation = models.ForeignKey("evidence.EvaluationPage", on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField(choices=[(m, f"{m} months") for m in MONTHS])
    sent_at = models.DateTimeField("Asked on")
    answered_at = models.DateTimeField("Answered on", null=True, blank=True)

    changed = models.CharField("Did anything change?", max_length=10, choices=Changed.choices, blank=True)
    # True only for "yes": what the search facet and the gap map count (kept in step by save()).
    led_to_change = models.BooleanField("Led to a change", default=False, db_index=True)
    what_changed = models.TextField("What changed?", blank=True)
    for_whom = models.TextField("For whom?", blank=True)
    what_was_learned = models.TextField("What was learned?", blank=True)
    how_it_was_shared = models.TextField("How was the learning shared?", blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "months"], name="one_follow_up_per_month")]
        ordering = ["evaluation_id", "months"]
        verbose_name = "what happened next answer"

    def __str__(self):
        return f"{self.evaluation.title}: {self.months} months"

    def save(self, *args, **kwargs):
        self.led_to_change = self.changed == Changed.YES
        super().save(*args, **kwargs)
