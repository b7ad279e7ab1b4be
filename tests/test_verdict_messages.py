"""A norm that makes no sense is told in the reader's language (verdicts stays free of Django)."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext

from woonafspraken import verdicts


@pytest.mark.parametrize(
    ("norm", "dutch", "english"),
    [
        (
            {"kind": "range", "high": Decimal(497)},
            "Een norm ‘bandbreedte’ heeft een ondergrens nodig.",
            "A norm ‘range’ needs a lower limit.",
        ),
        (
            {"kind": "min", "value": Decimal(45), "label": "B"},
            "Een norm ‘minimaal’ heeft geen label; laat die leeg.",
            "A norm ‘at least’ has no label; leave it empty.",
        ),
        (
            {"kind": "range", "low": Decimal(497), "high": Decimal(377)},
            "De ondergrens (497) is hoger dan de bovengrens (377).",
            "The lower limit (497) is higher than the upper limit (377).",
        ),
        (
            {"kind": "exact", "value": Decimal(1), "tolerance": Decimal(-1)},
            "De marge mag niet negatief zijn (nu -1).",
            "The margin may not be negative (now -1).",
        ),
        (
            {"kind": "label_at_least", "label": "Q"},
            "Onbekend energielabel: ‘Q’.",
            "Unknown energy label: ‘Q’.",
        ),
        ({"kind": "zo"}, "Onbekende soort norm: ‘zo’.", "Unknown kind of norm: ‘zo’."),
    ],
)
def test_a_norm_error_in_dutch_and_in_english(norm: dict, dutch: str, english: str) -> None:
    with pytest.raises(verdicts.NormError) as error:
        verdicts.Norm(**norm)
    assert str(error.value).startswith(dutch)  # the pure module speaks Dutch by itself
    with translation.override("nl"):
        assert verdicts.message(error.value, gettext).startswith(dutch)
    with translation.override("en"):
        assert verdicts.message(error.value, gettext).startswith(english)


def test_other_errors_are_told_as_they_are() -> None:
    assert verdicts.message(TypeError("kapot"), gettext) == "kapot"
