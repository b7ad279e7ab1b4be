"""The permission matrix, generated from ``access.ROLE_TABLE``: every role of every kind of
organisation, plus a user of another municipality and an anonymous visitor, against the writes
of set-up and cycle, with two municipalities in one installation."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client

from woonafspraken.accounts import access, services
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.agreements import services as agreements
from woonafspraken.agreements.models import Cycle, Indicator, Target

from .conftest import admin_of, set_up

CASES = list(access.ROLE_TABLE)
OUTSIDER, ANONYMOUS = ("other municipality", "admin"), ("anonymous", "")


@dataclass
class World:
    maastricht: Municipality
    heerlen: Municipality
    by_kind: dict[str, Organisation]
    servatius: Organisation
    cycle: Cycle
    heerlen_cycle: Cycle
    woonpunt_target: Target
    servatius_target: Target
    joint_target: Target


class _Undo(Exception):
    pass


def _build() -> World:
    heerlen = set_up("Heerlen", "GM0917", "bert")
    maastricht = set_up("Maastricht", "GM0935", "anna")
    anna = admin_of(maastricht)
    own = Organisation.objects.get(municipality=maastricht, kind="municipality")
    woonpunt = services.create_organisation(
        anna, maastricht, kind="corporation", name="Woonpunt", aw_number="L1930"
    )
    servatius = services.create_organisation(
        anna, maastricht, kind="corporation", name="Servatius", aw_number="L1878"
    )
    tenants = services.create_organisation(
        anna, maastricht, kind="tenant_organisation", name="Woonbelang", corporations=[woonpunt]
    )
    other = services.create_organisation(anna, maastricht, kind="other", name="Zorgpartner")
    parties = [own, woonpunt, servatius, tenants, other]
    cycle = agreements.create_cycle(
        anna,
        municipality=maastricht,
        title="Prestatieafspraken 2020",
        start_year=2020,
        end_year=2020,
        parties=parties,
    )
    theme = agreements.add_theme(anna, cycle, name="Betaalbaarheid", order=1)
    agreement = agreements.add_agreement(
        anna, theme, number="1", title="Nieuwbouw", kind="result", lead_party=woonpunt
    )
    homes, _ = Indicator.objects.get_or_create(
        name="Nieuwbouw (woningen)", defaults={"unit": "count", "aggregation": "sum"}
    )

    def target(party: Organisation | None) -> Target:
        return agreements.add_target(
            anna, agreement, indicator=homes, kind="min", party=party, year=2020, value=10
        )

    bert = admin_of(heerlen)
    heerlen_own = Organisation.objects.get(municipality=heerlen, kind="municipality")
    heerlen_cycle = agreements.create_cycle(
        bert,
        municipality=heerlen,
        title="Prestatieafspraken Heerlen 2020",
        start_year=2020,
        end_year=2020,
        parties=[heerlen_own],
    )
    return World(
        maastricht=maastricht,
        heerlen=heerlen,
        by_kind={
            "municipality": own,
            "corporation": woonpunt,
            "tenant_organisation": tenants,
            "other": other,
        },
        servatius=servatius,
        cycle=cycle,
        heerlen_cycle=heerlen_cycle,
        woonpunt_target=target(woonpunt),
        servatius_target=target(servatius),
        joint_target=target(None),
    )


def _person(world: World, case: tuple[str, str]) -> Any:
    if case == ANONYMOUS:
        return AnonymousUser()
    if case == OUTSIDER:
        return admin_of(world.heerlen)
    kind, role = case
    organisation = world.by_kind[kind]
    services.invite_person(
        admin_of(world.maastricht),
        organisation,
        email=f"{role}@{kind.replace('_', '-')}.nl",
        first_name=role,
        last_name="",
        roles=[role],
        accept_url=lambda key: key,
    )
    return organisation.memberships.get(
        role=role, user__email=f"{role}@{kind.replace('_', '-')}.nl"
    ).user


def _allowed(call: Any) -> bool:
    """Run a write and undo it; True when it was allowed."""
    try:
        with transaction.atomic():
            call()
            raise _Undo
    except _Undo:
        return True
    except PermissionDenied:
        return False


def _expected(case: tuple[str, str]) -> tuple[set[str], str | None]:
    if case in (ANONYMOUS, OUTSIDER):
        return set(), None
    return set(access.ROLE_TABLE[case]), case[0]


@pytest.mark.parametrize("case", [*CASES, OUTSIDER, ANONYMOUS], ids=lambda c: ":".join(c))
def test_every_role_may_exactly_what_the_table_says(db: Any, case: tuple[str, str]) -> None:
    world = _build()
    person = _person(world, case)
    caps, kind = _expected(case)
    own = world.by_kind.get(kind or "")
    runs_cycle = access.RUN_CYCLE in caps
    administers = access.ADMINISTER_MUNICIPALITY in caps

    # Nobody but the system administrator acts across the installation.
    assert access.is_admin(person) is False
    assert access.is_municipal_admin(person, world.heerlen.pk) is (case == OUTSIDER)
    assert access.is_municipal_admin(person, world.maastricht.pk) is administers
    assert access.is_coordinator(person, world.cycle) is runs_cycle
    assert access.is_coordinator(person, world.heerlen_cycle) is (case == OUTSIDER)

    # Set-up: the municipality's administrators everything, an organisation's own
    # administrators only their own organisation.
    if own is not None:
        assert access.can_manage_organisation(person, own) is bool(
            administers or access.ADMINISTER_OWN in caps
        )
    assert access.can_manage_organisation(person, world.servatius) is administers
    rename = lambda: services.update_organisation(  # noqa: E731
        person, world.servatius, name="Servatius", aw_number="L1878"
    )
    assert _allowed(rename) is administers

    # The cycle: agreements and joint targets by the municipality's coordination only.
    add_theme = lambda: agreements.add_theme(person, world.cycle, name="Nieuw", order=9)  # noqa: E731
    assert _allowed(add_theme) is runs_cycle
    change_norm = lambda: agreements.update_target(  # noqa: E731
        person,
        world.servatius_target,
        changes={"value": "20"},
        expected_version=world.servatius_target.version,
    )
    assert _allowed(change_norm) is runs_cycle

    # Figures: an organisation's own targets by its own people who enter figures.
    def record(target: Target) -> Any:
        return lambda: agreements.record_measurement(person, target, value=12, year=2020)

    enters_for_woonpunt = kind == "corporation" and access.ENTER_FIGURES in caps
    assert _allowed(record(world.woonpunt_target)) is enters_for_woonpunt
    assert _allowed(record(world.servatius_target)) is False
    assert _allowed(record(world.joint_target)) is runs_cycle


@pytest.mark.parametrize("case", [*CASES, OUTSIDER, ANONYMOUS], ids=lambda c: ":".join(c))
def test_the_set_up_pages_open_exactly_for_the_right_people(db: Any, case: tuple[str, str]) -> None:
    world = _build()
    person = _person(world, case)
    caps, kind = _expected(case)
    client = Client()
    if case != ANONYMOUS:
        client.force_login(person)
    administers = access.ADMINISTER_MUNICIPALITY in caps
    denied = 302 if case == ANONYMOUS else 403
    page = client.get(f"/beheer/gemeenten/{world.maastricht.pk}/")
    assert page.status_code == (200 if administers else denied)
    added = client.post(
        f"/beheer/gemeenten/{world.maastricht.pk}/organisaties/nieuw/",
        {"new-kind": "other", "new-name": "Nieuwe partij"},
    )
    assert added.status_code == (302 if administers else denied)
    assert Organisation.objects.filter(name="Nieuwe partij").exists() is administers
    if kind is not None:
        own = world.by_kind[kind]
        manages = administers or access.ADMINISTER_OWN in caps
        assert client.get(f"/beheer/organisaties/{own.pk}/").status_code == (
            200 if manages else 403
        )
