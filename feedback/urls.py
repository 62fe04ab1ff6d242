from django.urls import path

from portal.rate_limits import rate_limit

from . import views

# Each form's POSTs are limited per client address (RATE_LIMIT_FORMS); showing a form never is.
limit_posts = rate_limit("forms", method="POST", reason="form")

app_name = "feedback"
urlpatterns = [
    path("feedback/", limit_posts(views.PageFeedbackView.as_view()), name="page_feedback"),
    path("suggest-a-glossary-term/", limit_posts(views.GlossarySuggestionView.as_view()), name="glossary_suggestion"),
    path(
        "suggest-a-glossary-term/thank-you/",
        views.ThanksView.as_view(template_name="feedback/glossary_suggestion_thanks.html"),
        name="glossary_suggestion_thanks",
    ),
    path("propose-an-evaluation/", limit_posts(views.EvaluationProposalView.as_view()), name="evaluation_proposal"),
    path(
        "propose-an-evaluation/thank-you/",
        views.ThanksView.as_view(template_name="feedback/evaluation_proposal_thanks.html"),
        name="evaluation_proposal_thanks",
    ),
]
