"""The change history reads as words: dates written out, channels named, no stored codes."""

from django.utils import translation

from woonafspraken.audit import presentation


def test_stored_dates_and_decimals_are_written_the_readers_way():
    with translation.override("nl"):
        assert presentation.value_text("x.y", "decided_on", "2017-01-01") == "1 januari 2017"
        assert presentation.value_text("x.y", "value", "1572.50") == "1.572,50"
        assert presentation.value_text("x.y", "ends_on", "None") == "—"
        assert presentation.readable_text("Goedkeuring 2017-01-01") == "Goedkeuring 1 januari 2017"


def test_the_channel_of_a_change_is_named():
    with translation.override("nl"):
        assert presentation.channel_label("web:mijn-invoer") == "website, Mijn invoer"
        assert presentation.channel_label("excel") == "Excel-monitor"
        assert presentation.channel_label("") == "—"
