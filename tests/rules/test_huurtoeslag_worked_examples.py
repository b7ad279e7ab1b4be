"""Worked examples of the huurtoeslag 2026, each calculated by hand in its comment.

Figures 2026 (RULES.md): kwaliteitskortingsgrens 498.20; aftoppingsgrens 713.02 (1–2
persons) / 764.14 (3+); maximum rent 932.93; youth cap 498.20; basishuur 202.52 (1 person) /
200.71 (2+); A 100%, B 65%, C 40%; ijkpunt 23,425 at 27% (1 person) / 31,500 at 22% (2+);
children's income exempt up to 6,218; asset limit 38,479 per person (partners ×2).
"""

import json
from decimal import Decimal as D

from woonafspraken.rules import huurtoeslag


def ht(household_size, rent, income, **kwargs):
    return huurtoeslag(2026, household_size, D(rent), D(income), **kwargs)


def test_a_rent_below_the_basishuur_gives_nothing():
    # 1 person, rent 180.00: rekenhuur 180.00
    # A = 100% × max(0, min(180.00, 498.20) − 202.52) = max(0, −22.52) = 0
    # B = 65% × max(0, min(180.00, 713.02) − 498.20) = 0
    # C = 40% × max(0, min(180.00, 932.93) − 713.02) = 0
    # total 0 → amount 0, not eligible
    result = ht(1, "180.00", "15000")
    assert (result.part_a, result.part_b, result.part_c) == (0, 0, 0)
    assert result.amount == 0
    assert result.eligible is False
    assert "basishuur" in result.reason


def test_part_a_alone_is_rounded_down_to_whole_euros():
    # 1 person, rent 400.51, income 20,000 (≤ ijkpunt 23,425: no phase-out)
    # A = 400.51 − 202.52 = 197.99;  B = 0 (400.51 < 498.20);  C = 0
    # 197.99 rounded DOWN → 197 (not 198)
    result = ht(1, "400.51", "20000")
    assert result.part_a == D("197.99")
    assert result.part_b == 0
    assert result.part_c == 0
    assert result.amount == 197
    assert result.eligible is True


def test_parts_a_and_b_for_one_person():
    # 1 person, rent 600.00, income 20,000
    # A = 498.20 − 202.52 = 295.68
    # B = 65% × (600.00 − 498.20) = 0.65 × 101.80 = 66.17
    # C = 0 (600.00 < 713.02)
    # total 295.68 + 66.17 = 361.85 → 361
    result = ht(1, "600.00", "20000")
    assert result.basishuur == D("202.52")
    assert result.part_a == D("295.68")
    assert result.part_b == D("66.17")
    assert result.part_c == 0
    assert result.amount_before_phase_out == D("361.85")
    assert result.amount == 361


def test_all_three_parts_for_two_persons():
    # 2 persons, rent 800.00, income 25,000 (≤ ijkpunt 31,500)
    # A = 498.20 − 200.71 = 297.49
    # B = 65% × (713.02 − 498.20) = 0.65 × 214.82 = 139.633
    # C = 40% × (800.00 − 713.02) = 0.40 × 86.98 = 34.792
    # total 297.49 + 139.633 + 34.792 = 471.915 → 471
    result = ht(2, "800.00", "25000")
    assert result.basishuur == D("200.71")
    assert result.aftoppingsgrens == D("713.02")
    assert result.part_a == D("297.49")
    assert result.part_b == D("139.633")
    assert result.part_c == D("34.792")
    assert result.amount == 471


def test_a_rent_above_the_maximum_rent_is_capped_not_excluded():
    # 1 person, rent 1,100.00, income 18,000: rekenhuur = min(1,100.00, 932.93) = 932.93
    # A = 295.68;  B = 0.65 × (713.02 − 498.20) = 139.633
    # C = 0.40 × (932.93 − 713.02) = 0.40 × 219.91 = 87.964
    # total 295.68 + 139.633 + 87.964 = 523.277 → 523
    result = ht(1, "1100.00", "18000")
    assert result.rekenhuur == D("932.93")
    assert result.part_c == D("87.964")
    assert result.amount == 523
    assert result.eligible is True


def test_three_persons_use_the_high_aftoppingsgrens():
    # 3 persons, rent 800.00, income 30,000 (≤ 31,500)
    # A = 498.20 − 200.71 = 297.49
    # B = 0.65 × (764.14 − 498.20) = 0.65 × 265.94 = 172.861
    # C = 0.40 × (800.00 − 764.14) = 0.40 × 35.86 = 14.344
    # total 297.49 + 172.861 + 14.344 = 484.695 → 484
    result = ht(3, "800.00", "30000")
    assert result.aftoppingsgrens == D("764.14")
    assert result.part_b == D("172.861")
    assert result.part_c == D("14.344")
    assert result.amount == 484


def test_five_persons_above_the_maximum_rent():
    # 5 persons, rent 950.00, income 20,000: rekenhuur 932.93
    # A = 297.49;  B = 172.861;  C = 0.40 × (932.93 − 764.14) = 0.40 × 168.79 = 67.516
    # total 297.49 + 172.861 + 67.516 = 537.867 → 537
    result = ht(5, "950.00", "20000")
    assert result.part_c == D("67.516")
    assert result.amount == 537


def test_the_youth_cap_limits_the_rekenhuur_when_all_occupants_are_18_to_20():
    # 1 person aged 18–20, rent 600.00, income 10,000
    # rekenhuur = min(600.00, 498.20) = 498.20
    # A = 498.20 − 202.52 = 295.68;  B = 0.65 × (498.20 − 498.20) = 0;  C = 0
    # → 295 (the same household without the youth cap gets 361, see above)
    result = ht(1, "600.00", "10000", all_occupants_18_to_20=True)
    assert result.rekenhuur == D("498.20")
    assert result.part_b == 0
    assert result.amount == 295


def test_the_youth_cap_does_not_matter_below_it():
    # 2 persons aged 18–20, rent 450.00, income 12,000: rekenhuur 450.00 (< 498.20)
    # A = 450.00 − 200.71 = 249.29 → 249
    result = ht(2, "450.00", "12000", all_occupants_18_to_20=True)
    assert result.rekenhuur == D("450.00")
    assert result.amount == 249


def test_an_income_above_the_ijkpunt_phases_out_part_of_it_for_one_person():
    # 1 person, rent 600.00 → A + B = 361.85 (see above); income 30,000
    # phase-out = (30,000 − 23,425) × 27% / 12 = 6,575 × 0.27 / 12 = 1,775.25 / 12 = 147.9375
    # 361.85 − 147.9375 = 213.9125 → 213
    result = ht(1, "600.00", "30000")
    assert result.phase_out == D("147.94")  # shown rounded to cents
    assert result.amount == 213
    assert result.eligible is True


def test_an_income_above_the_ijkpunt_phases_out_part_of_it_for_two_persons():
    # 2 persons, rent 800.00 → A + B + C = 471.915 (see above); income 40,000
    # phase-out = (40,000 − 31,500) × 22% / 12 = 8,500 × 0.22 / 12 = 1,870 / 12 = 155.8333…
    # 471.915 − 155.8333… = 316.0816… → 316
    result = ht(2, "800.00", "40000")
    assert result.ijkpunt == D("31500")
    assert result.phase_out_pct == D("22")
    assert result.phase_out == D("155.83")
    assert result.amount == 316


def test_a_high_income_phases_it_out_completely():
    # 1 person, rent 600.00 → 361.85; income 45,000
    # phase-out = (45,000 − 23,425) × 0.27 / 12 = 21,575 × 0.27 / 12 = 5,825.25 / 12 = 485.4375
    # 361.85 − 485.4375 < 0 → 0, never negative
    result = ht(1, "600.00", "45000")
    assert result.amount == 0
    assert result.eligible is False
    assert "afbouw" in result.reason


def test_less_than_one_euro_after_the_phase_out_is_nothing():
    # 1 person, rent 600.00 → 361.85; income 39,500
    # phase-out = (39,500 − 23,425) × 0.27 / 12 = 16,075 × 0.27 / 12 = 4,340.25 / 12 = 361.6875
    # 361.85 − 361.6875 = 0.1625 → rounded down 0
    result = ht(1, "600.00", "39500")
    assert result.amount == 0
    assert result.eligible is False
    assert "minder dan € 1" in result.reason


def test_an_income_exactly_on_the_ijkpunt_is_not_phased_out():
    # 1 person, rent 600.00 → 361.85; income 23,425: (23,425 − 23,425)⁺ = 0 → 361
    assert ht(1, "600.00", "23425").phase_out == 0
    assert ht(1, "600.00", "23425").amount == 361
    # one cent above: 0.01 × 0.27 / 12 = 0.000225; 361.85 − 0.000225 = 361.849775 → 361
    assert ht(1, "600.00", "23425.01").amount == 361


def test_only_the_final_monthly_amount_is_rounded():
    # 2 persons, rent 503.60, income 31,990.91
    # A = 498.20 − 200.71 = 297.49;  B = 0.65 × (503.60 − 498.20) = 0.65 × 5.40 = 3.51
    # total 301.00 exactly
    # phase-out = (31,990.91 − 31,500) × 0.22 / 12 = 490.91 × 0.22 / 12 = 108.0002 / 12
    #           = 9.0000166…
    # 301.00 − 9.0000166… = 291.9999833… → 291.
    # (Rounding the phase-out to cents first, 9.00, would wrongly give 292.)
    result = ht(2, "503.60", "31990.91")
    assert result.amount_before_phase_out == D("301.00")
    assert result.amount == 291


def test_assets_on_the_limit_are_allowed_and_one_cent_above_is_not():
    # 1 person, rent 600.00, income 20,000 → 361 (see above); limit 38,479 for one person
    assert ht(1, "600.00", "20000", assets=D("38479")).amount == 361
    above = ht(1, "600.00", "20000", assets=D("38479.01"))
    assert above.amount == 0
    assert above.eligible is False
    assert above.assets_above_limit is True
    assert "vermogen" in above.reason


def test_a_partner_doubles_the_asset_limit():
    # 2 persons with partner, rent 800.00, income 25,000 → 471 (see above)
    # limit 2 × 38,479 = 76,958
    assert ht(2, "800.00", "25000", partner=True, assets=D("76958")).amount == 471
    over = ht(2, "800.00", "25000", partner=True, assets=D("76958.01"))
    assert over.asset_limit == D("76958")
    assert over.amount == 0
    # without a partner the limit stays 38,479, also for 2 persons
    assert ht(2, "800.00", "25000", assets=D("38479.01")).amount == 0


def test_childrens_income_counts_only_above_the_exemption():
    # 3 persons, rent 800.00 → A + B + C = 484.695 (see above); parents' income 31,000
    # children 6,218: counted max(0, 6,218 − 6,218) = 0 → income 31,000 ≤ 31,500 → 484
    assert ht(3, "800.00", "31000", children_income=D("6218")).amount == 484
    # children 10,218: counted 10,218 − 6,218 = 4,000 → income 35,000
    # phase-out = (35,000 − 31,500) × 0.22 / 12 = 3,500 × 0.22 / 12 = 770 / 12 = 64.1666…
    # 484.695 − 64.1666… = 420.5283… → 420
    result = ht(3, "800.00", "31000", children_income=D("10218"))
    assert result.income_considered == D("35000")
    assert result.amount == 420


def test_the_explanation_names_every_part_in_dutch():
    # the two-person example above: A 297.49, B 139.633, C 34.792, total 471.915
    result = ht(2, "800.00", "25000")
    text = "\n".join(result.explanation)
    assert "Deel A: 100%" in text and "€ 297,49" in text
    assert "Deel B: 65%" in text and "€ 139,63" in text
    assert "Deel C: 40%" in text and "€ 34,79" in text
    assert "Afbouw: geen" in text
    assert "naar beneden afgerond" in text
    assert result.reason == "Recht op huurtoeslag: € 471 per maand."


def test_the_result_converts_to_json_with_exact_amounts():
    data = ht(2, "800.00", "25000").to_dict()
    json.dumps(data)
    assert data["amount"] == 471
    assert data["part_b"] == "139.633"
    assert data["rekenhuur"] == "800.00"
    assert isinstance(data["explanation"], list)
