"""Admin registration: taxonomies and the glossary as snippets; the co-production dashboard panels."""

from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .dashboard import construct_panels
from .models import EquityDimension, GlossaryTerm, Place, Service


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "list-ul"
    list_display = ["name", "parent", "slug"]
    list_filter = ["parent"]
    search_fields = ["name", "slug"]
    ordering = ["parent__sort_order", "sort_order", "name"]


class EquityDimensionViewSet(SnippetViewSet):
    model = EquityDimension
    icon = "group"
    list_display = ["name", "framework", "slug"]
    list_filter = ["framework"]
    search_fields = ["name", "slug"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Taxonomies"
    menu_icon = "tag"
    menu_order = 250
    items = (ServiceViewSet, EquityDimensionViewSet, PlaceViewSet)


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["term", "slug", UpdatedAtColumn()]
    search_fields = ["term", "aliases", "definition"]
    list_per_page = 50


register_snippet(TaxonomyGroup)
register_snippet(GlossaryTermViewSet)


@hooks.register("construct_homepage_panels")
def co_production_panels(request, panels):
    construct_panels(request, panels)


# "Reviews overdue" for Editors and superusers (evidence/overdue_reviews.py).
@hooks.register("construct_homepage_panels")
def overdue_reviews_panel(request, panels):
    from .overdue_reviews import add_overdue_reviews_panel

    add_overdue_reviews_panel(request, panels)
