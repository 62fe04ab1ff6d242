"""An editor acts on a project's "Still active?" state for its team, from the admin: mark it still going (the team
said so another way: the flag "Not confirmed since" goes) or close it. Editors and superusers only: anyone else
(public advisers and moderators included) gets 403 and nothing changes. A GET asks, only the POST acts; each is in
the page's history with the editor.

Reached from the page's header menu in the editor (`header_buttons`) and from the dashboard's "Register: projects
not confirmed" (register/dashboard.py). URLs added by wagtail_hooks.py."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.admin.widgets.button import Button

from evidence.dashboard import is_editor

from . import answers
from .models import RegisteredProjectPage

# action: (button and heading, what it does, the message after it, the answer)
ACTIONS = {
    "confirm": (
        "Mark as still going",
        "The team told you another way that the project is still going. This clears “Not confirmed since” and "
        "starts the six months before the next reminder again.",
        "marked as still going",
        answers.confirm,
    ),
    "close": (
        "Close the project",
        "The work has stopped. The project stays on the register marked “Closed”, leaves the evidence map's "
        "“under way” counts, and its contact gets no more reminders.",
        "closed",
        answers.close,
    ),
}


def action_url(project_pk, action):
    return reverse("register_still_active_action", args=[project_pk, action])


@never_cache
@require_http_methods(["GET", "POST"])
def still_active_action(request, pk, action):
    if not is_editor(request.user):
        # A 403 page, not PermissionDenied: Wagtail's admin turns that into a redirect to the dashboard.
        context = {"label": "Only editors can do this", "refused": True}
        return TemplateResponse(request, "register/admin/still_active_action.html", context, status=403)
    if action not in ACTIONS:
        raise Http404
    project = get_object_or_404(RegisteredProjectPage.objects.live().filter(closed_at__isnull=True), pk=pk)
    label, explanation, done, act = ACTIONS[action]
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    back = back or reverse("wagtailadmin_pages:history", args=[project.pk])
    if request.method == "POST":
        act(project, editor=request.user)
        messages.success(request, f"“{project.title}” is {done}.")
        return redirect(back)
    context = {"project": project, "label": label, "explanation": explanation, "back": back}
    return TemplateResponse(request, "register/admin/still_active_action.html", context)


def urls():
    return [path("register/project/<int:pk>/<slug:action>/", still_active_action, name="register_still_active_action")]


def header_buttons(page, user, view_name, next_url=None):
    """The register_page_header_buttons hook: the two actions in a live, open project's header menu, for editors."""
    if not isinstance(page, RegisteredProjectPage) or not page.live or page.closed_at or not is_editor(user):
        return []
    return [
        Button(ACTIONS[action][0], action_url(page.pk, action), icon_name=icon, priority=priority)
        for action, icon, priority in (("confirm", "tick", 80), ("close", "cross", 81))
    ]
