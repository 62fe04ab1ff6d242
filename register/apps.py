from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = "Register of evaluations in progress"
    default_auto_field = "django.db.models.BigAutoField"
