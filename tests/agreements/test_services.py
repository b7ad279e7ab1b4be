from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import target_of
from woonafspraken.agreements import services
from woonafspraken.agreements.models import Agreement
from woonafspraken.audit.models import AuditEntry


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("11", "11"),
        ("11,5", "11.5"),
        ("1.572", "1572"),
        ("1.572,25", "1572.25"),
        (" 7 ", "7"),
        ("10%", "10"),
    ],
)
def test_numbers_are_read_the_dutch_way(raw, expected):
    assert services.parse_value(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["", "veel", "1e400", "NaN", "1,234,5", "0.001", None, True])
def test_anything_else_is_refused_with_a_dutch_message(raw):
    with pytest.raises(ValidationError) as info:
        services.parse_value(raw)
    assert any(word in " ".join(info.value.messages) for word in ("getal", "decimalen", "groot"))


def test_a_percentage_above_100_is_refused(maastricht, user):
    target = target_of(maastricht, "Aanbodmodel")
    with pytest.raises(ValidationError):
        services.record_measurement(user("beheer"), target, value=120, expected_version=1)


def test_a_count_must_be_whole(maastricht, user):
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    with pytest.raises(ValidationError):
        services.record_measurement(user("woonpunt"), target, value="1,5", year=2017)


def test_a_year_outside_the_period_is_refused(maastricht, user):
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    with pytest.raises(ValidationError):
        services.record_measurement(user("woonpunt"), target, value=1, year=2030)


def test_an_energy_label_is_checked(maastricht, user):
    target = target_of(maastricht, "Energielabel", "woonpunt")
    with pytest.raises(ValidationError):
        services.record_measurement(user("woonpunt"), target, value="Z", year=2017)
    m = services.record_measurement(user("woonpunt"), target, value="a", year=2017)
    assert m.label == "A"


def test_a_status_that_contradicts_the_numbers_needs_an_explanation(maastricht, user):
    agreement = Agreement.objects.get(
        theme__cycle=maastricht, title__startswith="Eigen inplaatsing"
    )
    with pytest.raises(ValidationError) as info:
        services.record_assessment(
            user("gemeente-maastricht"), agreement, year=2017, status="achieved"
        )
    assert "Licht toe" in info.value.messages[0]
    a = services.record_assessment(
        user("gemeente-maastricht"),
        agreement,
        year=2017,
        status="achieved",
        explanation="11 % ligt binnen de meetonzekerheid",
    )
    assert a.status == "achieved"


def test_an_agreeing_status_needs_no_explanation(maastricht, user):
    agreement = Agreement.objects.get(theme__cycle=maastricht, title__startswith="Aanbodmodel")
    assert services.record_assessment(
        user("gemeente-maastricht"), agreement, year=2017, status="achieved"
    )


def test_a_stale_assessment_edit_is_a_conflict(maastricht, user):
    agreement = Agreement.objects.get(theme__cycle=maastricht, title="Kennisteam")
    coordinator = user("gemeente-maastricht")
    services.record_assessment(
        coordinator, agreement, year=2017, status="on_track", expected_version=1
    )
    with pytest.raises(services.Conflict):
        services.record_assessment(
            coordinator, agreement, year=2017, status="achieved", expected_version=1
        )
    history = AuditEntry.objects.filter(
        object_type="agreements.assessment", agreement_id=agreement.pk
    )
    assert [e.new["status"] for e in history.order_by("id")] == ["attention", "on_track"]


def test_audit_entries_cannot_be_changed(maastricht):
    entry = AuditEntry.objects.first()
    entry.action = "x"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
