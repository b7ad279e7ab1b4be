from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from woonafspraken.analysis import AnalysisError
from woonafspraken.analysis.prognosis import PipelineYear, Scenario, Start, prognosis


def test_it_is_flat_without_growth_or_pipeline():
    result = prognosis(Start(2016, 1000, Decimal(40), 400), 2020)
    assert [(r.demand, r.supply, r.gap) for r in result.rows] == [(400, 400, 0)] * 5
    assert result.dip_years == ()
    assert result.extra_per_year == 0


def test_it_shows_the_dip_and_the_homes_needed_per_year():
    # households 1000, 1100, 1210, 1331 × 40 % = 400, 440, 484, 532.4 → 532
    result = prognosis(
        Start(2016, 1000, Decimal(40), 400),
        2019,
        Scenario(household_growth=Decimal(10)),
        {2017: PipelineYear(new_build=50)},
    )
    assert [r.demand for r in result.rows] == [400, 440, 484, 532]
    assert [r.supply for r in result.rows] == [400, 450, 450, 450]
    assert [r.gap for r in result.rows] == [0, -10, 34, 82]
    assert result.dip_years == (2018, 2019)
    # 34 / 2 = 17 and 82 / 3 = 27.3 → 28 a year
    assert result.extra_per_year == 28
    assert "2018, 2019" in result.result().notes[0]


def test_sales_demolition_and_liberalisation_lower_the_stock():
    result = prognosis(
        Start(2016, 1000, Decimal(40), 400),
        2018,
        Scenario(sales_per_year=5, demolition_per_year=3),
        {2018: PipelineYear(new_build=10, liberalisation=2, sale=1, demolition=4)},
    )
    assert [r.supply for r in result.rows] == [400, 392, 392 + 10 - 2 - 1 - 4 - 8]


def test_income_shift_and_reliance_change_demand():
    result = prognosis(
        Start(2016, 1000, Decimal(40), 400),
        2018,
        Scenario(income_shift=Decimal(-1), reliance=Decimal(50)),
    )
    assert [r.demand for r in result.rows] == [200, 195, 190]


def test_a_shortage_in_the_base_year_is_reported_apart():
    result = prognosis(Start(2016, 1000, Decimal(50), 400), 2017)
    assert result.base_shortage == 100
    assert result.extra_per_year == 100


def test_it_refuses_an_end_year_before_the_start():
    with pytest.raises(AnalysisError, match="eindjaar"):
        prognosis(Start(2016, 1000, Decimal(40), 400), 2015)


@settings(deadline=None)
@given(
    households=st.integers(0, 10**6),
    share=st.decimals(0, 100, places=1),
    stock=st.integers(0, 10**6),
    years=st.integers(0, 20),
)
def test_zero_growth_and_no_pipeline_is_flat(households, share, stock, years):
    result = prognosis(Start(2016, households, share, stock), 2016 + years)
    assert len({(r.households, r.demand, r.supply) for r in result.rows}) == 1


@settings(deadline=None)
@given(
    growth=st.decimals(-2, 5, places=1),
    shift=st.decimals(-1, 1, places=1),
    build=st.integers(0, 200),
    sales=st.integers(0, 200),
)
def test_the_extra_homes_per_year_close_every_dip_and_no_fewer_do(growth, shift, build, sales):
    start = Start(2016, 20000, Decimal(40), 8000)
    scenario = Scenario(
        household_growth=growth, income_shift=shift, new_build_per_year=build, sales_per_year=sales
    )
    result = prognosis(start, 2030, scenario)
    if result.rows[0].gap > 0:
        return
    closed = prognosis(
        start,
        2030,
        Scenario(
            household_growth=growth,
            income_shift=shift,
            new_build_per_year=build + result.extra_per_year,
            sales_per_year=sales,
        ),
    )
    assert closed.dip_years == ()
    if result.extra_per_year:
        short = prognosis(
            start,
            2030,
            Scenario(
                household_growth=growth,
                income_shift=shift,
                new_build_per_year=build + result.extra_per_year - 1,
                sales_per_year=sales,
            ),
        )
        assert short.dip_years != ()
