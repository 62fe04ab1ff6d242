"""Atom feeds: every new evaluation, the evaluations about one service or equity dimension, resources, events, and
the register's new projects (all, per service, per equity dimension)."""

from django.urls import path

from .evaluations import EquityEvaluationsFeed, EvaluationsFeed, ServiceEvaluationsFeed
from .register import EquityRegisterFeed, RegisterFeed, ServiceRegisterFeed
from .resources import EventsFeed, ResourcesFeed

app_name = "feeds"
urlpatterns = [
    path("feeds/evaluations.atom", EvaluationsFeed(), name="evaluations"),
    path("feeds/evaluations/service/<slug:slug>.atom", ServiceEvaluationsFeed(), name="service_evaluations"),
    path("feeds/evaluations/equity/<slug:slug>.atom", EquityEvaluationsFeed(), name="equity_evaluations"),
    path("feeds/resources.atom", ResourcesFeed(), name="resources"),
    path("feeds/events.atom", EventsFeed(), name="events"),
    path("feeds/register.atom", RegisterFeed(), name="register"),
    path("feeds/register/service/<slug:slug>.atom", ServiceRegisterFeed(), name="service_register"),
    path("feeds/register/equity/<slug:slug>.atom", EquityRegisterFeed(), name="equity_register"),
]
