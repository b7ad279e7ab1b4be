"""Demo additions from the seed: the 2019 cycle in its decision phase with the seed's calendar.

The seed (Maastricht's slides) gives the 2019 calendar: negotiation in September and October
2019; drafting and decision by the College van B&W, the corporations' Raden van Bestuur and the
tenant associations in November 2019; the council letter and the agreements sent early
December 2019. It gives no agreements for 2019 and no approval dates for 2017: the 2017 cycle is
walked to its evaluation phase with approvals dated at its first day, marked as not from the
seed. Idempotent: a second call changes nothing.
"""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from woonafspraken.accounts.models import Organisation
from woonafspraken.accounts.services import ensure_membership
from woonafspraken.agreements import demo as agreements_demo
from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.models import Cycle

from . import services, workflow
from .models import Approval, Milestone

CYCLE_TITLE = "Prestatieafspraken 2019"
SIGNATORY = "college-maastricht"  # signs for the Gemeente (College van B&W)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOT_IN_SEED = "Besluitdatum staat niet in de bron; demo."

BODY = {
    Organisation.Kind.MUNICIPALITY: Approval.DecisionBody.COLLEGE_BW,
    Organisation.Kind.CORPORATION: Approval.DecisionBody.RAAD_VAN_BESTUUR,
    Organisation.Kind.TENANT_ORGANISATION: Approval.DecisionBody.BESTUUR_HUURDERSORGANISATIE,
}

PRACTICE = [
    (
        Milestone.Kind.NEGOTIATION,
        "Onderhandelingen (september en oktober 2019)",
        datetime.date(2019, 9, 1),
        datetime.date(2019, 10, 31),
    ),
    (
        Milestone.Kind.DECISION,
        "Uitwerking en besluitvorming door College van B&W, Raden van Bestuur en "
        "huurdersbelangenverenigingen (november 2019)",
        datetime.date(2019, 11, 1),
        datetime.date(2019, 11, 30),
    ),
    (
        Milestone.Kind.COUNCIL_LETTER,
        "Begin december 2019: raadsinformatiebrief en prestatieafspraken versturen",
        datetime.date(2019, 12, 2),
        None,
    ),
]


def _signatory_for_municipality(admin: Any, municipality_org: Organisation) -> Any:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=SIGNATORY)
    if created:
        user.set_password(agreements_demo.PASSWORD)
        user.save()
    ensure_membership(admin, user, municipality_org, "signatory")
    return user


def _signatories(cycle: Cycle) -> dict[int, Any]:
    User = get_user_model()
    found = {}
    for party in cycle.parties.all():
        user = (
            User.objects.filter(memberships__organisation=party, memberships__role="signatory")
            .order_by("id")
            .first()
        )
        if user is not None:
            found[party.pk] = user
    return found


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=AMSTERDAM)


@transaction.atomic
def load(admin: Any) -> bool:
    """Add the 2019 cycle and move the 2017 cycle to evaluation; False when already there."""
    base = Cycle.objects.get(title=agreements_demo.CYCLE_TITLE)
    municipality_org = base.parties.get(kind=Organisation.Kind.MUNICIPALITY)
    _signatory_for_municipality(admin, municipality_org)
    changed = False
    if base.phase == workflow.PREPARATION:
        _walk_2017(admin, base)
        changed = True
    if not Cycle.objects.filter(municipality=base.municipality, title=CYCLE_TITLE).exists():
        _cycle_2019(admin, base)
        changed = True
    return changed


def _walk_2017(admin: Any, cycle: Cycle) -> None:
    for to in (workflow.BIDS, workflow.NEGOTIATION, workflow.DECISION):
        services.change_phase(admin, cycle, to, "Demo: de cyclus 2017 is doorlopen.")
    signatories = _signatories(cycle)
    for party in cycle.parties.order_by("kind", "name"):
        services.approve_cycle(
            signatories[party.pk],
            cycle,
            party,
            BODY.get(party.kind, Approval.DecisionBody.OTHER),
            datetime.date(cycle.start_year, 1, 1),
            note=NOT_IN_SEED,
        )
    for to in (workflow.MONITORING, workflow.EVALUATION):
        services.change_phase(admin, cycle, to, "Demo: Evaluatie 2017 (dia's gemeente Maastricht).")


def _cycle_2019(admin: Any, base: Cycle) -> None:
    cycle = agreement_services.create_cycle(
        admin,
        municipality=base.municipality,
        title=CYCLE_TITLE,
        start_year=2019,
        end_year=2019,
        parties=list(base.parties.all()),
        description="Prestatieafspraken 2019 tussen de gemeente Maastricht, Woonpunt, Servatius "
        "en Maasvallei en hun huurdersorganisaties, met de planning uit de bron: "
        + agreements_demo.SEED
        + ".",
        published=True,
    )
    services.fill_legal_milestones(cycle, 2019)
    services.change_phase(admin, cycle, workflow.BIDS, "", at=_at(datetime.date(2019, 7, 1)))
    services.change_phase(
        admin,
        cycle,
        workflow.NEGOTIATION,
        "Onderhandelingen september en oktober 2019.",
        at=_at(datetime.date(2019, 9, 1)),
    )
    services.change_phase(
        admin,
        cycle,
        workflow.DECISION,
        "Uitwerking en besluitvorming november 2019.",
        at=_at(datetime.date(2019, 11, 1)),
    )
    for kind, title, starts_on, ends_on in PRACTICE:
        services.add_milestone(
            admin, cycle, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on
        )
