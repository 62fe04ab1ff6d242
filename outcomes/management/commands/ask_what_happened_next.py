"""Cron: `manage.py ask_what_happened_next` (daily is enough: each contact is emailed once per milestone)."""

from django.core.management.base import BaseCommand

from outcomes.asking import ask_due_contacts


class Command(BaseCommand):
    help = "Email the team contact of each evaluation completed 6, 12 or 24 months ago: what happened next?"

    def handle(self, *args, **options):
        sent = ask_due_contacts()
        self.stdout.write(f"{sent} email{'' if sent == 1 else 's'} sent.")
