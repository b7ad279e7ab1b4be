"""An approval's decision document is served only through a view that checks access: the
parties and the municipality before the cycle is published, anyone after (issue 15,
point 8: uploaded files live in configured storage, served only after an access check)."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.process.conftest import DAY, to_decision
from tests.test_uploads import _pdf
from woonafspraken.process import services


@pytest.fixture
def approval(maastricht: Any, user: Any, college: Any, settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    maastricht.published = False
    maastricht.save(update_fields=["published"])
    to_decision(maastricht, user("beheer"))
    woonpunt = maastricht.parties.get(slug="woonpunt")
    return services.approve_cycle(
        user("woonpunt"),
        maastricht,
        woonpunt,
        "raad_van_bestuur",
        DAY,
        document=SimpleUploadedFile("besluit.pdf", _pdf(), "application/pdf"),
    )


def test_the_file_is_stored_outside_the_working_directory(approval: Any, tmp_path: Any) -> None:
    assert approval.document.path.startswith(str(tmp_path))


def test_a_party_downloads_the_decision_from_the_process_page(
    client: Any, approval: Any, user: Any
) -> None:
    client.force_login(user("servatius"))
    page = client.get(f"/cycli/{approval.cycle_id}/proces/").content.decode()
    url = f"/goedkeuringen/{approval.pk}/besluit.pdf"
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_strangers_do_not_get_the_decision_of_an_unpublished_cycle(
    client: Any, approval: Any
) -> None:
    from django.contrib.auth import get_user_model

    url = f"/goedkeuringen/{approval.pk}/besluit.pdf"
    assert client.get(url).status_code == 404
    outsider = get_user_model().objects.create_user("buiten", "b@example.org", "demo")
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_once_published_anyone_may_read_the_decision(client: Any, approval: Any) -> None:
    approval.cycle.published = True
    approval.cycle.save(update_fields=["published"])
    assert client.get(f"/goedkeuringen/{approval.pk}/besluit.pdf").status_code == 200


def test_an_approval_without_document_has_no_download(
    client: Any, maastricht: Any, user: Any, college: Any
) -> None:
    to_decision(maastricht, user("beheer"))
    woonpunt = maastricht.parties.get(slug="woonpunt")
    bare = services.approve_cycle(user("woonpunt"), maastricht, woonpunt, "raad_van_bestuur", DAY)
    assert client.get(f"/goedkeuringen/{bare.pk}/besluit.pdf").status_code == 404
