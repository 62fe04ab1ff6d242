"""Feeds that follow one thing, next to the feed of all new evaluations (/feeds/evaluations.atom, evidence/urls.py)."""

from django.urls import path

from .evaluations import EquityEvaluationsFeed, ServiceEvaluationsFeed
from .resources import EventsFeed, ResourcesFeed

app_name = "feeds"
urlpatterns = [
    path("feeds/evaluations/service/<slug:slug>.atom", ServiceEvaluationsFeed(), name="service_evaluations"),
    path("feeds/evaluations/equity/<slug:slug>.atom", EquityEvaluationsFeed(), name="equity_evaluations"),
    path("feeds/resources.atom", ResourcesFeed(), name="resources"),
    path("feeds/events.atom", EventsFeed(), name="events"),
]
