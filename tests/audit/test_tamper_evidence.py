"""The history is tamper-evident: the database refuses to change it, every entry is chained to
the one before, ``verify_audit`` names any break, and who did what reads as they were named
at the time."""

import itertools
import threading
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.utils import timezone

from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.models import Agreement, Cycle
from woonafspraken.audit import chain, guard
from woonafspraken.audit.models import AuditEntry, ChainHead
from woonafspraken.audit.services import log_action, verify
from woonafspraken.process.models import PhaseChange


def _retitle(cycle: Cycle, actor: Any, title: str) -> Agreement:
    agreement = Agreement.objects.filter(theme__cycle=cycle).order_by("id").first()
    assert agreement is not None
    agreement_services.update_agreement(
        actor, agreement, changes={"title": title}, expected_version=agreement.version
    )
    return agreement


def test_the_demo_history_is_one_unbroken_chain(maastricht):
    entries = list(AuditEntry.objects.order_by("seq"))
    assert len(entries) > 50
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == chain.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert verify() == []
    assert ChainHead.objects.get().seq == len(entries)


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: AuditEntry.objects.update(action="x"),
        lambda: AuditEntry.objects.filter(pk=AuditEntry.objects.first().pk).delete(),
        lambda: PhaseChange.objects.update(note="herschreven"),
        lambda: PhaseChange.objects.all().delete(),
        lambda: connection.cursor().execute("UPDATE audit_auditentry SET actor_name = 'x'"),
        lambda: connection.cursor().execute("DELETE FROM process_phasechange"),
    ],
    ids=["update", "delete", "phase-update", "phase-delete", "sql-update", "sql-delete"],
)
def test_the_database_refuses_to_change_history(maastricht, attempt):
    PhaseChange.objects.create(
        cycle=maastricht,
        from_phase="preparation",
        to_phase="negotiation",
        changed_at=timezone.now(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        attempt()
    assert verify() == []


def test_truncating_history_is_refused_on_postgresql(maastricht):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")  # settle the fixture's writes
    with pytest.raises(IntegrityError), transaction.atomic():
        connection.cursor().execute("TRUNCATE audit_auditentry CASCADE")


def _tamper(sql: str, params: list[Any]) -> None:
    """What someone with the database owner's rights could do: lift the guard and edit."""
    guard.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    guard.install(connection)


def test_a_changed_entry_is_named_by_verify(maastricht):
    victim = AuditEntry.objects.order_by("seq")[10]
    _tamper("UPDATE audit_auditentry SET new = %s WHERE id = %s", ['{"title": "x"}', victim.pk])
    found = verify()
    assert [(b.seq, b.reason) for b in found] == [
        (victim.seq, "the content does not match its hash")
    ]
    with pytest.raises(CommandError, match="aangetast"):
        call_command("verify_audit")


def test_a_removed_entry_and_a_removed_last_entry_are_named(maastricht):
    entries = list(AuditEntry.objects.order_by("seq"))
    _tamper("DELETE FROM audit_auditentry WHERE id IN (%s, %s)", [entries[5].pk, entries[-1].pk])
    reasons = {(b.seq, b.reason.split(":")[0]) for b in verify()}
    assert (entries[6].seq, "gap") in reasons
    assert (entries[6].seq, "the link to the previous entry does not match") in reasons
    assert any(seq == entries[-1].seq and "chain ends" in r for seq, r in reasons)


def test_verify_reports_a_lifted_guard(maastricht):
    guard.remove(connection)
    with pytest.raises(CommandError):
        call_command("verify_audit")
    guard.install(connection)


def test_verify_audit_reports_an_intact_history(maastricht, capsys):
    call_command("verify_audit")
    assert "onaangetast" in capsys.readouterr().out


def test_the_history_keeps_the_name_an_author_had_at_the_time(maastricht, user, client):
    author = user("gemeente-maastricht")
    agreement = _retitle(maastricht, author, "Een nieuwe titel")
    former = author.get_full_name() or author.username
    before = {"first_name": author.first_name, "last_name": author.last_name}
    author.first_name, author.last_name = "Nieuwe", "Naam"
    author.save()
    entry = AuditEntry.objects.filter(action="agreements.agreement.changed").latest("seq")
    assert entry.actor_name == former
    client.force_login(user("woonpunt"))
    html = client.get(f"/afspraken/{agreement.pk}/").content.decode()
    row = next(r for r in html.split("<tr") if "titel: Een nieuwe titel" in r)
    assert former in row and "Nieuwe Naam" not in row
    rename = AuditEntry.objects.get(action="accounts.user.changed")
    assert rename.actor_id is None  # no request: made in a shell
    assert rename.old == {k: v for k, v in before.items() if v != rename.new[k]}
    assert rename.new == {
        k: v for k, v in {"first_name": "Nieuwe", "last_name": "Naam"}.items() if before[k] != v
    }
    assert verify() == []


def test_deactivation_and_role_changes_in_the_admin_are_audited(maastricht, user):
    admin = get_user_model().objects.filter(is_superuser=True).first()
    client = Client()
    client.force_login(admin)
    target = user("woonpunt")
    response = client.post(
        f"/admin/auth/user/{target.pk}/change/",
        {
            "username": "woonpunt-nieuw",
            "first_name": target.first_name,
            "last_name": target.last_name,
            "email": target.email,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "initial-date_joined_0": "2026-01-01",
            "initial-date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.filter(action="accounts.user.changed").latest("seq")
    assert entry.actor_id == admin.pk
    assert entry.old["username"] == "woonpunt" and entry.new["username"] == "woonpunt-nieuw"
    assert entry.old["is_active"] is True and entry.new["is_active"] is False
    membership = target.memberships.first()
    membership.role = "viewer"
    membership.save()
    membership.delete()
    actions = list(AuditEntry.objects.order_by("-seq").values_list("action", flat=True)[:2])
    assert actions == ["accounts.membership.deleted", "accounts.membership.changed"]
    assert verify() == []


def test_an_account_with_history_cannot_be_deleted(maastricht, user):
    author = user("gemeente-maastricht")
    _retitle(maastricht, author, "Een nieuwe titel")
    with pytest.raises(ProtectedError):
        author.delete()


def test_anonymous_visitors_see_no_user_names_in_the_history(maastricht, user, client):
    author = user("gemeente-maastricht")
    _retitle(maastricht, author, "Een nieuwe titel")
    html = client.get(f"/cycli/{maastricht.pk}/wijzigingen/").content.decode()
    assert "Afspraak gewijzigd" in html
    names = set(get_user_model().objects.values_list("username", flat=True))
    names |= set(AuditEntry.objects.exclude(actor_name="").values_list("actor_name", flat=True))
    assert [n for n in names if f">{n}<" in html] == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time anyway")
    target = get_user_model().objects.create(username="doel")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(10):
                with transaction.atomic():
                    log_action(
                        "accounts.user.changed", actor=None, obj=target, new={"n": n, "i": i}
                    )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AuditEntry.objects.filter(action="accounts.user.changed").count() == 200
    assert verify() == []
