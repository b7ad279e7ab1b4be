"""Two municipalities in one installation, built from nothing through the set-up services (no
demo): Maastricht and Heerlen, each with its own administrator, coordinator and a project
leader, and one corporation that works in both."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from woonafspraken.accounts import services as accounts
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.agreements import services as agreements
from woonafspraken.agreements.models import Cycle

PASSWORD = "een-lang-wachtwoord-42"


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


def _place(cbs: str, name: str) -> tuple[Municipality, Organisation, Any]:
    slug = name.lower()
    admin = accounts.set_up_municipality(
        municipality_name=name,
        cbs_code=cbs,
        username=f"admin-{slug}",
        email=f"admin-{slug}@example.org",
        password=PASSWORD,
        first_name="Beheer",
        last_name=name,
    )
    municipality = Municipality.objects.get(cbs_code=cbs)
    gemeente = Organisation.objects.get(municipality=municipality, kind="municipality")
    return municipality, gemeente, admin


def _staff(admin: Any, gemeente: Organisation, name: str) -> tuple[Any, Any]:
    slug = name.lower()
    coordinator = _person(f"coord-{slug}", "Coör", name)
    leader = _person(f"leider-{slug}", "Lea", f"Leider {name}")
    accounts.ensure_membership(admin, coordinator, gemeente, "coordinator")
    accounts.ensure_membership(admin, leader, gemeente, "project_leader")
    return coordinator, leader


def build() -> Cast:
    root = get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)
    m_municipality, m_gemeente, m_admin = _place("GM0935", "Maastricht")
    h_municipality, h_gemeente, h_admin = _place("GM0917", "Heerlen")
    corporation = accounts.create_organisation(
        m_admin, m_municipality, kind="corporation", name="Woonstichting Zuid", aw_number="L1234"
    )
    accounts.add_to_municipality(h_admin, h_municipality, aw_number="L1234")
    staff = _person("zuid-staf", "Sam", "Zuid")
    accounts.ensure_membership(m_admin, staff, corporation, "contributor")
    places = []
    for municipality, gemeente, admin, name in (
        (m_municipality, m_gemeente, m_admin, "Maastricht"),
        (h_municipality, h_gemeente, h_admin, "Heerlen"),
    ):
        tenants = accounts.create_organisation(
            admin,
            municipality,
            kind="tenant_organisation",
            name=f"Huurders {name}",
            corporations=[corporation],
        )
        coordinator, leader = _staff(admin, gemeente, name)
        places.append(Place(municipality, gemeente, tenants, coordinator, admin, leader))
    return Cast(root, corporation, staff, places[0], places[1])


def logged_in(user: Any) -> Client:
    """A browser session of ``user``."""
    client = Client()
    client.force_login(user)
    return client


def new_cycle(
    place: Place,
    *others: Organisation,
    title: str = "Prestatieafspraken 2019",
    start: int = 2019,
    end: int = 2019,
) -> Cycle:
    """A cycle of ``place`` set up by its coordinator: the municipality and ``others`` are
    its parties."""
    return agreements.create_cycle(
        place.coordinator,
        municipality=place.municipality,
        title=title,
        start_year=start,
        end_year=end,
        parties=[place.gemeente, *others],
    )
