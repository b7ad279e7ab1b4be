"""The real-estate pipeline: norms, realisations and bids per corporation (pure code)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from woonafspraken import pipeline
from woonafspraken.agreements import demo
from woonafspraken.pipeline import Corporation, PeriodTarget, PlannedItem, build
from woonafspraken.verdicts import Norm, judge_cumulative

D = Decimal
WOONPUNT = Corporation(2, "Woonpunt")
SERVATIUS = Corporation(3, "Servatius")
MAASVALLEI = Corporation(4, "Maasvallei")
CORPORATIONS = [MAASVALLEI, SERVATIUS, WOONPUNT]


def _tables(targets=(), planned=(), as_of=2021, corporations=CORPORATIONS):
    return {t.kind: t for t in build(corporations, list(targets), list(planned), 2017, 2021, as_of)}


def _row(table, corporation):
    return next(r for r in table.rows if r.corporation == corporation)


def new_build(corporation, value, yearly=None):
    return PeriodTarget("new_build", corporation.id, Norm("min", value=D(value)), yearly or {})


def test_the_indicator_names_are_those_the_demo_creates():
    for kind, name in pipeline.INDICATOR_NAMES.items():
        assert demo.INDICATORS[kind][0] == name
        assert pipeline.kind_of_indicator(name) == kind
    assert pipeline.kind_of_indicator("Energielabel na renovatie") is None


def test_there_is_one_table_per_kind_with_one_row_per_corporation_in_the_given_order():
    tables = build(CORPORATIONS, [], [], 2017, 2021, 2021)
    assert [t.kind for t in tables] == ["new_build", "renovation", "demolition"]
    for table in tables:
        assert table.years == (2017, 2018, 2019, 2020, 2021)
        assert [r.corporation for r in table.rows] == CORPORATIONS


def test_the_yearly_measurements_add_up_to_the_cumulative_and_the_remaining():
    target = new_build(WOONPUNT, 60, {2017: D(10), 2019: D(15)})
    row = _row(_tables([target])["new_build"], WOONPUNT)
    assert row.realised == (D(10), None, D(15), None, None)
    assert row.cumulative == D(25)
    assert row.remaining == D(35)
    assert row.remaining_high is None
    assert row.result.verdict == "not_met"
    assert row.result.margin == D(-35)


def test_the_verdict_is_that_of_judge_cumulative_as_it_stands_in_the_chosen_year():
    yearly = {2017: D(10), 2018: D(20), 2020: D(40)}
    target = new_build(WOONPUNT, 60, yearly)
    for as_of in range(2016, 2023):
        row = _row(_tables([target], as_of=as_of)["new_build"], WOONPUNT)
        assert row.result == judge_cumulative(target.norm, yearly, 2017, 2021, as_of)
    during = _row(_tables([target], as_of=2018)["new_build"], WOONPUNT)
    assert during.cumulative == D(30)  # 2020 is not counted yet
    assert during.result.verdict == "on_track"  # 30 >= 60 x 2/5


def test_nothing_is_left_to_go_once_the_norm_is_passed():
    row = _row(_tables([new_build(WOONPUNT, 60, {2017: D(75)})])["new_build"], WOONPUNT)
    assert row.remaining == D(0)
    assert row.result.verdict == "met"


def test_a_range_norm_has_a_remaining_range_and_is_met_inside_it():
    norm = Norm("range", low=D(377), high=D(497))
    target = PeriodTarget("demolition", SERVATIUS.id, norm, {2017: D(100), 2018: D(300)})
    row = _row(_tables([target])["demolition"], SERVATIUS)
    assert row.norm == norm
    assert row.cumulative == D(400)
    assert (row.remaining, row.remaining_high) == (D(0), D(97))
    assert row.result.verdict == "met"
    below = PeriodTarget("demolition", SERVATIUS.id, norm, {2017: D(100)})
    row = _row(_tables([below])["demolition"], SERVATIUS)
    assert (row.remaining, row.remaining_high) == (D(277), D(397))
    assert row.result.verdict == "not_met"


def test_an_exact_norm_counts_down_to_its_value():
    target = PeriodTarget("demolition", WOONPUNT.id, Norm("exact", value=D(195)), {2017: D(45)})
    row = _row(_tables([target])["demolition"], WOONPUNT)
    assert row.remaining == D(150)


def test_without_measurements_there_is_no_data_and_nothing_to_count():
    row = _row(_tables([new_build(WOONPUNT, 60)])["new_build"], WOONPUNT)
    assert row.norm == Norm("min", value=D(60))
    assert row.realised == (None,) * 5
    assert (row.cumulative, row.remaining) == (None, None)
    assert row.result.verdict == "no_data"


def test_a_corporation_without_a_target_has_a_row_without_a_norm_or_verdict():
    tables = _tables([new_build(WOONPUNT, 60, {2017: D(5)})])
    row = _row(tables["new_build"], MAASVALLEI)
    assert row.norm is None and row.result is None and row.agreement_id is None
    assert (row.cumulative, row.remaining) == (None, None)
    assert not tables["renovation"].has_norms
    assert tables["new_build"].has_norms


def test_a_target_of_an_unknown_corporation_is_refused():
    with pytest.raises(ValueError, match="niet in de lijst"):
        _tables([new_build(Corporation(99, "Elders"), 10)])


def test_an_energy_label_norm_does_not_add_up():
    target = PeriodTarget("renovation", WOONPUNT.id, Norm("label_at_least", label="B"), {})
    with pytest.raises(ValueError, match="energielabel"):
        _tables([target])


def test_the_first_target_of_a_corporation_counts():
    first = new_build(WOONPUNT, 60, {2017: D(1)})
    row = _row(_tables([first, new_build(WOONPUNT, 99)])["new_build"], WOONPUNT)
    assert row.norm.value == D(60) and row.cumulative == D(1)


def test_a_bid_plans_the_five_years_after_its_year_and_its_items_add_up():
    items = [
        PlannedItem("new_build", WOONPUNT.id, 2016, (10, 20, 0, 5)),
        PlannedItem("new_build", WOONPUNT.id, 2016, (1, None, 1)),
    ]
    row = _row(_tables(planned=items)["new_build"], WOONPUNT)
    assert row.planned == (11, 20, 1, 5, None)
    assert row.planned_bid_years == (2016,)
    assert row.has_plan
    assert _tables(planned=items)["new_build"].has_plans
    assert not _row(_tables(planned=items)["new_build"], SERVATIUS).has_plan


def test_a_newer_bid_replaces_the_years_it_plans():
    items = [
        PlannedItem("new_build", WOONPUNT.id, 2016, (10, 20, 30, 40, 50)),
        PlannedItem("new_build", WOONPUNT.id, 2018, (7, None, 9)),
    ]
    row = _row(_tables(planned=items)["new_build"], WOONPUNT)
    assert row.planned == (10, 20, 7, 40, 9)
    assert row.planned_bid_years == (2016, 2018)


def test_plans_outside_the_period_are_left_out():
    items = [PlannedItem("new_build", WOONPUNT.id, 2020, (4, 5, 6))]
    row = _row(_tables(planned=items)["new_build"], WOONPUNT)
    assert row.planned == (None, None, None, None, 4)


def test_the_chart_path_is_linear_over_all_corporations_with_the_realised_total():
    targets = [
        new_build(WOONPUNT, 60, {2017: D(10), 2019: D(5)}),
        new_build(SERVATIUS, 476, {2018: D(20)}),
        new_build(MAASVALLEI, 306),
    ]
    path = _tables(targets, as_of=2019)["new_build"].path
    assert [p.expected_low for p in path] == [D("168.4"), D("336.8"), D("505.2"), D("673.6"), 842]
    assert all(p.expected_high is None for p in path)
    assert [p.realised for p in path] == [D(10), D(30), D(35), None, None]


def test_the_chart_path_of_a_range_has_a_high_line():
    targets = [
        PeriodTarget("demolition", SERVATIUS.id, Norm("range", low=D(377), high=D(497)), {}),
        PeriodTarget("demolition", WOONPUNT.id, Norm("exact", value=D(195)), {}),
    ]
    path = _tables(targets)["demolition"].path
    assert (path[-1].expected_low, path[-1].expected_high) == (D(572), D(692))
    assert [p.realised for p in path] == [None] * 5


def test_without_norms_the_path_has_no_expected_values():
    path = _tables()["renovation"].path
    assert all(p.expected_low is None and p.expected_high is None for p in path)


@pytest.mark.parametrize(
    ("this_year", "expected"), [(2010, 2017), (2017, 2017), (2019, 2019), (2026, 2021)]
)
def test_the_default_year_is_this_year_within_the_period(this_year, expected):
    assert pipeline.default_as_of(2017, 2021, this_year) == expected


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="beginjaar"):
        build(CORPORATIONS, [], [], 2021, 2017, 2021)


amounts = st.dictionaries(
    st.integers(2015, 2023), st.decimals(min_value=0, max_value=10_000, places=0), max_size=9
)


@given(yearly=amounts, value=st.integers(0, 5000), as_of=st.integers(2016, 2022))
def test_cumulative_plus_remaining_reaches_the_norm_unless_it_is_passed(yearly, value, as_of):
    row = _row(_tables([new_build(WOONPUNT, value, yearly)], as_of=as_of)["new_build"], WOONPUNT)
    counted = [v for y, v in yearly.items() if 2017 <= y <= min(as_of, 2021)]
    if not counted:
        assert row.cumulative is None and row.remaining is None
        return
    assert row.cumulative == sum(counted)
    assert row.remaining == max(D(value) - row.cumulative, D(0))
