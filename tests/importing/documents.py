"""Agreements documents made for the tests: Word files with python-docx, PDFs with WeasyPrint
(text) or Pillow (a scan without a text layer), and the bad files an upload must refuse."""

import io
import zipfile

from docx import Document


def docx(build) -> bytes:  # type: ignore[no-untyped-def]
    document = Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf(html: str) -> bytes:
    from weasyprint import HTML

    style = "<style>body{font:10pt sans-serif} h1{font-size:18pt} h2{font-size:14pt}"
    style += " table{border-collapse:collapse} td,th{border:1px solid #000;padding:2pt}</style>"
    return HTML(string=f"<html><head>{style}</head><body>{html}</body></html>").write_pdf()


def scanned_pdf() -> bytes:
    """A page as a scanner makes it: one image, no text layer."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(page)
    draw.text((80, 80), "Prestatieafspraken 2016 - Betaalbaarheid minimaal 45 %", fill="black")
    out = io.BytesIO()
    page.save(out, "PDF", resolution=100)
    return out.getvalue()


def _repack(data: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = (replace or {}).get(info.filename, source.read(info.filename))
            target.writestr(info.filename, body)
        for name, body in extra.items():
            target.writestr(name, body)
    return out.getvalue()


def plain() -> bytes:
    return docx(lambda d: (d.add_heading("Betaalbaarheid", 1), d.add_paragraph("1. Een afspraak.")))


def workbook() -> bytes:
    """An Excel package: a zip, but not a Word document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def macro_docm() -> bytes:
    """A Word file with a VBA project, as Word saves a .docm."""
    data = plain()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").replace(
            b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
        )
    return _repack(
        data, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"}, {"[Content_Types].xml": types}
    )


def zip_bomb() -> bytes:
    """A Word file with a part that unpacks to a thousand times its packed size."""
    return _repack(plain(), {"word/media/filler.xml": b"0" * (20 * 1024 * 1024)})


def encrypted_docx() -> bytes:
    """The start of an OLE container holding an encrypted Word package (as Word writes it)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024


def encrypted_pdf() -> bytes:
    """A PDF whose trailer points at an encryption dictionary (a password-protected PDF)."""
    data = pdf("<h1>Afspraken</h1><p>Geheim.</p>")
    return data + b"\ntrailer\n<< /Encrypt 99 0 R >>\n%%EOF\n"


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def xxe_docx() -> bytes:
    """A Word file whose document declares an external entity (XXE)."""
    body = (
        b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _repack(plain(), {}, {"word/document.xml": body})


def pdf_with_script() -> bytes:
    """A text PDF that runs JavaScript when it is opened."""
    data = pdf("<h1>Afspraken</h1><p>1. Minimaal 45 %.</p>")
    return data.replace(b"%%EOF", b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>\n%%EOF")
