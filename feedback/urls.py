from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("feedback/", views.PageFeedbackView.as_view(), name="page_feedback"),
    path("suggest-a-glossary-term/", views.GlossarySuggestionView.as_view(), name="glossary_suggestion"),
    path(
        "suggest-a-glossary-term/thank-you/",
        views.ThanksView.as_view(template_name="feedback/glossary_suggestion_thanks.html"),
        name="glossary_suggestion_thanks",
    ),
    path("propose-an-evaluation/", views.EvaluationProposalView.as_view(), name="evaluation_proposal"),
    path(
        "propose-an-evaluation/thank-you/",
        views.ThanksView.as_view(template_name="feedback/evaluation_proposal_thanks.html"),
        name="evaluation_proposal_thanks",
    ),
]
