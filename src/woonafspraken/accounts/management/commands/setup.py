"""``woonafspraken setup``: a municipality and its first administrator, from an empty database.

Interactive by default; with ``--no-input`` every answer comes from the options (the password
from ``--password`` or the environment variable ``WOONAFSPRAKEN_SETUP_PASSWORD``).
"""

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from woonafspraken.accounts.forms import SetupForm
from woonafspraken.accounts.models import Province
from woonafspraken.accounts.services import set_up_municipality

QUESTIONS = [
    # field, question, option
    ("municipality_name", "Naam van de gemeente", "--municipality"),
    ("cbs_code", "CBS-code van de gemeente (GM en vier cijfers)", "--cbs-code"),
    ("housing_region", "Woningbouwregio (mag leeg)", "--housing-region"),
    ("province", "Provincie (mag leeg; " + ", ".join(Province.values) + ")", "--province"),
    ("first_name", "Voornaam van de beheerder", "--first-name"),
    ("last_name", "Achternaam van de beheerder (mag leeg)", "--last-name"),
    ("email", "E-mailadres van de beheerder", "--email"),
    ("username", "Gebruikersnaam van de beheerder", "--username"),
]
PASSWORD_ENV = "WOONAFSPRAKEN_SETUP_PASSWORD"


class Command(BaseCommand):
    help = (
        "Richt een gemeente in met haar eerste beheerder. Die logt daarna in en voegt op "
        "/beheer/ de corporaties, huurdersorganisaties en mensen toe."
    )

    def add_arguments(self, parser: Any) -> None:
        for field, question, option in QUESTIONS:
            parser.add_argument(option, dest=field, default=None, help=question)
        parser.add_argument(
            "--password", default=None, help=f"Wachtwoord (of de omgevingsvariabele {PASSWORD_ENV})"
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Niets vragen; alles komt uit de opties.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        answers = {field: options.get(field) or "" for field, _, _ in QUESTIONS}
        password = options.get("password") or os.environ.get(PASSWORD_ENV, "")
        if options["interactive"]:
            for field, question, _ in QUESTIONS:
                if not answers[field]:
                    answers[field] = input(f"{question}: ").strip()
            while not password:
                password = getpass.getpass("Wachtwoord: ")
                if password != getpass.getpass("Wachtwoord (nogmaals): "):
                    self.stderr.write("De twee wachtwoorden zijn niet gelijk.")
                    password = ""
        form = SetupForm({**answers, "password": password})
        if not form.is_valid():
            raise CommandError(self._errors(form.errors.get_json_data(), form))
        try:
            user = set_up_municipality(**form.cleaned_data)
        except ValidationError as exc:
            raise CommandError(self._errors(exc.message_dict, form)) from exc
        self.stdout.write(
            f"Gemeente {form.cleaned_data['municipality_name']} is ingericht. Log in als "
            f"‘{user.username}’ en ga naar /beheer/ om corporaties, huurdersorganisaties en "
            "mensen toe te voegen."
        )

    def _errors(self, errors: dict[str, Any], form: SetupForm) -> str:
        lines = ["Niets opgeslagen:"]
        for field, messages in errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for message in messages:
                text = message["message"] if isinstance(message, dict) else str(message)
                lines.append(f"- {label}: {text}" if label else f"- {text}")
        return "\n".join(lines)
