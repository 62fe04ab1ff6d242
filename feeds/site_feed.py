"""What every feed here shares: the site's own address in links and ids, the portal as the feed's author, the
cache headers of portal/cache_headers.py and a fixed number of entries."""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from portal.cache_headers import set_feed_headers
from portal.site_address import absolute_url

ENTRIES = 30  # newest first; a feed reader keeps what it has already seen
PORTAL = "Equity Evidence Portal"


class Following:
    """The feed's object: the request (links are built from it) and what the feed follows, if anything."""

    def __init__(self, request, concept=None, **extra):
        self.request = request
        self.concept = concept
        self.__dict__.update(extra)


class SiteFeed(Feed):
    feed_type = Atom1Feed
    author_name = PORTAL  # Atom wants an author for the feed when an entry has none
    listing_path = "/"

    def __call__(self, request, *args, **kwargs):
        return set_feed_headers(super().__call__(request, *args, **kwargs))

    def get_object(self, request, *args, **kwargs):
        return Following(request)

    def link(self, obj):
        return absolute_url(self.listing_path, obj.request)

    def feed_url(self, obj):
        return absolute_url(obj.request.path, obj.request)

    def entries(self, queryset, obj):
        """At most ENTRIES pages, newest first, each with its absolute link (Django would prefix the request's host
        even where PORTAL_BASE_URL names another)."""
        newest = F("first_published_at").desc(nulls_last=True)  # PostgreSQL puts NULLs first otherwise
        pages = list(queryset.order_by(newest, "-pk")[:ENTRIES])
        for page in pages:
            page.feed_link = page.get_full_url(obj.request)
        return pages

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        # Atom requires it; a page made live without Wagtail's publish (a raw save, a bulk load) has no dates.
        dates = (item.last_published_at, item.first_published_at, item.latest_revision_created_at)
        return next((date for date in dates if date), None) or timezone.now()
