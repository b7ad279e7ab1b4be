"""The signed version for visitors who are not logged in: a public copy without people's names.

Issue 11 point 7 (AVG): a visitor sees organisation names only. The signed record names who
signed for each party; it is made once and its fingerprint published, so it is never changed:
someone logged in gets it byte for byte, a visitor a copy made from the same stored data with
the names left out. Each check reads the text of the real PDF.
"""

import hashlib
from typing import Any

import pytest

from tests.documents.test_evaluation_report import pdf_text
from tests.process.conftest import approve_all, signatory_of, to_decision
from woonafspraken.process.models import SignedVersion

SURNAMES = ["Aalbers", "Bosman", "Claessens", "Dijkstra", "Everts", "Franssen", "Geurts"]


@pytest.fixture
def signed(maastricht: Any, user: Any, college: Any) -> Any:
    """A signed cycle whose signatories are people with a name of their own."""
    for party, surname in zip(maastricht.parties.order_by("name"), SURNAMES, strict=True):
        person = signatory_of(party)
        person.first_name, person.last_name = "Sanne", surname
        person.save(update_fields=["first_name", "last_name"])
    to_decision(maastricht, user("beheer"))
    approve_all(maastricht)
    return maastricht


def _signatories(cycle: Any) -> list[str]:
    return [signatory_of(party).get_full_name() for party in cycle.parties.all()]


def test_a_visitor_gets_a_public_copy_without_the_names_of_who_signed(
    client: Any, signed: Any, user: Any, tmp_path: Any
) -> None:
    version = SignedVersion.objects.get(cycle=signed)
    url = f"/cycli/{signed.pk}/ondertekend/{version.pk}.pdf"
    public = client.get(url)
    assert "openbaar" in public["Content-Disposition"]
    text = pdf_text(public.content, tmp_path)
    version.refresh_from_db()
    assert "Openbare kopie zonder namen" in text and version.sha256 in text
    assert "Ondertekenaar" not in text
    for party in signed.parties.all():
        assert party.name in text
    assert "College van B&W" in text and "Raad van Bestuur" in text
    names = _signatories(signed)
    assert len(names) == len(SURNAMES)
    for name in names:
        assert name not in text, name
    # the record itself names them, and is unchanged by the visitor's copy
    client.force_login(user("woonpunt"))
    record = client.get(url).content
    assert record == bytes(version.pdf)
    assert hashlib.sha256(record).hexdigest() == version.sha256
    record_text = pdf_text(record, tmp_path)
    assert "Ondertekenaar" in record_text
    for name in names:
        assert name in record_text, name


def test_the_record_is_made_once_and_a_later_public_copy_leaves_it_as_it_is(
    client: Any, signed: Any, user: Any
) -> None:
    version = SignedVersion.objects.get(cycle=signed)
    url = f"/cycli/{signed.pk}/ondertekend/{version.pk}.pdf"
    public = client.get(url).content  # a visitor first: the record is made, then the copy
    version.refresh_from_db()
    stored, digest = bytes(version.pdf), version.sha256
    assert public != stored and hashlib.sha256(stored).hexdigest() == digest
    client.get(url)
    version.refresh_from_db()
    assert (bytes(version.pdf), version.sha256) == (stored, digest)


def test_the_page_tells_a_visitor_it_is_a_public_copy_and_names_no_one(
    client: Any, signed: Any, user: Any
) -> None:
    page = client.get(f"/cycli/{signed.pk}/proces/?deel=goedkeuren").content.decode()
    version = SignedVersion.objects.get(cycle=signed)
    assert "openbare kopie zonder namen" in page and version.sha256 in page
    assert "ondertekende exemplaar dat de partijen hebben" in page
    for name in _signatories(signed):
        assert name not in page, name
    client.force_login(user("woonpunt"))
    page = client.get(f"/cycli/{signed.pk}/proces/?deel=goedkeuren").content.decode()
    assert "openbare kopie zonder namen" not in page and version.sha256 in page
