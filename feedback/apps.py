from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """What the public sends us: page feedback, glossary suggestions and proposals for new evaluations."""

    name = "feedback"
    verbose_name = "Feedback and proposals"
    default_auto_field = "django.db.models.BigAutoField"
