"""Dates as people in the Netherlands type them (``woonafspraken.forms.read_date``)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from woonafspraken.forms import read_date

NOVEMBER_20 = datetime.date(2019, 11, 20)


@pytest.mark.parametrize(
    "typed",
    [
        "2019-11-20",
        "20-11-2019",
        " 20-11-19 ",
        "20/11/2019",
        "20.11.2019",
        "20 november 2019",
        "20 nov. 2019",
        "20 Nov 2019",
        "20 November, 2019",
    ],
)
def test_a_date_is_read_day_first_or_as_a_date_picker_sends_it(typed: str) -> None:
    assert read_date(typed) == NOVEMBER_20


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31-2-2019", "bestaat niet"),
        ("2019-13-01", "bestaat niet"),
        ("20-11", "dag-maand-jaar"),
        ("20 brumaire 2019", "dag-maand-jaar"),
        ("20-11/2019", "dag-maand-jaar"),
        ("a\x00b", "dag-maand-jaar"),
        ("", "dag-maand-jaar"),
    ],
)
def test_anything_else_is_refused_with_a_dutch_message(typed: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        read_date(typed)
