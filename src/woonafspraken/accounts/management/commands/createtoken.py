from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from woonafspraken.accounts.services import create_token


class Command(BaseCommand):
    help = "Maak een API-token voor een gebruiker en toon het (eenmalig)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):  # type: ignore[no-untyped-def]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Gebruiker ‘{username}’ bestaat niet.")
        self.stdout.write(create_token(user))
