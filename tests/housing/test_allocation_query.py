"""The allocation figures summed in the database equal the per-letting analysis, also for
lettings exactly on, just under and just over every limit."""

import datetime
from decimal import Decimal

from woonafspraken.analysis import allocation as allocation_
from woonafspraken.housing import demo, selectors, services

CENT = Decimal("0.01")
HEADER = (
    "RegioS,Perioden,corporatie,route,huishoudgrootte,inkomen,huur,leeftijd,aow,mantelzorg,aantal\n"
)


def _boundary_file(year: int) -> str:
    lines = [HEADER]
    for size, pension in ((1, False), (2, False), (3, True)):
        limits = allocation_.limits_of(year, size, pension)
        assert limits is not None
        incomes = [limits.passend_income, limits.daeb_income]
        rents = [limits.aftopping, limits.max_rent, limits.kwaliteitskortingsgrens]
        for income in incomes:
            for rent in rents:
                for d_income in (-CENT, 0, CENT):
                    for d_rent in (-CENT, 0, CENT):
                        for age in (22, 23):
                            lines.append(
                                f"GM0935,{year}JJ00,woonpunt,aanbodmodel,{size},"
                                f"{income + d_income},{rent + d_rent},{age},"
                                f"{'ja' if pension else 'nee'},nee,1\n"
                            )
    return "".join(lines)


def test_the_database_sums_equal_the_per_letting_analysis(maastricht, user):
    demo.load(user("beheer"), maastricht)
    year = 2025
    services.import_table(
        user("beheer"),
        maastricht.municipality,
        "lettings",
        filename="grenzen.csv",
        data=_boundary_file(year).encode(),
        source="grenzen",
        source_date=datetime.date(year, 1, 1),
        replace=False,
    )
    municipality = maastricht.municipality_id
    in_database = selectors.allocation(municipality)
    one_by_one = allocation_.allocation(selectors.letting_rows(municipality))
    assert in_database == one_by_one
    row = in_database.row(year)
    assert row is not None and row.tally.computable and row.tally.passend_base > 0
    assert 0 < row.tally.young_cheap < row.tally.young
