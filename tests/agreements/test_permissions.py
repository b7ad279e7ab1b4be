"""Every role against every write: who may record, assess and edit."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tests.conftest import target_of
from woonafspraken.agreements import services
from woonafspraken.agreements.models import Agreement

ACCOUNTS = [
    "gemeente-maastricht",
    "woonpunt",
    "servatius",
    "maasvallei",
    "woonbelang",
    "servaassleutel",
    "woonvallei",
    "beheer",
    None,
]

# who may record a measurement for each kind of target
RECORD = {
    ("Nieuwbouw", "woonpunt"): {"woonpunt", "beheer"},
    ("Nieuwbouw", "servatius"): {"servatius", "beheer"},
    ("Aanbodmodel", None): {"gemeente-maastricht", "beheer"},
}
# who may assess: coordinators, admin, contributors of the lead party
ASSESS = {
    "Eigen inplaatsing maximaal 10%": {"gemeente-maastricht", "beheer", "woonpunt"},
    "Kennisteam": {"gemeente-maastricht", "beheer"},
}
EDIT = {"gemeente-maastricht", "beheer"}


def _actor(user, name):
    return AnonymousUser() if name is None else user(name)


@pytest.mark.parametrize("name", ACCOUNTS)
@pytest.mark.parametrize("key", list(RECORD))
def test_recording_a_measurement_is_allowed_exactly_for_the_right_roles(
    maastricht, user, name, key
):
    target = target_of(maastricht, *key)
    version = target.measurements.filter(year=2017).values_list("version", flat=True).first() or 0
    call = lambda: services.record_measurement(  # noqa: E731
        _actor(user, name), target, value=50, year=2017, expected_version=version
    )
    if name in RECORD[key]:
        assert call().value == 50
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert not target.measurements.filter(value=50).exists()


@pytest.mark.parametrize("name", ACCOUNTS)
@pytest.mark.parametrize("title", list(ASSESS))
def test_assessing_is_allowed_exactly_for_the_right_roles(maastricht, user, name, title):
    agreement = Agreement.objects.get(theme__cycle=maastricht, title=title)
    version = agreement.assessments.filter(year=2017).values_list("version", flat=True).first() or 0
    call = lambda: services.record_assessment(  # noqa: E731
        _actor(user, name),
        agreement,
        year=2017,
        status="dropped",
        explanation="test",
        expected_version=version,
    )
    if name in ASSESS[title]:
        assert call().status == "dropped"
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert not agreement.assessments.filter(status="dropped").exists()


@pytest.mark.parametrize("name", ACCOUNTS)
def test_editing_agreements_and_targets_is_for_coordinators(maastricht, user, name):
    target = target_of(maastricht, "Eigen inplaatsing")
    agreement = target.agreement
    edit = lambda: services.update_agreement(  # noqa: E731
        _actor(user, name), agreement, changes={"title": "Nieuw"}, expected_version=1
    )
    norm = lambda: services.update_target(  # noqa: E731
        _actor(user, name), target, changes={"value": "12"}, expected_version=1
    )
    if name in EDIT:
        assert edit().title == "Nieuw"
        assert norm().value == 12
    else:
        with pytest.raises(PermissionDenied):
            edit()
        with pytest.raises(PermissionDenied):
            norm()
        agreement.refresh_from_db()
        target.refresh_from_db()
        assert (agreement.title, target.value) == ("Eigen inplaatsing maximaal 10%", 10)
