from django.apps import AppConfig


class LoginAuditConfig(AppConfig):
    """Shows django-axes' records of admin sign-in failures and lockouts in Wagtail (no models of its own)."""

    name = "portal.login_audit"
    label = "login_audit"
    verbose_name = "Login audit"
