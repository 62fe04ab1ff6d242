"""The search app's only table: a counter that changes whenever searchable data changes."""

from django.db import models
from django.db.models import F


class SearchGeneration(models.Model):
    """Bumped by signals (search/signals.py) on every change the in-process facet index depends on.

    Each request reads it (one primary-key lookup) to know whether its facet index is stale, so all web
    processes see a publish at once without a shared cache.
    """

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "search generation"

    def __str__(self):
        return str(self.value)

    @classmethod
    def bump(cls, **kwargs):
        if not cls.objects.filter(pk=1).update(value=F("value") + 1):
            cls.objects.get_or_create(pk=1)
