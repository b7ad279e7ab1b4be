"""Amendments to target norms: proposed on the process page, applied when every party approved."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import target_of
from tests.process.conftest import approve_all, to_decision
from woonafspraken.audit.models import AuditEntry
from woonafspraken.process import services
from woonafspraken.process.models import Amendment, SignedVersion


@pytest.fixture
def signed(maastricht: Any, user: Any, college: Any) -> Any:
    to_decision(maastricht, user("beheer"))
    approve_all(maastricht)
    return maastricht


def propose(client: Any, cycle: Any, **fields: Any) -> Any:
    data = {"agreement": "", "description": "Nieuwe prognose", **fields}
    return client.post(f"/cycli/{cycle.pk}/amendementen/", data, follow=True)


def test_the_amendment_form_offers_every_target_with_its_current_norm(
    client: Any, signed: Any, user: Any
) -> None:
    client.force_login(user("gemeente-maastricht"))
    page = client.get(f"/cycli/{signed.pk}/proces/?deel=uitvoering").content.decode()
    target = target_of(signed, "Sloop", "servatius")
    assert f'<option value="{target.pk}">' in page
    assert "Sloop (woningen) – Servatius – looptijd: 377–497" in page
    for field in ("am-value", "am-low", "am-high", "am-label"):
        assert f'<label class="utrecht-form-label" for="{field}">' in page


def test_a_coordinator_proposes_a_new_norm_and_the_audit_has_it(
    client: Any, signed: Any, user: Any
) -> None:
    target = target_of(signed, "Nieuwbouw", "woonpunt")
    client.force_login(user("gemeente-maastricht"))
    response = propose(client, signed, target=target.pk, target_value="75,5")
    assert "Het wijzigingsvoorstel is ingediend" in response.content.decode()
    amendment = Amendment.objects.get()
    [change] = amendment.changes
    assert (change["object"], change["field"], change["old"], change["new"]) == (
        "target",
        "value",
        "60",
        "75.5",
    )
    assert (change["old_norm"], change["new_norm"]) == ("minimaal 60", "minimaal 75,5")
    entry = AuditEntry.objects.get(action="process.amendment.proposed")
    assert entry.actor == user("gemeente-maastricht")
    target.refresh_from_db()
    assert target.value == 60  # nothing changes before every party approved


def test_the_amendment_page_shows_the_old_and_the_new_norm(
    client: Any, signed: Any, user: Any
) -> None:
    target = target_of(signed, "Sloop", "servatius")
    client.force_login(user("gemeente-maastricht"))
    page = propose(client, signed, target=target.pk, target_low="400", target_high="520")
    html = page.content.decode()
    assert "<del>377–497</del>" in html
    assert "<ins>400–520</ins>" in html


@pytest.mark.parametrize(
    ("indicator", "party", "fields", "says"),
    [
        ("Nieuwbouw", "woonpunt", {"target_value": "veel"}, ["‘veel’ is geen getal"]),
        (
            "Sloop",
            "servatius",
            {"target_low": "600"},  # above the upper bound
            [
                "De nieuwe norm voor Sloop (woningen) – Servatius – looptijd klopt niet",
                "hoger dan de bovengrens",
            ],
        ),
        ("Energielabel", "woonpunt", {"target_label": "Q"}, ["klopt niet"]),
        (
            "Nieuwbouw",
            "woonpunt",
            {"target_value": "60,00"},  # the norm it has
            ["Het wijzigingsvoorstel bevat geen wijziging"],
        ),
    ],
    ids=["not a number", "does not fit its kind", "no energy label", "changes nothing"],
)
def test_a_wrong_new_norm_is_refused_in_dutch_and_nothing_is_proposed(
    client: Any,
    signed: Any,
    user: Any,
    indicator: str,
    party: str,
    fields: dict[str, str],
    says: list[str],
) -> None:
    target = target_of(signed, indicator, party)
    client.force_login(user("gemeente-maastricht"))
    html = propose(client, signed, target=target.pk, **fields).content.decode()
    for text in says:
        assert text in html
    assert not Amendment.objects.exists()


def test_a_wrong_proposal_is_told_in_full_at_once_and_nothing_is_proposed(
    client: Any, signed: Any, user: Any
) -> None:
    client.force_login(user("gemeente-maastricht"))
    before = AuditEntry.objects.count()
    response = propose(
        client,
        signed,
        agreement="abc",
        target="99999999999999999999",
        target_value="veel",
        target_low="1,234",
        target_label="A+++++++++",
        description="",
    )
    said = " ".join(str(m) for m in response.context["messages"])
    assert response.status_code == 200
    assert said.count("Dit onderdeel hoort niet bij deze prestatieafspraken.") == 2
    assert "Normwaarde: ‘veel’ is geen getal" in said
    assert "Ondergrens: ‘1,234’ is niet eenduidig" in said
    assert "Label: " in said
    assert "Beschrijf het wijzigingsvoorstel." in said
    assert not Amendment.objects.exists()
    assert AuditEntry.objects.count() == before


def test_a_target_of_another_cycle_cannot_be_amended(
    maastricht: Any, signed: Any, user: Any
) -> None:
    with pytest.raises(ValidationError, match="hoort niet bij deze prestatieafspraken"):
        services.propose_amendment(
            user("gemeente-maastricht"),
            signed,
            "x",
            [{"object": "target", "id": 999_999, "field": "value", "new": "1"}],
        )


@pytest.mark.parametrize("username", ["woonpunt", "woonbelang"])
def test_only_a_coordinator_may_propose_a_new_norm(
    client: Any, signed: Any, user: Any, username: str
) -> None:
    target = target_of(signed, "Nieuwbouw", "woonpunt")
    client.force_login(user(username))
    response = propose(client, signed, target=target.pk, target_value="75")
    assert response.status_code == 403
    assert not Amendment.objects.exists()


def test_a_range_moved_past_its_old_bounds_is_applied_once_every_party_approved(
    signed: Any, user: Any
) -> None:
    target = target_of(signed, "Sloop", "servatius")
    amendment = services.propose_amendment(
        user("gemeente-maastricht"),
        signed,
        "Meer sloop",
        [
            {"object": "target", "id": target.pk, "field": "low", "new": "600"},
            {"object": "target", "id": target.pk, "field": "high", "new": "700"},
        ],
    )
    approve_all(signed, amendment=amendment)
    target.refresh_from_db()
    amendment.refresh_from_db()
    assert (target.low, target.high) == (Decimal(600), Decimal(700))
    assert amendment.status == Amendment.Status.ADOPTED
    change = AuditEntry.objects.get(action="agreements.target.changed", object_id=target.pk)
    assert (Decimal(change.old["low"]), Decimal(change.new["high"])) == (377, 700)
    first, amended = SignedVersion.objects.filter(cycle=signed)
    assert "377–497" in str(first.snapshot) and "600–700" in str(amended.snapshot)
