from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resource hub"
    default_auto_field = "django.db.models.BigAutoField"
