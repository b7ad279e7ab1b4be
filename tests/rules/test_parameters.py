import json
from decimal import Decimal

import pytest

from woonafspraken.rules import (
    InvalidInput,
    ParameterFileError,
    UnknownParameter,
    UnknownYear,
    known_years,
    parameters,
    parameters_with_sources,
)
from woonafspraken.rules.params import KNOWN_FIGURES, TAGS, parse_parameters

from .rules_md import AOW, HUURTOESLAG_2026, LIMITS, YEARS


def expected_figures(year: int) -> dict[str, Decimal | None]:
    figures: dict[str, Decimal | None] = dict(LIMITS[year])
    for name in HUURTOESLAG_2026:
        figures[name] = HUURTOESLAG_2026[name] if year == 2026 else None
    for name in KNOWN_FIGURES:
        if name.startswith("aow_"):
            figures[name] = AOW.get(year, {}).get(name)
    return figures


def test_there_is_a_parameter_file_for_2023_to_2026():
    assert known_years() == YEARS


@pytest.mark.parametrize("year", YEARS)
def test_each_figure_is_the_one_rules_md_gives_or_absent_when_it_gives_none(year):
    p = parameters(year)
    expected = expected_figures(year)
    assert set(expected) == set(KNOWN_FIGURES)
    for name, value in expected.items():
        if value is None:
            assert not p.has(name), name
            with pytest.raises(UnknownParameter):
                getattr(p, name)
        else:
            assert getattr(p, name) == value, name


@pytest.mark.parametrize("year", YEARS)
def test_every_figure_has_a_source_a_tag_and_a_reason_for_the_tag(year):
    for figure in parameters(year).figures.values():
        assert figure.source, figure.name
        assert figure.tag in TAGS
        assert figure.tag_basis, figure.name
        if figure.tag == "SECONDARY":
            assert "geverifieerd" in figure.verification, figure.name


def test_tags_follow_rules_md_where_it_states_them():
    assert parameters(2026).figures["daeb_income_limit_single"].tag == "OFFICIAL"
    assert parameters(2025).figures["huurtoeslag_asset_limit"].tag == "SECONDARY"
    assert parameters(2024).figures["passend_income_limit_single"].tag == "SECTOR"
    assert parameters(2026).figures["huurtoeslag_basishuur_single"].tag == "SECONDARY"
    assert parameters(2026).figures["aow_single_net_january"].tag == "SECONDARY"


def test_an_unknown_year_is_refused_with_a_dutch_reason():
    with pytest.raises(UnknownYear) as caught:
        parameters(2019)
    assert str(caught.value) == (
        "Voor het jaar 2019 zijn geen cijfers bekend; er zijn cijfers voor 2023, 2024, 2025, 2026."
    )


def test_a_year_must_be_a_whole_number():
    with pytest.raises(InvalidInput, match="heel getal"):
        parameters("2026")
    with pytest.raises(InvalidInput):
        parameters(True)


def test_a_missing_figure_is_refused_naming_the_figure_and_the_year():
    with pytest.raises(UnknownParameter) as caught:
        _ = parameters(2024).passend_income_limit_multi_pension_age
    error = caught.value
    assert error.figure == "passend_income_limit_multi_pension_age"
    assert error.year == 2024
    assert "meerpersoonshuishouden op AOW-leeftijd" in str(error)
    assert "2024" in str(error)
    assert "niet bekend" in str(error)


def test_parameters_are_read_once_and_cached():
    assert parameters(2026) is parameters(2026)


def test_parameters_with_sources_can_be_published_as_json():
    data = parameters_with_sources(2026)
    text = json.dumps(data)
    assert json.loads(text)["figures"]["huurtoeslag_max_rent"]["value"] == "932.93"
    figure = data["figures"]["huurtoeslag_basishuur_single"]
    assert figure["value"] == "202.52"
    assert figure["tag"] == "SECONDARY"
    assert "Stcrt. 2025, 39783" in figure["source"]
    assert figure["unit"] == "euro per maand"
    assert figure["label"].startswith("basishuur")


def test_parameters_with_sources_lists_what_is_missing():
    missing = {item["name"] for item in parameters_with_sources(2023)["missing"]}
    assert "passend_income_limit_single" in missing
    assert "huurtoeslag_basishuur_single" in missing
    assert "daeb_income_limit_single" not in missing


GOOD = """
year = 2026
[kwaliteitskortingsgrens]
value = 498.20
tag = "SECTOR"
tag_basis = "test"
source = "test"
"""


def test_a_parameter_file_reads_amounts_as_exact_decimals():
    p = parse_parameters(GOOD, 2026)
    assert p.kwaliteitskortingsgrens == Decimal("498.20")
    assert isinstance(p.kwaliteitskortingsgrens, Decimal)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("year = 2026", "year = 2025"), "'year' moet 2026"),
        (GOOD.replace("[kwaliteitskortingsgrens]", "[kwaliteitskorting]"), "onbekend cijfer"),
        (GOOD.replace('source = "test"', ""), "ontbrekende velden"),
        (GOOD.replace('source = "test"', 'source = ""'), "bron ontbreekt"),
        (GOOD.replace('"SECTOR"', '"RUMOUR"'), "tag moet"),
        (GOOD.replace('"SECTOR"', '"SECONDARY"'), "verificatie"),
        (GOOD.replace("498.20", '"498.20"'), "getal"),
        (GOOD.replace("498.20", "-1"), "negatief"),
        (GOOD + 'colour = "red"\n', "onbekende velden"),
        ("year = ", "geen geldige TOML"),
    ],
)
def test_a_malformed_parameter_file_is_rejected(text, message):
    with pytest.raises(ParameterFileError, match=message):
        parse_parameters(text, 2026)
