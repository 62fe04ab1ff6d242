"""What /register/ shows: the filters read from the address (stage, service), counts per stage, and a page of
published projects, newest first. The heading counts the projects listed and, of them, those under way as the
evidence gap map counts them (ongoing.py), so a cell's number and the register it links to agree.

A fixed number of queries whatever the number of projects: the services (one query), the stage counts (one), the
page of projects (count, slice, the team-free prefetches of services) and the evaluations they link to (one).
Everything comes from `.live().public()` querysets: drafts and restricted projects are never listed or counted."""

from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count, Q
from django.urls import reverse

from core.choices import Stage
from core.filter_notice import unrecognised_notice
from core.pagination import paginate

from .ongoing import under_way_q

PER_PAGE = 20
LISTING_PREFETCH = ("page_services__service",)


def model(name):
    """A model from Django's registry: models.py renders the register with this module (no import cycle)."""
    return apps.get_model(*name.split("."))


def service_options():
    """Top-level service areas, each followed by its services (the label names the area too)."""
    services = model("evidence.Service").objects.order_by("sort_order", "name")
    services = list(services.values_list("pk", "slug", "name", "parent_id"))
    options = []
    for pk, slug, name, parent in services:
        if parent is None:
            options.append({"value": slug, "label": name, "pk": pk, "parent": None})
            options += [
                {"value": c_slug, "label": f"{name} › {c_name}", "pk": c_pk, "parent": pk}
                for c_pk, c_slug, c_name, c_parent in services
                if c_parent == pk
            ]
    return options


def read_filters(request, options, known=()):
    """(stages chosen, service option chosen or None, notice naming what was not recognised)."""
    known_stages = dict(Stage.choices)
    stages, ignored = [], []
    for value in request.GET.getlist("stage"):
        if value in known_stages:
            if value not in stages:
                stages.append(value)
        else:
            ignored.append(value)
    service = None
    by_slug = {option["value"]: option for option in options}
    for value in request.GET.getlist("service"):
        if value == "":
            continue  # "All services"
        if value in by_slug and service is None:
            service = by_slug[value]
        elif value not in by_slug:
            ignored.append(value)
    # `equity` and `place` (tag_filters): the slugs not found, and any second value, are reported too.
    tags = request.GET.getlist("equity")[1:] + request.GET.getlist("place")[1:]
    tags += [
        v for v in request.GET.getlist("equity")[:1] + request.GET.getlist("place")[:1] if v.strip()[:200] not in known
    ]
    ignored += [value for value in tags if value.strip()]
    return stages, service, unrecognised_notice(ignored)


def by_service(queryset, service):
    """Projects tagged with the service, or (for a service area) with any of its services."""
    if service is None:
        return queryset
    links = model("evidence.PageService").objects.filter(
        Q(service_id=service["pk"]) | Q(service__parent_id=service["pk"])
    )
    return queryset.filter(pk__in=links.values("page_id"))


# Filters given only in the address (the evidence gap map links here with them): (parameter, model, lookup).
TAG_FILTERS = (
    ("equity", "evidence.EquityDimension", "page_equity_dimensions__equity_dimension"),
    ("place", "evidence.Place", "page_places__place"),
)


def tag_filters(request):
    """[(parameter, term, lookup)] for the `equity` and `place` slugs found (one query each, only when given)."""
    chosen = []
    for param, name, lookup in TAG_FILTERS:
        value = next(iter(request.GET.getlist(param)), "").strip()[:200]  # the first, as read_filters
        term = model(name).objects.filter(slug=value).first() if value else None
        if term is not None:
            chosen.append((param, term, lookup))
    return chosen


def register_context(index, request):
    from core.reader_memo import public

    options = service_options()
    tags = tag_filters(request)
    found = {term.slug for _param, term, _lookup in tags}
    stages, service, notice = read_filters(request, options, known=found)
    projects = by_service(public(model("register.RegisteredProjectPage").objects.child_of(index)), service)
    for _param, term, lookup in tags:
        projects = projects.filter(**{lookup: term})

    # Per stage: projects listed, and of them under way as the gap map counts them (the heading says both).
    per_stage = projects.order_by().values("stage").annotate(n=Count("pk"), under_way=Count("pk", filter=under_way_q()))
    counted = {row["stage"]: row for row in per_stage}
    stage_options = [
        {"value": value, "label": label, "count": counted.get(value, {}).get("n", 0), "checked": value in stages}
        for value, label in Stage.choices
    ]
    shown = [row for stage, row in counted.items() if not stages or stage in stages]
    listed, under_way = sum(row["n"] for row in shown), sum(row["under_way"] for row in shown)

    if stages:
        projects = projects.filter(stage__in=stages)
    projects = projects.prefetch_related(*LISTING_PREFETCH).order_by("-first_published_at", "-pk")
    page_of_projects, page_notice = paginate(request, projects, PER_PAGE)

    # The evaluations the shown projects link to, if a reader may see them: one query for the page.
    linked = {p.published_evaluation_id for p in page_of_projects if p.published_evaluation_id}
    evaluations = {}
    if linked:
        evaluations = {e.pk: e for e in public(model("evidence.EvaluationPage").objects.filter(pk__in=linked))}
    for project in page_of_projects:
        project.public_evaluation = evaluations.get(project.published_evaluation_id)

    # Atom feeds of new projects (feeds/register.py) for the service and the equity dimension chosen, if any.
    follow = [(service["label"], reverse("feeds:service_register", args=[service["value"]]))] if service else []
    follow += [(t.name, reverse("feeds:equity_register", args=[t.slug])) for p, t, _lookup in tags if p == "equity"]

    chosen = [("stage", value) for value in stages] + ([("service", service["value"])] if service else [])
    chosen += [(param, term.slug) for param, term, _lookup in tags]
    labels = [dict(Stage.choices)[value] for value in stages] + ([service["label"]] if service else [])
    labels += [term.name for _param, term, _lookup in tags]
    return {
        "stage_options": stage_options,
        "service_options": options,
        "chosen_service": service["value"] if service else "",
        "filtered": bool(chosen),
        "filter_notice": notice,
        "follow_feeds": follow,
        "listed": listed,
        "under_way": under_way,
        "items": page_of_projects,
        "page_notice": page_notice,
        "query_string": urlencode(chosen),
        "chosen_labels": ", ".join(labels),
        # The map's equity and place filters have no control in the form: carried as hidden fields (and named in
        # the heading), so applying the form's filters keeps them; "Clear filters" drops them.
        "kept_filters": [(param, term.slug) for param, term, _lookup in tags],
    }
