"""New evaluations, all of them or about one service or one equity dimension, as Atom.

They select what search's filter selects for the same slug (the feed's link is that search): a service area's
feed has its services' evaluations too (search_service_rollup), and an equity dimension's feed has the evaluations
tagged with a dimension the crosswalk matches with it (evidence/crosswalk.py; search's default, crosswalk on)."""

from urllib.parse import urlencode

from django.urls import reverse

from evidence.crosswalk import with_matches
from evidence.models import TAXONOMY_PREFETCH, EquityDimension, EvaluationPage, PageEquityDimension
from portal.site_address import absolute_url

from .following import FollowsService, TeamPagesFeed
from .site_feed import PORTAL, Following, SiteFeed


class EvaluationsFeed(TeamPagesFeed, SiteFeed):
    """Every new evaluation (/feeds/evaluations.atom)."""

    title = f"New evaluations – {PORTAL}"
    subtitle = "Co-produced evaluations of local health and care services, newest first."
    listing_path = "/evaluations/"

    def items(self, obj):
        evaluations = EvaluationPage.objects.live().public()
        return self.entries(evaluations.prefetch_related("team", *TAXONOMY_PREFETCH), obj)


class ConceptEvaluationsFeed(EvaluationsFeed):
    filter_param = ""

    def title(self, obj):
        return f"Evaluations about {obj.concept.name} – {PORTAL}"

    def link(self, obj):
        return absolute_url(f"{reverse('search')}?{urlencode({self.filter_param: obj.concept.slug})}", obj.request)

    def items(self, obj):
        evaluations = EvaluationPage.objects.live().public().filter(pk__in=self.page_ids(obj))
        return self.entries(evaluations.prefetch_related("team", *TAXONOMY_PREFETCH), obj)


class ServiceEvaluationsFeed(FollowsService, ConceptEvaluationsFeed):
    def subtitle(self, obj):
        service = obj.concept
        within = "" if service.parent_id else " and the services in it"
        return f"Co-produced evaluations of {service.name}{within}, newest first."


class EquityEvaluationsFeed(ConceptEvaluationsFeed):
    filter_param = "equity"

    def get_object(self, request, slug):
        dimension = EquityDimension.objects.get(slug=slug)
        return Following(request, dimension, dimension_ids=with_matches([dimension.pk])[dimension.pk])

    def subtitle(self, obj):
        return (
            f"Co-produced evaluations about {obj.concept.name} ({obj.concept.get_framework_display()}) "
            "or a group matched with it in another list, newest first."
        )

    def page_ids(self, obj):
        return PageEquityDimension.objects.filter(equity_dimension__in=obj.dimension_ids).values("page_id")
