"""Settings → "Login failures" and "Login lockouts": django-axes' records, for superusers only.

Failures (AccessFailureLog) are a read-only history of every wrong password at the admin login. Lockouts
(AccessAttempt) are the counters axes locks on: deleting one releases that account or address before its
cool-off ends. Nobody else sees either, whatever their group permissions.
"""

from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy


class SuperusersOnly(BasePermissionPolicy):
    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and action in self.actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if self.actions.intersection(actions) else users.none()


register_permission_policy(AccessFailureLog, SuperusersOnly(AccessFailureLog, ["view"]))
register_permission_policy(AccessAttempt, SuperusersOnly(AccessAttempt, ["view", "delete"]))


class AuditViewSet(ModelViewSet):
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    icon = "warning"

    def get_urlpatterns(self):
        # Records of what happened: listed and inspected (lockouts may be deleted), never added or edited.
        pk = f"<{self.pk_path_converter}:pk>"
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/{pk}/", self.inspect_view, name="inspect"),
            path(f"delete/{pk}/", self.delete_view, name="delete"),
            path(f"usage/{pk}/", self.usage_view, name="usage"),  # the delete view links to it
        ]

    def get_permissions_to_register(self):
        # Group permissions cannot grant these: only superusers see them (SuperusersOnly above).
        return Permission.objects.none()


class LoginFailuresViewSet(AuditViewSet):
    model = AccessFailureLog
    name = "login-failures"
    menu_label = "Login failures"
    list_display = ["username", "ip_address", "attempt_time", "locked_out", "path_info"]
    list_filter = ["locked_out"]
    ordering = ["-attempt_time"]


class LoginLockoutsViewSet(AuditViewSet):
    model = AccessAttempt
    name = "login-lockouts"
    menu_label = "Login lockouts"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    ordering = ["-attempt_time"]


@hooks.register("register_admin_viewset")
def register_login_audit():
    return [LoginFailuresViewSet(), LoginLockoutsViewSet()]
