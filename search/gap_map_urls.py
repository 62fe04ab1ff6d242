app_name = "gap_map"
urlpatterns = []
