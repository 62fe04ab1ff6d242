"""What /register/ shows: the filters read from the address (stage, service), counts per stage, and a page of
published projects, newest first.

A fixed number of queries whatever the number of projects: the services (one query), the stage counts (one), the
page of projects (count, slice, the team-free prefetches of services) and the evaluations they link to (one).
Everything comes from `.live().public()` querysets: drafts and restricted projects are never listed or counted."""

from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count, Q

from core.choices import Stage
from core.pagination import paginate

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


def read_filters(request, options):
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
    notice = ""
    if ignored:
        shown = ", ".join(f"“{value[:40]}”" for value in ignored[:5])
        notice = f"We did not recognise {shown}, so {'it was' if len(ignored) == 1 else 'they were'} left out."
    return stages, service, notice


def by_service(queryset, service):
    """Projects tagged with the service, or (for a service area) with any of its services."""
    if service is None:
        return queryset
    links = model("evidence.PageService").objects.filter(
        Q(service_id=service["pk"]) | Q(service__parent_id=service["pk"])
    )
    return queryset.filter(pk__in=links.values("page_id"))


def register_context(index, request):
    from core.reader_memo import public

    options = service_options()
    stages, service, notice = read_filters(request, options)
    projects = by_service(public(model("register.RegisteredProjectPage").objects.child_of(index)), service)

    counted = dict(projects.order_by().values_list("stage").annotate(n=Count("pk")))
    stage_options = [
        {"value": value, "label": label, "count": counted.get(value, 0), "checked": value in stages}
        for value, label in Stage.choices
    ]

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

    chosen = [("stage", value) for value in stages] + ([("service", service["value"])] if service else [])
    labels = [dict(Stage.choices)[value] for value in stages] + ([service["label"]] if service else [])
    return {
        "stage_options": stage_options,
        "service_options": options,
        "chosen_service": service["value"] if service else "",
        "filtered": bool(chosen),
        "filter_notice": notice,
        "items": page_of_projects,
        "page_notice": page_notice,
        "query_string": urlencode(chosen),
        "chosen_labels": ", ".join(labels),
    }
