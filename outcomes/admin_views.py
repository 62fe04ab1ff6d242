""" "What happened next" answers in the admin (Editors and superusers only): a listing, each answer read in full
with Approve and Reject buttons (POST). Public advisers and moderators see none of it, whatever group permissions
say: a permission policy decides, as portal/login_audit does. Answers are the contact's words: editors approve or
reject them, never edit them."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from evidence import roles

from . import moderation
from .models import FollowUp, Status


class EditorsOnly(BasePermissionPolicy):
    """View (and so moderate) for Editors and superusers; nothing else for anyone."""

    def user_has_permission(self, user, action):
        return action == "view" and moderation.can_moderate(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name=roles.EDITORS)).distinct()


register_permission_policy(FollowUp, EditorsOnly(FollowUp))


class FollowUpIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("evaluation")


class FollowUpInspectView(InspectView):
    template_name = "outcomes/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["moderate_url"] = reverse("what_happened_next:moderate", args=[self.object.pk])
        context["can_decide"] = self.object.status != Status.REQUESTED
        return context


@require_POST
def moderate(request, pk):
    if not moderation.can_moderate(request.user):
        raise PermissionDenied
    follow_up = get_object_or_404(FollowUp.objects.select_related("evaluation"), pk=pk)
    decision = {"approve": Status.APPROVED, "reject": Status.REJECTED}.get(request.POST.get("decision"))
    if decision is None or follow_up.status == Status.REQUESTED:
        messages.error(request, "Nothing to decide: this answer has not come back yet, or no button was chosen.")
        return redirect("what_happened_next:inspect", pk)
    moderation.decide(follow_up, decision, request.user)
    verb = "approved: it shows on the evaluation's page" if decision == Status.APPROVED else "rejected: it is not shown"
    messages.success(request, f"The {follow_up.months}-month answer for ‘{follow_up.evaluation.title}’ is {verb}.")
    return redirect("what_happened_next:index")


class FollowUpViewSet(ModelViewSet):
    model = FollowUp
    name = "what_happened_next"
    url_prefix = "what-happened-next"
    icon = "history"
    menu_label = "What happened next"
    menu_order = 260
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = FollowUpIndexView
    inspect_view_class = FollowUpInspectView
    list_display = ["evaluation", "months", "status", "changed", "answered_at"]
    list_filter = ["status", "months", "led_to_change"]
    ordering = ["status", "-answered_at"]  # "answered" (waiting) sorts first
    inspect_view_fields = [
        "evaluation",
        "months",
        "status",
        "sent_at",
        "answered_at",
        "changed",
        "what_changed",
        "for_whom",
        "what_was_learned",
        "how_it_was_shared",
        "moderated_at",
        "moderated_by",
    ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("moderate/<int:pk>/", moderate, name="moderate"),
        ]

    def get_permissions_to_register(self):
        return Permission.objects.none()  # EditorsOnly decides; group permissions cannot grant this
