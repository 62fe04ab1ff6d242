from django.urls import path

from . import views

urlpatterns = [
    path("citations/<slug:slug>.ris", views.citation_ris, name="evaluation_ris"),
]
