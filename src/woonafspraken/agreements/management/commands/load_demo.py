from django.core.management.base import BaseCommand

from woonafspraken import demo


class Command(BaseCommand):
    help = "Laad de demo Maastricht; twee keer laden verandert niets."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        created = demo.load()
        self.stdout.write("Demo Maastricht geladen." if created else "Demo Maastricht was er al.")
        self.stdout.write(
            "Demo-accounts (wachtwoord ‘demo’): gemeente-maastricht (coördinator), woonpunt, "
            "servatius, maasvallei, woonbelang, servaassleutel, woonvallei (invoerder en "
            "ondertekenaar), beheer (beheerder)."
        )
