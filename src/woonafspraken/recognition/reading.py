"""Reading a Word (.docx) or text PDF file into blocks, after checking it is safe to open.

:func:`check` looks at the bytes only (size, kind, packaging, macros, encryption) and refuses
with a :class:`Refused` whose ``code`` the caller turns into a message in the user's language.
:func:`read` then reads paragraphs (heading level from the style or the font size, list
numbering) and tables, reporting progress per page or per hundred paragraphs and giving up when
``deadline`` (a ``time.monotonic()`` value) has passed.
"""

import io
import re
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from typing import Any

from .model import Block, Paragraph, Table

MAX_SIZE = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000

Progress = Callable[[int, int], None]


class Refused(Exception):
    """The file is not read. ``code`` is one of: ``size``, ``type``, ``old_word``, ``password``,
    ``macro``, ``zip_bomb``, ``corrupt``, ``no_text``, ``time``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def check(data: bytes, filename: str) -> str:
    """``"docx"`` or ``"pdf"`` when ``data`` may be read; raises :class:`Refused` otherwise."""
    if len(data) > MAX_SIZE:
        raise Refused("size")
    name = filename.lower()
    if data.startswith(b"%PDF-"):
        if b"/Encrypt" in data:
            raise Refused("password")
        if b"%%EOF" not in data[-2048:]:
            raise Refused("corrupt")
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE file: an old .doc, or a Word file encrypted with a password.
        raise Refused(
            "password"
            if b"EncryptedPackage" in data[:65536] or name.endswith(("docx", "docm"))
            else "old_word"
        )
    if not data.startswith(b"PK\x03\x04"):
        raise Refused("type")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            names = {i.filename.lower() for i in infos}
            if len(infos) > MAX_ENTRIES:
                raise Refused("zip_bomb")
            unpacked = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
                raise Refused("zip_bomb")
            if any(n.endswith("vbaproject.bin") for n in names):
                raise Refused("macro")
            if "[content_types].xml" not in names or "word/document.xml" not in names:
                raise Refused("type")
            types = package.read("[Content_Types].xml").lower()
    except zipfile.BadZipFile:
        raise Refused("corrupt") from None
    if b"macroenabled" in types or name.endswith(".docm"):
        raise Refused("macro")
    return "docx"


def read(
    data: bytes,
    filename: str,
    *,
    progress: Progress | None = None,
    deadline: float | None = None,
) -> list[Block]:
    """The blocks of a checked file (see :func:`check`)."""
    kind = check(data, filename)
    report = progress or (lambda done, total: None)
    try:
        if kind == "pdf":
            return read_pdf(data, report, deadline)
        return read_docx(data, report, deadline)
    except Refused:
        raise
    except Exception as exc:  # every library's own way of saying the file is broken
        if "password" in type(exc).__name__.lower() or "encrypt" in type(exc).__name__.lower():
            raise Refused("password") from None
        raise Refused("corrupt") from None


def _in_time(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise Refused("time")


# --- Word -----------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^(?:list|lijst)", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_paragraph(p: Any) -> Paragraph:
    style = p.style.name if p.style is not None else ""
    heading: int | None = None
    if style in ("Title", "Titel"):
        heading = 0
    else:
        m = _HEADING_STYLE.match(style or "")
        if m:
            heading = int(m.group(1))
        else:
            outline = p._p.find(f"{_W}pPr/{_W}outlineLvl")
            if outline is not None:
                heading = int(outline.get(f"{_W}val", "9")) + 1
    numbered = bool(
        heading is None
        and (_LIST_STYLE.match(style or "") or p._p.find(f"{_W}pPr/{_W}numPr") is not None)
    )
    return Paragraph(
        p.text, heading=heading if heading is not None and heading < 9 else None, numbered=numbered
    )


def _docx_table(table: Any) -> Table:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        last = None
        for cell in row.cells:
            if cell._tc is last:
                continue  # a merged cell is listed once per grid column
            last = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append(tuple(cells))
    return Table(tuple(rows))


def read_docx(data: bytes, progress: Progress, deadline: float | None) -> list[Block]:
    from docx import Document
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = Document(io.BytesIO(data))
    body = list(document.element.body.iterchildren())
    blocks: list[Block] = []
    total = len(body)
    for index, child in enumerate(body, start=1):
        if child.tag == f"{_W}p":
            blocks.append(_docx_paragraph(DocxParagraph(child, document)))
        elif child.tag == f"{_W}tbl":
            blocks.append(_docx_table(DocxTable(child, document)))
        if index % 100 == 0 or index == total:
            _in_time(deadline)
            progress(index, total)
    return blocks


# --- PDF ------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^\s*(?:(?:pagina|page)\s+)?\d+\s*(?:/|van|of)?\s*\d*\s*$", re.I)
_STARTS_ITEM = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s|[a-z][.)]\s|[•●▪◦■‣∙*\-–]\s)")


def _lines(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Words grouped into lines: text, size, top and bottom."""
    lines: list[dict[str, Any]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(word["top"] - lines[-1]["top"]) <= 2:
            line = lines[-1]
            line["words"].append(word)
            line["bottom"] = max(line["bottom"], word["bottom"])
        else:
            lines.append({"top": word["top"], "bottom": word["bottom"], "words": [word]})
    for line in lines:
        line["words"].sort(key=lambda w: w["x0"])
        line["text"] = " ".join(w["text"] for w in line["words"])
        line["size"] = round(max(w["size"] for w in line["words"]) * 2) / 2
    return lines


def read_pdf(data: bytes, progress: Progress, deadline: float | None) -> list[Block]:
    import pdfplumber

    items: list[tuple[str, Any]] = []  # ("line", line) or ("table", Table), in reading order
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            _in_time(deadline)
            found = page.find_tables()
            boxes = [t.bbox for t in found]

            def outside(word: dict[str, Any], boxes: list[Any] = boxes) -> bool:
                x = (word["x0"] + word["x1"]) / 2
                y = (word["top"] + word["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            words = [w for w in page.extract_words(extra_attrs=["size"]) if outside(w)]
            placed: list[tuple[float, str, Any]] = [(ln["top"], "line", ln) for ln in _lines(words)]
            for table in found:
                rows = tuple(
                    tuple(" ".join((cell or "").split()) for cell in row) for row in table.extract()
                )
                placed.append((table.bbox[1], "table", Table(rows)))
            placed.sort(key=lambda p: p[0])
            items.extend((kind, item) for _, kind, item in placed)
            items.append(("page", None))
            page.flush_cache()
            progress(number, total)
    lines = [item for kind, item in items if kind == "line"]
    if not lines and not any(kind == "table" for kind, _ in items):
        raise Refused("no_text")
    return _pdf_blocks(items, lines)


def _pdf_blocks(items: list[tuple[str, Any]], lines: list[dict[str, Any]]) -> list[Block]:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line["size"]] += len(line["text"])
    body = weights.most_common(1)[0][0] if weights else 10.0
    bigger = sorted({ln["size"] for ln in lines if ln["size"] > body + 0.4}, reverse=True)
    level = {size: index + 1 for index, size in enumerate(bigger)}
    blocks: list[Block] = []
    current: dict[str, Any] | None = None

    def flush() -> None:
        nonlocal current
        if current is not None:
            blocks.append(Paragraph(current["text"], heading=current["heading"]))
            current = None

    for kind, item in items:
        if kind == "page":
            continue
        if kind == "table":
            flush()
            blocks.append(item)
            continue
        line = item
        if _PAGE_NUMBER.match(line["text"]) and line["size"] < body:
            continue
        heading = level.get(line["size"])
        gap = line["top"] - current["bottom"] if current is not None else 0.0
        same = (
            current is not None
            and current["heading"] == heading
            and 0 <= gap <= 0.6 * line["size"]
            and (heading is not None or not _STARTS_ITEM.match(line["text"]))
        )
        if same and current is not None:
            current["text"] += " " + line["text"]
            current["bottom"] = line["bottom"]
        else:
            flush()
            current = {"text": line["text"], "heading": heading, "bottom": line["bottom"]}
    flush()
    return blocks
