"""The cycle page shows the municipality's homes per owner from the stock it imported — not
from figures only the demo could make — in the stock year nearest the year on the page."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.agreements.cast import Cast, build, logged_in, new_cycle
from woonafspraken.agreements import services as agreements
from woonafspraken.analysis import AnalysisError
from woonafspraken.analysis.stock import OwnerCount, stock_by_owner, stock_year
from woonafspraken.housing import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db: object) -> Cast:
    return build()


def test_the_nearest_stock_year_is_the_year_itself_else_the_latest_before_else_the_first():
    assert stock_year([2019, 2021, 2023], 2021) == 2021
    assert stock_year([2019, 2021, 2023], 2022) == 2021
    assert stock_year([2019, 2021, 2023], 2016) == 2019
    assert stock_year([], 2020) is None


def test_homes_per_owner_with_shares_corporations_first_largest_first():
    counts = [
        OwnerCount(2020, "corporation", "klein", 100),
        OwnerCount(2020, "owner_occupied", "", 600),
        OwnerCount(2020, "corporation", "groot", 200),
        OwnerCount(2020, "corporation", "groot", 50),  # two rows of one owner are summed
        OwnerCount(2020, "other_landlord", "", 50),
        OwnerCount(2019, "corporation", "groot", 999),  # another year: left out
    ]
    shown = stock_by_owner(counts, 2020)
    assert shown is not None
    assert (shown.year, shown.total) == (2020, 1000)
    assert [(r.owner or r.ownership, r.count, r.share) for r in shown.rows] == [
        ("groot", 250, Decimal("25.0")),
        ("klein", 100, Decimal("10.0")),
        ("other_landlord", 50, Decimal("5.0")),
        ("owner_occupied", 600, Decimal("60.0")),
    ]
    assert stock_by_owner([], 2020) is None
    with pytest.raises(AnalysisError):
        stock_by_owner([OwnerCount(2020, "corporation", "x", -1)], 2020)


def _import_stock(cast: Cast, year: int, corporation_homes: int) -> None:
    slug = cast.corporation.slug
    text = (
        "RegioS;Perioden;eigendom;eigenaar;HUURKLASSE;ENERGIELABEL;woningtype;zorggeschikt;"
        "buurtcode;aantal\n"
        f"GM0935;{year}JJ00;corporatie;{slug};GOE;B;meergezins;nee;;{corporation_homes}\n"
        f"GM0935;{year};overige_verhuurder;;DUU;C;meergezins;nee;;1000\n"
        f"GM0935;{year};eigenaar_bewoner;;;;eengezins;nee;;7000\n"
    )
    services.import_table(
        cast.maastricht.coordinator,
        cast.maastricht.municipality,
        "stock",
        filename="voorraad.csv",
        data=text.encode(),
        source="CBS 82900NED",
        source_date=datetime.date(year, 1, 1),
    )


def test_the_cycle_page_shows_the_imported_stock_per_owner(cast: Cast) -> None:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation, start=2019, end=2021)
    agreements.set_publication(m.coordinator, cycle, published=True)
    page = Client().get(f"/cycli/{cycle.pk}/?year=2019").content.decode()
    assert 'id="stock-by-owner"' not in page  # nothing imported: no table

    _import_stock(cast, 2019, 2000)
    _import_stock(cast, 2020, 2100)
    page = Client().get(f"/cycli/{cycle.pk}/?year=2019").content.decode()
    table = page[
        page.index('id="stock-by-owner"') : page.index("</table>", page.index("stock-by-owner"))
    ]
    assert "Woningen per eigenaar op 1 januari 2019" in table
    assert f'href="/organisaties/{cast.corporation.pk}/"' in table
    assert "Woonstichting Zuid" in table and "2.000" in table and "20 %" in table
    assert "Overige verhuurders" in table and "Eigenaar-bewoners" in table
    assert "10.000" in table  # the total
    assert "CBS 82900NED, peildatum 1 januari 2019" in page

    # A year without its own count shows the latest before it, and says so.
    later = Client().get(f"/cycli/{cycle.pk}/?year=2021").content.decode()
    assert "Woningen per eigenaar op 1 januari 2020" in later
    assert "Voor 2021 is er nog geen telling" in later
    assert "2.100" in later

    english = logged_in(m.coordinator)
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    shown = english.get(f"/cycli/{cycle.pk}/?year=2019").content.decode()
    assert "Homes per owner on 1 January 2019" in shown and "Owner-occupiers" in shown


def test_the_cycle_page_asks_the_same_number_of_queries_with_more_stock(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    cycle = new_cycle(cast.maastricht, cast.corporation, start=2019, end=2021)
    agreements.set_publication(cast.maastricht.coordinator, cycle, published=True)
    _import_stock(cast, 2019, 2000)
    with CaptureQueriesContext(connection) as few:
        Client().get(f"/cycli/{cycle.pk}/?year=2019")
    for year in range(2010, 2019):
        _import_stock(cast, year, 1500 + year)
    with django_assert_max_num_queries(len(few.captured_queries)):
        Client().get(f"/cycli/{cycle.pk}/?year=2019")
