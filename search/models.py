"""The search app's only table: the facet index's generation counter and its change log.

Row 1 holds the *generation*: bumped when something changes that only a full rebuild of the in-process facet
index (search/backends/facet_index.py) can follow (taxonomy, crosswalk, view restrictions, moves). Every other
row is a *change-log entry*: `value` is a page id (> 0) or minus a glossary term id (< 0) whose public state
changed, or 0 when pages' searchable text was re-indexed. Each web process applies the entries newer than its
last look to its own index, one document at a time (docs/decisions/0004-facet-index.md). The table's schema is
unchanged from the single-counter days: no migration.
"""

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F

GENERATION_ROW = 1
# Log entries kept; a process further behind than this rebuilds its index instead. Pruned every PRUNE_EVERY.
LOG_KEEP = 1000
PRUNE_EVERY = 100


class SearchGeneration(models.Model):
    """Read by every search request in one query with the log's newest id (search/backends/database.py), so
    all web processes see a publish at once without a shared cache."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "search generation"

    def __str__(self):
        return str(self.value)

    @classmethod
    def bump(cls, **kwargs):
        """Every process rebuilds its whole facet index (rare changes: taxonomy, crosswalk, restrictions, moves)."""
        if not cls.objects.filter(pk=GENERATION_ROW).update(value=F("value") + 1):
            cls.objects.get_or_create(pk=GENERATION_ROW)

    @classmethod
    def pages_changed(cls, page_ids):
        cls._log(int(pk) for pk in page_ids)

    @classmethod
    def terms_changed(cls, term_ids):
        cls._log(-int(pk) for pk in term_ids)

    @classmethod
    def text_changed(cls):
        """Pages' searchable text was re-indexed: processes forget the full-text matches they remember."""
        cls._log([0])

    @classmethod
    def _log(cls, values):
        # Ids are the newest id + 1 rather than the database's sequence, so they are committed in order (two
        # writers computing the same id: one fails and tries again) and a reader that has seen id N has seen every
        # entry up to N. Row 1 is not an entry: the first entry is 2.
        table = connection.ops.quote_name(cls._meta.db_table)
        insert = f"INSERT INTO {table} (id, value) SELECT COALESCE(MAX(id), 1) + 1, %s FROM {table}"  # noqa: S608
        count = 0
        for value in values:
            count += 1
            for attempt in range(10):
                try:
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute(insert, [value])
                    break
                except IntegrityError:
                    if attempt == 9:
                        raise
        if count:
            cls._prune(table, count)

    @staticmethod
    def _prune(table, count):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {table}")  # noqa: S608
            newest = cursor.fetchone()[0] or 0
            if newest // PRUNE_EVERY != (newest - count) // PRUNE_EVERY:
                prune = f"DELETE FROM {table} WHERE id > %s AND id <= %s"  # noqa: S608
                cursor.execute(prune, [GENERATION_ROW, newest - LOG_KEEP])
