from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/export.csv", views.export_csv, name="search_export_csv"),
    path("search/autocomplete", views.autocomplete, name="search_autocomplete"),
]
