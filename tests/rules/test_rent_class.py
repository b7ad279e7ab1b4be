"""Rent classes just below, exactly on and just above every limit of every year."""

from decimal import Decimal

import pytest

from woonafspraken.rules import RENT_CLASS_LABELS, UnknownYear, rent_class

from .rules_md import CENT, LIMITS, YEARS


def cases():
    for year in YEARS:
        kkg = LIMITS[year]["kwaliteitskortingsgrens"]
        high = LIMITS[year]["aftoppingsgrens_high"]
        top = LIMITS[year]["huurtoeslag_max_rent"]
        yield year, Decimal("0.00"), "cheap"
        yield year, kkg - CENT, "cheap"
        yield year, kkg, "affordable"  # on the kwaliteitskortingsgrens: betaalbaar
        yield year, kkg + CENT, "affordable"
        yield year, high - CENT, "affordable"
        yield year, high, "affordable"  # on the high aftoppingsgrens: betaalbaar
        yield year, high + CENT, "expensive"
        yield year, top - CENT, "expensive"
        yield year, top, "expensive"  # on the maximum rent: duur
        yield year, top + CENT, "above_limit"
        yield year, Decimal("5000.00"), "above_limit"


@pytest.mark.parametrize(("year", "rent", "code"), list(cases()))
def test_a_rent_falls_in_the_class_of_its_side_of_each_limit(year, rent, code):
    result = rent_class(year, rent)
    assert result.code == code
    assert result.label == RENT_CLASS_LABELS[code]


def test_the_dutch_labels_are_those_of_vera():
    assert RENT_CLASS_LABELS == {
        "cheap": "goedkoop",
        "affordable": "betaalbaar",
        "expensive": "duur",
        "above_limit": "boven huurtoeslaggrens",
    }


def test_the_result_states_the_limits_and_which_side_a_rent_on_a_limit_falls():
    # 2026: kwaliteitskortingsgrens 498.20, aftoppingsgrens high 764.14, maximum rent 932.93
    result = rent_class(2026, Decimal("764.14"))
    assert result.lower_limit == Decimal("498.20")
    assert result.lower_inclusive is True
    assert result.upper_limit == Decimal("764.14")
    assert result.upper_inclusive is True
    assert "precies op de kwaliteitskortingsgrens is betaalbaar" in result.boundary_rule
    assert "precies op de maximale huurgrens is duur" in result.boundary_rule
    expensive = rent_class(2026, Decimal("800"))
    assert (expensive.lower_limit, expensive.lower_inclusive) == (Decimal("764.14"), False)
    assert (expensive.upper_limit, expensive.upper_inclusive) == (Decimal("932.93"), True)
    assert rent_class(2026, 100).lower_limit is None
    assert rent_class(2026, 1000).upper_limit is None
    assert rent_class(2026, 1000).to_dict()["upper_limit"] is None


def test_an_unknown_year_is_refused():
    with pytest.raises(UnknownYear, match="2022"):
        rent_class(2022, 500)
