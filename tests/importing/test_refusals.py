"""Bad input is refused with a clear Dutch message, and nothing is written."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.importing import documents
from woonafspraken.agreements.models import Cycle
from woonafspraken.audit.models import AuditEntry
from woonafspraken.importing.models import ImportJob
from woonafspraken.recognition import reading

CASES = {
    "tekst.txt": (lambda: b"Prestatieafspraken\nminimaal 45 %", "geen Word-bestand"),
    "werkmap.xlsx": (documents.workbook, "geen Word-bestand"),
    "oud.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "oud Word-bestand"),
    "geheim.docx": (documents.encrypted_docx, "wachtwoord"),
    "geheim.pdf": (documents.encrypted_pdf, "wachtwoord"),
    "kapot.docx": (lambda: documents.truncated(documents.plain()), "beschadigd"),
    "kapot.pdf": (lambda: documents.truncated(documents.pdf("<p>Hallo</p>")), "beschadigd"),
    "macro.docm": (documents.macro_docm, "macro’s"),
    "bom.docx": (documents.zip_bomb, "te groot om veilig te lezen"),
    "groot.pdf": (lambda: b"%PDF-1.7\n" + b"0" * (reading.MAX_SIZE + 1), "groter dan 20 MB"),
    "groot.docx": (lambda: b"PK\x03\x04" + b"\x00" * (reading.MAX_SIZE + 1), "groter dan 20 MB"),
    "leeg.docx": (lambda: b"", "bestand is leeg"),
    # Only the project's upload gate knows these two: the reader itself would open them.
    "xxe.docx": (documents.xxe_docx, "XML-documenttype"),
    "script.pdf": (documents.pdf_with_script, "scripts, bijlagen of acties"),
}


@pytest.mark.parametrize("filename", sorted(CASES))
def test_bad_files_are_refused_before_anything_is_stored(
    draft: Cycle, user: Any, filename: str
) -> None:
    make, message = CASES[filename]
    history = AuditEntry.objects.count()
    client = Client()
    client.force_login(user("gemeente-maastricht"))
    response = client.post(
        f"/cycli/{draft.pk}/importeren/", {"file": SimpleUploadedFile(filename, make())}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Er is niets opgeslagen." in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not draft.themes.exists()
    assert AuditEntry.objects.count() == history


def test_every_refusal_comes_from_the_upload_gate(monkeypatch: Any) -> None:
    """The import has no checks of its own in front of the gate: what it refuses, it refuses."""
    from woonafspraken import uploads
    from woonafspraken.importing import services

    asked = []

    def gate(upload: Any, **kwargs: Any) -> bytes:
        asked.append(kwargs["kind"])
        raise uploads.UploadRejected("Zo niet.", "other")

    monkeypatch.setattr(uploads, "check", gate)
    with pytest.raises(services.Refused, match=r"Zo niet\."):
        services.check_upload(documents.plain(), "a.docx")
    assert asked == [(services.WORD, services.PDF)]


def test_a_word_file_or_a_pdf_passes_the_gate_whole() -> None:
    from woonafspraken.importing import services

    word, pdf = documents.plain(), documents.pdf("<p>Hallo</p>")
    assert services.check_upload(word, "a.docx") == ("docx", word)
    assert services.check_upload(pdf, "a.pdf") == ("pdf", pdf)


def test_a_scan_without_text_gets_a_clear_message(
    draft: Cycle, user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    client.force_login(user("gemeente-maastricht"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cycli/{draft.pk}/importeren/",
            {"file": SimpleUploadedFile("scan.pdf", documents.scanned_pdf())},
        )
    job = ImportJob.objects.get()
    assert response.url == f"/importen/{job.pk}/"
    assert (job.status, job.error_code, bytes(job.content)) == ("failed", "no_text", b"")
    page = client.get(response.url).content.decode()
    assert "Deze PDF bevat geen tekst om te lezen" in page
    assert not draft.themes.exists()


def test_reading_stops_at_the_time_limit(draft: Cycle, user: Any, settings: Any) -> None:
    with pytest.raises(reading.Refused) as refused:
        reading.read(documents.plain(), "a.docx", deadline=0.0)
    assert refused.value.code == "time"


@pytest.mark.parametrize(
    ("kinds", "data", "chosen"),
    [
        (("docx", "pdf"), b"%PDF-1.7", "pdf"),
        (("docx", "pdf"), b"PK\x03\x04", "docx"),
        (("docx", "pdf"), b"\xd0\xcf\x11\xe0", "docx"),  # old or encrypted Word: its checks say
        (("docx", "pdf"), b"Prestatieafspraken", "Dit is geen Word-bestand (.docx) of PDF"),
        (("csv", "xlsx"), b"jaar;aantal", "csv"),
        (("csv", "xlsx"), b"%PDF-1.7", "niet geaccepteerd; wel: .csv, .xlsx."),
    ],
)
def test_the_gate_chooses_the_kind_by_the_first_bytes(
    kinds: tuple[str, ...], data: bytes, chosen: str
) -> None:
    from woonafspraken import uploads

    allowed = tuple(getattr(uploads, name.upper()) for name in kinds)
    try:
        assert uploads.kind_of(data, allowed).name == chosen
    except uploads.UploadRejected as refused:
        assert (refused.code, chosen in refused.message) == ("wrong_type", True)
