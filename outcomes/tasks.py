""" "What happened next?" emails as a django-tasks task, for a scheduler that enqueues tasks. Without a TASKS setting
django-tasks runs it at once (the tests do); `manage.py ask_what_happened_next` does the same for cron."""

from django_tasks import task

from .asking import ask_due_contacts


@task()
def ask_what_happened_next():
    """How many emails were sent (the result is JSON, as task results must be)."""
    return ask_due_contacts()
