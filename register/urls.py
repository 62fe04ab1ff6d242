from django.urls import path

from portal.rate_limits import rate_limit

from . import views

# POSTs are limited per client address (RATE_LIMIT_REGISTER); showing the form never is. These come before
# Wagtail's pages in portal/urls.py, so /register/submit/ is the form and not a project's page (forms.RESERVED_SLUGS).
limit_posts = rate_limit("register", method="POST", reason="form")

app_name = "register"
urlpatterns = [
    path("register/submit/", limit_posts(views.ProjectSubmissionView.as_view()), name="submit"),
    path("register/submit/thank-you/", views.SubmittedView.as_view(), name="submitted"),
]
