"""A plausible, fictional national data set: every municipality on one installation.

``woonafspraken generate_national --municipalities 342 --years 2016-2030 --seed 1`` builds
municipalities grouped in provinces and woningbouwregio's, corporations working in one or
several municipalities, tenant organisations representing them, and per municipality and year
a cycle with themes (each with a project leader of the municipality), agreements, targets per
party, figures, bids, approvals, dispute points, housing stock, lettings and planned new build.

Everything is marked fictional: names end in "(fictief)", CBS codes are GM5000 and up (no
real municipality has them), L-numbers L5000 and up, and every housing table is stored as a
fictional data set. The same seed gives the same data set.

This is bulk data for measuring and for the national pages, so it is written with
``bulk_create`` in a few large statements instead of through the per-item services (which
would take hours for half a million rows and write an audit entry for each). It refuses to
run when a fictional national data set is already there.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from woonafspraken.accounts.models import Membership, Municipality, Organisation, Province, Role
from woonafspraken.agreements.models import Agreement, Cycle, Indicator, Measurement, Target, Theme
from woonafspraken.governance.models import Bid
from woonafspraken.housing.models import Dataset, LettingRow, ProjectRow, StockRow
from woonafspraken.housing.tables import ROUTE_CODES
from woonafspraken.pipeline import INDICATOR_NAMES
from woonafspraken.process.models import Approval, DisputePoint

FIRST_CODE = 5000
CODE_PREFIX = "GM"
FICTIONAL = "(fictief)"
SOURCE = "Woonafspraken, fictieve landelijke gegevens"
THIS_YEAR = 2026

EFG_INDICATOR = "Woningen met energielabel E, F of G (corporatiebezit)"
LABELS = ("A", "B", "C", "D", "E", "F", "G")
SEGMENT_SHARES = (
    ("social_rent", 0.30),
    ("middle_rent", 0.20),
    ("affordable_owner", 0.15),
    ("expensive_rent", 0.10),
    ("expensive_owner", 0.25),
)
THEMES = ("Betaalbaarheid", "Nieuwbouw", "Duurzaamheid", "Wonen en zorg")
# Lettings per route as a share of the year's lettings (as in the corporations' reports).
ROUTE_SHARES = (
    (ROUTE_CODES["aanbodmodel"], 0.56),
    (ROUTE_CODES["eigen_inplaatsing"], 0.10),
    (ROUTE_CODES["urgentie"], 0.06),
    (ROUTE_CODES["overig"], 0.28),
)
# Household size, a typical taxable income and a typical rent per size.
LETTING_HOUSEHOLDS = ((1, 21_500, 610), (2, 31_000, 680), (3, 38_500, 760))

_FIRST = (
    "Beek",
    "Berg",
    "Broek",
    "Dal",
    "Eik",
    "Hof",
    "Horst",
    "Kamp",
    "Lin",
    "Meer",
    "Oost",
    "Ooster",
    "Ros",
    "Sint",
    "Veld",
    "Wester",
    "Wold",
    "Zand",
    "Zuider",
    "Noorder",
)
_LAST = (
    "dam",
    "dijk",
    "dorp",
    "haven",
    "heim",
    "hoven",
    "horst",
    "kerk",
    "loo",
    "mond",
    "rade",
    "recht",
    "stein",
    "veen",
    "wijk",
    "woude",
    "zijl",
    "burg",
    "hout",
    "lo",
)


class AlreadyGenerated(RuntimeError):
    """A fictional national data set is already in the database."""


@dataclass
class Counts:
    municipalities: int = 0
    corporations: int = 0
    tenant_organisations: int = 0
    cycles: int = 0
    themes: int = 0
    agreements: int = 0
    targets: int = 0
    measurements: int = 0
    bids: int = 0
    approvals: int = 0
    dispute_points: int = 0
    stock_rows: int = 0
    letting_rows: int = 0
    project_rows: int = 0
    project_leaders: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def municipality_name(i: int) -> str:
    return f"{_FIRST[i % len(_FIRST)]}{_LAST[(i // len(_FIRST)) % len(_LAST)]}"


def _phase(year: int) -> str:
    if year < THIS_YEAR - 1:
        return Cycle.Phase.CLOSED
    if year == THIS_YEAR - 1:
        return Cycle.Phase.EVALUATION
    if year == THIS_YEAR:
        return Cycle.Phase.MONITORING
    if year == THIS_YEAR + 1:
        return Cycle.Phase.NEGOTIATION
    return Cycle.Phase.PREPARATION


SIGNED = {Cycle.Phase.CLOSED, Cycle.Phase.EVALUATION, Cycle.Phase.MONITORING}


def already_generated() -> bool:
    return Municipality.objects.filter(name__endswith=FICTIONAL).exists()


def generate(
    *,
    municipalities: int,
    first_year: int,
    last_year: int,
    seed: int,
    scale: int = 1,
    progress: Callable[[str], None] = lambda _: None,
) -> Counts:
    """Build the data set; returns what it made. Deterministic for a given ``seed``."""
    if municipalities < 1 or scale < 1:
        raise ValueError("Het aantal gemeenten en de schaal zijn minstens 1.")
    if not 2000 <= first_year <= last_year <= 2100:
        raise ValueError("De jaren liggen tussen 2000 en 2100, het eerste niet na het laatste.")
    total = municipalities * scale
    if FIRST_CODE + total > 10_000:
        raise ValueError("Zoveel gemeenten passen niet in de CBS-codes GM5000 tot GM9999.")
    if already_generated():
        raise AlreadyGenerated(
            "Er staat al een fictieve landelijke gegevensset in de database; "
            "begin met een lege database."
        )
    with transaction.atomic():
        return _generate(random.Random(seed), total, first_year, last_year, progress)


def _generate(
    rng: random.Random,
    total: int,
    first_year: int,
    last_year: int,
    progress: Callable[[str], None],
) -> Counts:
    counts = Counts()
    years = list(range(first_year, last_year + 1))
    provinces = [p.value for p in Province]
    regions_per_province = max(1, round(total / 342 * 40 / len(provinces)))

    # Municipalities, each with its own organisation.
    munis = []
    for i in range(total):
        province = provinces[i % len(provinces)]
        number = 1 + (i // len(provinces)) % regions_per_province
        region = f"Woningbouwregio {Province(province).label} {number} {FICTIONAL}"
        munis.append(
            Municipality(
                cbs_code=f"{CODE_PREFIX}{FIRST_CODE + i}",
                name=f"{municipality_name(i)} {FICTIONAL}",
                province=province,
                housing_region=region,
            )
        )
    munis = Municipality.objects.bulk_create(munis)
    counts.municipalities = len(munis)
    homes = {m.pk: rng.randint(4_000, 60_000) for m in munis}
    # A few large cities.
    for m in munis[:: max(1, total // 8)]:
        homes[m.pk] = rng.randint(100_000, 250_000)
    progress(f"{len(munis)} gemeenten")

    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Gemeente {m.name}",
            slug=f"fictief-gm{m.cbs_code[2:]}",
            kind=Organisation.Kind.MUNICIPALITY,
            municipality=m,
        )
        for m in munis
    )
    own = {m.pk: o for m, o in zip(munis, orgs, strict=True)}

    # Corporations: about 280 for 342 municipalities; each works in one to four neighbours.
    n_corps = max(1, round(total * 280 / 342))
    corps = Organisation.objects.bulk_create(
        Organisation(
            name=f"Woonstichting {municipality_name(i * 7 + 3).capitalize()} {i + 1} {FICTIONAL}",
            slug=f"fictief-corporatie-{i + 1}",
            kind=Organisation.Kind.CORPORATION,
            municipality=munis[(i * total) // n_corps],
            aw_number=f"L{FIRST_CODE + i}",
        )
        for i in range(n_corps)
    )
    counts.corporations = len(corps)
    works_in: dict[int, list[Organisation]] = {m.pk: [] for m in munis}
    through = Organisation.municipalities.through
    links = []
    for i, corp in enumerate(corps):
        home = (i * total) // n_corps
        reach = rng.choice((1, 1, 2, 2, 3, 4))
        for k in range(reach):
            m = munis[(home + k) % total]
            if corp not in works_in[m.pk]:
                works_in[m.pk].append(corp)
                links.append(through(organisation_id=corp.pk, municipality_id=m.pk))
    for m in munis:
        if not works_in[m.pk]:
            corp = corps[rng.randrange(len(corps))]
            works_in[m.pk].append(corp)
            links.append(through(organisation_id=corp.pk, municipality_id=m.pk))
    links += [
        through(organisation_id=o.pk, municipality_id=m.pk)
        for m, o in zip(munis, orgs, strict=True)
    ]
    through.objects.bulk_create(links)

    # Tenant organisations: about 1,000; most corporations have three or four.
    n_tenants = max(1, round(total * 1000 / 342))
    tenants = Organisation.objects.bulk_create(
        Organisation(
            name=f"Huurdersvereniging {municipality_name(i * 11 + 5)} {i + 1} {FICTIONAL}",
            slug=f"fictief-huurders-{i + 1}",
            kind=Organisation.Kind.TENANT_ORGANISATION,
            municipality=corps[i % n_corps].municipality,
            corporation=corps[i % n_corps],
        )
        for i in range(n_tenants)
    )
    counts.tenant_organisations = len(tenants)
    Organisation.corporations.through.objects.bulk_create(
        Organisation.corporations.through(
            from_organisation_id=t.pk, to_organisation_id=corps[i % n_corps].pk
        )
        for i, t in enumerate(tenants)
    )
    tenants_of: dict[int, list[Organisation]] = {}
    for i, t in enumerate(tenants):
        tenants_of.setdefault(corps[i % n_corps].pk, []).append(t)
    progress(f"{len(corps)} corporaties, {len(tenants)} huurdersorganisaties")

    # One signatory per municipality for the approvals (no password: cannot log in).
    User = get_user_model()
    signers = User.objects.bulk_create(
        User(
            username=f"fictief-{m.cbs_code.lower()}",
            first_name="Fictief",
            last_name=m.name,
            password="!",
        )
        for m in munis
    )
    signer = {m.pk: u for m, u in zip(munis, signers, strict=True)}
    # Two project leaders per municipality (each leads two of its themes every year).
    leaders = User.objects.bulk_create(
        User(
            username=f"fictief-{m.cbs_code.lower()}-pl{k + 1}",
            first_name=("Projectleider wonen", "Projectleider duurzaamheid")[k],
            last_name=m.name,
            password="!",
        )
        for m in munis
        for k in range(2)
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=own[munis[i // 2].pk], role=Role.PROJECT_LEADER)
        for i, u in enumerate(leaders)
    )
    counts.project_leaders = len(leaders)
    leader_of = {
        (munis[i // 2].pk, i % 2): u for i, u in enumerate(leaders)
    }  # (municipality, 0|1) -> user

    new_build, _ = Indicator.objects.get_or_create(
        name=INDICATOR_NAMES["new_build"], defaults={"unit": Indicator.Unit.COUNT}
    )
    efg_indicator, _ = Indicator.objects.get_or_create(
        name=EFG_INDICATOR, defaults={"unit": Indicator.Unit.COUNT}
    )

    # Cycles with parties.
    cycles = []
    for m in munis:
        for year in years:
            phase = _phase(year)
            cycles.append(
                Cycle(
                    municipality=m,
                    title=f"Prestatieafspraken {m.name} {year}",
                    description="Fictieve gegevens voor de landelijke demonstratie.",
                    start_year=year,
                    end_year=year,
                    phase=phase,
                    published=year <= THIS_YEAR + 1,
                )
            )
    cycles = Cycle.objects.bulk_create(cycles, batch_size=2000)
    counts.cycles = len(cycles)
    party_links = []
    parties: dict[int, list[Organisation]] = {}
    for c in cycles:
        ps = [own[c.municipality_id], *works_in[c.municipality_id]]
        for corp in works_in[c.municipality_id]:
            ps += tenants_of.get(corp.pk, [])[:1]
        parties[c.pk] = ps
        party_links += [Cycle.parties.through(cycle_id=c.pk, organisation_id=p.pk) for p in ps]
    Cycle.parties.through.objects.bulk_create(party_links, batch_size=5000)
    progress(f"{len(cycles)} cycli")

    themes = Theme.objects.bulk_create(
        (
            Theme(
                cycle=c,
                name=name,
                order=k + 1,
                lead_organisation=own[c.municipality_id],
                project_leader=leader_of[(c.municipality_id, k // 2)],
            )
            for c in cycles
            for k, name in enumerate(THEMES)
        ),
        batch_size=5000,
    )
    counts.themes = len(themes)
    by_cycle: dict[int, list[Theme]] = {}
    for t in themes:
        by_cycle.setdefault(t.cycle_id, []).append(t)

    agreements = []
    for c in cycles:
        ts = by_cycle[c.pk]
        agreements += [
            Agreement(
                theme=ts[0],
                number="1.1",
                title="Huurverhoging beperkt tot de inflatie",
                kind=Agreement.Kind.EFFORT,
                order=1,
            ),
            Agreement(
                theme=ts[1],
                number="2.1",
                title="Nieuwbouw van sociale huurwoningen",
                kind=Agreement.Kind.RESULT,
                lead_party=works_in[c.municipality_id][0],
                order=1,
            ),
            Agreement(
                theme=ts[2],
                number="3.1",
                title="Geen woningen met label E, F of G na 2028",
                kind=Agreement.Kind.RESULT,
                lead_party=works_in[c.municipality_id][0],
                order=1,
            ),
            Agreement(
                theme=ts[3],
                number="4.1",
                title="Zorggeschikte woningen bij nieuwbouw",
                kind=Agreement.Kind.EFFORT,
                order=1,
            ),
        ]
    agreements = Agreement.objects.bulk_create(agreements, batch_size=5000)
    counts.agreements = len(agreements)
    progress(f"{len(agreements)} afspraken")

    # Targets per corporation; figures for the years that have passed.
    stock_corp: dict[tuple[int, int], int] = {}
    targets = []
    target_meta = []
    for idx, c in enumerate(cycles):
        share = 1 / len(works_in[c.municipality_id])
        social_homes = int(homes[c.municipality_id] * 0.29 * share)
        for corp in works_in[c.municipality_id]:
            stock_corp[(c.municipality_id, corp.pk)] = social_homes
            nb = max(5, int(social_homes * rng.uniform(0.004, 0.012)))
            targets.append(
                Target(
                    agreement=agreements[idx * 4 + 1],
                    indicator=new_build,
                    party=corp,
                    year=c.start_year,
                    kind=Target.Kind.MIN,
                    value=Decimal(nb),
                )
            )
            target_meta.append(("new_build", c, nb))
            efg_max = max(0, int(social_homes * max(0.0, 0.18 - 0.025 * (c.start_year - 2016))))
            targets.append(
                Target(
                    agreement=agreements[idx * 4 + 2],
                    indicator=efg_indicator,
                    party=corp,
                    year=c.start_year,
                    kind=Target.Kind.MAX,
                    value=Decimal(efg_max),
                )
            )
            target_meta.append(("efg", c, efg_max))

    targets = Target.objects.bulk_create(targets, batch_size=5000)
    counts.targets = len(targets)
    recorded = timezone.make_aware(datetime.datetime(THIS_YEAR, 1, 15, 12, 0))
    measurements = []
    for t, (kind, c, norm) in zip(targets, target_meta, strict=True):
        if c.start_year >= THIS_YEAR:
            continue
        factor = rng.uniform(0.6, 1.25) if kind == "new_build" else rng.uniform(0.8, 1.3)
        measurements.append(
            Measurement(
                target=t,
                year=c.start_year,
                value=Decimal(max(0, round(norm * factor))),
                source=SOURCE,
                recorded_at=recorded,
            )
        )
    Measurement.objects.bulk_create(measurements, batch_size=5000)
    counts.measurements = len(measurements)
    progress(f"{len(targets)} normen, {len(measurements)} realisaties")

    # Bids (the corporations' bids of the year before), approvals of signed cycles, disputes.
    bids = [
        Bid(
            cycle=c,
            corporation=corp,
            year=c.start_year - 1,
            status=Bid.Status.SUBMITTED,
            submitted_at=recorded.replace(year=c.start_year - 1, month=6, day=15),
        )
        for c in cycles
        for corp in works_in[c.municipality_id]
    ]
    Bid.objects.bulk_create(bids, batch_size=5000)
    counts.bids = len(bids)
    approvals = []
    bodies = {
        Organisation.Kind.MUNICIPALITY: Approval.DecisionBody.COLLEGE_BW,
        Organisation.Kind.CORPORATION: Approval.DecisionBody.RAAD_VAN_BESTUUR,
        Organisation.Kind.TENANT_ORGANISATION: Approval.DecisionBody.BESTUUR_HUURDERSORGANISATIE,
    }
    disputes = []
    for c in cycles:
        if c.phase in SIGNED:
            approvals += [
                Approval(
                    cycle=c,
                    organisation=p,
                    decision_body=bodies[p.kind],
                    signatory=signer[c.municipality_id],
                    decided_on=datetime.date(c.start_year - 1, 12, 15),
                )
                for p in parties[c.pk]
            ]
        elif c.phase == Cycle.Phase.NEGOTIATION and rng.random() < 0.15:
            disputes.append(DisputePoint(cycle=c, subject="Omvang van de nieuwbouw", order=1))
    Approval.objects.bulk_create(approvals, batch_size=5000)
    DisputePoint.objects.bulk_create(disputes)
    counts.approvals = len(approvals)
    counts.dispute_points = len(disputes)
    progress(f"{len(bids)} biedingen, {len(approvals)} goedkeuringen")

    # Housing: corporation stock by label, other stock, and planned new build by segment.
    source_date = datetime.date(THIS_YEAR, 1, 1)
    stock_sets = Dataset.objects.bulk_create(
        Dataset(
            municipality=m, table="stock", source=SOURCE, source_date=source_date, fictional=True
        )
        for m in munis
    )
    letting_sets = Dataset.objects.bulk_create(
        Dataset(
            municipality=m, table="lettings", source=SOURCE, source_date=source_date, fictional=True
        )
        for m in munis
    )
    project_sets = Dataset.objects.bulk_create(
        Dataset(
            municipality=m, table="projects", source=SOURCE, source_date=source_date, fictional=True
        )
        for m in munis
    )
    stock_rows = []
    letting_rows = []
    project_rows = []
    stock_years = [y for y in years if y <= THIS_YEAR]
    for m, sset, lset, pset in zip(munis, stock_sets, letting_sets, project_sets, strict=True):
        for y in stock_years:
            for corp in works_in[m.pk]:
                n = stock_corp[(m.pk, corp.pk)]
                efg_share = max(0.0, 0.2 - 0.025 * (y - 2016)) * rng.uniform(0.8, 1.2)
                rest = 1 - efg_share
                shares = (
                    rest * 0.15,
                    rest * 0.25,
                    rest * 0.3,
                    rest * 0.3,
                    efg_share * 0.5,
                    efg_share * 0.3,
                    efg_share * 0.2,
                )
                for label, s in zip(LABELS, shares, strict=True):
                    stock_rows.append(
                        StockRow(
                            dataset=sset,
                            year=y,
                            count=int(n * s),
                            owner=corp.name,
                            ownership="corporation",
                            rent_class="affordable_low",
                            label=label,
                        )
                    )
            private = homes[m.pk] - sum(stock_corp[(m.pk, c.pk)] for c in works_in[m.pk])
            stock_rows.append(
                StockRow(dataset=sset, year=y, count=int(private * 0.3), ownership="other_landlord")
            )
            stock_rows.append(
                StockRow(dataset=sset, year=y, count=int(private * 0.7), ownership="owner_occupied")
            )
            # Lettings: about 7 % of a corporation's homes change tenant each year; one row per
            # route and household size (the count says how many lettings it stands for).
            for corp in works_in[m.pk]:
                lettings = stock_corp[(m.pk, corp.pk)] * 0.07 * rng.uniform(0.85, 1.15)
                for route, share in ROUTE_SHARES:
                    for size, income, rent in LETTING_HOUSEHOLDS:
                        letting_rows.append(
                            LettingRow(
                                dataset=lset,
                                year=y,
                                count=max(1, round(lettings * share / len(LETTING_HOUSEHOLDS))),
                                corporation=corp.name[:120],
                                route=route,
                                household_size=size,
                                income=Decimal(round(income * rng.uniform(0.8, 1.2), -2)),
                                rent=Decimal(round(rent * rng.uniform(0.9, 1.1))),
                                age=rng.choice((23, 31, 42, 55, 68, 79)),
                                pension_age=False,
                                caregiver=rng.random() < 0.04,
                            )
                        )
        for y in years:
            planned = int(homes[m.pk] * rng.uniform(0.006, 0.014))
            for segment, s in SEGMENT_SHARES:
                project_rows.append(
                    ProjectRow(
                        dataset=pset,
                        year=y,
                        count=max(0, round(planned * s * rng.uniform(0.7, 1.3))),
                        owner=m.name,
                        kind="new_build",
                        segment=segment,
                    )
                )

    StockRow.objects.bulk_create(stock_rows, batch_size=5000)
    LettingRow.objects.bulk_create(letting_rows, batch_size=5000)
    ProjectRow.objects.bulk_create(project_rows, batch_size=5000)
    # The number of rows of each data set, as an upload would record it.
    sizes: dict[int, int] = {}
    for row in (*stock_rows, *letting_rows, *project_rows):
        sizes[row.dataset_id] = sizes.get(row.dataset_id, 0) + 1
    for dataset in (*stock_sets, *letting_sets, *project_sets):
        dataset.rows_count = sizes.get(dataset.pk, 0)
    Dataset.objects.bulk_update(
        [*stock_sets, *letting_sets, *project_sets], ["rows_count"], batch_size=2000
    )
    counts.stock_rows = len(stock_rows)
    counts.letting_rows = len(letting_rows)
    counts.project_rows = len(project_rows)
    progress(
        f"{len(stock_rows)} voorraadregels, {len(letting_rows)} toewijzingsregels, "
        f"{len(project_rows)} projectregels"
    )
    return counts


def fingerprint() -> dict[str, Any]:
    """A summary of the generated data that two runs with one seed must share."""
    from django.db.models import Count, Sum

    fictional = Municipality.objects.filter(name__endswith=FICTIONAL)
    return {
        "municipalities": list(
            fictional.order_by("cbs_code").values_list(
                "cbs_code", "name", "province", "housing_region"
            )
        ),
        "corporations": list(
            Organisation.objects.filter(kind="corporation", name__endswith=FICTIONAL)
            .order_by("aw_number")
            .annotate(n=Count("municipalities"))
            .values_list("aw_number", "n")
        ),
        "targets": Target.objects.filter(
            agreement__theme__cycle__municipality__in=fictional
        ).aggregate(n=Count("id"), s=Sum("value")),
        "measurements": Measurement.objects.filter(
            target__agreement__theme__cycle__municipality__in=fictional
        ).aggregate(n=Count("id"), s=Sum("value")),
        "stock": StockRow.objects.filter(dataset__municipality__in=fictional).aggregate(
            n=Count("id"), s=Sum("count")
        ),
        "projects": ProjectRow.objects.filter(dataset__municipality__in=fictional).aggregate(
            n=Count("id"), s=Sum("count")
        ),
        "lettings": LettingRow.objects.filter(dataset__municipality__in=fictional).aggregate(
            n=Count("id"), s=Sum("count")
        ),
        "project_leaders": Theme.objects.filter(
            cycle__municipality__in=fictional, project_leader__isnull=False
        ).count(),
        "disputes": DisputePoint.objects.filter(cycle__municipality__in=fictional).count(),
    }
