"""Admin: the history entries of answers and their moderation."""

from wagtail import hooks

from .moderation import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_outcome_actions(actions):
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)
