"""The figures of domain/RULES.md, typed over by hand for the tests.

Tests take their expected limits from here, never from the parameter files, so that a
wrong figure in a file makes a test fail. ``None`` means: RULES.md gives no figure.
"""

from decimal import Decimal as D

YEARS = (2023, 2024, 2025, 2026)

#: "Limits per year" table of RULES.md.
LIMITS: dict[int, dict[str, D | None]] = {
    2023: {
        "daeb_income_limit_single": D("44035"),
        "daeb_income_limit_multi": D("48625"),
        "huurtoeslag_max_rent": D("808.06"),
        "kwaliteitskortingsgrens": D("452.20"),
        "aftoppingsgrens_low": D("647.19"),
        "aftoppingsgrens_high": D("693.60"),
        "huurtoeslag_asset_limit": D("33748"),
        "passend_income_limit_single": None,
        "passend_income_limit_multi": None,
        "passend_income_limit_single_pension_age": None,
        "passend_income_limit_multi_pension_age": None,
        "regulated_middle_rent_upper_limit": None,
    },
    2024: {
        "daeb_income_limit_single": D("47699"),
        "daeb_income_limit_multi": D("52671"),
        "huurtoeslag_max_rent": D("879.66"),
        "kwaliteitskortingsgrens": D("454.47"),
        "aftoppingsgrens_low": D("650.43"),
        "aftoppingsgrens_high": D("697.07"),
        "huurtoeslag_asset_limit": D("36952"),
        "passend_income_limit_single": D("27725"),
        "passend_income_limit_multi": D("37625"),
        "passend_income_limit_single_pension_age": D("27225"),
        "passend_income_limit_multi_pension_age": None,
        "regulated_middle_rent_upper_limit": None,
    },
    2025: {
        "daeb_income_limit_single": D("49669"),
        "daeb_income_limit_multi": D("54847"),
        "huurtoeslag_max_rent": D("900.07"),
        "kwaliteitskortingsgrens": D("477.20"),
        "aftoppingsgrens_low": D("682.96"),
        "aftoppingsgrens_high": D("731.93"),
        "huurtoeslag_asset_limit": D("37395"),
        "passend_income_limit_single": D("28375"),
        "passend_income_limit_multi": D("38500"),
        "passend_income_limit_single_pension_age": D("27775"),
        "passend_income_limit_multi_pension_age": D("37350"),
        "regulated_middle_rent_upper_limit": D("1184.82"),
    },
    2026: {
        "daeb_income_limit_single": D("51537"),
        "daeb_income_limit_multi": D("56910"),
        "huurtoeslag_max_rent": D("932.93"),
        "kwaliteitskortingsgrens": D("498.20"),
        "aftoppingsgrens_low": D("713.02"),
        "aftoppingsgrens_high": D("764.14"),
        "huurtoeslag_asset_limit": D("38479"),
        "passend_income_limit_single": D("29400"),
        "passend_income_limit_multi": D("39925"),
        "passend_income_limit_single_pension_age": D("28775"),
        "passend_income_limit_multi_pension_age": D("38650"),
        "regulated_middle_rent_upper_limit": None,
    },
}

#: "Huurtoeslag from 1 January 2026" section of RULES.md.
HUURTOESLAG_2026 = {
    "huurtoeslag_youth_rent_cap": D("498.20"),
    "huurtoeslag_basishuur_single": D("202.52"),
    "huurtoeslag_basishuur_multi": D("200.71"),
    "huurtoeslag_rate_a": D("100"),
    "huurtoeslag_rate_b": D("65"),
    "huurtoeslag_rate_c": D("40"),
    "huurtoeslag_ijkpunt_single": D("23425"),
    "huurtoeslag_ijkpunt_multi": D("31500"),
    "huurtoeslag_phase_out_pct_single": D("27"),
    "huurtoeslag_phase_out_pct_multi": D("22"),
    "huurtoeslag_children_income_exemption": D("6218"),
}

#: "State pension (AOW)" table of RULES.md (the 2026 partner gross is left out: two sources).
AOW = {
    2025: {
        "aow_single_gross_january": D("1580.92"),
        "aow_single_net_january": D("1497.77"),
        "aow_partner_gross_january": D("1081.50"),
        "aow_partner_net_january": D("1024.62"),
        "aow_single_gross_july": D("1612.44"),
        "aow_single_net_july": D("1527.63"),
        "aow_partner_gross_july": D("1103.97"),
        "aow_partner_net_july": D("1045.91"),
    },
    2026: {
        "aow_single_gross_january": D("1637.57"),
        "aow_single_net_january": D("1558.15"),
        "aow_partner_net_january": D("1067.70"),
    },
}

CENT = D("0.01")


def passend_limit(year: int, household_size: int, pension_age: bool) -> D | None:
    kind = "single" if household_size == 1 else "multi"
    suffix = "_pension_age" if pension_age else ""
    return LIMITS[year][f"passend_income_limit_{kind}{suffix}"]


def fitting_aftoppingsgrens(year: int, household_size: int) -> D:
    key = "aftoppingsgrens_low" if household_size <= 2 else "aftoppingsgrens_high"
    value = LIMITS[year][key]
    assert value is not None
    return value
