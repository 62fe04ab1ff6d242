"""A public adviser's sign-off of a plain-language summary, bound to the text they approved.

Readers are shown a sign-off only while the text they read is the text that was signed off: the sign-off keeps a
digest of the title, one-sentence summary and body it approved, and the page compares it with its own text. An
edit after sign-off (say, during editor approval) therefore publishes without the sign-off, and a signed draft
awaiting approval never lends its sign-off to the older live text.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone


def text_digest(summary):
    """A fingerprint of what readers read on `summary`: title, one-sentence summary and body text."""
    text = "\x1f".join([summary.title, summary.summary, summary.body_text()])
    return hashlib.sha256(text.encode()).hexdigest()


class SummarySignOff(models.Model):
    """Written by the public-adviser sign-off workflow task; shown to readers while the text is unchanged."""

    summary = models.ForeignKey("evidence.PlainLanguageSummaryPage", on_delete=models.CASCADE, related_name="sign_offs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=150, help_text="The adviser's name as credited at sign-off.")
    signed_off_at = models.DateTimeField()
    reading_age = models.FloatField()
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    text_digest = models.CharField(
        max_length=64, blank=True, editable=False, help_text="SHA-256 of the text that was signed off."
    )

    class Meta:
        ordering = ["-signed_off_at"]
        get_latest_by = "signed_off_at"

    def __str__(self):
        return f"{self.name}, {self.signed_off_at:%d %B %Y}"

    @classmethod
    def record(cls, summary, name, user=None, revision=None, signed_off_at=None):
        """Record that `name` signed off the text `summary` holds (a revision's version of the page)."""
        return cls.objects.create(
            summary_id=summary.pk,
            user=user,
            name=name,
            signed_off_at=signed_off_at or timezone.now(),
            reading_age=summary.reading_age,
            revision=revision,
            text_digest=text_digest(summary),
        )

    def signs(self, summary):
        """True if this sign-off approved exactly the text `summary` holds."""
        return bool(self.text_digest) and self.text_digest == text_digest(summary)
