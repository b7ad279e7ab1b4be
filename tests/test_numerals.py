"""Numbers are read the way the reader writes them, and a doubtful one gets a question."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from woonafspraken.numerals import NumberError, format_number, message, parse_number


@pytest.mark.parametrize(
    "text,expected",
    [
        ("19.648", "19648"),
        ("19648", "19648"),
        ("1.234,5", "1234.5"),
        ("12,5", "12.5"),
        ("12,5%", "12.5"),
        ("12,5 %", "12.5"),
        ("€ 1.234", "1234"),
        ("€1.234,-", "1234"),
        ("1.234.567,89", "1234567.89"),
        ("19 648", "19648"),
        ("-3,5", "-3.5"),
        ("−3,5", "-3.5"),
        ("€ -5", "-5"),
        (" 7 ", "7"),
        ("0,25", "0.25"),
        (",5", "0.5"),
        ("12.5", "12.5"),  # a decimal point: no Dutch reading exists, so no doubt
    ],
)
def test_dutch_readers_write_numbers_the_dutch_way(text, expected):
    assert parse_number(text, "nl") == Decimal(expected)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("19,648", "19648"),
        ("1,234.5", "1234.5"),
        ("12.5", "12.5"),
        ("12.5%", "12.5"),
        ("€1,234", "1234"),
        ("1,234,567.89", "1234567.89"),
        ("12,5", "12.5"),
    ],
)
def test_english_readers_write_numbers_the_english_way(text, expected):
    assert parse_number(text, "en") == Decimal(expected)


@pytest.mark.parametrize("text,language", [("1,234", "nl"), ("1.234", "en"), ("-1,234", "nl")])
def test_a_number_that_could_mean_two_things_gets_a_question(text, language):
    with pytest.raises(NumberError) as info:
        parse_number(text, language)
    assert info.value.code == "ambiguous"
    assert sorted(abs(r) for r in info.value.readings) == [Decimal("1.234"), Decimal("1234")]
    assert "?" in message(info.value, language) and "1234" in message(info.value, language)


def test_the_other_convention_in_full_is_asked_about_not_guessed():
    with pytest.raises(NumberError) as info:
        parse_number("1,234.5", "nl")
    assert info.value.code == "other_convention"
    assert message(info.value, "nl") == (
        "Bedoelt u 1.234,5? Schrijf dan 1.234,5: een punt scheidt duizendtallen, "
        "een komma de decimalen."
    )


@pytest.mark.parametrize(
    "text,code",
    [
        ("", "empty"),
        ("€", "empty"),
        ("veel", "invalid"),
        ("1e5", "invalid"),
        ("NaN", "invalid"),
        ("1 2", "invalid"),
        ("--5", "invalid"),
        ("1,234,5", "invalid"),
        ("1.23.4", "invalid"),
        ("0,125", "too_many_places"),
        ("9" * 40, "too_large"),
    ],
)
def test_anything_else_is_refused_with_its_reason(text, code):
    with pytest.raises(NumberError) as info:
        parse_number(text, "nl")
    assert info.value.code == code
    assert message(info.value, "nl") and message(info.value, "en")


def test_a_count_refuses_decimals():
    with pytest.raises(NumberError) as info:
        parse_number("12,5", "nl", whole=True)
    assert info.value.code == "not_whole"
    assert parse_number("19.648", "nl", whole=True) == 19648


def test_numbers_are_written_in_the_readers_language():
    assert format_number(Decimal("1558.15"), "nl", 2) == "1.558,15"
    assert format_number(Decimal("1558.15"), "en", 2) == "1,558.15"
    assert format_number(19648, "nl") == "19.648"
    assert format_number(-3, "nl") == "−3"


amounts = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(amounts, st.sampled_from(["nl", "en"]))
def test_what_we_write_with_decimals_reads_back_as_the_same_number(value, language):
    assert parse_number(format_number(value, language, 2).replace("−", "-"), language) == value


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["nl", "en"]))
def test_a_grouped_whole_number_reads_back_or_is_asked_about(value, language):
    text = format_number(value, language, 0)
    try:
        assert parse_number(text, language) == value
    except NumberError as exc:  # only a lone group of three can be doubted
        assert exc.code == "ambiguous" and value in exc.readings


@given(st.text(max_size=20), st.sampled_from(["nl", "en"]))
def test_any_text_is_a_number_or_a_reason_never_a_crash(text, language):
    try:
        value = parse_number(text, language)
    except NumberError as exc:
        assert message(exc, language)
    else:
        assert value.is_finite() and value == value.quantize(Decimal("0.01"))


@given(amounts.filter(lambda v: v != v.to_integral()), st.sampled_from(["nl", "en"]))
def test_the_other_languages_writing_never_silently_gives_another_number(value, language):
    other = "en" if language == "nl" else "nl"
    text = format_number(value, other, 2).replace("−", "-")
    try:
        assert parse_number(text, language) == value
    except NumberError as exc:
        assert exc.code in ("ambiguous", "other_convention", "too_many_places")
