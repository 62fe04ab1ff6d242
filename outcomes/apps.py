from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "What happened next"
    default_auto_field = "django.db.models.BigAutoField"
