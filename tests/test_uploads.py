"""The upload gate: for every upload (bid Excel, monitor on the web and the API, approval PDF)
a zip bomb, an XXE file, a macro file, an oversized file and a PDF impostor are refused within
two seconds and nothing is written; an outsider is refused before the file is read."""

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.badfiles import bad_office_files, repack, workbook
from tests.documents.xlsx import export, state
from tests.governance.conftest import woonpunt_bid
from tests.process.conftest import DAY, college, to_decision  # noqa: F401 (fixture)
from woonafspraken import uploads
from woonafspraken.governance import excel
from woonafspraken.process import services as process_services
from woonafspraken.process.models import Approval
from woonafspraken.uploadjobs.models import UploadJob


@pytest.fixture(scope="module")
def bad_files() -> dict[str, tuple[str, bytes]]:
    """name -> (file name, bytes); the valid base is a real workbook."""
    return bad_office_files()


def test_the_zip_bomb_is_small_but_unpacks_beyond_every_limit(bad_files):
    _name, data = bad_files["zip bomb"]
    assert len(data) < 2 * 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert sum(i.file_size for i in z.infolist()) > 250 * 1024 * 1024


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("zip bomb", "unpacked_too_large"),
        ("xxe", "xml_doctype"),
        ("macro", "macro"),
        ("xlsm", "macro"),
        ("oversized", "too_large"),
        ("pdf impostor", "wrong_type"),
    ],
)
def test_the_gate_refuses_each_bad_office_file_quickly(bad_files, case, code):
    name, data = bad_files[case]
    with pytest.raises(uploads.UploadRejected) as refused:
        uploads.check(SimpleUploadedFile(name, data), kind=uploads.XLSX)
    assert refused.value.code == code


def test_a_doctype_hidden_behind_a_comment_or_in_utf16_is_found():
    base = workbook()
    commented = b'<?xml version="1.0"?><!-- <a> --><!DOCTYPE x []><workbook/>'
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x []><workbook/>'.encode("utf-16")
    bare16 = '<?xml version="1.0"?><!DOCTYPE x []><workbook/>'.encode("utf-16-le")
    for part in (commented, utf16, bare16):
        with pytest.raises(uploads.UploadRejected, match="documenttype"):
            uploads.check(repack(base, {"xl/workbook.xml": part}), kind=uploads.XLSX)
    utf7 = b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x +AFs-+AF0-+AD4-<workbook/>'
    with pytest.raises(uploads.UploadRejected, match="beschadigd"):
        uploads.check(repack(base, {"xl/workbook.xml": utf7}), kind=uploads.XLSX)


def test_the_gate_passes_a_real_workbook_and_checks_permission_before_reading():
    data = workbook()
    assert uploads.check(SimpleUploadedFile("a.xlsx", data), kind=uploads.XLSX) == data

    class Unreadable:
        name = "a.xlsx"
        size = 10

        def read(self, n: int) -> bytes:
            raise AssertionError("read before the permission check")

    with pytest.raises(PermissionDenied):
        uploads.check(Unreadable(), kind=uploads.XLSX, permitted=lambda: False)


def _pdf() -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nnot really\n%%EOF\n",
        b"PK\x03\x04 a zip named .pdf",
        None,  # a real PDF carrying JavaScript
    ],
    ids=["fake-header", "zip", "javascript"],
)
def test_the_gate_refuses_pdf_impostors(data):
    if data is None:
        data = _pdf().replace(b"%%EOF", b"/JavaScript (app.alert(1))\n%%EOF")
    with pytest.raises(uploads.UploadRejected):
        uploads.check(data, kind=uploads.PDF)
    assert uploads.check(_pdf(), kind=uploads.PDF).startswith(b"%PDF-")


# --- Every upload of the application --------------------------------------------------------

CASES = ["zip bomb", "xxe", "macro", "xlsm", "oversized", "pdf impostor"]


def _nothing_changed(before: Any) -> None:
    assert state() == before, "a refused file must write nothing"


@pytest.mark.parametrize("case", CASES)
def test_the_bid_import_refuses_each_bad_file(maastricht, user, bad_files, case):
    bid = woonpunt_bid(maastricht, user)
    items = list(bid.items.values_list("pk", "description"))
    client = Client()
    client.force_login(user("woonpunt"))
    name, data = bad_files[case]
    before = state()
    response = client.post(
        f"/biedingen/{bid.pk}/excel/inlezen/", {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 400
    assert "niets ingelezen" in response.content.decode()
    _nothing_changed(before)
    assert not UploadJob.objects.exists(), "refused before a job is made"
    assert list(bid.items.values_list("pk", "description")) == items


def test_the_bid_import_refuses_a_damaged_sheet_without_a_server_error(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    data = excel.export_bid(bid)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
    broken = repack(data, {sheets[1]: b"<worksheet><sheetData><row><c r='A1'"})
    with pytest.raises(excel.BidImportRejected, match="kan niet worden gelezen"):
        excel.import_bid(user("woonpunt"), bid, broken)


def test_an_outsider_is_refused_before_the_bid_file_is_read(maastricht, user, bad_files):
    bid = woonpunt_bid(maastricht, user)
    client = Client()
    client.force_login(user("servatius"))
    name, data = bad_files["zip bomb"]
    response = client.post(
        f"/biedingen/{bid.pk}/excel/inlezen/", {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code in (403, 404)


@pytest.mark.parametrize("case", CASES)
def test_the_monitor_upload_refuses_each_bad_file(maastricht, user, bad_files, case):
    client = Client()
    client.force_login(user("woonpunt"))
    name, data = bad_files[case]
    before = state()
    response = client.post(
        f"/cycli/{maastricht.pk}/monitor/inleveren/", {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code in (400, 413)
    _nothing_changed(before)
    assert not UploadJob.objects.exists(), "refused before a job is made"


@pytest.mark.parametrize("case", CASES)
def test_the_monitor_api_refuses_each_bad_file(maastricht, token_client, bad_files, case):
    _name, data = bad_files[case]
    client = token_client("woonpunt")
    before = state()
    response = client.post(
        f"/api/v1/cycles/{maastricht.pk}/monitor",
        data,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    assert response.status_code in (400, 413, 422)
    _nothing_changed(before)


def test_an_outsider_is_refused_before_the_monitor_is_read(maastricht, user, token_client):
    from django.contrib.auth import get_user_model

    outsider = get_user_model().objects.create_user("buiten", password="x")
    client = Client()
    client.force_login(outsider)
    data = export(maastricht)
    web = client.post(
        f"/cycli/{maastricht.pk}/monitor/inleveren/", {"file": SimpleUploadedFile("m.xlsx", data)}
    )
    assert web.status_code in (403, 404)


def test_the_monitor_preview_is_kept_in_its_job_not_in_the_session(
    maastricht, user, django_capture_on_commit_callbacks
):
    from tests.documents.xlsx import edit
    from woonafspraken.uploadjobs.models import UploadJob

    client = Client()
    client.force_login(user("woonpunt"))
    data = edit(export(maastricht), {("Nieuwbouw", "value"): 11})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cycli/{maastricht.pk}/monitor/inleveren/",
            {"file": SimpleUploadedFile("m.xlsx", data)},
        )
    assert response.status_code == 302
    assert not any(k.startswith("documents.") for k, _v in client.session.items())
    job = UploadJob.objects.get()
    assert job.status == "ready" and job.preview["changes"] and bytes(job.content) == b""
    assert client.post(response.url).status_code == 302
    assert UploadJob.objects.get().status == "applied"


@pytest.mark.usefixtures("college")
@pytest.mark.parametrize("case", [*CASES, "pdf with script"])
def test_the_approval_document_refuses_each_bad_file(maastricht, user, bad_files, case):
    to_decision(maastricht, user("beheer"))
    woonpunt = maastricht.parties.get(slug="woonpunt")
    if case == "pdf with script":
        name, data = "besluit.pdf", _pdf().replace(b"%%EOF", b"/JavaScript (x)\n%%EOF")
    else:
        name, data = bad_files[case]
    before = (state(), Approval.objects.count())
    with pytest.raises(ValidationError):
        process_services.approve_cycle(
            user("woonpunt"),
            maastricht,
            woonpunt,
            "raad_van_bestuur",
            DAY,
            document=SimpleUploadedFile(name, data, "application/pdf"),
        )
    assert (state(), Approval.objects.count()) == before


@pytest.mark.usefixtures("college")
def test_a_real_pdf_is_accepted_as_approval_document(maastricht, user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    to_decision(maastricht, user("beheer"))
    woonpunt = maastricht.parties.get(slug="woonpunt")
    approval = process_services.approve_cycle(
        user("woonpunt"),
        maastricht,
        woonpunt,
        "raad_van_bestuur",
        DAY,
        document=SimpleUploadedFile("besluit.pdf", _pdf(), "application/pdf"),
    )
    assert approval.document.name.endswith(".pdf")
