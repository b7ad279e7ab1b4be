from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from woonafspraken import demo


class Command(BaseCommand):
    help = "Laad de demo Maastricht; twee keer laden verandert niets."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "De demo (met bekende wachtwoorden) laadt niet onder de productie-instellingen. "
                "/ The demo (with known passwords) does not load under production settings."
            )
        created = demo.load()
        self.stdout.write("Demo Maastricht geladen." if created else "Demo Maastricht was er al.")
        self.stdout.write(
            "Demo-accounts (wachtwoord ‘demo’): gemeente-maastricht (coördinator), woonpunt, "
            "servatius, maasvallei, woonbelang, servaassleutel, woonvallei (invoerder en "
            "ondertekenaar), beheer (beheerder)."
        )
