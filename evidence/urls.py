from django.urls import path

from . import views

urlpatterns = [
    path("citations/<slug:slug>.ris", views.citation_ris, name="evaluation_ris"),
    path("feeds/evaluations.atom", views.EvaluationsFeed(), name="evaluations_feed"),
]
