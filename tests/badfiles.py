"""Files an attacker or a careless user uploads, built in memory: shared by the upload tests
(``tests/test_uploads.py``) and the refusal benchmark (``benchmarks/upload_refusals.py``)."""

import io
import zipfile

from openpyxl import Workbook

XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">'
    b'<!ENTITY a "&x;&x;&x;&x;">]>\n<workbook>&a;</workbook>'
)


def workbook() -> bytes:
    """A real, harmless workbook."""
    wb = Workbook()
    wb.active["A1"] = "Hallo"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def repack(data: bytes, replace: dict[str, bytes], *, big: int = 0) -> bytes:
    """``data`` (a zip) with parts replaced or added, and ``big`` MB of spaces in one part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, replace.pop(item.filename, None) or src.read(item.filename))
        for name, content in replace.items():
            dst.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
        if big:
            info = zipfile.ZipInfo("xl/worksheets/sheet9.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(info, "w", force_zip64=True) as part:
                chunk = b" " * (1024 * 1024)
                for _ in range(big):
                    part.write(chunk)
    return out.getvalue()


def bad_office_files() -> dict[str, tuple[str, bytes]]:
    """name -> (file name, bytes); each one a spreadsheet upload must refuse."""
    base = workbook()
    return {
        "zip bomb": ("bom.xlsx", repack(base, {}, big=260)),
        "xxe": ("xxe.xlsx", repack(base, {"xl/workbook.xml": XXE})),
        "macro": ("macro.xlsx", repack(base, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba"})),
        "xlsm": ("macro.xlsm", base),
        "oversized": ("groot.xlsx", b"PK\x03\x04" + b"\x00" * (21 * 1024 * 1024)),
        "pdf impostor": ("besluit.xlsx", b"%PDF-1.7\n" + b"x" * 1000),
    }
