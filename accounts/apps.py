from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Two-factor sign-in (TOTP) for admin users, on django-otp: README "Admin accounts and two-factor"."""

    name = "accounts"
    verbose_name = "Admin accounts"
