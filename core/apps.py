from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: the base page and its mixins, StreamField blocks, choices, CSV cells, pagination.
    Abstract models only (no tables, no migrations); it imports no other app of the project."""

    name = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"
