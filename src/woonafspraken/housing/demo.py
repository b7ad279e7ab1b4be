"""The Maastricht housing data for the demo, loaded through the import service.

From the seed (``shared/seed``): the three corporations' stock and affordable share
(3.671 (97 %), 9.334 (55 %), 9.785 (94 %)), the new-build, renovation, demolition and label
table 2017–2021, and 11 % eigen inplaatsing and 54 % aanbodmodel in 2017 — here the outcome
of 1.200 demo lettings. Everything else is a plausible fictional series, and every set is
marked fictional: the slide gives totals, not the split over rent classes, labels, years or
households. The slide does not say which figure belongs to which corporation; the demo
assumes the order Maasvallei, Woonpunt, Servatius (smallest first) and says so.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.models import Agreement, Cycle, Target

from . import allocation as allocation_offers
from . import selectors, services, tables
from .models import Dataset

SEED = "Gemeente Maastricht, presentatie over de prestatieafspraken"
REGION = "GM0935"
DAY = datetime.date(2019, 11, 1)
YEARS = range(2016, 2027)
#: (corporation, homes 2017, affordable share %) — the slide's figures; attribution assumed.
SEED_STOCK = [("maasvallei", 3671, 97), ("woonpunt", 9334, 55), ("servatius", 9785, 94)]
STOCK_NOTE = (
    "Aantallen en betaalbaar aandeel per corporatie in 2017 uit de dia: 3.671 (97%), "
    "9.334 (55%), 9.785 (94%); welke corporatie welk cijfer heeft zegt de dia niet (hier "
    "aangenomen: Maasvallei, Woonpunt, Servatius). De verdeling over huurklassen, labels en "
    "de andere jaren is fictief."
)
#: 2017–2021 per corporation (the Duurzaamheid slide); Servatius demolition 377–497.
SEED_PROJECTS = {
    "woonpunt": {"new_build": 60, "renovation": 600, "demolition": 195, "label": "B"},
    "servatius": {"new_build": 476, "renovation": 1572, "demolition": 437, "label": "B"},
    "maasvallei": {"new_build": 306, "renovation": 330, "demolition": 168, "label": "B"},
}


def _csv(table: str, rows: list[dict[str, Any]]) -> bytes:
    return tables.to_csv(tables.export_values(table, REGION, rows))


def _split(total: int, weights: list[int]) -> list[int]:
    """``total`` over ``weights``, whole numbers that add up exactly."""
    parts = [total * w // sum(weights) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def stock_rows() -> list[dict[str, Any]]:
    rows = []
    labels = ["A", "B", "C", "D", "E", "F", "G"]
    for year in YEARS:
        t = year - 2017
        for owner, homes, share in SEED_STOCK:
            total = homes + 12 * t  # fictional: slow growth around the 2017 figure
            affordable = round(total * share / 100)
            cheap_weight = max(30 - 2 * t, 10)  # the cheapest homes dwindle
            cheap, low, high = _split(affordable, [cheap_weight, 45, 25])
            expensive, above = _split(total - affordable, [8, 2])
            efg = max(22 - 3 * (year - 2016), 2)  # % E/F/G, falling
            for rent_class, count in (
                ("cheap", cheap),
                ("affordable_low", low),
                ("affordable_high", high),
                ("expensive", expensive),
                ("above_limit", above),
            ):
                label_parts = _split(
                    count,
                    [10, 25, 25, 100 - 60 - efg, efg // 2, efg // 3, efg - efg // 2 - efg // 3],
                )
                for label, n in zip(labels, label_parts, strict=True):
                    if n:
                        care = (
                            "zero_step"
                            if label in {"A", "B"} and rent_class != "above_limit"
                            else "none"
                        )
                        rows.append(_stock(year, "corporation", owner, rent_class, label, care, n))
        rows.append(
            _stock(year, "other_landlord", "", "affordable_high", "", "none", 9000 + 80 * t)
        )
        rows.append(_stock(year, "other_landlord", "", "above_limit", "", "none", 4000 + 150 * t))
        rows.append(_stock(year, "owner_occupied", "", "", "", "none", 29000 + 120 * t))
    return rows


def _stock(
    year: int, ownership: str, owner: str, rent_class: str, label: str, care: str, n: int
) -> dict[str, Any]:
    return {
        "year": year,
        "ownership": ownership,
        "owner": owner,
        "rent_class": rent_class,
        "label": label,
        "dwelling_type": "meergezins",
        "care": care,
        "area_code": "",
        "count": n,
    }


def household_rows() -> list[dict[str, Any]]:
    rows = []
    for year in YEARS:
        t = year - 2016
        total = 62000 + 280 * t
        # income groups: huurtoeslag, daeb, above; the target group grows until 2021, then falls
        target_pct = Decimal("34.7") + min(t, 5) * Decimal("0.3") - max(t - 5, 0) * Decimal("0.3")
        target = int(total * target_pct / 100)
        ht, daeb = _split(target, [60, 40])
        above = total - target
        groups = [
            ("huurtoeslag", ht, [("social_rent", 80), ("private_rent", 12), ("owner", 8)]),
            ("daeb", daeb, [("social_rent", 50), ("private_rent", 20), ("owner", 30)]),
            ("above_daeb", above, [("social_rent", 12), ("private_rent", 13), ("owner", 75)]),
        ]
        for income, n, tenures in groups:
            for tenure, count in zip(
                [x[0] for x in tenures], _split(n, [x[1] for x in tenures]), strict=True
            ):
                classes = (
                    [("", 100)]
                    if tenure == "owner"
                    else [
                        ("cheap", 20),
                        ("affordable_low", 40),
                        ("affordable_high", 22),
                        ("expensive", 13),
                        ("above_limit", 5),
                    ]
                )
                for rent_class, c in zip(
                    [x[0] for x in classes], _split(count, [x[1] for x in classes]), strict=True
                ):
                    for size, s in zip((1, 2, 3), _split(c, [48, 30, 22]), strict=True):
                        if s:
                            rows.append(
                                {
                                    "year": year,
                                    "household_type": {
                                        1: "alleenstaand",
                                        2: "paar",
                                        3: "paar_met_kinderen",
                                    }[size],
                                    "age_band": "35-54",
                                    "income_group": income,
                                    "tenure": tenure,
                                    "rent_class": rent_class,
                                    "size_class": size,
                                    "count": s,
                                }
                            )
    return rows


def letting_rows() -> list[dict[str, Any]]:
    rng = random.Random(2017)
    rows = []
    corporations = ["woonpunt", "servatius", "maasvallei"]
    routes = (
        ["aanbodmodel"] * 648 + ["eigen_inplaatsing"] * 132 + ["urgentie"] * 60 + ["overig"] * 360
    )
    plans = [(2017, routes)]
    for year in (2024, 2025, 2026):
        plans.append(
            (
                year,
                ["aanbodmodel"] * 700
                + ["eigen_inplaatsing"] * 110
                + ["urgentie"] * 70
                + ["overig"] * 320,
            )
        )
    for year, year_routes in plans:
        for i, route in enumerate(year_routes):
            size = rng.choice([1, 1, 1, 2, 2, 3, 4])
            income = Decimal(rng.randrange(14000, 62000, 250))
            rent = Decimal(rng.randrange(42000, 95000)) / 100
            rows.append(
                {
                    "year": year,
                    "corporation": corporations[i % 3],
                    "route": tables.ROUTE_CODES[route],
                    "household_size": size,
                    "income": income,
                    "rent": rent,
                    "age": rng.choice([19, 21, 22, 25, 31, 38, 45, 52, 67, 74, 81]),
                    "pension_age": False,
                    "caregiver": rng.random() < 0.04,
                    "count": 1,
                }
            )
    return rows


def cost_rows() -> list[dict[str, Any]]:
    rows = []
    kinds = [
        ("alleenstaand", 1, 19500, 520),
        ("paar", 2, 31000, 590),
        ("paar_met_kinderen", 4, 38000, 640),
    ]
    for year in YEARS:
        t = year - 2016
        for kind, size, income, rent in kinds:
            new_rent = (Decimal(rent) * Decimal("1.025") ** t).quantize(Decimal("0.01"))
            new_income = (Decimal(income) * Decimal("1.015") ** t).quantize(Decimal("0.01"))
            allowance = (
                None
                if year == 2026
                else (Decimal(180) - 6 * size + 3 * t).quantize(Decimal("0.01"))
            )
            rows.append(
                {
                    "year": year,
                    "household_type": kind,
                    "household_size": size,
                    "count": 4000 + 300 * size,
                    "income": new_income,
                    "rent": new_rent,
                    "huurtoeslag": allowance,
                    "energy_cost": Decimal(150 + 10 * size) - 2 * t,
                    "label": "",
                }
            )
    return rows


def care_rows() -> list[dict[str, Any]]:
    rows = []
    for year in YEARS:
        t = year - 2016
        supply = 2000 + 30 * t
        rows.append(
            {
                "year": year,
                "count": 1500 + 60 * t,
                "supply": supply,
                "matched": supply * (34 + t) // 100,  # 2016: 66 % mismatch, as on the slide
            }
        )
    return rows


def project_rows() -> list[dict[str, Any]]:
    rows = []
    for owner, plan in SEED_PROJECTS.items():
        for kind in ("new_build", "renovation", "demolition"):
            for year, n in zip(
                range(2017, 2022), _split(plan[kind], [15, 20, 25, 20, 20]), strict=True
            ):
                if not n:
                    continue
                if kind == "new_build":
                    social, middle, expensive = _split(n, [70, 15, 15])
                    for segment, m in (
                        ("social_rent", social),
                        ("middle_rent", middle),
                        ("expensive_owner", expensive),
                    ):
                        if m:
                            rows.append(
                                _project(
                                    year,
                                    owner,
                                    kind,
                                    segment,
                                    "affordable_low" if segment == "social_rent" else "",
                                    "A",
                                    m,
                                )
                            )
                else:
                    rows.append(
                        _project(
                            year,
                            owner,
                            kind,
                            "",
                            "",
                            plan["label"] if kind == "renovation" else "",
                            n,
                        )
                    )
        for year in range(2017, 2022):  # fictional: sales and liberalisation in the period
            rows.append(_project(year, owner, "sale", "", "", "", 15))
            rows.append(_project(year, owner, "liberalisation", "", "above_limit", "", 10))
        for year in range(2022, 2027):  # fictional: later plans, sales and liberalisation
            rows.append(
                _project(year, owner, "new_build", "social_rent", "affordable_low", "A", 40)
            )
            rows.append(_project(year, owner, "new_build", "expensive_owner", "", "A", 25))
            rows.append(_project(year, owner, "sale", "", "", "", 10))
            rows.append(_project(year, owner, "liberalisation", "", "above_limit", "", 8))
    return rows


def _project(
    year: int, owner: str, kind: str, segment: str, rent_after: str, label: str, n: int
) -> dict[str, Any]:
    return {
        "year": year,
        "owner": owner,
        "kind": kind,
        "segment": segment,
        "rent_class_after": rent_after,
        "label_after": label,
        "name": "",
        "count": n,
    }


SETS = [
    ("stock", stock_rows, "Woningvoorraad Maastricht (demo)", STOCK_NOTE),
    (
        "households",
        household_rows,
        "Huishoudens Maastricht naar inkomen en woonsituatie (demo)",
        "Fictieve reeks.",
    ),
    (
        "lettings",
        letting_rows,
        "Toewijzingen van de corporaties (demo)",
        "1.200 fictieve toewijzingen in 2017, zo gekozen dat 11% eigen inplaatsing en 54% "
        "aanbodmodel (de dia) eruit volgen; 2024–2026 fictief.",
    ),
    (
        "costs",
        cost_rows,
        "Woonlasten huurders corporaties (demo, als CBS 85950NED)",
        "Fictieve reeks; huurtoeslag 2026 berekend met de regels.",
    ),
    (
        "care",
        care_rows,
        "Zorggeschikte woningen (demo)",
        "Fictieve reeks; de mismatch van 66% in 2016 volgt de dia "
        "('in theorie voldoende aanbod, maar 66%').",
    ),
    (
        "projects",
        project_rows,
        "Vastgoedplannen corporaties (demo)",
        "Nieuwbouw, renovatie, sloop en label na renovatie 2017–2021 per corporatie uit de dia "
        "(Servatius sloop 377–497: hier 437); verdeling over jaren en segmenten, en 2022–2026, "
        "fictief.",
    ),
]


@transaction.atomic
def load(admin: Any, cycle: Cycle) -> bool:
    """Load the housing demo for ``cycle``'s municipality; False when it is already there."""
    municipality = cycle.municipality
    if Dataset.objects.filter(municipality=municipality).exists():
        return False
    for table, make, source, note in SETS:
        services.import_table(
            admin,
            municipality,
            table,
            filename=f"{table}.csv",
            data=_csv(table, make()),
            source=f"{source}. {SEED}"
            if table in {"stock", "projects", "lettings", "care"}
            else source,
            source_date=DAY,
            fictional=True,
            note=note,
        )
    services.save_scenario(
        admin,
        cycle,
        base_year=2016,
        end_year=2030,
        household_growth=Decimal("0.5"),
        income_shift=Decimal("-0.15"),
        reliance=Decimal(100),
        new_build_per_year=0,
        sales_per_year=0,
        demolition_per_year=0,
        liberalisation_per_year=0,
    )
    adopt_allocation(admin, cycle)
    programme(admin, cycle)
    return True


PROGRAMME = "Volkshuisvestingsprogramma Maastricht (demo, fictief)"


def programme(admin: Any, cycle: Cycle) -> None:
    """A fictional volkshuisvestingsprogramma whose two goals are checked against the demo
    projects: two thirds affordable and 30 % social rent in the planned new build (the norms of
    the Wet versterking regie volkshuisvesting), each linked to the new-build agreements."""
    from woonafspraken.governance import services as governance
    from woonafspraken.governance.models import PolicyDocument, PolicyGoal

    if PolicyDocument.objects.filter(municipality=cycle.municipality, title=PROGRAMME).exists():
        return
    document = governance.create_policy_document(
        admin,
        cycle.municipality,
        kind=PolicyDocument.Kind.VOLKSHUISVESTINGSPROGRAMMA,
        title=PROGRAMME,
        year=2025,
    )
    new_build = list(
        Agreement.objects.filter(
            theme__cycle=cycle, targets__indicator__name__startswith="Nieuwbouw"
        ).distinct()
    )
    for title, measure, minimum in (
        ("Twee derde van de nieuwbouw betaalbaar", PolicyGoal.Measure.AFFORDABLE_NEW_BUILD, "66.7"),
        ("Ten minste 30 % sociale huur in de nieuwbouw", PolicyGoal.Measure.SOCIAL_NEW_BUILD, "30"),
    ):
        goal = governance.add_goal(
            admin,
            document,
            theme_name="Betaalbare nieuwbouw",
            title=title,
            measure=measure,
            minimum_share=Decimal(minimum),
        )
        for agreement in new_build:
            governance.link_goal(admin, goal, agreement)


def adopt_allocation(admin: Any, cycle: Cycle) -> list[Target]:
    """Record the 2017 allocation figures computed from the lettings as the measurements."""
    allocation = selectors.run(cycle, "allocation").detail
    adopted = []
    for offer in allocation_offers.offers(cycle, allocation):
        existing = offer.target.measurements.filter(year=offer.year).first()
        agreement_services.record_measurement(
            admin,
            offer.target,
            value=offer.value,
            year=offer.year,
            source=offer.source + " (fictieve toewijzingen)",
            note=offer.source + " (fictieve toewijzingen)",
            expected_version=existing.version if existing else 0,
            channel="demo",
        )
        adopted.append(offer.target)
    return adopted
