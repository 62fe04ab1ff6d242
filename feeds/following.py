"""What a feed that follows one service or one equity dimension shares, whatever pages it lists (evaluations,
registered projects): the object from the address's slug (an unknown one: DoesNotExist, which the feed view answers
with 404) and the pages tagged with it, by the taxonomy tables every tagged page type shares (TaxonomyMixin)."""

from django.db.models import Q

from evidence.models import EquityDimension, PageEquityDimension, PageService, Service

from .site_feed import Following


class FollowsService:
    """A service area's feed has its services' pages too (as search and the register filter)."""

    filter_param = "service"

    def get_object(self, request, slug):
        return Following(request, Service.objects.get(slug=slug))

    def page_ids(self, obj):
        service = obj.concept
        return PageService.objects.filter(Q(service=service) | Q(service__parent=service)).values("page_id")


class FollowsEquity:
    """The dimension itself only (as the register filter and the gap map's under-way counts)."""

    filter_param = "equity"

    def get_object(self, request, slug):
        return Following(request, EquityDimension.objects.get(slug=slug))

    def page_ids(self, obj):
        return PageEquityDimension.objects.filter(equity_dimension=obj.concept).values("page_id")


class TeamPagesFeed:
    """Entries for pages with a team and taxonomies (prefetched): the team as authors, the tags as categories."""

    def item_author_name(self, item):
        return ", ".join(member.name for member in item.team.all()) or None

    def item_categories(self, item):
        return [*(s.name for s in item.services), *(d.name for d in item.equity_dimensions)]
