"""Huurtoeslag (rent benefit) under the reformed rules from 1 January 2026.

The calculation follows domain/RULES.md, "Huurtoeslag from 1 January 2026":

- rekenhuur = kale huur, capped at the maximum rent (932.93), or at the youth cap (498.20)
  when every occupant is 18, 19 or 20 years old;
- basishuur = a fixed amount: 202.52 for one person, 200.71 for two or more;
- A = 100% × (min(rekenhuur, kwaliteitskortingsgrens) − basishuur), not below 0;
- B = 65% × (min(rekenhuur, aftoppingsgrens) − kwaliteitskortingsgrens), not below 0;
- C = 40% × (min(rekenhuur, maximum rent) − aftoppingsgrens), not below 0,
  with the aftoppingsgrens of the household size (713.02 for 1–2 persons, 764.14 for 3+);
- afbouw (phase-out) = (income − ijkpunt) × percentage / 12 where the income exceeds the
  ijkpunt (23,425 and 27% for one person; 31,500 and 22% for two or more persons); the
  income of children under 23 counts only above 6,218;
- amount = A + B + C − afbouw, rounded down to whole euros a month, never negative;
- no huurtoeslag when the assets exceed the asset limit (38,479 per person, twice that with
  a partner). Assets exactly on the limit are allowed.

**Order of rounding.** Inputs are amounts in whole cents. A, B, C, their sum and the yearly
phase-out are exact Decimals (no intermediate rounding). The monthly amount is
``floor((12 × (A + B + C) − yearly phase-out) / 12)`` computed exactly, then 0 if negative:
only the final monthly amount is rounded (down, to whole euros). The ``phase_out`` field
shows the monthly phase-out rounded half up to cents, for reading only.

**Eligible** means: the household receives a positive amount (at least € 1 a month). The
``reason`` says why not otherwise: assets above the limit, rent not above the basishuur,
income phase-out, or an amount below € 1. The other legal conditions (age 18+, registered
address, legal residence) are not inputs and are assumed to be met.

**"One person"** means ``household_size == 1``; it selects the single basishuur and the
single ijkpunt and percentage. ``partner=True`` needs a household of at least 2 persons.

**Children's income** is the summed income of the children under 23 living at home; only
the part above 6,218 is added to the household's income. (The law applies the exemption per
child; pass the sum of each child's excess if several children earn more than that.)

Only 2026 is computable: before 2026 the basishuur depended on income through a formula
whose parameters have no source (RULES.md), so earlier years raise ``UnknownParameter``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from woonafspraken.rules._common import (
    CENT,
    HUNDRED,
    TWELVE,
    ZERO,
    Money,
    ToDict,
    euro,
    percent,
    to_flag,
    to_household_size,
    to_money,
)
from woonafspraken.rules.errors import InvalidInput, UnknownParameter
from woonafspraken.rules.params import Parameters, check_year, parameters

#: First year of the reformed rules (fixed basishuur, parts A/B/C, income phase-out).
FIRST_REFORMED_YEAR = 2026


#: Fields of ``HuurtoeslagRules`` that are percentages; all others are amounts in euro.
PERCENT_FIELDS = frozenset(
    {"rate_a", "rate_b", "rate_c", "phase_out_pct_single", "phase_out_pct_multi"}
)


@dataclass(frozen=True)
class HuurtoeslagRules:
    """The figures of one year that the huurtoeslag calculation uses."""

    year: int
    max_rent: Decimal
    youth_rent_cap: Decimal
    kwaliteitskortingsgrens: Decimal
    aftoppingsgrens_low: Decimal
    aftoppingsgrens_high: Decimal
    basishuur_single: Decimal
    basishuur_multi: Decimal
    rate_a: Decimal  # percent
    rate_b: Decimal
    rate_c: Decimal
    ijkpunt_single: Decimal
    ijkpunt_multi: Decimal
    phase_out_pct_single: Decimal  # percent
    phase_out_pct_multi: Decimal
    children_income_exemption: Decimal
    asset_limit: Decimal  # per person


def huurtoeslag_rules(year: int) -> HuurtoeslagRules:
    """The huurtoeslag figures of ``year``; refuses years before the 2026 reform."""
    year = check_year(year)
    params = parameters(year)
    if year < FIRST_REFORMED_YEAR:
        raise UnknownParameter(
            "huurtoeslag_basishuur_formula",
            "basishuurformule huurtoeslag (normhuur a·Y² + b·Y, minimumbasishuur, "
            "taakstellingsbedrag)",
            year,
            f"Vóór 2026 hing de basishuur af van het inkomen; de parameters daarvan voor {year} "
            "zijn niet met een bron bekend. De huurtoeslag is alleen te berekenen voor 2026 "
            "(de hervormde regels).",
        )
    return _rules_from(params)


def _rules_from(p: Parameters) -> HuurtoeslagRules:
    return HuurtoeslagRules(
        year=p.year,
        max_rent=p.huurtoeslag_max_rent,
        youth_rent_cap=p.huurtoeslag_youth_rent_cap,
        kwaliteitskortingsgrens=p.kwaliteitskortingsgrens,
        aftoppingsgrens_low=p.aftoppingsgrens_low,
        aftoppingsgrens_high=p.aftoppingsgrens_high,
        basishuur_single=p.huurtoeslag_basishuur_single,
        basishuur_multi=p.huurtoeslag_basishuur_multi,
        rate_a=p.huurtoeslag_rate_a,
        rate_b=p.huurtoeslag_rate_b,
        rate_c=p.huurtoeslag_rate_c,
        ijkpunt_single=p.huurtoeslag_ijkpunt_single,
        ijkpunt_multi=p.huurtoeslag_ijkpunt_multi,
        phase_out_pct_single=p.huurtoeslag_phase_out_pct_single,
        phase_out_pct_multi=p.huurtoeslag_phase_out_pct_multi,
        children_income_exemption=p.huurtoeslag_children_income_exemption,
        asset_limit=p.huurtoeslag_asset_limit,
    )


@dataclass(frozen=True)
class HuurtoeslagResult(ToDict):
    """The huurtoeslag of one household, itemised. Amounts in euro; ``amount`` a month."""

    year: int
    household_size: int
    rent: Decimal
    income: Decimal
    #: The income used for the phase-out: income plus children's income above the exemption.
    income_considered: Decimal
    amount: int
    eligible: bool
    reason: str
    rekenhuur: Decimal
    basishuur: Decimal
    kwaliteitskortingsgrens: Decimal
    aftoppingsgrens: Decimal
    max_rent: Decimal
    part_a: Decimal
    part_b: Decimal
    part_c: Decimal
    #: A + B + C, exact, before the phase-out.
    amount_before_phase_out: Decimal
    ijkpunt: Decimal
    phase_out_pct: Decimal
    #: Monthly phase-out, rounded to cents for reading (the amount uses the exact value).
    phase_out: Decimal
    assets: Decimal
    asset_limit: Decimal
    assets_above_limit: bool
    explanation: tuple[str, ...]


def huurtoeslag(
    year: int,
    household_size: int,
    rent: Money,
    income: Money,
    assets: Money = 0,
    partner: bool = False,
    all_occupants_18_to_20: bool = False,
    children_income: Money = 0,
) -> HuurtoeslagResult:
    """Huurtoeslag per month for a household (see the module docstring for the rules).

    ``rent`` is the monthly kale huur, ``income`` the yearly toetsingsinkomen of the
    household (without the children), ``assets`` the household's assets, ``children_income``
    the yearly income of the children under 23. Raises ``InvalidInput`` for bad input and
    ``UnknownParameter`` for a year whose rules are not known (only 2026 is).
    """
    size = to_household_size(household_size)
    rent_ = to_money("rent", "de huur", rent)
    income_ = to_money("income", "het inkomen", income)
    assets_ = to_money("assets", "het vermogen", assets)
    children_ = to_money("children_income", "het inkomen van de kinderen", children_income)
    partner_ = to_flag("partner", "partner", partner)
    youth = to_flag(
        "all_occupants_18_to_20", "alle bewoners 18 tot en met 20 jaar", all_occupants_18_to_20
    )
    if partner_ and size < 2:
        raise InvalidInput(
            "partner",
            "Een huishouden met een partner bestaat uit minstens 2 personen; "
            "pas de huishoudgrootte aan.",
        )
    r = huurtoeslag_rules(year)
    single = size == 1

    cap = r.youth_rent_cap if youth else r.max_rent
    rekenhuur = min(rent_, cap)
    basishuur = r.basishuur_single if single else r.basishuur_multi
    kkg = r.kwaliteitskortingsgrens
    aftopping = r.aftoppingsgrens_low if size <= 2 else r.aftoppingsgrens_high
    part_a = r.rate_a / HUNDRED * max(ZERO, min(rekenhuur, kkg) - basishuur)
    part_b = r.rate_b / HUNDRED * max(ZERO, min(rekenhuur, aftopping) - kkg)
    part_c = r.rate_c / HUNDRED * max(ZERO, min(rekenhuur, r.max_rent) - aftopping)
    before = part_a + part_b + part_c

    children_counted = max(ZERO, children_ - r.children_income_exemption)
    income_considered = income_ + children_counted
    ijkpunt = r.ijkpunt_single if single else r.ijkpunt_multi
    pct = r.phase_out_pct_single if single else r.phase_out_pct_multi
    phase_out_year = max(ZERO, income_considered - ijkpunt) * pct / HUNDRED

    asset_limit = r.asset_limit * (2 if partner_ else 1)
    assets_above = assets_ > asset_limit
    monthly_twelfths = TWELVE * before - phase_out_year
    exact_amount = max(ZERO, monthly_twelfths) // TWELVE  # floor: both operands >= 0
    amount = 0 if assets_above else int(exact_amount)
    eligible = amount > 0

    if assets_above:
        reason = (
            f"Geen huurtoeslag: het vermogen ({euro(assets_)}) is hoger dan de vermogensgrens "
            f"({euro(asset_limit)}{' voor een huishouden met partner' if partner_ else ''})."
        )
    elif before == 0:
        reason = (
            f"Geen huurtoeslag: de rekenhuur ({euro(rekenhuur)}) is niet hoger dan de "
            f"basishuur ({euro(basishuur)})."
        )
    elif monthly_twelfths <= 0:
        reason = (
            "Geen huurtoeslag: door het inkomen is de afbouw even groot als of groter dan de "
            "huurtoeslag zonder afbouw."
        )
    elif amount == 0:
        reason = "Geen huurtoeslag: het bedrag is minder dan € 1 per maand."
    else:
        reason = f"Recht op huurtoeslag: {euro(amount, cents=False)} per maand."

    phase_out_month = (phase_out_year / TWELVE).quantize(CENT, rounding=ROUND_HALF_UP)
    explanation = _explain(
        size=size,
        rent=rent_,
        cap=cap,
        youth=youth,
        rekenhuur=rekenhuur,
        basishuur=basishuur,
        kkg=kkg,
        aftopping=aftopping,
        max_rent=r.max_rent,
        rules=r,
        parts=(part_a, part_b, part_c),
        before=before,
        income=income_,
        children=children_,
        income_considered=income_considered,
        ijkpunt=ijkpunt,
        pct=pct,
        phase_out_month=phase_out_month,
        assets=assets_,
        asset_limit=asset_limit,
        partner=partner_,
        assets_above=assets_above,
        amount=amount,
    )
    return HuurtoeslagResult(
        year=r.year,
        household_size=size,
        rent=rent_,
        income=income_,
        income_considered=income_considered,
        amount=amount,
        eligible=eligible,
        reason=reason,
        rekenhuur=rekenhuur,
        basishuur=basishuur,
        kwaliteitskortingsgrens=kkg,
        aftoppingsgrens=aftopping,
        max_rent=r.max_rent,
        part_a=part_a,
        part_b=part_b,
        part_c=part_c,
        amount_before_phase_out=before,
        ijkpunt=ijkpunt,
        phase_out_pct=pct,
        phase_out=phase_out_month,
        assets=assets_,
        asset_limit=asset_limit,
        assets_above_limit=assets_above,
        explanation=explanation,
    )


def _explain(
    *,
    size: int,
    rent: Decimal,
    cap: Decimal,
    youth: bool,
    rekenhuur: Decimal,
    basishuur: Decimal,
    kkg: Decimal,
    aftopping: Decimal,
    max_rent: Decimal,
    rules: HuurtoeslagRules,
    parts: tuple[Decimal, Decimal, Decimal],
    before: Decimal,
    income: Decimal,
    children: Decimal,
    income_considered: Decimal,
    ijkpunt: Decimal,
    pct: Decimal,
    phase_out_month: Decimal,
    assets: Decimal,
    asset_limit: Decimal,
    partner: bool,
    assets_above: bool,
    amount: int,
) -> tuple[str, ...]:
    persons = "1 persoon" if size == 1 else f"{size} personen"
    part_a, part_b, part_c = parts
    lines = []
    if rent > cap:
        why = (
            "de grens als alle bewoners 18 tot en met 20 jaar zijn"
            if youth
            else "de maximale huurgrens"
        )
        lines.append(
            f"Rekenhuur: de huur {euro(rent)} is hoger dan {why} ({euro(cap)}), "
            f"dus er wordt gerekend met {euro(rekenhuur)}."
        )
    else:
        lines.append(f"Rekenhuur: de kale huur, {euro(rekenhuur)}.")
    lines.append(f"Basishuur voor een huishouden van {persons}: {euro(basishuur)}.")
    lines.append(
        f"Deel A: {percent(rules.rate_a)} van het deel van de rekenhuur tussen de basishuur "
        f"({euro(basishuur)}) en de kwaliteitskortingsgrens ({euro(kkg)}): {euro(part_a)}."
    )
    lines.append(
        f"Deel B: {percent(rules.rate_b)} van het deel tussen de kwaliteitskortingsgrens "
        f"({euro(kkg)}) en de aftoppingsgrens voor {persons} ({euro(aftopping)}): "
        f"{euro(part_b)}."
    )
    lines.append(
        f"Deel C: {percent(rules.rate_c)} van het deel tussen de aftoppingsgrens "
        f"({euro(aftopping)}) en de maximale huurgrens ({euro(max_rent)}): {euro(part_c)}."
    )
    lines.append(f"Samen, vóór de afbouw naar inkomen: {euro(before)} per maand.")
    if children > rules.children_income_exemption:
        lines.append(
            f"Inkomen van de kinderen: {euro(children)}; het deel boven de vrijstelling van "
            f"{euro(rules.children_income_exemption)} telt mee. Inkomen voor de afbouw: "
            f"{euro(income)} + {euro(children - rules.children_income_exemption)} = "
            f"{euro(income_considered)} per jaar."
        )
    elif children > 0:
        lines.append(
            f"Inkomen van de kinderen ({euro(children)}) valt binnen de vrijstelling van "
            f"{euro(rules.children_income_exemption)} en telt niet mee."
        )
    if income_considered > ijkpunt:
        lines.append(
            f"Afbouw: het inkomen {euro(income_considered)} ligt boven het ijkpunt "
            f"{euro(ijkpunt)}; ({euro(income_considered)} − {euro(ijkpunt)}) × {percent(pct)} "
            f"/ 12 = {euro(phase_out_month)} per maand."
        )
    else:
        lines.append(
            f"Afbouw: geen, het inkomen {euro(income_considered)} ligt niet boven het "
            f"ijkpunt {euro(ijkpunt)}."
        )
    partner_text = " (met partner het dubbele)" if partner else ""
    if assets_above:
        lines.append(
            f"Vermogen {euro(assets)} is hoger dan de vermogensgrens {euro(asset_limit)}"
            f"{partner_text}: geen huurtoeslag."
        )
    else:
        lines.append(
            f"Vermogen {euro(assets)} is niet hoger dan de vermogensgrens "
            f"{euro(asset_limit)}{partner_text}."
        )
    lines.append(
        "Alle stappen worden exact gerekend (bedragen hierboven zijn afgerond op centen); "
        f"alleen het eindbedrag wordt naar beneden afgerond op hele euro's: "
        f"{euro(amount, cents=False)} "
        "per maand."
    )
    return tuple(lines)
