"""Every norm pattern the recogniser knows, one case per form a document writes it in."""

from decimal import Decimal

import pytest

from woonafspraken.recognition import find_norms, norm_of_cell, parse_number
from woonafspraken.recognition.norms import DASHES


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.572", Decimal(1572)),
        ("12,5", Decimal("12.5")),
        ("1.572,50", Decimal("1572.50")),
        ("12.5", Decimal("12.5")),
        ("45", Decimal(45)),
        ("1\u00a0572", Decimal(1572)),
        ("1.000.000", Decimal(1000000)),
    ],
)
def test_dutch_numbers(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "12,5,3", "1.57"])
def test_what_is_no_number_is_refused(text: str) -> None:
    if text == "1.57":  # a dot with two digits is a decimal point
        assert parse_number(text) == Decimal("1.57")
        return
    with pytest.raises(ValueError):
        parse_number(text)


def _one(text: str) -> tuple[str, str, Decimal | None, Decimal | None, Decimal | None, str]:
    (norm,) = find_norms(text)
    return norm.kind, norm.unit, norm.value, norm.low, norm.high, norm.label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aanbodmodel minimaal 45 %", ("min", "percentage", Decimal(45), None, None, "")),
        ("Aanbodmodel minimaal 45%", ("min", "percentage", Decimal(45), None, None, "")),
        ("Eigen inplaatsing maximaal 10 %", ("max", "percentage", Decimal(10), None, None, "")),
        ("ten minste 300 woningen", ("min", "count", Decimal(300), None, None, "")),
        ("tenminste 300 woningen", ("min", "count", Decimal(300), None, None, "")),
        ("minstens 12,5 procent", ("min", "percentage", Decimal("12.5"), None, None, "")),
        ("niet meer dan 1.572 woningen", ("max", "count", Decimal(1572), None, None, "")),
        ("ten hoogste € 550 per maand", ("max", "euro", Decimal(550), None, None, "")),
        ("max. 10%", ("max", "percentage", Decimal(10), None, None, "")),
        ("min. 45%", ("min", "percentage", Decimal(45), None, None, "")),
        ("45 % of meer", ("min", "percentage", Decimal(45), None, None, "")),
        ("10 % of minder", ("max", "percentage", Decimal(10), None, None, "")),
        (
            "sloop tussen 377 en 497 woningen",
            ("range", "count", None, Decimal(377), Decimal(497), ""),
        ),
        ("van 377 tot 497 woningen", ("range", "count", None, Decimal(377), Decimal(497), "")),
        ("377 t/m 497", ("range", "count", None, Decimal(377), Decimal(497), "")),
        ("energielabel B", ("label_at_least", "energy_label", None, None, None, "B")),
        ("label A/B", ("label_at_least", "energy_label", None, None, None, "A/B")),
        ("gemiddeld label A+ of beter", ("label_at_least", "energy_label", None, None, None, "A+")),
        ("label minimaal B", ("label_at_least", "energy_label", None, None, None, "B")),
    ],
)
def test_norms_in_running_text(text: str, expected: tuple[object, ...]) -> None:
    assert _one(text) == expected


@pytest.mark.parametrize("dash", list(DASHES))
@pytest.mark.parametrize("space", ["", " ", "\u00a0"])
def test_ranges_with_every_dash(dash: str, space: str) -> None:
    text = f"Sloop {space}377{space}{dash}{space}497 woningen"
    assert _one(text.replace("Sloop \u00a0", "Sloop ")) == (
        "range",
        "count",
        None,
        Decimal(377),
        Decimal(497),
        "",
    )


@pytest.mark.parametrize(
    "text",
    [
        "In 2017 54%",  # a realisation, not a demand
        "periode 2017–2021",  # a period
        "op 1-1-2017 waren er 300 woningen",  # a date
        "Jongeren < 23 jaar",
        "tussen partijen 45 en 50",  # a list without "tussen ... en"
    ],
)
def test_what_is_no_norm(text: str) -> None:
    assert find_norms(text) == []


def test_every_norm_keeps_its_sentence() -> None:
    text = "Woonpunt verhuurt minimaal 45 % via het aanbodmodel en maximaal 10 % direct."
    norms = find_norms(text)
    assert [(n.kind, n.value) for n in norms] == [("min", Decimal(45)), ("max", Decimal(10))]
    assert {n.source for n in norms} == {text}


@pytest.mark.parametrize(
    ("cell", "label_row", "expected"),
    [
        ("B", True, ("label_at_least", None, "B", Decimal(0))),
        ("B", False, None),
        ("A/B", False, ("label_at_least", None, "A/B", Decimal(0))),
        ("1.572", False, ("exact", Decimal(1572), "", Decimal(0))),
        ("60 woningen", False, ("exact", Decimal(60), "", Decimal(0))),
        ("12 (marge 1)", False, ("exact", Decimal(12), "", Decimal(1))),
        ("minimaal 60", False, ("min", Decimal(60), "", Decimal(0))),
        ("label B of beter", False, ("label_at_least", None, "B", Decimal(0))),
        ("—", False, None),
        ("n.v.t.", False, None),
        ("goed", False, None),
    ],
)
def test_norms_in_table_cells(
    cell: str, label_row: bool, expected: tuple[object, ...] | None
) -> None:
    norm = norm_of_cell(cell, label_row=label_row)
    if expected is None:
        assert norm is None
        return
    assert norm is not None
    assert (norm.kind, norm.value, norm.label, norm.tolerance) == expected


def test_range_in_a_cell() -> None:
    norm = norm_of_cell("377–497")
    assert norm is not None
    assert (norm.kind, norm.low, norm.high) == ("range", Decimal(377), Decimal(497))
