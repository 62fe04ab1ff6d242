"""New projects in the register of evaluations in progress (/register/), all of them or about one service or one
equity dimension, as Atom: newest registered (first published) first, only what an anonymous reader may see.

They select what the register's own filter selects for the same slug (the feed's link is that filtered register):
a service area has its services' projects too; an equity dimension has its own projects only, as the register and
the gap map's "under way" counts (no crosswalk)."""

from urllib.parse import urlencode

from django.utils.dateformat import format as format_date

from evidence.models import TAXONOMY_PREFETCH
from portal.site_address import absolute_url
from register.models import RegisteredProjectPage
from register.ongoing import register_path

from .following import FollowsEquity, FollowsService, TeamPagesFeed
from .site_feed import PORTAL, SiteFeed


class RegisterFeed(TeamPagesFeed, SiteFeed):
    """Every new project (/feeds/register.atom)."""

    title = f"New evaluations in progress – {PORTAL}"
    subtitle = "Evaluations of local health and care services that teams have started, newest registered first."
    filter_param = ""

    def link(self, obj):
        path = register_path() or "/"  # the register's own address, wherever its page is
        if obj.concept is not None:
            path = f"{path}?{urlencode({self.filter_param: obj.concept.slug})}"
        return absolute_url(path, obj.request)

    def items(self, obj):
        projects = RegisteredProjectPage.objects.live().public()
        if obj.concept is not None:
            projects = projects.filter(pk__in=self.page_ids(obj))
        return self.entries(projects.prefetch_related("team", *TAXONOMY_PREFETCH), obj)

    def item_description(self, item):
        finish = format_date(item.expected_completion, "F Y")
        return f"{item.summary} Stage: {item.get_stage_display()}. Expected to finish: {finish}."

    def item_categories(self, item):
        return [item.get_stage_display(), *super().item_categories(item)]


class ConceptRegisterFeed(RegisterFeed):
    def title(self, obj):
        return f"Evaluations in progress about {obj.concept.name} – {PORTAL}"

    def subtitle(self, obj):
        return f"Evaluations in progress about {obj.concept.name} that teams have started, newest registered first."


class ServiceRegisterFeed(FollowsService, ConceptRegisterFeed):
    pass


class EquityRegisterFeed(FollowsEquity, ConceptRegisterFeed):
    pass
