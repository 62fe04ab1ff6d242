"""Admin: the history entries of answers and their moderation."""

from wagtail import hooks

from .moderation import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_outcome_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_admin_viewset")
def register_follow_ups():
    from .admin_views import FollowUpViewSet

    return FollowUpViewSet()


@hooks.register("construct_homepage_panels")
def waiting_answers_panel(request, panels):
    from .dashboard import add_waiting_answers_panel

    add_waiting_answers_panel(request, panels)
