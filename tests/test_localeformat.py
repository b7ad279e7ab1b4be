"""Money, counts, percentages and dates are written in the reader's language."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from woonafspraken.agreements.templatetags import localeformat as f


@pytest.mark.parametrize(
    "language,money,count,percent,day",
    [
        ("nl", "€ 1.558,15", "19.648", "54 %", "2 december 2026"),
        ("en", "€1,558.15", "19,648", "54%", "2 December 2026"),
    ],
)
def test_each_reader_sees_their_own_notation(language, money, count, percent, day):
    with translation.override(language):
        assert f.money(Decimal("1558.15")) == money
        assert f.count(Decimal("19648.00")) == count
        assert f.percent(54) == percent
        assert f.day(datetime.date(2026, 12, 2)) == day


def test_counts_never_show_decimals_and_whole_euros_no_cents():
    with translation.override("nl"):
        assert f.count(Decimal("19648.4")) == "19.648"
        assert f.money(550) == "€ 550"
        assert f.money(550, "always") == "€ 550,00"
        assert f.money(Decimal("-12.5")) == "−€ 12,50"
        assert f.percent(Decimal("12.50")) == "12,5 %"
        assert f.number(Decimal("1234.50")) == "1.234,5"


def test_missing_values_are_a_dash():
    assert f.money(None) == "—" and f.count("") == "—" and f.day(None) == "—"
