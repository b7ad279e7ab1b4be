"""20 API clients × 20 figure writes at once against one SQLite file; prints the status counts.

Run in its own process by test_sqlite_concurrency.py (a fresh file database, the settings of
``make run``), so nothing of the test database or pytest's transactions is involved. Each client
is its own thread with its own database connection, as in the threaded development server.
"""

import json
import os
import sys
import threading
from collections import Counter

import django

CLIENTS = int(os.environ.get("CLIENTS", 20))
WRITES = int(os.environ.get("WRITES", 20))


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from woonafspraken import demo
    from woonafspraken.accounts import access
    from woonafspraken.accounts.services import create_token
    from woonafspraken.agreements.models import Indicator, Measurement, Target

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    demo.load_core()
    users = list(get_user_model().objects.filter(is_active=True).order_by("username"))
    targets = list(
        Target.objects.select_related("agreement__theme__cycle")
        .exclude(indicator__unit=Indicator.Unit.ENERGY_LABEL)
        .exclude(indicator__aggregation=Indicator.Aggregation.WEIGHTED_SHARE)
        .order_by("pk")
    )
    # One (target, year) per client, writable by its user, so a 409 or 400 can only be a bug.
    plan: list[tuple[str, int, int, int]] = []
    tokens: dict[int, str] = {}
    for target in targets:
        cycle = target.agreement.theme.cycle
        years = [target.year] if target.year else range(cycle.start_year, cycle.end_year + 1)
        writer = next((u for u in users if access.can_record_measurement(u, target, cycle)), None)
        if writer is None:
            continue
        if writer.pk not in tokens:
            tokens[writer.pk] = create_token(writer)
        for year in years:
            seen = Measurement.objects.filter(target=target, year=year).first()
            plan.append((tokens[writer.pk], target.pk, year, seen.version if seen else 0))
    plan = plan[:CLIENTS]
    journal = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()

    statuses: Counter[int] = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(plan))

    def client(token: str, target: int, year: int, version: int) -> None:
        from django.db import connections

        http = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Token {token}")
        start.wait()
        for n in range(WRITES):
            response = http.post(
                "/api/v1/measurements",
                {"target": target, "year": year, "value": n + 1, "version": version},
                content_type="application/json",
            )
            if response.status_code in (200, 201):
                version = response.json()["version"]
            with lock:
                statuses[response.status_code] += 1
                if response.status_code not in (200, 201) and len(failures) < 3:
                    failures.append(response.content.decode()[:300])
        connections.close_all()

    threads = [threading.Thread(target=client, args=p) for p in plan]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(
        json.dumps(
            {"clients": len(plan), "journal": journal, "statuses": statuses, "failures": failures}
        )
    )


if __name__ == "__main__":
    sys.exit(main())
