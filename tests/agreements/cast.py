"""Two municipalities in one installation, built from nothing (no demo): Maastricht with a
corporation working in both places, and Heerlen. Organisations come from the ORM until the
accounts app has set-up services; everything else goes through the services."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.accounts.services import ensure_membership


@dataclass
class Place:
    municipality: Municipality
    gemeente: Organisation
    tenants: Organisation
    coordinator: Any
    admin: Any
    leader: Any


@dataclass
class Cast:
    root: Any
    corporation: Organisation  # works in both municipalities
    corporation_staff: Any
    maastricht: Place
    heerlen: Place


def _person(username: str, first: str, last: str) -> Any:
    return get_user_model().objects.create_user(
        username, email=f"{username}@example.org", first_name=first, last_name=last
    )


def _place(root: Any, cbs: str, name: str, corporation: Organisation) -> Place:
    municipality = Municipality.objects.create(cbs_code=cbs, name=name)
    gemeente = Organisation.objects.create(
        name=f"Gemeente {name}",
        slug=f"gemeente-{name.lower()}",
        kind="municipality",
        municipality=municipality,
    )
    tenants = Organisation.objects.create(
        name=f"Huurders {name}",
        slug=f"huurders-{name.lower()}",
        kind="tenant_organisation",
        municipality=municipality,
        corporation=corporation,
    )
    slug = name.lower()
    coordinator = _person(f"coord-{slug}", "Coör", name)
    admin = _person(f"admin-{slug}", "Beheer", name)
    leader = _person(f"leider-{slug}", "Lea", f"Leider {name}")
    ensure_membership(root, coordinator, gemeente, "coordinator")
    ensure_membership(root, admin, gemeente, "admin")
    ensure_membership(root, leader, gemeente, "contributor")
    return Place(municipality, gemeente, tenants, coordinator, admin, leader)


def build() -> Cast:
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    corporation = Organisation.objects.create(
        name="Woonstichting Zuid", slug="zuid", kind="corporation", aw_number="L1234"
    )
    staff = _person("zuid-staf", "Sam", "Zuid")
    ensure_membership(root, staff, corporation, "contributor")
    maastricht = _place(root, "GM0935", "Maastricht", corporation)
    heerlen = _place(root, "GM0917", "Heerlen", corporation)
    corporation.municipality = maastricht.municipality
    corporation.save()
    return Cast(root, corporation, staff, maastricht, heerlen)
