"""Extramuralisatie: the seed's budget table, and the same two household types in 2026.

The seed (Maastricht, theme Wonen en Zorg) recorded a table "Vrij te besteden budget
ouderen voor en na extramuralisatie" at a rent of € 550 a month, for a single person on
AOW only and a single person on AOW plus a pension, in five situations. The headings of
the five situations and every input behind the amounts were lost; ``SEED_BUDGET_TABLE``
keeps the amounts as recorded, under the neutral headings "Situatie 1" to "Situatie 5".
Nothing behind them is reconstructed.

``extramuralisatie_2026`` works out the disposable budget of the same two household types
living independently at that rent, with the 2026 huurtoeslag, from stated inputs: the AOW
figures of January 2026 from RULES.md and explicit, labelled assumptions for everything
RULES.md does not give (pension, care contributions, other fixed costs). Its results are
not comparable with the seed's columns, whose situations are unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from woonafspraken.rules._common import TWELVE, Money, ToDict, euro, to_money
from woonafspraken.rules.errors import InvalidInput
from woonafspraken.rules.huurtoeslag import FIRST_REFORMED_YEAR
from woonafspraken.rules.params import parameters
from woonafspraken.rules.scenarios import Comparison, Household, Scenario, compare


@dataclass(frozen=True)
class SeedBudgetRow(ToDict):
    household: str
    #: Monthly disposable budget in whole euros, one per situation, as recorded.
    amounts: tuple[int, ...]


@dataclass(frozen=True)
class SeedBudgetTable(ToDict):
    title: str
    basis: str
    rent: Decimal
    columns: tuple[str, ...]
    rows: tuple[SeedBudgetRow, ...]
    note: str
    source: str


SEED_BUDGET_TABLE = SeedBudgetTable(
    title="Vrij te besteden budget ouderen voor en na extramuralisatie",
    basis="Op basis van huur € 550 per maand",
    rent=Decimal("550.00"),
    columns=("Situatie 1", "Situatie 2", "Situatie 3", "Situatie 4", "Situatie 5"),
    rows=(
        SeedBudgetRow("Alleenstaande AOW", (304, 114, 114, 74, -76)),
        SeedBudgetRow("Alleenstaand AOW + pensioen", (606, 760, 760, 720, 570)),
    ),
    note=(
        "De kolomkoppen (welke vijf situaties voor en na extramuralisatie) zijn in de bron "
        "verloren gegaan; 'Situatie 1' tot en met 'Situatie 5' zijn neutrale namen. De "
        "invoer achter de bedragen (inkomen, pensioen, zorgkosten, jaar) is onbekend en is "
        "niet aangevuld."
    ),
    source=(
        "Gemeente Maastricht, presentatie over de prestatieafspraken, thema Wonen en "
        "Zorg, Bestuursopdrachten 2016: 'Extramuralisatie resulteert in hogere kosten'."
    ),
)

#: Chosen assumptions (no source): change them to real amounts for a real household.
ASSUMED_PENSION_GROSS_MONTH = Decimal("500.00")
ASSUMED_PENSION_NET_MONTH = Decimal("400.00")
ASSUMED_CARE_CONTRIBUTIONS_MONTH = Decimal("25.00")
ASSUMED_OTHER_FIXED_COSTS_MONTH = Decimal("0.00")

AOW_ONLY = "Alleenstaande, alleen AOW"
AOW_AND_PENSION = "Alleenstaande, AOW + pensioen"


@dataclass(frozen=True)
class Input(ToDict):
    """One input of the worked example: a sourced figure or a chosen assumption."""

    code: str
    label: str
    value: Decimal
    unit: str
    #: True for a chosen assumption, False for a figure with a source.
    assumption: bool
    basis: str


@dataclass(frozen=True)
class ExtramuralisatieExample(ToDict):
    year: int
    comparison: Comparison
    inputs: tuple[Input, ...]
    seed_table: SeedBudgetTable
    note: str


def extramuralisatie_2026(
    pension_gross_month: Money = ASSUMED_PENSION_GROSS_MONTH,
    pension_net_month: Money = ASSUMED_PENSION_NET_MONTH,
    care_contributions_month: Money = ASSUMED_CARE_CONTRIBUTIONS_MONTH,
    other_fixed_costs_month: Money = ASSUMED_OTHER_FIXED_COSTS_MONTH,
    rent: Money = SEED_BUDGET_TABLE.rent,
) -> ExtramuralisatieExample:
    """Budgets of a single person on AOW only and on AOW + pension, 2026, living on their own.

    Toetsingsinkomen (for the huurtoeslag) = 12 × (gross AOW + gross pension) per month;
    holiday allowance is left out because RULES.md gives no figure for it. Net income =
    net AOW (January 2026) + net pension. No assets, no service costs.
    """
    year = FIRST_REFORMED_YEAR
    pension_gross = to_money("pension_gross_month", "het bruto pensioen", pension_gross_month)
    pension_net = to_money("pension_net_month", "het netto pensioen", pension_net_month)
    care = to_money("care_contributions_month", "de eigen bijdrage zorg", care_contributions_month)
    other = to_money("other_fixed_costs_month", "de overige vaste lasten", other_fixed_costs_month)
    rent_ = to_money("rent", "de huur", rent)
    if pension_net > pension_gross:
        raise InvalidInput(
            "pension_net_month", "Het netto pensioen kan niet hoger zijn dan het bruto pensioen."
        )
    p = parameters(year)
    aow_gross = p.aow_single_gross_january
    aow_net = p.aow_single_net_january
    income_aow = TWELVE * aow_gross
    income_both = TWELVE * (aow_gross + pension_gross)

    def scenario(label: str, net: Decimal, income: Decimal, note: str) -> Scenario:
        return Scenario(
            label=label,
            net_income_month=net,
            rent=rent_,
            care_contributions=care,
            other_fixed_costs=other,
            household=Household(household_size=1, income=income, year=year),
            note=note,
        )

    comparison = compare(
        [
            scenario(
                AOW_ONLY,
                aow_net,
                income_aow,
                f"Netto AOW {euro(aow_net)}; toetsingsinkomen 12 × {euro(aow_gross)}.",
            ),
            scenario(
                AOW_AND_PENSION,
                aow_net + pension_net,
                income_both,
                f"Netto AOW {euro(aow_net)} + netto pensioen {euro(pension_net)}; "
                f"toetsingsinkomen 12 × ({euro(aow_gross)} + {euro(pension_gross)}).",
            ),
        ]
    )
    aow_source = "SVB, AOW-bedragen januari 2026 (overgenomen van de SVB-website)"
    chosen = "aanname: gekozen voor dit voorbeeld, geen bron"
    inputs = (
        Input(
            "rent", "Kale huur", rent_, "euro per maand", False, "huur uit de tabel van de gemeente"
        ),
        Input("aow_net", "AOW alleenstaande, netto", aow_net, "euro per maand", False, aow_source),
        Input(
            "aow_gross", "AOW alleenstaande, bruto", aow_gross, "euro per maand", False, aow_source
        ),
        Input("pension_gross", "Pensioen, bruto", pension_gross, "euro per maand", True, chosen),
        Input("pension_net", "Pensioen, netto", pension_net, "euro per maand", True, chosen),
        Input(
            "care_contributions",
            "Eigen bijdrage zorg",
            care,
            "euro per maand",
            True,
            chosen,
        ),
        Input("other_fixed_costs", "Overige vaste lasten", other, "euro per maand", True, chosen),
        Input(
            "toetsingsinkomen_rule",
            "Toetsingsinkomen = 12 × bruto maandinkomen, zonder vakantietoeslag",
            TWELVE,
            "maanden",
            True,
            "aanname: zonder vakantietoeslag, want daarvoor is geen bedrag met bron",
        ),
        Input("assets", "Vermogen", Decimal("0.00"), "euro", True, chosen),
    )
    note = (
        "Zelfstandig wonen in 2026 met huurtoeslag volgens de regels van 2026. De bedragen zijn "
        "niet te vergelijken met de kolommen van de tabel van de gemeente: welke situaties daar "
        "bedoeld zijn en met welke invoer is onbekend."
    )
    return ExtramuralisatieExample(
        year=year,
        comparison=comparison,
        inputs=inputs,
        seed_table=SEED_BUDGET_TABLE,
        note=note,
    )
