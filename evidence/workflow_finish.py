"""What happens when a workflow's last step is approved (Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail's default publishes as the approving user and refuses unless that user also holds the publish permission.
Here approving the last step *is* the authority to publish: the step's own groups (Editors, Moderators) decide
who may approve, so Moderators can approve and publish without being able to publish outside a workflow.
See docs/decisions/0003-workflow-roles.md.
"""


def publish_approved(workflow_state, user=None):
    """Publish the newest revision of the object whose workflow was just approved, as Wagtail's default does."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
