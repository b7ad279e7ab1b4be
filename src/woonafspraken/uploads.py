"""The upload gate: every uploaded file passes :func:`check` before any code parses it.

In this order, each step cheap and none of them parsing the content:

1. permission — the caller says whether this user may upload here at all; no byte is read
   before that is settled (``permitted``);
2. size — the upload's declared size, then the bytes actually read, against ``max_size``;
3. type by content — the first bytes, never the file name or the browser's content type (with
   a tuple of kinds, such as a Word file or a PDF, the first bytes also choose the kind);
4. for Office files (xlsx, docx): not a password-protected file (an OLE "EncryptedPackage"),
   the zip's table of contents — number of entries, total unpacked size and, when the kind
   sets ``max_ratio``, unpacked size over packed size, no macros (``vbaProject.bin``,
   macro-enabled content types, ``.xlsm``), the parts the format needs — and every XML part's
   prolog: a ``DOCTYPE`` (the way in for entity expansion and external entities) is refused;
5. for PDF: header, end marker, no password (``/Encrypt``), no scripts or launch actions, and
   the document really opens.

A refused file raises :class:`UploadRejected` with one Dutch message (``str(error)``) and a
stable ``code``; a refused permission raises Django's ``PermissionDenied``. The gate writes
nothing. Use it from views and API endpoints before handing the bytes to a parser::

    from woonafspraken import uploads

    data = uploads.check(
        request.FILES.get("file"),
        kind=uploads.XLSX,
        permitted=lambda: access.can_edit_bid(request.user, bid),
    )

Zip reading relies on Python's ``zipfile`` stopping at each entry's declared size, so a
package that lies about its sizes fails its checksum instead of unpacking further.
"""

import io
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pypdfium2
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class UploadRejected(Exception):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Kind:
    name: str
    max_size: int
    max_unpacked: int = 0
    max_entries: int = 0
    required_parts: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    max_ratio: int = 0  # unpacked size over packed size; 0: not checked


MB = 1024 * 1024
XLSX = Kind(
    "xlsx",
    max_size=10 * MB,
    max_unpacked=200 * MB,
    max_entries=500,
    required_parts=("[content_types].xml", "xl/workbook.xml"),
    extensions=(".xlsx",),
)
DOCX = Kind(
    "docx",
    max_size=20 * MB,
    max_unpacked=200 * MB,
    max_entries=1000,
    required_parts=("[content_types].xml", "word/document.xml"),
    extensions=(".docx",),
)
PDF = Kind("pdf", max_size=10 * MB, extensions=(".pdf",))
#: A text table (UTF-8, ``;`` or ``,``); only its first bytes are looked at, the parser reads
#: the rest and reports its own errors.
CSV = Kind("csv", max_size=30 * MB, extensions=(".csv",))

# Where a DOCTYPE could be, at the latest: an XML part's prolog ends at its first element.
PROLOG_LIMIT = 64 * 1024
MACRO_NAMES = ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin")
MACRO_EXTENSIONS = (".xlsm", ".xltm", ".xlam", ".docm", ".dotm", ".xlsb")
XML_ENCODING = re.compile(r"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
PDF_ENCRYPTED = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|XFA|OpenAction\s*<<[^>]*/JS)\b")


def _reject(message: str, code: str) -> UploadRejected:
    return UploadRejected(message, code)


def check(
    upload: Any,
    *,
    kind: Kind | tuple[Kind, ...],
    permitted: Callable[[], bool] | bool = True,
    filename: str = "",
    max_size: int | None = None,
) -> bytes:
    """The upload's bytes once they passed the gate; see the module text for the steps.

    ``upload`` is an ``UploadedFile``, a file-like object or ``bytes``; ``filename`` defaults
    to the upload's name. ``max_size`` narrows the kind's size limit.

    ``kind`` may be a tuple of kinds (a Word file or a PDF): the first bytes choose the kind
    (:func:`kind_of`), and that kind's checks and size limit apply.
    """
    allowed = permitted() if callable(permitted) else permitted
    if not allowed:
        raise PermissionDenied(_("U mag hier geen bestand inleveren."))
    if upload is None:
        raise _reject(_("Kies een bestand."), "missing")
    kinds = kind if isinstance(kind, tuple) else (kind,)
    largest = max(k.max_size for k in kinds)
    data = _read(upload, min(max_size or largest, largest))
    kind = kind_of(data, kinds)
    limit = min(max_size or kind.max_size, kind.max_size)
    if len(data) > limit:
        raise _too_big(limit)
    name = (filename or getattr(upload, "name", "") or "").lower()
    if name.endswith(MACRO_EXTENSIONS):
        raise _reject(_macro_message(), "macro")
    if kind.max_entries:
        _check_office(data, kind)
    elif kind is PDF or kind.name == "pdf":
        _check_pdf(data)
    elif kind.name == "csv":
        _check_text(data)
    return data


def kind_of(data: bytes, kinds: tuple[Kind, ...]) -> Kind:
    """Which of ``kinds`` the first bytes of ``data`` say it is; refuses any other file.

    With a single kind that kind is returned, and its own checks say what is wrong.
    """
    if len(kinds) == 1:
        return kinds[0]
    if data.startswith(b"%PDF-"):
        candidates = [k for k in kinds if k.name == "pdf"]
    elif data.startswith((b"PK\x03\x04", OLE_SIGNATURE)):
        candidates = [k for k in kinds if k.max_entries]
    else:  # no known binary format: a text kind, if one is allowed (its own check decides)
        candidates = [k for k in kinds if k.name != "pdf" and not k.max_entries]
    if not candidates:
        raise _wrong_type_of(kinds)
    return candidates[0]


def _wrong_type_of(kinds: tuple[Kind, ...]) -> UploadRejected:
    names = {k.name for k in kinds}
    if names == {"docx", "pdf"}:
        return _reject(_("Dit is geen Word-bestand (.docx) of PDF-bestand."), "wrong_type")
    return _reject(
        _("Dit soort bestand wordt hier niet geaccepteerd; wel: %(types)s.")
        % {"types": ", ".join(e for k in kinds for e in k.extensions)},
        "wrong_type",
    )


def _too_big(limit: int) -> UploadRejected:
    return _reject(
        _("Het bestand is groter dan %(mb)s MB.") % {"mb": max(1, limit // MB)}, "too_large"
    )


def _read(upload: Any, limit: int) -> bytes:
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    else:
        declared = getattr(upload, "size", None)
        if declared is not None and declared > limit:
            raise _too_big(limit)
        if hasattr(upload, "seek"):
            upload.seek(0)
        data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_big(limit)
    if not data:
        raise _reject(_("Het bestand is leeg."), "empty")
    return data


def _macro_message() -> str:
    return _(
        "Dit bestand bevat macro’s. Macro’s worden niet geaccepteerd: sla het bestand op als "
        "gewoon Excel- of Word-bestand (.xlsx of .docx)."
    )


def _wrong_type(kind: Kind) -> UploadRejected:
    if kind.name == "xlsx":
        return _reject(_("Dit is geen Excel-bestand (.xlsx)."), "wrong_type")
    return _reject(_("Dit is geen Word-bestand (.docx)."), "wrong_type")


def _check_office(data: bytes, kind: Kind) -> None:
    if data.startswith(OLE_SIGNATURE) and ENCRYPTED_PACKAGE in data[:65536]:
        # An OLE container holding an "EncryptedPackage": how Office saves a password file.
        raise _reject(_("Het bestand is versleuteld."), "encrypted")
    if data.startswith(OLE_SIGNATURE):
        raise _reject(
            _("Dit is een oud Office-bestand (.xls of .doc). Sla het op als .xlsx of .docx."),
            "old_format",
        )
    if not data.startswith(b"PK\x03\x04"):
        raise _wrong_type(kind)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            if len(infos) > kind.max_entries:
                raise _reject(
                    _("Het bestand bestaat uit te veel onderdelen (%(n)s).") % {"n": len(infos)},
                    "too_many_entries",
                )
            if sum(i.file_size for i in infos) > kind.max_unpacked:
                raise _reject(
                    _("Het bestand is uitgepakt groter dan %(mb)s MB.")
                    % {"mb": kind.max_unpacked // MB},
                    "unpacked_too_large",
                )
            packed = sum(i.compress_size for i in infos) or 1
            if kind.max_ratio and sum(i.file_size for i in infos) / packed > kind.max_ratio:
                raise _reject(
                    _(
                        "Het bestand pakt uit tot meer dan %(ratio)s keer zijn eigen grootte; "
                        "dat wordt niet geaccepteerd."
                    )
                    % {"ratio": kind.max_ratio},
                    "compression_ratio",
                )
            names = {i.filename.lower().replace("\\", "/") for i in infos}
            if any(n.rsplit("/", 1)[-1] in MACRO_NAMES for n in names):
                raise _reject(_macro_message(), "macro")
            if any(part not in names for part in kind.required_parts):
                raise _wrong_type(kind)
            if any(i.flag_bits & 0x1 for i in infos):
                raise _reject(_("Het bestand is versleuteld."), "encrypted")
            content_types = package.read("[Content_Types].xml").lower()
            if b"macroenabled" in content_types or b"vbaproject" in content_types:
                raise _reject(_macro_message(), "macro")
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    _check_prolog(package, info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise _damaged() from None


def _damaged() -> UploadRejected:
    return _reject(_("Het bestand is beschadigd en kan niet worden gelezen."), "damaged")


def _check_prolog(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse an XML part whose prolog declares a document type (entities live there)."""
    with package.open(info) as part:
        head = part.read(PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    elif head.startswith(b"<\x00"):
        text = head.decode("utf-16-le", errors="replace")
    elif head.startswith(b"\x00<"):
        text = head.decode("utf-16-be", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    declared = XML_ENCODING.match(text)
    if declared and declared.group(1).lower().replace("-", "") not in ("utf8", "utf16"):
        raise _damaged()  # another encoding could hide a DOCTYPE from this check
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n":
            position += 1
        if text.startswith("<?", position):
            closing = "?>"
        elif text.startswith("<!--", position):
            closing = "-->"
        elif text.startswith("<!", position):
            raise _reject(
                _("Het bestand bevat een XML-documenttype; dat wordt niet geaccepteerd."),
                "xml_doctype",
            )
        elif text.startswith("<", position) or (position >= len(text) and not head):
            return  # the first element (or an empty part): the prolog is over
        else:
            raise _damaged()
        end = text.find(closing, position + 2)
        if end < 0:
            raise _damaged()
        position = end + len(closing)


#: The first bytes of files that are no text: zip (xlsx, docx), old Office, PDF.
BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF-")


def _check_text(data: bytes) -> None:
    """A CSV file is text: no known binary format, no NUL byte and UTF-8 in its first part."""
    head = data[:PROLOG_LIMIT]
    wrong = _reject(_("Dit is geen CSV-bestand (tekst in UTF-8)."), "wrong_type")
    if head.startswith(BINARY_MAGIC) or b"\x00" in head:
        raise wrong
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # a character cut off at the end of the first part is fine, anything else is not
        if error.start < len(head) - 3:
            raise wrong from None


def _check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise _reject(_("Dit is geen PDF-bestand."), "wrong_type")
    not_pdf = _damaged()  # a PDF's header, but not a PDF that opens
    if b"%%EOF" not in data[-2048:]:
        raise not_pdf
    if PDF_ENCRYPTED.search(data):
        raise _reject(_("Het bestand is versleuteld."), "encrypted")
    if PDF_ACTIVE.search(data):
        raise _reject(
            _("Het PDF-bestand bevat scripts, bijlagen of acties; die worden niet geaccepteerd."),
            "pdf_active",
        )
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if error.err_code == pypdfium2.raw.FPDF_ERR_PASSWORD:
            raise _reject(_("Het bestand is versleuteld."), "encrypted") from None
        raise not_pdf from None
    try:
        if len(document) < 1:
            raise not_pdf
    finally:
        document.close()


# --- Reading a checked file in the background -------------------------------------------------


class TimeUp(Exception):
    """A parser ran past its deadline (see :class:`Watch`); it stopped between two rows."""


class Watch:
    """A parser's deadline and progress, checked cooperatively between rows.

    ``seconds`` is the time the parser may take from now (``None``: no limit); ``report`` gets
    a percentage (0–99) whenever it grew by ``step`` or more. A parser calls :meth:`tick` with
    the rows done and the rows it expects (``0`` when it does not know); past the deadline
    ``tick`` raises :class:`TimeUp`, so a slow file ends the task instead of holding a worker.
    """

    def __init__(
        self,
        seconds: float | None = None,
        report: Callable[[int], None] | None = None,
        step: int = 5,
    ) -> None:
        self.deadline = None if seconds is None else time.monotonic() + max(0.0, seconds)
        self.report = report
        self.step = step
        self.shown = 0

    def tick(self, done: int = 0, total: int = 0) -> None:
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise TimeUp
        if self.report is not None and total > 0:
            percent = min(99, 100 * done // total)
            if percent >= self.shown + self.step:
                self.shown = percent
                self.report(percent)
