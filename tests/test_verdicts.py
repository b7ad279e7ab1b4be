"""Verdicts: what the numbers say about a norm (pure code, no database)."""

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from woonafspraken.verdicts import (
    AGGREGATIONS,
    KINDS,
    LABELS,
    STATUSES,
    VERDICT_CODES,
    Norm,
    PartyFigure,
    Result,
    combine,
    contradicts,
    judge,
    judge_cumulative,
    parse_label,
)

D = Decimal

# Servatius demolition 2017–2021: 377–497 homes (seed, Duurzaamheid).
SERVATIUS_DEMOLITION = Norm(kind="range", low=D(377), high=D(497))

numbers = st.decimals(
    min_value=D(-1_000_000), max_value=D(1_000_000), places=2, allow_nan=False, allow_infinity=False
)
non_negative = st.decimals(
    min_value=D(0), max_value=D(1_000_000), places=2, allow_nan=False, allow_infinity=False
)
labels = st.sampled_from(LABELS)


# --- energy labels -------------------------------------------------------------------


def test_labels_are_listed_best_first_from_a_plus_plus_plus_plus_to_g():
    assert LABELS == ("A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G")


def test_parse_label_ranks_g_lowest_and_a_plus_plus_plus_plus_highest():
    assert parse_label("G") == 0
    assert parse_label("A") == 6
    assert parse_label("A++++") == 10


def test_parse_label_ranks_every_label_higher_than_the_next_worse_one():
    ranks = [parse_label(label) for label in LABELS]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) == len(LABELS)


def test_parse_label_reads_a_slash_b_as_b_or_better():
    assert parse_label("A/B") == parse_label("B")
    assert parse_label("B/A") == parse_label("B")


@pytest.mark.parametrize("text", ["a+", " A+ ", "a +", "\tA+\n"])
def test_parse_label_ignores_case_and_spaces(text):
    assert parse_label(text) == parse_label("A+")


def test_parse_label_ignores_spaces_around_the_slash():
    assert parse_label(" a / b ") == parse_label("B")


@pytest.mark.parametrize("text", ["", "   ", "H", "A+++++", "AB", "A/", "/B", "1", "B-", "label B"])
def test_parse_label_rejects_an_unknown_label_with_a_dutch_message(text):
    with pytest.raises(ValueError, match="energielabel"):
        parse_label(text)


def test_parse_label_rejects_a_number_instead_of_text():
    with pytest.raises(TypeError, match="tekst"):
        parse_label(5)  # type: ignore[arg-type]


@given(labels, labels)
def test_parse_label_of_two_labels_is_the_worse_of_the_two(first, second):
    assert parse_label(f"{first}/{second}") == min(parse_label(first), parse_label(second))


@given(labels, st.booleans())
def test_parse_label_reads_any_label_in_lower_or_upper_case(label, lower):
    text = label.lower() if lower else label
    assert parse_label(f" {text} ") == len(LABELS) - 1 - LABELS.index(label)


# --- norms ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["min", "max", "exact"])
def test_norm_without_a_value_is_rejected(kind):
    with pytest.raises(ValueError, match="heeft een waarde nodig"):
        Norm(kind=kind)


def test_range_norm_without_a_low_bound_is_rejected():
    with pytest.raises(ValueError, match="ondergrens nodig"):
        Norm(kind="range", high=D(10))


def test_range_norm_without_a_high_bound_is_rejected():
    with pytest.raises(ValueError, match="bovengrens nodig"):
        Norm(kind="range", low=D(10))


def test_range_norm_with_low_above_high_is_rejected():
    with pytest.raises(ValueError, match=r"ondergrens \(497\) is hoger dan de bovengrens \(377\)"):
        Norm(kind="range", low=D(497), high=D(377))


def test_range_norm_with_low_a_cent_above_high_is_rejected():
    with pytest.raises(ValueError, match="hoger dan de bovengrens"):
        Norm(kind="range", low=D("5.01"), high=D(5))


def test_range_norm_with_low_equal_to_high_is_allowed():
    assert Norm(kind="range", low=D(5), high=D(5)).low == D(5)


def test_label_norm_without_a_label_is_rejected():
    with pytest.raises(ValueError, match="label nodig"):
        Norm(kind="label_at_least")


def test_label_norm_with_an_unknown_label_is_rejected():
    with pytest.raises(ValueError, match="Onbekend energielabel"):
        Norm(kind="label_at_least", label="H")


def test_label_norm_accepts_a_slash_label_from_the_seed():
    assert Norm(kind="label_at_least", label="A/B").label == "A/B"


def test_exact_norm_with_a_negative_tolerance_is_rejected():
    with pytest.raises(ValueError, match="marge mag niet negatief"):
        Norm(kind="exact", value=D(10), tolerance=D(-1))


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("min", {"value": D(1), "tolerance": D(1)}),
        ("max", {"value": D(1), "low": D(0)}),
        ("min", {"value": D(1), "label": "B"}),
        ("range", {"low": D(0), "high": D(1), "value": D(1)}),
        ("range", {"low": D(0), "high": D(1), "tolerance": D(1)}),
        ("label_at_least", {"label": "B", "value": D(1)}),
        ("exact", {"value": D(1), "high": D(2)}),
    ],
)
def test_norm_with_a_field_of_another_kind_is_rejected(kind, fields):
    with pytest.raises(ValueError, match="laat die leeg"):
        Norm(kind=kind, **fields)


def test_norm_of_an_unknown_kind_is_rejected():
    with pytest.raises(ValueError, match="Onbekende soort norm"):
        Norm(kind="between", value=D(1))  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [D("NaN"), D("Infinity"), D("-Infinity")])
def test_norm_with_a_non_finite_value_is_rejected(bad):
    with pytest.raises(ValueError, match="eindig getal"):
        Norm(kind="min", value=bad)


def test_norm_with_a_float_value_is_rejected():
    with pytest.raises(TypeError, match="Decimal"):
        Norm(kind="min", value=0.1)  # type: ignore[arg-type]


def test_norm_cannot_be_changed_after_creation():
    norm = Norm(kind="min", value=D(45))
    with pytest.raises(dataclasses.FrozenInstanceError):
        norm.value = D(50)  # type: ignore[misc]


def test_kinds_list_every_kind_of_norm():
    assert KINDS == ("min", "max", "exact", "range", "label_at_least")


# --- judge: a single figure ----------------------------------------------------------


@pytest.mark.parametrize(
    "norm",
    [
        Norm(kind="min", value=D(45)),
        Norm(kind="max", value=D(10)),
        Norm(kind="exact", value=D(10), tolerance=D(1)),
        SERVATIUS_DEMOLITION,
        Norm(kind="label_at_least", label="A/B"),
    ],
)
def test_no_measurement_is_no_data_without_a_margin(norm):
    assert judge(norm, None) == Result(verdict="no_data", margin=None, expected=None)


def test_max_norm_exceeded_is_not_met_with_positive_margin():
    # Eigen inplaatsing at most 10 %, realised 11 % in 2017.
    assert judge(Norm(kind="max", value=D(10)), D(11)) == Result("not_met", D(1))


def test_min_norm_exceeded_is_met_with_positive_margin():
    # Aanbodmodel at least 45 %, realised 54 % in 2017.
    assert judge(Norm(kind="min", value=D(45)), D(54)) == Result("met", D(9))


def test_min_norm_exactly_on_the_value_is_met_with_zero_margin():
    assert judge(Norm(kind="min", value=D(45)), D("45.00")) == Result("met", D(0))


def test_min_norm_just_below_the_value_is_not_met_with_negative_margin():
    assert judge(Norm(kind="min", value=D(45)), D("44.99")) == Result("not_met", D("-0.01"))


def test_max_norm_exactly_on_the_value_is_met_with_zero_margin():
    assert judge(Norm(kind="max", value=D(10)), D(10)) == Result("met", D(0))


def test_max_norm_below_the_value_is_met_with_negative_margin():
    assert judge(Norm(kind="max", value=D(10)), D("7.5")) == Result("met", D("-2.5"))


def test_max_norm_just_above_the_value_is_not_met():
    assert judge(Norm(kind="max", value=D(10)), D("10.01")) == Result("not_met", D("0.01"))


def test_exact_norm_without_tolerance_is_met_only_by_the_value_itself():
    norm = Norm(kind="exact", value=D(100))
    assert judge(norm, D(100)) == Result("met", D(0))
    assert judge(norm, D("100.01")) == Result("not_met", D("0.01"))
    assert judge(norm, D("99.99")) == Result("not_met", D("-0.01"))


def test_exact_norm_within_tolerance_is_met_with_the_signed_deviation_as_margin():
    norm = Norm(kind="exact", value=D(100), tolerance=D(5))
    assert judge(norm, D(103)) == Result("met", D(3))
    assert judge(norm, D(98)) == Result("met", D(-2))


@pytest.mark.parametrize(("realised", "margin"), [(D(95), D(-5)), (D(105), D(5))])
def test_exact_norm_exactly_on_the_tolerance_edge_is_met(realised, margin):
    assert judge(Norm(kind="exact", value=D(100), tolerance=D(5)), realised) == Result(
        "met", margin
    )


@pytest.mark.parametrize(("realised", "margin"), [(D("94.9"), D("-5.1")), (D("105.1"), D("5.1"))])
def test_exact_norm_outside_the_tolerance_is_not_met(realised, margin):
    assert judge(Norm(kind="exact", value=D(100), tolerance=D(5)), realised) == Result(
        "not_met", margin
    )


def test_range_norm_inside_the_range_is_met_with_zero_margin():
    assert judge(SERVATIUS_DEMOLITION, D(420)) == Result("met", D(0))


@pytest.mark.parametrize("realised", [D(377), D(497)])
def test_range_norm_exactly_on_a_bound_is_met(realised):
    assert judge(SERVATIUS_DEMOLITION, realised) == Result("met", D(0))


def test_range_norm_below_the_range_is_not_met_with_negative_margin_against_low():
    assert judge(SERVATIUS_DEMOLITION, D(350)) == Result("not_met", D(-27))


def test_range_norm_above_the_range_is_not_met_with_positive_margin_against_high():
    assert judge(SERVATIUS_DEMOLITION, D(500)) == Result("not_met", D(3))


def test_range_norm_with_equal_bounds_is_met_only_on_that_value():
    norm = Norm(kind="range", low=D(5), high=D(5))
    assert judge(norm, D(5)) == Result("met", D(0))
    assert judge(norm, D(6)) == Result("not_met", D(1))


def test_label_norm_a_slash_b_is_met_by_label_b_with_zero_margin():
    assert judge(Norm(kind="label_at_least", label="A/B"), "B") == Result("met", D(0))


def test_label_norm_a_slash_b_is_met_by_a_better_label_with_positive_margin():
    norm = Norm(kind="label_at_least", label="A/B")
    assert judge(norm, "A") == Result("met", D(1))
    assert judge(norm, "A++") == Result("met", D(3))


def test_label_norm_a_slash_b_is_not_met_by_a_worse_label_with_negative_margin_in_steps():
    norm = Norm(kind="label_at_least", label="A/B")
    assert judge(norm, "C") == Result("not_met", D(-1))
    assert judge(norm, "G") == Result("not_met", D(-5))


def test_label_norm_reads_the_realised_label_case_and_space_tolerantly():
    assert judge(Norm(kind="label_at_least", label="B"), " a+ ") == Result("met", D(2))


def test_realised_label_written_with_a_slash_counts_as_its_worse_part():
    assert judge(Norm(kind="label_at_least", label="A"), "A/B") == Result("not_met", D(-1))


def test_label_norm_given_a_number_is_rejected_with_a_dutch_message():
    with pytest.raises(ValueError, match="verwacht een energielabel"):
        judge(Norm(kind="label_at_least", label="B"), D(6))


@pytest.mark.parametrize("realised", ["B", "11", "11,5", ""])
def test_numeric_norm_given_text_is_rejected_with_a_dutch_message(realised):
    with pytest.raises(ValueError, match="verwacht een getal"):
        judge(Norm(kind="min", value=D(45)), realised)


@pytest.mark.parametrize("realised", ["H", "", "A+++++"])
def test_label_norm_given_an_unknown_label_is_rejected(realised):
    with pytest.raises(ValueError, match="energielabel"):
        judge(Norm(kind="label_at_least", label="B"), realised)


@pytest.mark.parametrize("realised", [D("NaN"), D("Infinity")])
def test_non_finite_realised_figure_is_rejected(realised):
    with pytest.raises(ValueError, match="eindig getal"):
        judge(Norm(kind="min", value=D(45)), realised)


def test_float_realised_figure_is_rejected():
    with pytest.raises(TypeError, match="Decimal"):
        judge(Norm(kind="min", value=D(45)), 54.0)  # type: ignore[arg-type]


def test_judging_a_single_figure_gives_no_expected_value():
    assert judge(Norm(kind="min", value=D(45)), D(54)).expected is None


# --- judge: properties ---------------------------------------------------------------


@given(numbers, numbers, non_negative)
def test_min_verdict_never_gets_worse_when_the_realised_figure_rises(value, realised, rise):
    norm = Norm(kind="min", value=value)
    if judge(norm, realised).verdict == "met":
        assert judge(norm, realised + rise).verdict == "met"


@given(numbers, numbers, non_negative)
def test_max_verdict_never_gets_worse_when_the_realised_figure_falls(value, realised, fall):
    norm = Norm(kind="max", value=value)
    if judge(norm, realised).verdict == "met":
        assert judge(norm, realised - fall).verdict == "met"


@given(numbers, numbers)
def test_min_norm_is_met_exactly_when_the_margin_is_not_negative(value, realised):
    result = judge(Norm(kind="min", value=value), realised)
    assert result.margin == realised - value
    assert (result.verdict == "met") == (result.margin >= 0)


@given(numbers, numbers)
def test_max_norm_is_met_exactly_when_the_margin_is_not_positive(value, realised):
    result = judge(Norm(kind="max", value=value), realised)
    assert result.margin == realised - value
    assert (result.verdict == "met") == (result.margin <= 0)


@given(numbers, non_negative, numbers)
def test_exact_norm_is_met_exactly_when_the_margin_is_within_the_tolerance(
    value, tolerance, realised
):
    result = judge(Norm(kind="exact", value=value, tolerance=tolerance), realised)
    assert result.margin == realised - value
    assert (result.verdict == "met") == (abs(result.margin) <= tolerance)


@given(numbers, numbers, numbers)
def test_range_norm_is_met_exactly_when_the_margin_is_zero(first, second, realised):
    low, high = sorted((first, second))
    result = judge(Norm(kind="range", low=low, high=high), realised)
    assert (result.verdict == "met") == (result.margin == 0)
    assert (result.verdict == "met") == (low <= realised <= high)


@given(numbers, numbers, numbers)
def test_range_margin_is_negative_below_and_positive_above_the_range(first, second, realised):
    low, high = sorted((first, second))
    margin = judge(Norm(kind="range", low=low, high=high), realised).margin
    if realised < low:
        assert margin == realised - low
        assert margin < 0
    elif realised > high:
        assert margin == realised - high
        assert margin > 0
    else:
        assert margin == 0


@given(labels, labels)
def test_label_norm_is_met_exactly_when_the_margin_in_steps_is_not_negative(required, realised):
    result = judge(Norm(kind="label_at_least", label=required), realised)
    assert result.margin == LABELS.index(required) - LABELS.index(realised)
    assert (result.verdict == "met") == (result.margin >= 0)


# --- judge_cumulative ----------------------------------------------------------------


def servatius(yearly, as_of_year, steps=None):
    return judge_cumulative(SERVATIUS_DEMOLITION, yearly, 2017, 2021, as_of_year, steps)


def test_cumulative_target_without_any_measurement_is_no_data():
    assert servatius({}, 2019) == Result("no_data", None, None)


def test_cumulative_target_with_measurements_only_outside_the_period_is_no_data():
    assert servatius({2016: D(50), 2022: D(80)}, 2021) == Result("no_data", None, None)


def test_cumulative_target_with_measurements_only_after_the_as_of_year_is_no_data():
    assert servatius({2019: D(80)}, 2018) == Result("no_data", None, None)


def test_cumulative_target_before_the_period_starts_is_no_data():
    assert servatius({2017: D(80)}, 2016) == Result("no_data", None, None)


def test_servatius_demolition_ahead_of_the_low_path_after_the_first_year_is_on_track():
    # Low path after 1 of 5 years: 377 / 5 = 75.4; within the range the margin is 0.
    assert servatius({2017: D(80)}, 2017) == Result("on_track", D(0), D("75.4"))


def test_servatius_demolition_below_the_low_path_after_two_years_is_behind():
    # Low path after 2 of 5 years: 150.8; demolished 60 + 70 = 130.
    assert servatius({2017: D(60), 2018: D(70)}, 2018) == Result("behind", D("-20.8"), D("150.8"))


def test_servatius_demolition_exactly_on_the_low_path_is_on_track():
    assert servatius({2017: D(100), 2018: D("50.8")}, 2018) == Result("on_track", D(0), D("150.8"))


def test_servatius_demolition_above_the_range_during_the_period_is_behind():
    # 510 homes demolished after three years: the top of the range is already passed.
    assert servatius({2017: D(200), 2018: D(200), 2019: D(110)}, 2019) == Result(
        "behind", D(13), D("226.2")
    )


def test_servatius_demolition_within_the_range_at_the_end_is_met():
    yearly = {2017: D(60), 2018: D(90), 2019: D(100), 2020: D(80), 2021: D(90)}
    assert servatius(yearly, 2021) == Result("met", D(0), None)


def test_servatius_demolition_below_the_range_at_the_end_is_not_met():
    yearly = {2017: D(60), 2018: D(90), 2019: D(100), 2020: D(50), 2021: D(50)}
    assert servatius(yearly, 2021) == Result("not_met", D(-27), None)


def test_servatius_demolition_above_the_range_at_the_end_is_not_met():
    yearly = {2017: D(100), 2018: D(100), 2019: D(100), 2020: D(100), 2021: D(100)}
    assert servatius(yearly, 2021) == Result("not_met", D(3), None)


def test_cumulative_target_judged_after_the_period_uses_only_the_years_of_the_period():
    yearly = {2016: D(500), 2017: D(200), 2021: D(200), 2022: D(500)}
    assert servatius(yearly, 2023) == Result("met", D(0), None)


def test_cumulative_target_ignores_years_after_the_as_of_year():
    assert servatius({2017: D(70), 2018: D(1000)}, 2017) == Result("behind", D("-5.4"), D("75.4"))


def test_cumulative_target_counts_a_year_without_measurement_as_nothing():
    # 2018 not reported: the cumulative is 60 + 100 = 160 against a low path of 226.2.
    assert servatius({2017: D(60), 2019: D(100)}, 2019) == Result("behind", D("-66.2"), D("226.2"))


def test_cumulative_min_target_on_the_linear_path_is_on_track():
    norm = Norm(kind="min", value=D(476))  # Servatius new build 2017–2021
    result = judge_cumulative(norm, {2017: D(100), 2018: D("90.4")}, 2017, 2021, 2018)
    assert result == Result("on_track", D(0), D("190.4"))


def test_cumulative_min_target_below_the_linear_path_is_behind():
    norm = Norm(kind="min", value=D(476))
    result = judge_cumulative(norm, {2017: D(100), 2018: D(90)}, 2017, 2021, 2018)
    assert result == Result("behind", D("-0.4"), D("190.4"))


def test_cumulative_min_target_reached_at_the_end_is_met():
    norm = Norm(kind="min", value=D(476))
    result = judge_cumulative(norm, {2017: D(200), 2021: D(300)}, 2017, 2021, 2021)
    assert result == Result("met", D(24), None)


def test_cumulative_min_target_short_at_the_end_is_not_met():
    norm = Norm(kind="min", value=D(476))
    result = judge_cumulative(norm, {2017: D(200), 2021: D(200)}, 2017, 2021, 2021)
    assert result == Result("not_met", D(-76), None)


def test_cumulative_max_target_under_the_ceiling_is_on_track_even_ahead_of_the_pace():
    norm = Norm(kind="max", value=D(100))
    result = judge_cumulative(norm, {2017: D(30)}, 2017, 2021, 2017)
    assert result == Result("on_track", D(10), D(20))


def test_cumulative_max_target_exactly_on_the_ceiling_during_the_period_is_on_track():
    norm = Norm(kind="max", value=D(100))
    result = judge_cumulative(norm, {2017: D(100)}, 2017, 2021, 2017)
    assert result == Result("on_track", D(80), D(20))


def test_cumulative_max_target_over_the_ceiling_during_the_period_is_behind():
    norm = Norm(kind="max", value=D(100))
    result = judge_cumulative(norm, {2017: D(60), 2018: D(41)}, 2017, 2021, 2018)
    assert result == Result("behind", D(61), D(40))


def test_cumulative_max_target_over_the_ceiling_at_the_end_is_not_met():
    norm = Norm(kind="max", value=D(100))
    result = judge_cumulative(norm, {2017: D(60), 2018: D(41)}, 2017, 2021, 2021)
    assert result == Result("not_met", D(1), None)


def test_cumulative_exact_target_on_the_path_is_on_track():
    norm = Norm(kind="exact", value=D(100))
    result = judge_cumulative(norm, {2017: D(20)}, 2017, 2021, 2017)
    assert result == Result("on_track", D(0), D(20))


def test_cumulative_exact_target_below_the_path_is_behind():
    norm = Norm(kind="exact", value=D(100))
    result = judge_cumulative(norm, {2017: D(19)}, 2017, 2021, 2017)
    assert result == Result("behind", D(-1), D(20))


def test_cumulative_exact_target_below_the_path_within_the_tolerance_is_on_track():
    norm = Norm(kind="exact", value=D(100), tolerance=D(5))
    result = judge_cumulative(norm, {2017: D(15)}, 2017, 2021, 2017)
    assert result == Result("on_track", D(-5), D(20))


def test_cumulative_exact_target_below_the_path_beyond_the_tolerance_is_behind():
    norm = Norm(kind="exact", value=D(100), tolerance=D(5))
    result = judge_cumulative(norm, {2017: D("14.99")}, 2017, 2021, 2017)
    assert result == Result("behind", D("-5.01"), D(20))


def test_cumulative_exact_target_past_the_value_plus_tolerance_during_the_period_is_behind():
    norm = Norm(kind="exact", value=D(100), tolerance=D(5))
    assert judge_cumulative(norm, {2017: D(105)}, 2017, 2021, 2017).verdict == "on_track"
    result = judge_cumulative(norm, {2017: D(106)}, 2017, 2021, 2017)
    assert result == Result("behind", D(86), D(20))


def test_cumulative_exact_target_within_the_tolerance_at_the_end_is_met():
    norm = Norm(kind="exact", value=D(100), tolerance=D(5))
    result = judge_cumulative(norm, {2017: D(50), 2018: D(46)}, 2017, 2018, 2018)
    assert result == Result("met", D(-4), None)


def test_cumulative_exact_target_outside_the_tolerance_at_the_end_is_not_met():
    norm = Norm(kind="exact", value=D(100), tolerance=D(5))
    result = judge_cumulative(norm, {2017: D(50), 2018: D(44)}, 2017, 2018, 2018)
    assert result == Result("not_met", D(-6), None)


def test_single_year_cumulative_target_is_judged_as_finished_in_that_year():
    norm = Norm(kind="min", value=D(45))
    assert judge_cumulative(norm, {2017: D(54)}, 2017, 2017, 2017) == Result("met", D(9), None)


def test_linear_path_with_an_uneven_share_keeps_decimal_precision():
    norm = Norm(kind="min", value=D(100))
    result = judge_cumulative(norm, {2017: D(34)}, 2017, 2019, 2017)
    assert result.verdict == "on_track"
    assert result.expected == D(100) / D(3)
    assert result.margin == D(34) - D(100) / D(3)


def test_stated_yearly_steps_replace_the_linear_path():
    norm = Norm(kind="min", value=D(476))
    steps = {2017: D(60), 2018: D(150), 2019: D(300), 2020: D(400), 2021: D(476)}
    # Linear path would be 95.2 after 2017; the stated step is 60.
    result = judge_cumulative(norm, {2017: D(70)}, 2017, 2021, 2017, steps)
    assert result == Result("on_track", D(10), D(60))
    result = judge_cumulative(norm, {2017: D(70), 2018: D(70)}, 2017, 2021, 2018, steps)
    assert result == Result("behind", D(-10), D(150))


def test_stated_yearly_steps_give_the_low_path_of_a_range():
    steps = {2017: D(50), 2018: D(100), 2019: D(200), 2020: D(300), 2021: D(377)}
    assert servatius({2017: D(60)}, 2017, steps) == Result("on_track", D(0), D(50))
    assert servatius({2017: D(40)}, 2017, steps) == Result("behind", D(-10), D(50))


def test_stated_yearly_steps_for_a_max_target_only_move_the_expected_value():
    norm = Norm(kind="max", value=D(100))
    result = judge_cumulative(norm, {2017: D(30)}, 2017, 2021, 2017, {2017: D(10)})
    assert result == Result("on_track", D(20), D(10))


def test_stated_yearly_steps_without_the_as_of_year_are_rejected():
    norm = Norm(kind="min", value=D(476))
    with pytest.raises(ValueError, match="geen tussenstap opgegeven voor 2018"):
        judge_cumulative(norm, {2017: D(70)}, 2017, 2021, 2018, {2017: D(60)})


def test_stated_yearly_steps_are_not_used_at_the_end_of_the_period():
    norm = Norm(kind="min", value=D(100))
    result = judge_cumulative(norm, {2017: D(100)}, 2017, 2018, 2018, {2017: D(10)})
    assert result == Result("met", D(0), None)


def test_cumulative_label_target_is_rejected_with_a_dutch_message():
    norm = Norm(kind="label_at_least", label="A/B")
    with pytest.raises(ValueError, match="telt niet op over jaren"):
        judge_cumulative(norm, {}, 2017, 2021, 2018)


def test_cumulative_target_with_the_period_ending_before_it_starts_is_rejected():
    with pytest.raises(ValueError, match="beginjaar \\(2021\\) ligt na het eindjaar \\(2017\\)"):
        judge_cumulative(SERVATIUS_DEMOLITION, {2017: D(1)}, 2021, 2017, 2021)


def test_cumulative_target_with_a_non_finite_measurement_is_rejected():
    with pytest.raises(ValueError, match="eindig getal"):
        servatius({2017: D("NaN")}, 2018)


# --- judge_cumulative: properties ----------------------------------------------------

years = st.integers(min_value=2000, max_value=2040)
yearly_figures = st.dictionaries(years, non_negative, max_size=8)


@given(
    st.sampled_from(
        [
            Norm(kind="min", value=D(476)),
            Norm(kind="max", value=D(100)),
            Norm(kind="exact", value=D(100), tolerance=D(3)),
            SERVATIUS_DEMOLITION,
        ]
    ),
    yearly_figures,
    years,
    st.integers(min_value=0, max_value=10),
    st.integers(min_value=0, max_value=10),
)
def test_cumulative_target_at_or_after_the_end_is_judged_on_the_total_of_the_period(
    norm, yearly, start_year, length, late
):
    end_year = start_year + length
    in_period = [amount for year, amount in yearly.items() if start_year <= year <= end_year]
    if not in_period:
        assert judge_cumulative(norm, yearly, start_year, end_year, end_year + late).verdict == (
            "no_data"
        )
        return
    result = judge_cumulative(norm, yearly, start_year, end_year, end_year + late)
    assert result == judge(norm, sum(in_period, D(0)))


@given(non_negative, yearly_figures, years, st.integers(min_value=1, max_value=10), st.data())
def test_cumulative_min_target_is_on_track_exactly_when_the_margin_is_not_negative(
    value, yearly, start_year, length, data
):
    end_year = start_year + length
    as_of_year = data.draw(st.integers(min_value=start_year, max_value=end_year - 1))
    result = judge_cumulative(
        Norm(kind="min", value=value), yearly, start_year, end_year, as_of_year
    )
    if result.verdict == "no_data":
        assert not any(start_year <= year <= as_of_year for year in yearly)
        assert result.margin is None
    else:
        assert result.verdict in ("on_track", "behind")
        assert (result.verdict == "on_track") == (result.margin >= 0)


@given(non_negative, years, st.integers(min_value=1, max_value=10), st.data())
def test_linear_path_grows_year_by_year_towards_the_value(value, start_year, length, data):
    end_year = start_year + length
    norm = Norm(kind="min", value=value)
    yearly = {start_year: D(0)}
    expected = [
        judge_cumulative(norm, yearly, start_year, end_year, year).expected
        for year in range(start_year, end_year)
    ]
    assert expected == sorted(expected)
    assert all(0 <= each <= value for each in expected)
    assert expected[0] == value / (length + 1)


@given(
    numbers,
    numbers,
    non_negative,
    yearly_figures,
    years,
    st.integers(min_value=1, max_value=10),
    st.data(),
)
def test_cumulative_range_is_on_track_exactly_when_the_margin_is_zero(
    first, second, first_year_figure, yearly, start_year, length, data
):
    low, high = sorted((first, second))
    end_year = start_year + length
    as_of_year = data.draw(st.integers(min_value=start_year, max_value=end_year - 1))
    norm = Norm(kind="range", low=low, high=high)
    yearly = {**yearly, start_year: first_year_figure}
    result = judge_cumulative(norm, yearly, start_year, end_year, as_of_year)
    assert result.verdict in ("on_track", "behind")
    assert (result.verdict == "on_track") == (result.margin == 0)
    assert result.expected == low * (as_of_year - start_year + 1) / (length + 1)


# --- combine -------------------------------------------------------------------------


def test_aggregations_are_sum_weighted_share_and_none():
    assert AGGREGATIONS == ("sum", "weighted_share", "none")


def test_sum_adds_up_the_parties_values():
    figures = [PartyFigure(D(60)), PartyFigure(D(476)), PartyFigure(D(306))]
    assert combine(figures, "sum") == D(842)


def test_sum_of_no_figures_is_none():
    assert combine([], "sum") is None


def test_weighted_share_divides_the_summed_numerators_by_the_summed_denominators():
    # 54 of 100 lettings and 30 of 300: jointly 84 of 400 = 21 %, not the mean 32 %.
    figures = [
        PartyFigure(D(54), numerator=D(54), denominator=D(100)),
        PartyFigure(D(10), numerator=D(30), denominator=D(300)),
    ]
    assert combine(figures, "weighted_share") == D(21)


def test_weighted_share_without_a_numerator_for_one_party_is_none():
    figures = [
        PartyFigure(D(54), numerator=D(54), denominator=D(100)),
        PartyFigure(D(10), denominator=D(300)),
    ]
    assert combine(figures, "weighted_share") is None


def test_weighted_share_without_a_denominator_for_one_party_is_none():
    figures = [
        PartyFigure(D(54), numerator=D(54), denominator=D(100)),
        PartyFigure(D(10), numerator=D(30)),
    ]
    assert combine(figures, "weighted_share") is None


def test_weighted_share_with_a_zero_total_denominator_is_none():
    figures = [PartyFigure(D(0), numerator=D(0), denominator=D(0))]
    assert combine(figures, "weighted_share") is None


def test_weighted_share_of_no_figures_is_none():
    assert combine([], "weighted_share") is None


def test_aggregation_none_never_combines_party_figures():
    assert combine([PartyFigure(D(54), numerator=D(54), denominator=D(100))], "none") is None


def test_unknown_aggregation_is_rejected_with_a_dutch_message():
    with pytest.raises(ValueError, match="Onbekende manier van optellen"):
        combine([PartyFigure(D(1))], "mean")  # type: ignore[arg-type]


@given(st.lists(numbers, max_size=10))
def test_sum_equals_the_sum_of_the_values_or_none_when_empty(values):
    result = combine([PartyFigure(value) for value in values], "sum")
    assert result == (sum(values, D(0)) if values else None)


shares = st.tuples(
    st.decimals(min_value=D(0), max_value=D(10_000), places=0),
    st.decimals(min_value=D(1), max_value=D(10_000), places=0),
).filter(lambda pair: pair[0] <= pair[1])


@given(st.lists(shares, min_size=1, max_size=10))
def test_weighted_share_lies_between_the_lowest_and_highest_party_share(pairs):
    figures = [PartyFigure(100 * n / d, numerator=n, denominator=d) for n, d in pairs]
    result = combine(figures, "weighted_share")
    own = [figure.value for figure in figures]
    assert result is not None
    # A tiny slack for the last digit of Decimal division.
    assert min(own) - D("1e-20") <= result <= max(own) + D("1e-20")
    assert 0 <= result <= 100


# --- contradicts ---------------------------------------------------------------------

CONTRADICTING = {
    ("achieved", "not_met"),
    ("achieved", "behind"),
    ("not_achieved", "met"),
    ("on_track", "not_met"),
}


def test_statuses_and_verdict_codes_are_the_ones_of_the_glossary():
    assert STATUSES == ("achieved", "on_track", "attention", "unclear", "not_achieved", "dropped")
    assert VERDICT_CODES == ("met", "not_met", "on_track", "behind", "no_data")


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("verdict", VERDICT_CODES)
def test_contradicts_follows_the_table_for_every_status_and_verdict(status, verdict):
    assert contradicts(status, verdict) is ((status, verdict) in CONTRADICTING)


def test_achieved_contradicts_not_met_and_behind_only():
    assert [v for v in VERDICT_CODES if contradicts("achieved", v)] == ["not_met", "behind"]


def test_not_achieved_contradicts_met_only():
    assert [v for v in VERDICT_CODES if contradicts("not_achieved", v)] == ["met"]


def test_on_track_contradicts_not_met_only():
    assert [v for v in VERDICT_CODES if contradicts("on_track", v)] == ["not_met"]


def test_no_data_never_contradicts_any_status():
    assert [s for s in STATUSES if contradicts(s, "no_data")] == []


@pytest.mark.parametrize("status", ["attention", "unclear", "dropped"])
def test_attention_unclear_and_dropped_never_contradict_the_numbers(status):
    assert [v for v in VERDICT_CODES if contradicts(status, v)] == []


def test_contradicts_rejects_an_unknown_status():
    with pytest.raises(ValueError, match="Onbekende status"):
        contradicts("done", "met")  # type: ignore[arg-type]


def test_contradicts_rejects_an_unknown_verdict():
    with pytest.raises(ValueError, match="Onbekend oordeel"):
        contradicts("achieved", "ok")  # type: ignore[arg-type]
