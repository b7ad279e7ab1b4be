"""The Excel bid template: export a bid (or an empty one) and import it back.

The import reads every row first and collects every problem with sheet, row and column; if
there is any, it raises :class:`BidImportRejected` and nothing changes. Otherwise it writes
through :func:`.services.save_bid_content` in one transaction (all or nothing).
"""

import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from woonafspraken import formulas, uploads
from woonafspraken.accounts.access import require

from . import access, services
from .models import BID_YEARS, Bid, Section

MAX_FILE_SIZE = 5 * 1024 * 1024
# A bid template is a few hundred kB unpacked; anything far beyond that is not one.
UPLOAD_KIND = uploads.Kind(
    "xlsx",
    max_size=MAX_FILE_SIZE,
    max_unpacked=50 * 1024 * 1024,
    max_entries=100,
    required_parts=uploads.XLSX.required_parts,
    extensions=uploads.XLSX.extensions,
)
MAX_ROWS = 5000
TEXT_SHEET = "Teksten"
ITEM_SHEET = "Regels"
META_SHEET = "bod"
ITEM_FIELDS = ["section", "description", "postcode"] + [
    f"planned_{i}" for i in range(1, BID_YEARS + 1)
]


class BidImportRejected(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def _item_headers(bid: Bid) -> list[str]:
    return [_("Onderdeel (a–f)"), _("Omschrijving"), _("Postcode (4 cijfers)")] + [
        str(y) for y in bid.planned_years
    ]


def export_bid(bid: Bid) -> bytes:
    wb = Workbook()
    info = wb.active
    info.title = _("Toelichting")
    lines = [
        _("Bod %(corporation)s %(year)s — %(cycle)s")
        % {"corporation": bid.corporation.name, "year": bid.year, "cycle": bid.cycle.title},
        _("Indienen vóór 1 juli %(year)s (Woningwet art. 43); inhoud volgens Btiv 2015 art. 39.")
        % {"year": bid.year},
        _("Blad ‘%(sheet)s’: een tekst per onderdeel a–f.") % {"sheet": TEXT_SHEET},
        _(
            "Blad ‘%(sheet)s’: een regel per voornemen met het geplande aantal per jaar; "
            "bij onderdeel c (verkoop en liberalisatie) de postcode van de wijk (4 cijfers)."
        )
        % {"sheet": ITEM_SHEET},
        _("Bij het inlezen vervangen de regels in dit bestand alle regels van het bod."),
    ]
    for line in lines:
        info.append([line])
    info["A1"].font = Font(bold=True)
    info.column_dimensions["A"].width = 110

    texts = wb.create_sheet(TEXT_SHEET)
    texts.append([_("Onderdeel"), _("Omschrijving"), _("Tekst")])
    existing = {s.section: s.text for s in bid.sections.all()}
    for letter, label in Section.choices:
        texts.append([letter, str(label), existing.get(letter, "")])
    for col, width in zip("ABC", (11, 60, 100), strict=True):
        texts.column_dimensions[col].width = width

    items = wb.create_sheet(ITEM_SHEET)
    items.append(_item_headers(bid))
    for item in bid.items.all():
        items.append([item.section, item.description, item.postcode, *item.planned])
    items.column_dimensions["B"].width = 60
    items.column_dimensions["C"].width = 18
    for sheet in (texts, items):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"

    for sheet in (info, texts, items):
        for row in sheet.iter_rows():
            for cell in row:
                formulas.as_text(cell)

    meta = wb.create_sheet(META_SHEET)
    meta.append(["bid", bid.pk])
    meta.append(["years", *bid.planned_years])
    meta.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def filename_for(bid: Bid) -> str:
    return f"bod-{bid.corporation.slug}-{bid.year}.xlsx"


def _where(sheet: str, row: int, column: int, header: str) -> str:
    return _("Blad ‘%(sheet)s’, rij %(row)s, kolom %(column)s (%(header)s)") % {
        "sheet": sheet,
        "row": row,
        "column": get_column_letter(column),
        "header": header,
    }


def _open(data: bytes) -> Any:
    if len(data) > MAX_FILE_SIZE:
        raise BidImportRejected([_("Het bestand is te groot (hoogstens 5 MB).")])
    try:
        uploads.check(data, kind=UPLOAD_KIND)
    except uploads.UploadRejected as rejected:
        raise BidImportRejected([rejected.message]) from None
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise BidImportRejected([_("Dit Excel-bestand kan niet worden gelezen.")]) from None


def read_bid(bid: Bid, data: bytes) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Sections and items from the workbook; every problem at once, or nothing."""
    wb = _open(data)
    try:
        return _read_sheets(bid, wb)
    except BidImportRejected:
        raise
    except Exception:  # a damaged sheet only shows while it is read
        raise BidImportRejected([_("Dit Excel-bestand kan niet worden gelezen.")]) from None
    finally:
        wb.close()


def _read_sheets(bid: Bid, wb: Any) -> tuple[dict[str, str], list[dict[str, Any]]]:
    errors: list[str] = []
    missing = [s for s in (TEXT_SHEET, ITEM_SHEET, META_SHEET) if s not in wb.sheetnames]
    if missing:
        raise BidImportRejected(
            [
                _("Het blad ‘%(sheet)s’ ontbreekt; gebruik het sjabloon van dit bod.")
                % {"sheet": s}
                for s in missing
            ]
        )
    meta = {row[0]: row[1:] for row in wb[META_SHEET].iter_rows(values_only=True) if row}
    if list(meta.get("bid", [None]))[:1] != [bid.pk]:
        raise BidImportRejected([_("Dit bestand hoort bij een ander bod.")])

    sections: dict[str, str] = {}
    for number, row in enumerate(wb[TEXT_SHEET].iter_rows(min_row=2, values_only=True), start=2):
        cells = list(row) + [None] * 3
        if all(c in (None, "") for c in cells[:3]):
            continue
        letter = str(cells[0] or "").strip().lower()
        if letter not in Section.values:
            errors.append(
                _where(TEXT_SHEET, number, 1, _("Onderdeel"))
                + ": "
                + _("kies een onderdeel a tot en met f.")
            )
            continue
        sections[letter] = str(cells[2] or "").strip()

    headers = _item_headers(bid)
    sheet = wb[ITEM_SHEET]
    first = next(sheet.iter_rows(max_row=1, values_only=True), ())
    known = []
    for language in ("nl", "en"):
        with translation.override(language):
            known.append([str(h) for h in _item_headers(bid)[1:3]])
    if [str(c) if c is not None else "" for c in first[1:3]] not in known:
        errors.append(
            _("Blad ‘%(sheet)s’, rij 1: de kolomkoppen zijn veranderd; gebruik het sjabloon.")
            % {"sheet": ITEM_SHEET}
        )
    items: list[dict[str, Any]] = []
    if (sheet.max_row or 0) > MAX_ROWS + 1:
        raise BidImportRejected(
            [
                _("Blad ‘%(sheet)s’ heeft meer dan %(n)s regels.")
                % {"sheet": ITEM_SHEET, "n": MAX_ROWS}
            ]
        )
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        cells = (list(row) + [None] * len(ITEM_FIELDS))[: len(ITEM_FIELDS)]
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        raw = {
            "section": cells[0],
            "description": cells[1],
            "postcode": cells[2],
            "planned": cells[3:],
        }
        _clean, problems = services.check_item(len(items), raw)
        for problem in problems:
            column = ITEM_FIELDS.index(problem.field) + 1 if problem.field in ITEM_FIELDS else 1
            errors.append(
                _where(ITEM_SHEET, number, column, headers[column - 1]) + ": " + problem.message
            )
        items.append(raw)
    if errors:
        raise BidImportRejected(errors)
    return sections, items


def import_bid(actor: Any, bid: Bid, data: bytes) -> Bid:
    """Check the whole workbook, then replace the bid's texts and items in one transaction."""
    require(access.can_edit_bid(actor, bid), _("U mag dit bod niet (meer) wijzigen."))
    sections, items = read_bid(bid, data)
    return services.save_bid_content(actor, bid, sections=sections, items=items, channel="excel")
