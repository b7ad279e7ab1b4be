"""Approvals by every party, the freeze after signing, amendments and the signed PDF."""

import hashlib
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import target_of
from tests.process.conftest import DAY, approve_all, signatory_of, to_decision
from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.models import Agreement, Measurement
from woonafspraken.process import services
from woonafspraken.process.models import Amendment, PhaseChange, SignedVersion

FROZEN = "ondertekend; wijzig ze via een wijzigingsvoorstel"


@pytest.fixture
def deciding(maastricht: Any, user: Any, college: Any) -> Any:
    to_decision(maastricht, user("beheer"))
    return maastricht


@pytest.fixture
def signed(deciding: Any) -> Any:
    approve_all(deciding)
    return deciding


def test_a_cycle_is_not_signed_until_the_last_party_approves(deciding: Any) -> None:
    approve_all(deciding, but="woonvallei")
    assert deciding.phase == "decision"
    woonvallei = deciding.parties.get(slug="woonvallei")
    services.approve_cycle(
        signatory_of(woonvallei), deciding, woonvallei, "bestuur_huurdersorganisatie", DAY
    )
    deciding.refresh_from_db()
    assert deciding.phase == "signed"
    last = PhaseChange.objects.filter(cycle=deciding).last()
    assert (last.to_phase, last.automatic) == ("signed", True)
    assert SignedVersion.objects.filter(cycle=deciding, amendment=None).count() == 1


def test_only_a_signatory_of_that_organisation_may_approve_for_it(deciding: Any, user: Any) -> None:
    servatius = deciding.parties.get(slug="servatius")
    for username in ("woonpunt", "gemeente-maastricht", "servaassleutel", "beheer"):
        with pytest.raises(PermissionDenied):
            services.approve_cycle(user(username), deciding, servatius, "raad_van_bestuur", DAY)
    services.approve_cycle(user("servatius"), deciding, servatius, "raad_van_bestuur", DAY)


def test_approving_outside_the_decision_phase_is_a_conflict(maastricht: Any, user: Any) -> None:
    woonpunt = maastricht.parties.get(slug="woonpunt")
    with pytest.raises(services.ProcessConflict, match="besluitvorming"):
        services.approve_cycle(user("woonpunt"), maastricht, woonpunt, "raad_van_bestuur", DAY)


def test_a_party_approves_only_once(deciding: Any, user: Any) -> None:
    woonpunt = deciding.parties.get(slug="woonpunt")
    services.approve_cycle(user("woonpunt"), deciding, woonpunt, "raad_van_bestuur", DAY)
    with pytest.raises(services.ProcessConflict, match="al goedgekeurd"):
        services.approve_cycle(user("woonpunt"), deciding, woonpunt, "raad_van_bestuur", DAY)


def test_the_decision_document_must_be_a_pdf_of_at_most_10_mb(deciding: Any, user: Any) -> None:
    woonpunt = deciding.parties.get(slug="woonpunt")
    word = SimpleUploadedFile("besluit.pdf", b"PK\x03\x04 not a pdf", "application/pdf")
    with pytest.raises(ValidationError, match="PDF"):
        services.approve_cycle(
            user("woonpunt"), deciding, woonpunt, "raad_van_bestuur", DAY, document=word
        )
    big = SimpleUploadedFile("besluit.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "application/pdf")
    with pytest.raises(ValidationError, match="10 MB"):
        services.approve_cycle(
            user("woonpunt"), deciding, woonpunt, "raad_van_bestuur", DAY, document=big
        )


def test_a_signatory_approves_through_the_page(client: Any, deciding: Any, user: Any) -> None:
    client.force_login(user("woonpunt"))
    page = client.get(f"/cycli/{deciding.pk}/proces/").content.decode()
    assert "Goedkeuren namens Woonpunt" in page
    assert "Goedkeuren namens Servatius" not in page
    woonpunt = deciding.parties.get(slug="woonpunt")
    response = client.post(
        f"/cycli/{deciding.pk}/proces/goedkeuren/",
        {
            "organisation": woonpunt.pk,
            "decision_body": "raad_van_bestuur",
            "decided_on": "2019-11-20",
        },
        follow=True,
    )
    assert "Uw goedkeuring is vastgelegd" in response.content.decode()
    assert deciding.approvals.get().organisation == woonpunt


def _approve_on_the_page(client: Any, cycle: Any, form: dict[str, Any]) -> str:
    response = client.post(f"/cycli/{cycle.pk}/proces/goedkeuren/", form, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_approval_form_names_every_problem_at_once_and_records_nothing(
    client: Any, deciding: Any, user: Any
) -> None:
    client.force_login(user("woonpunt"))
    word = SimpleUploadedFile("besluit.docx", b"PK\x03\x04 not a pdf")
    page = _approve_on_the_page(
        client,
        deciding,
        {
            "organisation": "abc",
            "decision_body": "ledenraad",
            "decided_on": "31-2-2019",
            "document": word,
        },
    )
    for problem in (
        "Partij: Kies een partij van deze cyclus.",
        "Besluitorgaan: Kies een geldig besluitorgaan.",
        "Besluitdatum: Deze datum bestaat niet.",
        "Besluitdocument:",
    ):
        assert problem in page, problem
    later = {"organisation": "", "decision_body": "raad_van_bestuur", "decided_on": "1-1-2999"}
    page = _approve_on_the_page(client, deciding, later)
    assert "Partij: Dit veld is vereist." in page
    assert "Besluitdatum: De besluitdatum ligt in de toekomst." in page
    assert not deciding.approvals.exists()


@pytest.mark.parametrize("organisation", ["abc", "-1", "9" * 40, ""])
def test_an_organisation_that_is_no_party_is_refused_with_a_message(
    client: Any, deciding: Any, user: Any, organisation: str
) -> None:
    client.force_login(user("woonpunt"))
    form = {"organisation": organisation, "decision_body": "raad_van_bestuur"}
    page = _approve_on_the_page(client, deciding, {**form, "decided_on": "20-11-2019"})
    assert "Partij:" in page and "Uw goedkeuring is vastgelegd" not in page
    assert not deciding.approvals.exists()


@pytest.mark.parametrize("typed", ["20-11-2019", "20/11/19", "20.11.2019", "20 november 2019"])
def test_the_decision_date_is_read_as_dutch_people_type_it(
    client: Any, deciding: Any, user: Any, typed: str
) -> None:
    import datetime

    client.force_login(user("woonpunt"))
    woonpunt = deciding.parties.get(slug="woonpunt")
    form = {"organisation": woonpunt.pk, "decision_body": "raad_van_bestuur", "decided_on": typed}
    assert "Uw goedkeuring is vastgelegd" in _approve_on_the_page(client, deciding, form)
    assert deciding.approvals.get().decided_on == datetime.date(2019, 11, 20)


def test_a_signatory_of_another_party_is_refused_on_the_page(
    client: Any, deciding: Any, user: Any
) -> None:
    client.force_login(user("woonpunt"))
    servatius = deciding.parties.get(slug="servatius")
    form = {"organisation": servatius.pk, "decision_body": "raad_van_bestuur"}
    page = _approve_on_the_page(client, deciding, {**form, "decided_on": "2019-11-20"})
    assert "Alleen een ondertekenaar van Servatius" in page
    assert not deciding.approvals.exists()


def test_after_signing_editing_an_agreement_is_refused_with_a_clear_message(
    signed: Any, user: Any
) -> None:
    agreement = Agreement.objects.filter(theme__cycle=signed).first()
    with pytest.raises(ValidationError, match=FROZEN):
        agreement_services.update_agreement(
            user("gemeente-maastricht"),
            agreement,
            changes={"title": "Anders"},
            expected_version=agreement.version,
        )
    target = target_of(signed, "Nieuwbouw", "woonpunt")
    with pytest.raises(ValidationError, match=FROZEN):
        agreement_services.update_target(
            user("gemeente-maastricht"), target, changes={"value": "1"}, expected_version=1
        )
    with pytest.raises(ValidationError, match=FROZEN):
        agreement_services.add_agreement(
            user("gemeente-maastricht"), agreement.theme, number="9.9", title="Nieuw"
        )
    with pytest.raises(ValidationError, match=FROZEN):
        agreement_services.add_target(
            user("gemeente-maastricht"), agreement, indicator=target.indicator, kind="min", value=1
        )


def test_after_signing_the_edit_page_refuses_and_changes_nothing(
    client: Any, signed: Any, user: Any
) -> None:
    agreement = Agreement.objects.filter(theme__cycle=signed).first()
    client.force_login(user("gemeente-maastricht"))
    response = client.post(
        f"/afspraken/{agreement.pk}/wijzigen/",
        {"title": "Anders", "text": "", "version": agreement.version, "year": 2017},
        follow=True,
    )
    assert FROZEN in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.title != "Anders"


def test_measurements_stay_open_after_signing_through_the_api(
    signed: Any, token_client: Any
) -> None:
    target = target_of(signed, "Nieuwbouw", "woonpunt")
    response = token_client("woonpunt").post(
        "/api/v1/measurements",
        {"target": target.pk, "year": 2017, "value": 12},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Measurement.objects.filter(target=target).exists()


def test_an_amendment_approved_by_every_party_changes_the_agreement(signed: Any, user: Any) -> None:
    agreement = Agreement.objects.filter(theme__cycle=signed).first()
    original = agreement.title
    amendment = services.propose_amendment(
        user("gemeente-maastricht"),
        signed,
        "Titel verduidelijkt",
        [{"object": "agreement", "id": agreement.pk, "field": "title", "new": "Nieuwe titel"}],
    )
    approve_all(signed, amendment=amendment, but="woonvallei")
    agreement.refresh_from_db()
    assert agreement.title == original  # not until the last party approves
    approve_all_remaining = signed.parties.get(slug="woonvallei")
    services.approve_amendment(
        signatory_of(approve_all_remaining),
        amendment,
        approve_all_remaining,
        "bestuur_huurdersorganisatie",
        DAY,
    )
    agreement.refresh_from_db()
    amendment.refresh_from_db()
    assert agreement.title == "Nieuwe titel"
    assert amendment.status == Amendment.Status.ADOPTED
    assert amendment.changes[0]["old"] == original
    versions = SignedVersion.objects.filter(cycle=signed)
    assert versions.count() == 2
    first, second = versions
    assert first.snapshot["themes"][0]["agreements"][0]["title"] == original
    assert second.snapshot["themes"][0]["agreements"][0]["title"] == "Nieuwe titel"


def test_an_amendment_needs_a_signed_cycle_and_a_coordinator(
    maastricht: Any, user: Any, signed: Any
) -> None:
    agreement = Agreement.objects.filter(theme__cycle=signed).first()
    change = [{"object": "agreement", "id": agreement.pk, "field": "title", "new": "X"}]
    with pytest.raises(PermissionDenied):
        services.propose_amendment(user("woonpunt"), signed, "x", change)


def test_the_signing_page_shows_the_sha256_of_the_signed_pdf(
    client: Any, signed: Any, user: Any
) -> None:
    client.force_login(user("woonpunt"))
    page = client.get(f"/cycli/{signed.pk}/proces/").content.decode()
    version = SignedVersion.objects.get(cycle=signed)
    pdf = client.get(f"/cycli/{signed.pk}/ondertekend/{version.pk}.pdf").content
    assert pdf.startswith(b"%PDF-")
    digest = hashlib.sha256(pdf).hexdigest()
    assert digest in page
    assert client.get(f"/cycli/{signed.pk}/ondertekend/{version.pk}.pdf").content == pdf
