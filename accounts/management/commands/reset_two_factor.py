from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.rules import remove_devices


class Command(BaseCommand):
    help = "Removes a user's two-factor authenticator (a lost phone): they enrol a new one after their password."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        removed = remove_devices(user)
        self.stdout.write(f"Removed {removed} authenticator(s) of {username}.")
