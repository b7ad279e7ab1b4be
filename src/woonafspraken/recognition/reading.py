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


def _docx_paragraph(p: Any, styles: dict[str | None, str]) -> Paragraph:
    """A Word paragraph; ``styles`` maps style ids to names (looked up once per document: Word
    looks a style up by scanning every style, which costs seconds on a long document)."""
    style = styles.get(p._p.style, styles.get(None, ""))
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
    if heading is not None and heading >= 9:
        heading = None
    return Paragraph(p.text, heading=heading, numbered=numbered)


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
    from docx.enum.style import WD_STYLE_TYPE
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = Document(io.BytesIO(data))
    styles: dict[str | None, str] = {st.style_id: st.name or "" for st in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    styles[None] = default.name or "" if default is not None else ""
    body = list(document.element.body.iterchildren())
    blocks: list[Block] = []
    total = len(body)
    for index, child in enumerate(body, start=1):
        if child.tag == f"{_W}p":
            blocks.append(_docx_paragraph(DocxParagraph(child, document), styles))
        elif child.tag == f"{_W}tbl":
            blocks.append(_docx_table(DocxTable(child, document)))
        if index % 100 == 0 or index == total:
            _in_time(deadline)
            progress(index, total)
    return blocks


# --- PDF ------------------------------------------------------------------------------------
#
# PDFium (through pypdfium2) reads the text with each character's box and font size, and the
# page's drawn paths; tables are found from their ruling lines (the borders Word, LibreOffice
# and Woonafspraken draw), their cells from the grid those lines make. A table without lines
# is found from its text: consecutive lines cut into the same columns by wide gaps (see
# :func:`_aligned_tables`). Headings are lines in a larger font than the body text, one level
# per size.

_PAGE_NUMBER = re.compile(r"^\s*(?:(?:pagina|page)\s+)?\d+\s*(?:/|van|of)?\s*\d*\s*$", re.I)
_STARTS_ITEM = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s|[a-z][.)]\s|[•●▪◦■‣∙*\-–]\s)")


class _Word:
    __slots__ = ("bottom", "size", "text", "top", "x0", "x1")

    def __init__(self, x0: float, top: float, x1: float, bottom: float, size: float) -> None:
        self.x0, self.top, self.x1, self.bottom, self.size = x0, top, x1, bottom, size
        self.text = ""


def _words(textpage: Any, height: float) -> list[_Word]:
    """Runs of text with their boxes (top measured from the top of the page) and font size.

    PDFium cuts the text into rectangles: one per stretch of a line, a new one where a gap (a
    table cell's border, a column) interrupts it. Asking for those instead of every character
    keeps reading a long document to a few calls per line.
    """
    import pypdfium2.raw as raw  # type: ignore[import-untyped,unused-ignore]

    handle = textpage.raw
    words: list[_Word] = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
        if not text:
            continue
        index = raw.FPDFText_GetCharIndexAtPos(
            handle, left + 0.5, (top + bottom) / 2, (right - left) / 2, (top - bottom) / 2
        )
        size = raw.FPDFText_GetFontSize(handle, index) if index >= 0 else top - bottom
        word = _Word(left, height - top, right, height - bottom, size)
        word.text = text
        words.append(word)
    return words


def _segments(page: Any, height: float) -> tuple[list[tuple[float, float, float]], ...]:
    """Horizontal (y, x0, x1) and vertical (x, top, bottom) ruling lines drawn on the page."""
    import pypdfium2.raw as raw  # type: ignore[import-untyped,unused-ignore]

    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        width, tall = right - left, top - bottom
        if tall <= 2.5 and width > 4:
            horizontal.append((height - (top + bottom) / 2, left, right))
        elif width <= 2.5 and tall > 4:
            vertical.append(((left + right) / 2, height - top, height - bottom))
        elif width > 4 and tall > 4 and obj.get_matrix() is not None:
            pass  # a filled cell background or a picture: no ruling line
    return horizontal, vertical


def _merge(values: list[float], tolerance: float = 2.0) -> list[float]:
    merged: list[float] = []
    for v in sorted(values):
        if merged and v - merged[-1] <= tolerance:
            continue
        merged.append(v)
    return merged


def _grids(
    horizontal: list[tuple[float, float, float]], vertical: list[tuple[float, float, float]]
) -> list[tuple[list[float], list[float]]]:
    """The grids (column edges, row edges) of the ruled tables on a page."""
    lines = [("h", *h) for h in horizontal] + [("v", *v) for v in vertical]
    boxes = []
    for kind, a, b, c in lines:
        boxes.append((b, a, c, a) if kind == "h" else (a, b, a, c))  # x0, top, x1, bottom
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    for n, i in enumerate(order):
        x0, _, x1, b0 = boxes[i]
        for j in order[n + 1 :]:
            if boxes[j][1] > b0 + 3:
                break
            u0, _, u1, _ = boxes[j]
            if u0 <= x1 + 3 and x0 <= u1 + 3:
                parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = {}
    for i in range(len(boxes)):
        clusters.setdefault(find(i), []).append(i)
    grids = []
    for members in clusters.values():
        xs = _merge([lines[i][1] for i in members if lines[i][0] == "v"])
        ys = _merge([lines[i][1] for i in members if lines[i][0] == "h"])
        if len(xs) >= 2 and len(ys) >= 2:
            grids.append((xs, ys))
    return grids


def _index(edges: list[float], value: float) -> int | None:
    for i in range(len(edges) - 1):
        if edges[i] <= value < edges[i + 1]:
            return i
    return None


def _table(grid: tuple[list[float], list[float]], words: list[_Word]) -> Table:
    xs, ys = grid
    cells: dict[tuple[int, int], list[_Word]] = {}
    for word in words:
        row = _index(ys, (word.top + word.bottom) / 2)
        column = _index(xs, (word.x0 + word.x1) / 2)
        if row is not None and column is not None:
            cells.setdefault((row, column), []).append(word)
    rows: list[tuple[str, ...]] = []
    for r in range(len(ys) - 1):
        texts: list[str] = []
        for c in range(len(xs) - 1):
            inside = sorted(cells.get((r, c), []), key=lambda w: (round(w.top), w.x0))
            texts.append(" ".join(w.text for w in inside))
        if any(texts):
            rows.append(tuple(texts))
    used = [c for c in range(len(xs) - 1) if any(r[c] for r in rows)]
    return Table(tuple(tuple(r[c] for c in used) for r in rows))


def _lines(words: list[_Word]) -> list[dict[str, Any]]:
    """Words grouped into lines: text, size, top and bottom."""
    lines: list[dict[str, Any]] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        middle = (word.top + word.bottom) / 2
        if lines and (
            abs(word.top - lines[-1]["top"]) <= 2
            or lines[-1]["top"] < middle < lines[-1]["bottom"]  # a small sign (a dash) in it
        ):
            line = lines[-1]
            line["words"].append(word)
            line["bottom"] = max(line["bottom"], word.bottom)
        else:
            lines.append({"top": word.top, "bottom": word.bottom, "words": [word]})
    for line in lines:
        line["words"].sort(key=lambda w: w.x0)
        line["text"] = " ".join(w.text for w in line["words"])
        line["size"] = round(max(w.size for w in line["words"]) * 2) / 2
    return lines


_MARKER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[a-z][.)]|[•●▪◦■‣∙*\-–])\s*$")


def _cells(line: dict[str, Any]) -> list[list[_Word]]:
    """A line's words cut where a gap is wider than one and a half characters: a column's edge.

    PDFium already splits a line into runs at gaps wider than a space; between two words of a
    sentence in another font the gap stays a space wide.
    """
    words = line["words"]
    characters = sum(len(w.text) for w in words) or 1
    wide = 1.5 * sum(w.x1 - w.x0 for w in words) / characters
    cells: list[list[_Word]] = [[words[0]]]
    for word in words[1:]:
        if word.x0 - cells[-1][-1].x1 >= wide:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def _columns(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The columns under these cell spans: where they overlap, one column."""
    columns: list[tuple[float, float]] = []
    for x0, x1 in sorted(spans):
        if columns and x0 <= columns[-1][1] + 1:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _listed(row: tuple[dict[str, Any], list[list[_Word]]]) -> bool:
    """Whether a line starts with a list's number or bullet in a cell of its own."""
    return bool(_MARKER.match(" ".join(w.text for w in row[1][0])))


def _aligned_table(run: list[tuple[dict[str, Any], list[list[_Word]]]]) -> Table | None:
    """The table a run of lines makes, or ``None`` when its columns don't hold."""
    spans = [(cell[0].x0, cell[-1].x1) for _, cells in run for cell in cells]
    columns = _columns(spans)
    if len(columns) < 2:
        return None
    rows: list[list[str]] = []
    for _, cells in run:
        texts = [""] * len(columns)
        for cell in cells:
            middle = (cell[0].x0 + cell[-1].x1) / 2
            index = next(i for i, (x0, x1) in enumerate(columns) if x0 - 1 <= middle <= x1 + 1)
            text = " ".join(w.text for w in cell)
            texts[index] = f"{texts[index]} {text}".strip()
        if len(cells) >= 2:
            rows.append(texts)
        elif rows:  # a cell's text running on to the next line
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], texts, strict=True)]
    if len(rows) < 2:
        return None  # one row is no table
    if sum(1 for row in rows if sum(1 for t in row if t) >= 2) < len(rows):
        return None
    return Table(tuple(tuple(row) for row in rows))


def _aligned_tables(
    lines: list[dict[str, Any]],
) -> tuple[list[tuple[float, Table]], list[dict[str, Any]]]:
    """Tables drawn without lines, from text alone: two or more consecutive lines, close
    together, each cut into two or more cells by wide gaps, the cells of all lines standing
    in the same columns; a line of one cell right of the first column continues the row
    above. Returns the tables (with their top) and the lines that are no table."""
    tables: list[tuple[float, Table]] = []
    rest: list[dict[str, Any]] = []
    run: list[tuple[dict[str, Any], list[list[_Word]]]] = []

    def close() -> None:
        # A numbered list (its numbers in a column of their own) right above a table: apart.
        start = 0
        for end in range(1, len(run) + 1):
            if end == len(run) or _listed(run[end]) != _listed(run[start]):
                part = run[start:end]
                table = None if _listed(part[0]) else _aligned_table(part)
                if table is not None:
                    tables.append((part[0][0]["top"], table))
                else:
                    rest.extend(line for line, _ in part)
                start = end
        run.clear()

    for line in lines:
        cells = _cells(line)
        if run:
            previous = run[-1][0]
            height = previous["bottom"] - previous["top"]
            near = line["top"] - previous["bottom"] <= height
            first = run[0][1][0]
            inside = cells[0][0].x0 > first[-1].x1 and len(cells) == 1
            if near and (len(cells) >= 2 or inside):
                run.append((line, cells))
                continue
            close()
        if len(cells) >= 2:
            run.append((line, cells))
        else:
            rest.append(line)
    close()
    return tables, rest


def read_pdf(data: bytes, progress: Progress, deadline: float | None) -> list[Block]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped,unused-ignore]

    items: list[tuple[str, Any]] = []  # ("line", line), ("table", Table) or ("page", None)
    document = pdfium.PdfDocument(data)
    try:
        total = len(document)
        for number in range(total):
            _in_time(deadline)
            page = document[number]
            height = page.get_height()
            textpage = page.get_textpage()
            words = _words(textpage, height)
            grids = _grids(*_segments(page, height))
            textpage.close()
            page.close()
            placed: list[tuple[float, str, Any]] = []
            for grid in grids:
                xs, ys = grid
                inside = [
                    w
                    for w in words
                    if xs[0] <= (w.x0 + w.x1) / 2 <= xs[-1]
                    and ys[0] <= (w.top + w.bottom) / 2 <= ys[-1]
                ]
                table = _table(grid, inside)
                if table.rows:
                    placed.append((ys[0], "table", table))
                    taken = {id(w) for w in inside}
                    words = [w for w in words if id(w) not in taken]
            aligned, lines = _aligned_tables(_lines(words))
            placed.extend((top, "table", table) for top, table in aligned)
            placed.extend((ln["top"], "line", ln) for ln in lines)
            placed.sort(key=lambda p: p[0])
            items.extend((kind, item) for _, kind, item in placed)
            items.append(("page", None))
            progress(number + 1, total)
    finally:
        document.close()
    lines = [item for kind, item in items if kind == "line"]
    if not lines and not any(kind == "table" for kind, _ in items):
        raise Refused("no_text")
    return _pdf_blocks(items, lines)


def _pdf_blocks(items: list[tuple[str, Any]], lines: list[dict[str, Any]]) -> list[Block]:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line["size"]] += len(line["text"])
    body = weights.most_common(1)[0][0] if weights else 10.0
    bigger = sorted({ln["size"] for ln in lines if ln["size"] > body * 1.04}, reverse=True)
    level = {size: index + 1 for index, size in enumerate(bigger)}
    blocks: list[Block] = []
    current: dict[str, Any] | None = None
    after_page = False

    def flush() -> None:
        nonlocal current
        if current is not None:
            blocks.append(Paragraph(current["text"], heading=current["heading"]))
            current = None

    for kind, item in items:
        if kind == "page":
            after_page = True
            continue
        if kind == "table":
            flush()
            previous = blocks[-1] if blocks else None
            if (
                after_page
                and isinstance(previous, Table)
                and previous.rows
                and len(previous.rows[0]) == len(item.rows[0])
            ):
                # A table that runs on from the previous page, its header row repeated or not.
                rows = item.rows[1:] if item.rows[0] == previous.rows[0] else item.rows
                blocks[-1] = Table(previous.rows + rows)
            else:
                blocks.append(item)
            after_page = False
            continue
        line = item
        if _PAGE_NUMBER.match(line["text"]) and line["size"] < body:
            continue
        after_page = False
        heading = level.get(line["size"])
        gap = line["top"] - current["bottom"] if current is not None else 0.0
        same = (
            current is not None
            and current["heading"] == heading
            and -1 <= gap <= 0.4 * line["size"]
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
