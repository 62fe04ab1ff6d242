"""Every admin hook of the register, read by Wagtail at start-up: the page-history entries of the public form and of
the "Still active?" answers (contacts' and editors'), the editors' dashboard panels (dashboard.py) and the editors'
actions on a project (editor_actions.py: URLs and the page header menu)."""

from wagtail import hooks

from . import editor_actions
from .answers import LOG_ACTIONS
from .dashboard import PANELS
from .forms import SUBMITTED_ACTION


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(SUBMITTED_ACTION, "Submitted by the team", "Submitted by the team through the public form")
    for action, (label, message) in LOG_ACTIONS.items():
        actions.register_action(action, label, message)


for panel in PANELS:
    hooks.register("construct_homepage_panels", panel.add_for_editors)

hooks.register("register_admin_urls", editor_actions.urls)
hooks.register("register_page_header_buttons", editor_actions.header_buttons)
