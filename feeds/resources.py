"""New resources and new events of the resource hub (/resources/), as Atom: newest published first."""

from django.utils import timezone
from django.utils.dateformat import format as format_date

from resources.models import EventPage, ResourceIndexPage, ResourcePage

from .site_feed import PORTAL, SiteFeed


class HubFeed(SiteFeed):
    def link(self, obj):
        hub = ResourceIndexPage.objects.live().public().first()
        return hub.get_full_url(obj.request) if hub else super().link(obj)  # the hub's own address, wherever it is


class ResourcesFeed(HubFeed):
    title = f"New resources – {PORTAL}"
    subtitle = "Guidance, templates, worked examples and methods advice for evaluating a service, newest first."

    def items(self, obj):
        return self.entries(ResourcePage.objects.live().public(), obj)

    def item_categories(self, item):
        return [item.get_kind_display()]


class EventsFeed(HubFeed):
    title = f"New events – {PORTAL}"
    subtitle = "Workshops and cohort sessions on evaluating a service together, newest announced first."

    def items(self, obj):
        return self.entries(EventPage.objects.live().public(), obj)

    def item_description(self, item):
        when = format_date(timezone.localtime(item.start), "l j F Y, H:i")
        where = "Online" if item.online else item.place
        return " ".join(part for part in (f"{when}. {where}.", item.who_for, item.summary) if part)
