from django.urls import path

from . import gap_map_views

app_name = "gap_map"
urlpatterns = [
    path("evidence-map/", gap_map_views.evidence_map, name="evidence_map"),
    path("evidence-map.csv", gap_map_views.evidence_map_csv, name="evidence_map_csv"),
]
