"""The "Still active?" reminders as a django-tasks task, for a scheduler that enqueues tasks. Without a TASKS
setting django-tasks runs it at once (the tests do); `manage.py remind_registered_projects` does the same for cron."""

from django_tasks import task

from .reminders import send_reminders


@task()
def remind_registered_projects():
    """How many reminder emails were sent (the result is JSON, as task results must be)."""
    return send_reminders()
