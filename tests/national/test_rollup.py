"""The sums above a municipality, by hand and by property."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from woonafspraken.national import rollup
from woonafspraken.national.rollup import MunicipalityYear, Place


def test_sums_by_hand() -> None:
    rows = [
        MunicipalityYear(1, 2029, {"social_rent": 30, "middle_rent": 30, "expensive_owner": 40},
                         realised_social=20, efg_left=10, signed=True),
        MunicipalityYear(2, 2029, {"social_rent": 10, "expensive_rent": 10}, efg_left=0,
                         open_disputes=2),
    ]  # fmt: skip
    s = rollup.sum_years(rows, [2028, 2029])
    assert s[2028].municipalities == 0 and s[2028].planned_total == 0
    assert s[2028].realised_social is None and s[2028].efg_left is None
    y = s[2029]
    assert (y.municipalities, y.planned_total, y.planned_affordable, y.planned_social) == (
        2, 120, 70, 40,
    )  # fmt: skip
    assert y.realised_social == 20 and y.reported_realised == 1
    assert y.efg_left == 10 and y.reported_efg == 2
    assert (y.signed, y.open_disputes) == (1, 2)
    assert y.affordable_share == Decimal("58.3") and y.affordable_met is False
    assert y.social_share == Decimal("33.3") and y.social_met is True
    assert rollup.social_rent_gap(y) == 30_000 - 40


def test_the_norms_hold_exactly_at_their_boundary() -> None:
    def one(**planned: int) -> rollup.Sum:
        return rollup.sum_years([MunicipalityYear(1, 2030, planned)], [2030])[2030]

    assert one(social_rent=2, expensive_owner=1).affordable_met is True  # exactly two thirds
    assert one(social_rent=1999, expensive_owner=1001).affordable_met is False  # just under
    assert one(social_rent=3, expensive_owner=7).social_met is True  # exactly 30 %
    assert one(social_rent=299, expensive_owner=701).social_met is False
    assert one().affordable_met is None and one().social_share is None


def test_social_rent_goal_holds_from_2029() -> None:
    def gap(year: int, social: int) -> int | None:
        rows = [MunicipalityYear(1, year, {"social_rent": social})]
        return rollup.social_rent_gap(rollup.sum_years(rows, [year])[year])

    assert gap(2028, 0) is None
    assert gap(2029, 29_999) == 1
    assert gap(2029, 30_000) == 0
    assert gap(2030, 31_000) == -1000


def test_efg_pace() -> None:
    assert rollup.efg_pace(None, 2025) is None
    assert rollup.efg_pace(0, 2030) == 0
    assert rollup.efg_pace(300, 2025) == 100
    assert rollup.efg_pace(100, 2027) == 100
    assert rollup.efg_pace(100, 2028) == 100  # the deadline year itself: all of it
    assert rollup.efg_pace(10, 2022) == Decimal("1.7")


def test_group_by_and_compare() -> None:
    places = {1: Place(1, "A", "limburg", "R1"), 2: Place(2, "B", "limburg", "R2")}
    rows = [MunicipalityYear(1, 2025), MunicipalityYear(2, 2025), MunicipalityYear(3, 2025)]
    by_province = rollup.group_by(rows, places, "province")
    assert {k: len(v) for k, v in by_province.items()} == {"limburg": 2, "": 1}
    assert set(rollup.group_by(rows, places, "region")) == {"R1", "R2", ""}
    result = rollup.compare(
        {"x": Decimal(10), "y": None},
        [{"x": Decimal(1), "y": None}, {"x": Decimal(2), "y": Decimal(5)}],
    )
    assert result[0] == rollup.Comparison("x", Decimal(10), Decimal("1.5"), 2)
    assert result[1] == rollup.Comparison("y", None, Decimal(5), 1)
    assert [rollup.size_class(n) for n in (0, 9_999, 10_000, 99_999, 100_000)] == [
        "small", "small", "medium", "large", "very_large",
    ]  # fmt: skip


segments = st.sampled_from(
    ["social_rent", "middle_rent", "affordable_owner", "expensive_rent", "expensive_owner"]
)
rows_strategy = st.lists(
    st.builds(
        MunicipalityYear,
        municipality_id=st.integers(1, 20),
        year=st.integers(2016, 2030),
        planned=st.dictionaries(segments, st.integers(0, 5_000)),
        realised_social=st.none() | st.integers(0, 1_000),
        efg_left=st.none() | st.integers(0, 10_000),
        signed=st.booleans(),
        open_disputes=st.integers(0, 3),
    ),
    max_size=40,
)


@settings(deadline=None, max_examples=60)
@given(rows_strategy, st.integers(0, 3))
def test_the_country_is_the_sum_of_its_provinces(rows: list[MunicipalityYear], k: int) -> None:
    places = {i: Place(i, str(i), f"p{i % (k + 1)}", f"r{i % 5}") for i in range(1, 21)}
    years = range(2016, 2031)
    country = rollup.sum_years(rows, years)
    parts = [rollup.sum_years(g, years) for g in rollup.group_by(rows, places, "province").values()]
    for year in years:
        total = country[year]
        assert total.planned_total == sum(p[year].planned_total for p in parts)
        assert total.planned_social <= total.planned_affordable <= total.planned_total
        assert total.signed == sum(p[year].signed for p in parts)
        assert total.open_disputes == sum(p[year].open_disputes for p in parts)
        assert (total.efg_left or 0) == sum(p[year].efg_left or 0 for p in parts)


def test_the_chart_is_drawn_once_for_the_same_figures() -> None:
    from woonafspraken.national import charts

    sums = list(rollup.sum_years([MunicipalityYear(1, 2029, {"social_rent": 5})], [2029]).values())
    charts._svg.cache_clear()
    first = charts.social_rent(sums)
    assert first.startswith("<svg")
    assert charts.social_rent(sums) == first
    assert charts._svg.cache_info().hits == 1
    other = list(rollup.sum_years([MunicipalityYear(1, 2029, {"social_rent": 6})], [2029]).values())
    assert charts.social_rent(other) != first
