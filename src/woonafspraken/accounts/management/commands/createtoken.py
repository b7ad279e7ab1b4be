from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from woonafspraken.accounts.services import create_token


class Command(BaseCommand):
    help = "Maak een API-token voor een gebruiker en toon het (eenmalig)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=90, help="Geldig (30, 90 of 365 dagen)")
        parser.add_argument("--name", default="", help="Waarvoor het token is")

    def handle(self, *args, username: str, days: int, name: str, **options):  # type: ignore[no-untyped-def]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Gebruiker ‘{username}’ bestaat niet.")
        try:
            self.stdout.write(create_token(user, name=name, days=days))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
