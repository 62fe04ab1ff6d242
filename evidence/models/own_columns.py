"""A page type's own indexed copy of a date held in Wagtail's page table, so its listing can order by its own table
(OrderedByOwnColumns in index_pages.py)."""

from django.db import models


class OwnColumnCopy(models.DateTimeField):
    """A page type's own copy of a date in Wagtail's page table (`source`, such as first_published_at), indexed, so
    that its listing orders by its own table (OrderedByOwnColumns) as /evaluations/ does by `completed`.

    Taken from the instance whenever its row is written, as auto_now is (Field.pre_save: every save, and bulk
    inserts such as generate_evaluations'). A QuerySet.update() of the source, or save(update_fields=...) naming
    it, must name the copy too: with_own_copies()."""

    def __init__(self, *args, source, **kwargs):
        self.source = source
        super().__init__(*args, **{"null": True, "editable": False, "db_index": True, **kwargs})

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, {**kwargs, "source": self.source}

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.source)
        setattr(model_instance, self.attname, value)
        return value


def with_own_copies(model, values):
    """`values` (field name -> value, for QuerySet.update()) and the same values for `model`'s copies of them."""
    copies = [field for field in model._meta.concrete_fields if isinstance(field, OwnColumnCopy)]
    return {**values, **{field.name: values[field.source] for field in copies if field.source in values}}
