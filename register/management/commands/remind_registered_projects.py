"""Cron: `manage.py remind_registered_projects` (daily is enough: each project is emailed only when it is due)."""

from django.core.management.base import BaseCommand

from register.reminders import send_reminders


class Command(BaseCommand):
    help = "Email the contact of every registered project not confirmed for six months (and a second reminder)."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder email{'' if sent == 1 else 's'} sent.")
