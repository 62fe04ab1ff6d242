from django.urls import path

from portal.rate_limits import rate_limit

from . import confirm_views

# Answers are limited per client address like the public forms (RATE_LIMIT_FORMS); opening a link never is.
limit_posts = rate_limit("forms", method="POST", reason="form")

app_name = "register_confirm"
urlpatterns = [
    path(
        "register-still-active/<str:token>/",
        limit_posts(confirm_views.StillActiveView.as_view()),
        name="still_active",
    ),
    path(
        "register-still-active/thank-you/<slug:answer>/<int:pk>/",
        confirm_views.ThanksView.as_view(),
        name="thanks",
    ),
]
