from django.urls import path

from portal.rate_limits import rate_limit

from . import views

# Answers are limited per client address (RATE_LIMIT_OUTCOMES); opening a link never is.
limit_posts = rate_limit("outcomes", method="POST", reason="form")

app_name = "outcomes"
urlpatterns = [
    path("what-happened-next/<str:token>/", limit_posts(views.AnswerView.as_view()), name="answer"),
    path("what-happened-next/thank-you/<int:pk>/", views.ThanksView.as_view(), name="thanks"),
]
