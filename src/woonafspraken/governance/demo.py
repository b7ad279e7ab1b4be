"""Governance and policy of the Maastricht demo, from ``shared/seed`` (slide *Hoe maken we
prestatieafspraken?* and the governance slide); nothing invented.

- BOWW (bestuurlijk overleg: gemeente, corporaties & huurderbelangenverenigingen), AOWW
  (projectleidersoverleg: the parties whose project leaders lead a theme) and a working group
  per theme, led by the party the seed names.
- The Woonvisie 2018 with one goal per theme the seed names; goal texts stay empty (the seed
  gives none). Goals are linked to the agreements of *Prestatieafspraken 2017* whose theme
  obviously matches; *Woonmilieus* matches no theme and stays without agreements.
- No meetings, decisions, action items or bids: the seed has none.

``load(admin)`` is idempotent: a second run changes nothing. Call it after the agreements demo.
"""

from typing import Any

from django.db import transaction

from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.agreements.models import Agreement, Cycle

from . import services
from .models import Body, PolicyDocument

CBS_CODE = "GM0935"
CYCLE_2017 = "Prestatieafspraken 2017"
WOONVISIE = "Woonvisie 2018"

# working group theme (seed spelling), lead organisation slug, theme name in the 2017 cycle
WORKING_GROUPS = [
    ("Betaalbaarheid", "maasvallei", "Betaalbaarheid"),
    ("Veiligheid & Leefbaarheid", "gemeente-maastricht", "Veiligheid & Leefbaarheid"),
    ("Wonen & Zorg", "gemeente-maastricht", "Wonen en Zorg"),
    ("Duurzaamheid", "gemeente-maastricht", "Duurzaamheid"),
    ("Beschikbaarstelling", "woonpunt", "Beschikbaarstelling"),
    ("Vastgoed", "servatius", "Vastgoed"),
]

# Woonvisie 2018 goal (= theme, as the seed names it) -> themes of the 2017 cycle it serves
GOALS = [
    ("Wonen & zorg & eigen kracht", ["Wonen en Zorg"]),
    ("Doe-democratie & duurzaamheid", ["Duurzaamheid"]),
    (
        "Betaalbaarheid & beschikbaarstelling & woonruimteverdeling",
        ["Betaalbaarheid", "Beschikbaarstelling"],
    ),
    ("Woonmilieus", []),
]


@transaction.atomic
def load(admin: Any) -> bool:
    """Load the demo governance and policy; returns False when it was already there."""
    municipality = Municipality.objects.get(cbs_code=CBS_CODE)
    orgs = {o.slug: o for o in Organisation.objects.filter(municipality=municipality)}
    cycle = Cycle.objects.filter(municipality=municipality, title=CYCLE_2017).first()
    themes = {t.name: t for t in cycle.themes.all()} if cycle else {}
    created = False
    created |= _bodies(admin, municipality, orgs, themes)
    created |= _woonvisie(admin, municipality, cycle)
    return created


def _body(admin: Any, municipality: Municipality, name: str, **fields: Any) -> bool:
    if Body.objects.filter(municipality=municipality, name=name).exists():
        return False
    services.create_body(admin, municipality, name=name, **fields)
    return True


def _bodies(
    admin: Any, municipality: Municipality, orgs: dict[str, Organisation], themes: dict[str, Any]
) -> bool:
    leads = [orgs[slug] for slug in dict.fromkeys(lead for _, lead, _ in WORKING_GROUPS)]
    created = _body(
        admin,
        municipality,
        "Bestuurlijk Overleg Wonen (BOWW)",
        kind=Body.Kind.BOARD,
        member_organisations=[
            o
            for o in orgs.values()
            if o.kind
            in (
                Organisation.Kind.MUNICIPALITY,
                Organisation.Kind.CORPORATION,
                Organisation.Kind.TENANT_ORGANISATION,
            )
        ],
        order=1,
    )
    created |= _body(
        admin,
        municipality,
        "Projectleidersoverleg (AOWW)",
        kind=Body.Kind.PROJECT_LEADERS,
        member_organisations=leads,
        order=2,
    )
    for order, (theme_name, lead, cycle_theme) in enumerate(WORKING_GROUPS, start=3):
        created |= _body(
            admin,
            municipality,
            f"Werkgroep {theme_name}",
            kind=Body.Kind.WORKING_GROUP,
            theme_name=theme_name,
            theme=themes.get(cycle_theme),
            lead_organisation=orgs[lead],
            member_organisations=[orgs[lead]],
            order=order,
        )
    return created


def _woonvisie(admin: Any, municipality: Municipality, cycle: Cycle | None) -> bool:
    if PolicyDocument.objects.filter(municipality=municipality, title=WOONVISIE).exists():
        return False
    document = services.create_policy_document(
        admin,
        municipality,
        kind=PolicyDocument.Kind.WOONVISIE,
        title=WOONVISIE,
        year=2018,
    )
    for order, (theme, cycle_themes) in enumerate(GOALS, start=1):
        goal = services.add_goal(admin, document, theme_name=theme, title=theme, order=order)
        if cycle is None:
            continue
        for agreement in Agreement.objects.filter(
            theme__cycle=cycle, theme__name__in=cycle_themes
        ).select_related("theme__cycle"):
            services.link_goal(admin, goal, agreement)
    return True


CYCLE_2019 = "Prestatieafspraken 2019"
EXAMPLE_LINE = "Voorbeeld (niet uit de bron): nieuwbouw sociale huur"


@transaction.atomic
def load_2019_bid(admin: Any) -> bool:
    """The 2019 cycle's themes as in 2017, a Woonpunt bid with one line, and that line turned
    into a concept agreement, so that the demo shows the way from a bid to an agreement. The
    seed has no 2019 bid: the line says it is an example. False when already there."""
    cycle = Cycle.objects.filter(title=CYCLE_2019).first()
    base = Cycle.objects.filter(title=CYCLE_2017).first()
    if cycle is None or base is None or cycle.bids.exists():
        return False
    from woonafspraken.agreements import services as agreement_services

    for theme in base.themes.filter(archived=False).order_by("order"):
        if not cycle.themes.filter(name=theme.name).exists():
            agreement_services.add_theme(
                admin,
                cycle,
                name=theme.name,
                order=theme.order,
                lead_organisation=theme.lead_organisation,
                project_leader=theme.project_leader,
                project_leader_name=theme.project_leader_name,
                description=theme.description,
                channel="demo",
            )
    woonpunt = cycle.parties.get(slug="woonpunt")
    corporation_user = woonpunt.memberships.filter(role="contributor").first()
    author = corporation_user.user if corporation_user else admin
    bid = services.start_bid(author, cycle, woonpunt, year=cycle.start_year)
    item = services.add_bid_item(
        author,
        bid,
        item={"section": "a", "description": EXAMPLE_LINE, "postcode": "", "planned": [20, 20]},
        channel="demo",
    )
    services.submit_bid(author, bid, channel="demo")
    theme = cycle.themes.filter(lead_organisation=woonpunt).first() or cycle.themes.first()
    services.turn_item_into_agreement(admin, item, theme=theme)
    return True
