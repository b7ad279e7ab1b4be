"""The Maastricht demo, from ``shared/seed/prestatieafspraken-maastricht.txt``.

Everything here is in the seed; nothing is invented. Where the seed gives no realised value
the target stays without a measurement (verdict ``no_data``). Where the seed shows a status
symbol (``!``, ``?``) next to an item of *Evaluatie 2017*, that item gets the status; items
without a symbol stay unassessed. Loading is idempotent: a second run changes nothing.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from woonafspraken.accounts import services as accounts_services
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.accounts.services import ensure_membership

from . import services
from .models import Cycle, Indicator, Theme

SEED = "Prestatieafspraken Maastricht (dia's gemeente Maastricht)"
EVALUATION_2017 = "Evaluatie 2017 Woonruimteverdeling (dia's gemeente Maastricht)"
PASSWORD = "demo"
CYCLE_TITLE = "Prestatieafspraken 2017"

ORGANISATIONS = [
    # slug, name, kind, corporation slug
    ("gemeente-maastricht", "Gemeente Maastricht", "municipality", None),
    ("woonpunt", "Woonpunt", "corporation", None),
    ("servatius", "Servatius", "corporation", None),
    ("maasvallei", "Maasvallei", "corporation", None),
    ("woonbelang", "Huurdersbelangenvereniging Woonbelang", "tenant_organisation", "woonpunt"),
    ("servaassleutel", "Huurdersvereniging Servaassleutel", "tenant_organisation", "servatius"),
    ("woonvallei", "Huurdersvereniging Woonvallei", "tenant_organisation", "maasvallei"),
]

ACCOUNTS = [
    # username, organisation slug, roles
    ("gemeente-maastricht", "gemeente-maastricht", ["coordinator"]),
    ("woonpunt", "woonpunt", ["contributor", "signatory"]),
    ("servatius", "servatius", ["contributor", "signatory"]),
    ("maasvallei", "maasvallei", ["contributor", "signatory"]),
    ("woonbelang", "woonbelang", ["contributor", "signatory"]),
    ("servaassleutel", "servaassleutel", ["contributor", "signatory"]),
    ("woonvallei", "woonvallei", ["contributor", "signatory"]),
]


@dataclass
class Item:
    title: str
    status: str = ""  # the symbol the seed shows in Evaluatie 2017, as a status
    text: str = ""
    kind: str = "effort"


@dataclass
class ThemeSpec:
    name: str
    lead: str
    items: list[Item] = field(default_factory=list)


SEED_SYMBOL = "Overgenomen uit Evaluatie 2017 (dia): ‘{symbol}’."

THEMES = [
    ThemeSpec(
        "Betaalbaarheid",
        "maasvallei",
        [
            Item("Betaalbare woningen toevoegen voor de dip"),
            Item("2017: garantie match sociale doelgroep & sociale huurwoning", "attention"),
            Item("Splitsen"),
            Item("Informeren en activeren"),
            Item("Onderzoeken mogelijkheden tijdelijkheid & nieuwbouw", "unclear"),
        ],
    ),
    ThemeSpec(
        "Veiligheid & Leefbaarheid",
        "gemeente-maastricht",
        [
            Item("Veiligheid als kernthema bij verdere prestatieafspraken"),
            Item("Betrekken & optimaliseren informatie-uitwisseling"),
            Item("Preventie"),
        ],
    ),
    ThemeSpec(
        "Wonen en Zorg",
        "gemeente-maastricht",
        [
            Item("Ouderen: verfijning aanbod"),
            Item("Ouderen: woningaanpassingsbeleid"),
            Item("Ouderen: herijken Wmo-verhuisindicatie"),
            Item("Maatschappelijke zorg/GGZ: casusgerichte koppeling bewoner/woning"),
            Item("Maatschappelijke zorg/GGZ: werk-inkomen in combinatie met begeleiding"),
            Item("Maatschappelijke zorg/GGZ: alternatief woonblokkadebeleid"),
            Item("Prognose", "unclear"),
        ],
    ),
    ThemeSpec(
        "Duurzaamheid",
        "gemeente-maastricht",
        [
            Item("Kennisteam", "attention"),
            Item("Communicatie"),
            Item("Meewerken naar vermogen"),
            Item("Jaarlijkse monitoring"),
            Item(
                "Acties 2017–2021 om labelverbeteringen te realiseren (prognoses)",
                text="Per corporatie: energielabel na renovatie, nieuwbouw, renovatie en sloop "
                "over 2017–2021 (prognoses).",
                kind="result",
            ),
        ],
    ),
    ThemeSpec(
        "Beschikbaarstelling",
        "woonpunt",
        [
            Item("Jongeren < 23 jaar: zeer goedkope woning"),
            Item("Eigen inplaatsing maximaal 10%", kind="result"),
            Item("Aanbodmodel minimaal 45%", kind="result"),
            Item("Mantelzorgers / ontvangers"),
        ],
    ),
    ThemeSpec(
        "Vastgoed",
        "servatius",
        [
            Item("Vastgoedontwikkeling biedingen 2017"),
        ],
    ),
]

# Bestuursopdrachten 2016: belangrijkste conclusies, per theme, in the seed's words. On these
# slides the heading follows the body in the text layer (see docs/adr/0003-reading-the-seed.md):
# the extramuralisation line belongs to Wonen en Zorg, where "(betaalbaarheid)" names its aspect.
ASSIGNMENT_YEAR = 2016
ASSIGNMENT_TITLE = "Bestuursopdracht 2016"
CONCLUSIONS_SLIDE = SEED + ", dia {theme}"
ASSIGNMENTS: dict[str, list[tuple[str, str]]] = {
    # theme name: [(finding, what the source adds to the slide reference)]
    "Betaalbaarheid": [
        ("Prognose sociale doelgroep en sociale huurwoningen 2016–2021–2026 (met een dip)", ""),
        ("Kloof arm/rijk", ""),
        ("Scheefwoners goedkoop & duur", ""),
        ("Ontwikkeling woonlasten", ""),
        ("Daling goedkoopste woningen", ""),
        ("Ontwikkelingen 2012–2015", ""),
    ],
    "Wonen en Zorg": [
        (
            "Extramuralisatie resulteert in hogere kosten (betaalbaarheid)",
            ", met de tabel ‘Vrij te besteden budget ouderen voor en na extramuralisatie’ "
            "(op basis van huur € 550 per maand)",
        ),
        (
            "Groeiende vraag, in theorie voldoende aanbod, maar 66%: betaalbaarheid, spreiding, "
            "zorgscheefwoners, ongeschikte woning & wil vaak niet verhuizen",
            "",
        ),
        ("Weinig doorstroom", ""),
    ],
}

INDICATORS = {
    "direct_placement": (
        "Eigen inplaatsing (aandeel van de verhuringen)",
        "percentage",
        "weighted_share",
    ),
    "offer_model": ("Aanbodmodel (aandeel van de verhuringen)", "percentage", "weighted_share"),
    "youth": ("Jongeren < 23 jaar met een zeer goedkope woning", "count", "sum"),
    "caregivers": ("Verhuringen aan mantelzorgers en -ontvangers", "count", "sum"),
    "label": ("Energielabel na renovatie", "energy_label", "none"),
    "new_build": ("Nieuwbouw (woningen)", "count", "sum"),
    "renovation": ("Renovatie (woningen)", "count", "sum"),
    "demolition": ("Sloop (woningen)", "count", "sum"),
}

# Sustainability table, 2017–2021 (prognoses), per corporation.
SUSTAINABILITY = {
    "woonpunt": {"label": "B", "new_build": 60, "renovation": 600, "demolition": 195},
    "servatius": {"label": "A/B", "new_build": 476, "renovation": 1572, "demolition": (377, 497)},
    "maasvallei": {"label": "A/B", "new_build": 306, "renovation": 330, "demolition": 168},
}


def _organisations(admin: Any, municipality: Municipality) -> dict[str, Organisation]:
    """The municipality's own organisation is there from the start (as ``woonafspraken setup``
    makes it); the corporations and tenant organisations are added as an administrator
    would."""
    own, _ = Organisation.objects.get_or_create(
        slug=ORGANISATIONS[0][0],
        defaults={
            "name": ORGANISATIONS[0][1],
            "kind": Organisation.Kind.MUNICIPALITY,
            "municipality": municipality,
        },
    )
    own.municipalities.add(municipality)
    orgs: dict[str, Organisation] = {own.slug: own}
    for slug, name, kind, corporation in ORGANISATIONS[1:]:
        existing = Organisation.objects.filter(slug=slug).first()
        orgs[slug] = existing or accounts_services.create_organisation(
            admin,
            municipality,
            kind=kind,
            name=name,
            slug=slug,
            corporations=[orgs[corporation]] if corporation else [],
        )
    return orgs


def _system_admin() -> Any:
    User = get_user_model()
    admin, created = User.objects.get_or_create(
        username="beheer", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(PASSWORD)
        admin.save()
    return admin


def _accounts(admin: Any, orgs: dict[str, Organisation]) -> object:
    User = get_user_model()
    for username, slug, roles in ACCOUNTS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(PASSWORD)
            user.save()
        for role in roles:
            ensure_membership(admin, user, orgs[slug], role)
    ensure_membership(admin, admin, orgs["gemeente-maastricht"], "admin")
    return admin


@transaction.atomic
def load() -> bool:
    """Load the demo; returns False when it was already there (nothing changed)."""
    municipality, _ = Municipality.objects.get_or_create(
        cbs_code="GM0935", defaults={"name": "Maastricht", "province": "limburg"}
    )
    admin = _system_admin()
    orgs = _organisations(admin, municipality)
    _accounts(admin, orgs)
    if Cycle.objects.filter(municipality=municipality, title=CYCLE_TITLE).exists():
        return False
    indicators = {
        key: Indicator.objects.get_or_create(
            name=name, defaults={"unit": unit, "aggregation": aggregation}
        )[0]
        for key, (name, unit, aggregation) in INDICATORS.items()
    }
    cycle = services.create_cycle(
        admin,
        municipality=municipality,
        title=CYCLE_TITLE,
        start_year=2017,
        end_year=2021,
        parties=list(orgs.values()),
        description=(
            "Prestatieafspraken 2017 tussen de gemeente Maastricht, Woonpunt, Servatius en "
            "Maasvallei en hun huurdersorganisaties, met de evaluatie 2017. De looptijd loopt tot "
            "en met 2021 omdat de duurzaamheidsafspraken 2017–2021 beslaan. Bron: " + SEED + "."
        ),
        published=True,
    )
    corporations = [orgs["woonpunt"], orgs["servatius"], orgs["maasvallei"]]
    for order, spec in enumerate(THEMES, start=1):
        theme = services.add_theme(
            admin,
            cycle,
            name=spec.name,
            order=order,
            lead_organisation=orgs[spec.lead],
            project_leader_name=f"Projectleider {spec.name} ({orgs[spec.lead].name})",
        )
        for index, item in enumerate(spec.items, start=1):
            followed = []
            if item.title.startswith("Jongeren"):
                followed = [indicators["youth"]]
            elif item.title.startswith("Mantelzorgers"):
                followed = [indicators["caregivers"]]
            agreement = services.add_agreement(
                admin,
                theme,
                number=f"{order}.{index}",
                title=item.title,
                text=item.text,
                kind=item.kind,
                lead_party=orgs[spec.lead],
                involved=list(orgs.values()),
                order=index,
                indicators=followed,
            )
            if item.status:
                symbol = {"attention": "!", "unclear": "?"}[item.status]
                services.record_assessment(
                    admin,
                    agreement,
                    year=2017,
                    status=item.status,
                    explanation=SEED_SYMBOL.format(symbol=symbol),
                    channel="demo",
                )
            _targets(admin, agreement, item, indicators, corporations)
        _assignments(admin, theme)
    return True


def _assignments(admin: object, theme: Theme) -> None:
    findings = ASSIGNMENTS.get(theme.name)
    if not findings:
        return
    assignment = services.add_assignment(
        admin, theme, year=ASSIGNMENT_YEAR, title=ASSIGNMENT_TITLE, channel="demo"
    )
    slide = CONCLUSIONS_SLIDE.format(theme=theme.name)
    for text, detail in findings:
        services.add_finding(admin, assignment, text=text, source=slide + detail, channel="demo")


def _targets(
    admin: object,
    agreement: object,
    item: Item,
    indicators: dict[str, Indicator],
    corporations: list[Organisation],
) -> None:
    if item.title.startswith("Eigen inplaatsing"):
        target = services.add_target(
            admin,
            agreement,
            indicator=indicators["direct_placement"],
            kind="max",
            value=10,
            year=2017,
        )
        services.record_measurement(
            admin, target, value=11, source=EVALUATION_2017, note="In 2017 11%", channel="demo"
        )
    elif item.title.startswith("Aanbodmodel"):
        target = services.add_target(
            admin, agreement, indicator=indicators["offer_model"], kind="min", value=45, year=2017
        )
        services.record_measurement(
            admin, target, value=54, source=EVALUATION_2017, note="In 2017 54%", channel="demo"
        )
    elif item.title.startswith("Acties 2017"):
        order = 0
        for key in ("label", "new_build", "renovation", "demolition"):
            for corporation in corporations:
                norm = SUSTAINABILITY[corporation.slug][key]
                order += 1
                common = {
                    "indicator": indicators[key],
                    "party": corporation,
                    "order": order,
                    "note": "Prognose 2017–2021 uit de dia Duurzaamheid.",
                }
                if key == "label":
                    services.add_target(
                        admin, agreement, kind="label_at_least", label=norm, **common
                    )
                elif isinstance(norm, tuple):
                    services.add_target(
                        admin, agreement, kind="range", low=norm[0], high=norm[1], **common
                    )
                elif key == "demolition":
                    services.add_target(admin, agreement, kind="exact", value=norm, **common)
                else:
                    services.add_target(admin, agreement, kind="min", value=norm, **common)
