from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from accounts import views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", views.own_two_factor, name="accounts_two_factor"),
        path("two-factor/verify/", views.verify, name="accounts_two_factor_verify"),
        path("two-factor/set-up/", views.set_up, name="accounts_two_factor_set_up"),
        path("two-factor/reset/<int:user_id>/", views.reset, name="accounts_two_factor_reset"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": "Two-factor sign-in",
        "help_text": "Ask for a code from an authenticator app on your phone each time you sign in.",
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    if views.can_reset(request_user) and (request_user.is_superuser or not user.is_superuser):
        yield Button(
            "Reset two-factor",
            reverse("accounts_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
