"""DAEB target group just below, exactly on and just above the limits of every year."""

import pytest

from woonafspraken.rules import InvalidInput, UnknownYear, target_group

from .rules_md import CENT, LIMITS, YEARS


def cases():
    for year in YEARS:
        for size, key in (
            (1, "daeb_income_limit_single"),
            (2, "daeb_income_limit_multi"),
            (6, "daeb_income_limit_multi"),
        ):
            limit = LIMITS[year][key]
            yield year, size, limit - CENT, True
            yield year, size, limit, True  # on the limit: inside the target group
            yield year, size, limit + CENT, False


@pytest.mark.parametrize(("year", "size", "income", "inside"), list(cases()))
def test_an_income_up_to_and_including_the_limit_is_in_the_target_group(year, size, income, inside):
    result = target_group(year, income, size)
    assert result.in_target_group is inside
    assert result.reason.startswith("Het inkomen")
    assert ("niet bij de doelgroep" in result.reason) is (not inside)


def test_the_result_names_the_limit_used():
    # 2026, one person: limit 51,537
    result = target_group(2026, 30000, 1)
    assert str(result.limit) == "51537"
    assert "€ 51.537,00" in result.reason
    assert result.to_dict()["limit"] == "51537.00"


def test_bad_input_and_unknown_years_are_refused():
    with pytest.raises(InvalidInput, match="negatief"):
        target_group(2026, -1, 1)
    with pytest.raises(InvalidInput, match="huishoudgrootte"):
        target_group(2026, 1000, 0)
    with pytest.raises(UnknownYear):
        target_group(2030, 1000, 1)
