"""What /resources/ shows: the filters read from the address, counts per option, resources and events.

A fixed number of queries whatever the number of resources, events or tags: one count query per facet, the
resources' page (count, slice, two tag prefetches), the upcoming and past events with their tags and materials.
Everything comes from `.live().public()` querysets: drafts and restricted pages are never listed or counted."""

from dataclasses import dataclass, field
from datetime import datetime, time
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count, Prefetch
from django.utils import timezone
from wagtail.models import Page

from core.choices import Stage
from core.filter_notice import unrecognised_notice
from core.pagination import paginate

from .choices import Audience

FACET_PREFETCH = ("resource_stages", "resource_audiences")


def model(name):
    """A model of this app from Django's registry: models.py renders the hub with this module, so importing
    models.py here would make an import cycle (tests/core/test_import_cycles.py)."""
    return apps.get_model("resources", name)


def public_materials(materials):
    """Materials whose document (if any) a reader may download; links always show."""
    from portal.visibility import public_document_ids

    materials = list(materials)
    visible = public_document_ids([m.document_id for m in materials])
    return [m for m in materials if m.document_id is None or m.document_id in visible]


PER_PAGE = 20
PAST_EVENTS_SHOWN = 10


@dataclass
class Facet:
    param: str
    legend: str
    choices: type
    model: type
    column: str
    chosen: list = field(default_factory=list)

    def narrow(self, queryset):
        """Pages tagged with any chosen option (options of one facet widen, facets narrow each other)."""
        if not self.chosen:
            return queryset
        tagged = self.model.objects.filter(**{f"{self.column}__in": self.chosen}).values("page_id")
        return queryset.filter(pk__in=tagged)


def facets_for(request):
    """The two facets with the options the address chose, and a message for each value that was not an option."""
    facets = [
        Facet("stage", "Stage of an evaluation", Stage, model("PageStage"), "stage"),
        Facet("audience", "Who it is for", Audience, model("PageAudience"), "audience"),
    ]
    ignored = []
    for facet in facets:
        known = dict(facet.choices.choices)
        for value in request.GET.getlist(facet.param):
            if value in known and value not in facet.chosen:
                facet.chosen.append(value)
            elif value not in known:
                ignored.append(value)
    return facets, unrecognised_notice(ignored)


def narrowed(queryset, facets, skip=None):
    for facet in facets:
        if facet is not skip:
            queryset = facet.narrow(queryset)
    return queryset


def option_counts(index, facets):
    """For each facet, its options with how many pages each would list, given the other facet's choice."""
    pages = Page.objects.live().public().child_of(index)
    groups = []
    for facet in facets:
        matching = narrowed(pages, facets, skip=facet).values("pk")
        counted = dict(
            facet.model.objects.filter(page_id__in=matching)
            .values_list(facet.column)
            .annotate(n=Count("page_id"))
            .order_by()
        )
        options = [
            {"value": value, "label": label, "count": counted.get(value, 0), "checked": value in facet.chosen}
            for value, label in facet.choices.choices
        ]
        groups.append({"param": facet.param, "legend": facet.legend, "options": options})
    return groups


def hub_context(index, request):
    facets, notice = facets_for(request)
    resources = narrowed(model("ResourcePage").objects.live().public().child_of(index), facets)
    resources = resources.prefetch_related(*FACET_PREFETCH).order_by("title", "pk")
    page_of_resources, page_notice = paginate(request, resources, PER_PAGE)

    start_of_today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    events = narrowed(model("EventPage").objects.live().public().child_of(index), facets)
    events = events.prefetch_related(*FACET_PREFETCH)
    upcoming = list(events.filter(end__gte=start_of_today).order_by("start", "pk"))
    materials = Prefetch(
        "materials", queryset=model("EventMaterial").objects.select_related("document"), to_attr="all_materials"
    )
    past = list(
        events.filter(end__lt=start_of_today).prefetch_related(materials).order_by("-start", "-pk")[:PAST_EVENTS_SHOWN]
    )
    shown = set(map(id, public_materials(m for event in past for m in event.all_materials)))
    for event in past:
        event.public_materials = [m for m in event.all_materials if id(m) in shown]

    chosen = [(facet.param, value) for facet in facets for value in facet.chosen]
    return {
        "filter_groups": option_counts(index, facets),
        "filtered": bool(chosen),
        "filter_notice": notice,
        "items": page_of_resources,
        "page_notice": page_notice,
        "query_string": urlencode(chosen),
        "upcoming_events": upcoming,
        "past_events": past,
        "chosen_labels": ", ".join(dict(f.choices.choices)[v] for f in facets for v in f.chosen),
    }
