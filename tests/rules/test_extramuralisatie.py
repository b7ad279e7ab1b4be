"""The seed's extramuralisation table and the same two households worked out for 2026."""

import json
from decimal import Decimal as D

import pytest

from woonafspraken.rules import SEED_BUDGET_TABLE, InvalidInput, extramuralisatie_2026


def test_the_seed_table_is_kept_as_recorded():
    # seed: "Alleenstaande AOW € 304 € 114 € 114 € 74 € -76";
    #       "Alleenstaand AOW + pensioen € 606 € 760 € 760 € 720 € 570"; rent € 550
    assert SEED_BUDGET_TABLE.title == "Vrij te besteden budget ouderen voor en na extramuralisatie"
    assert SEED_BUDGET_TABLE.rent == D("550")
    assert [(row.household, row.amounts) for row in SEED_BUDGET_TABLE.rows] == [
        ("Alleenstaande AOW", (304, 114, 114, 74, -76)),
        ("Alleenstaand AOW + pensioen", (606, 760, 760, 720, 570)),
    ]


def test_the_seed_tables_lost_headings_are_neutral_and_say_so():
    assert SEED_BUDGET_TABLE.columns == tuple(f"Situatie {n}" for n in range(1, 6))
    assert "verloren gegaan" in SEED_BUDGET_TABLE.note
    assert "niet aangevuld" in SEED_BUDGET_TABLE.note


def test_the_two_households_are_worked_out_for_2026_from_stated_inputs():
    # Stated: AOW single Jan 2026 net 1,558.15 and gross 1,637.57 (RULES.md), rent 550.00;
    # assumed: pension gross 500.00 / net 400.00, care contributions 25.00, other costs 0.
    #
    # AOW only: toetsingsinkomen 12 × 1,637.57 = 19,650.84 (≤ 23,425: no phase-out)
    #   A = 498.20 − 202.52 = 295.68; B = 0.65 × (550.00 − 498.20) = 0.65 × 51.80 = 33.67
    #   → 329.35 → 329;  budget 1,558.15 − 550.00 + 329 − 25.00 = 1,312.15
    # AOW + pension: toetsingsinkomen 12 × (1,637.57 + 500.00) = 25,650.84
    #   phase-out (25,650.84 − 23,425) × 0.27 / 12 = 2,225.84 × 0.27 / 12 = 600.9768 / 12
    #           = 50.0814;  329.35 − 50.0814 = 279.2686 → 279
    #   budget (1,558.15 + 400.00) − 550.00 + 279 − 25.00 = 1,662.15
    example = extramuralisatie_2026()
    comparison = example.comparison
    assert comparison.columns == ("Alleenstaande, alleen AOW", "Alleenstaande, AOW + pensioen")
    assert comparison.row("net_income").amounts == (D("1558.15"), D("1958.15"))
    assert comparison.row("huurtoeslag").amounts == (D("329"), D("279"))
    assert comparison.row("disposable").amounts == (D("1312.15"), D("1662.15"))


def test_every_input_says_whether_it_is_sourced_or_an_assumption():
    inputs = {item.code: item for item in extramuralisatie_2026().inputs}
    assert inputs["aow_net"].value == D("1558.15")
    assert inputs["aow_net"].assumption is False
    assert inputs["aow_net"].basis.startswith("SVB")
    for code in ("pension_gross", "pension_net", "care_contributions", "other_fixed_costs"):
        assert inputs[code].assumption is True, code
        assert inputs[code].basis.startswith("aanname"), code
    assert inputs["toetsingsinkomen_rule"].assumption is True
    assert "vakantietoeslag" in inputs["toetsingsinkomen_rule"].label


def test_other_assumptions_can_be_stated():
    # pension gross 1,000.00 / net 780.00, care 25.00:
    # toetsingsinkomen 12 × (1,637.57 + 1,000.00) = 31,650.84
    # phase-out (31,650.84 − 23,425) × 0.27 / 12 = 8,225.84 × 0.27 / 12 = 2,220.9768 / 12
    #         = 185.0814;  329.35 − 185.0814 = 144.2686 → 144
    # budget (1,558.15 + 780.00) − 550.00 + 144 − 25.00 = 1,907.15
    example = extramuralisatie_2026(pension_gross_month=1000, pension_net_month=780)
    assert example.comparison.row("huurtoeslag").amounts[1] == D("144")
    assert example.comparison.row("disposable").amounts[1] == D("1907.15")


def test_a_net_pension_above_the_gross_pension_is_refused():
    with pytest.raises(InvalidInput, match="netto pensioen"):
        extramuralisatie_2026(pension_gross_month=100, pension_net_month=200)


def test_the_example_converts_to_json_with_its_caveat():
    data = extramuralisatie_2026().to_dict()
    json.dumps(data)
    assert "niet te vergelijken" in data["note"]
    assert data["seed_table"]["rows"][0]["amounts"] == [304, 114, 114, 74, -76]
