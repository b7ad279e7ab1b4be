"""The Excel bid template: export a bid (or an empty one) and import it back.

The import reads every row first and collects every problem with sheet, row and column; if
there is any, it raises :class:`BidImportRejected` and nothing changes. Otherwise it writes
through :func:`.services.save_bid_content` in one transaction (all or nothing).

Each line names the policy goal it serves (the last column, by the goal's title; the sheet
``Beleidsdoelen`` lists the goals of the bid's municipality). A template without that column
(made before it existed) is read as lines without a goal.
"""

import io
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from woonafspraken import formulas, uploads
from woonafspraken.accounts.access import require

from . import access, services
from .models import BID_YEARS, Bid, PolicyGoal, Section

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
GOAL_SHEET = "Beleidsdoelen"
ITEM_FIELDS = [
    "section",
    "description",
    "postcode",
    *(f"planned_{i}" for i in range(1, BID_YEARS + 1)),
    "goal",
]
GOAL_COLUMN = ITEM_FIELDS.index("goal") + 1


@dataclass(frozen=True)
class CellError:
    """One reason to refuse a workbook and where it is (``None`` where it does not apply)."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # the column's letter
    header: str | None = None

    def __str__(self) -> str:
        if self.sheet and self.row and self.column:
            where = _("Blad ‘%(sheet)s’, rij %(row)s, kolom %(column)s (%(header)s)") % {
                "sheet": self.sheet,
                "row": self.row,
                "column": self.column,
                "header": self.header or "",
            }
        elif self.sheet and self.row:
            where = _("Blad ‘%(sheet)s’, rij %(row)s") % {"sheet": self.sheet, "row": self.row}
        else:
            return self.message
        return f"{where}: {self.message}"


class BidImportRejected(Exception):
    def __init__(self, errors: list[CellError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def _item_headers(bid: Bid) -> list[str]:
    return [
        _("Onderdeel (a–f)"),
        _("Omschrijving"),
        _("Postcode (4 cijfers)"),
        *(str(y) for y in bid.planned_years),
        _("Beleidsdoel"),
    ]


def goal_name(goal: PolicyGoal) -> str:
    """How a goal is named in the template: its title (``thema · titel`` is read too)."""
    return goal.title


def _goal_headers() -> list[str]:
    return [_("Thema"), _("Beleidsdoel"), _("Document")]


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
        _(
            "Kolom ‘Beleidsdoel’: het beleidsdoel van de gemeente dat de regel dient, met de "
            "naam zoals op blad ‘%(sheet)s’; leeg als de regel geen beleidsdoel dient."
        )
        % {"sheet": GOAL_SHEET},
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
    for item in bid.items.select_related("goal"):
        goal = goal_name(item.goal) if item.goal else ""
        items.append([item.section, item.description, item.postcode, *item.planned, goal])
    items.column_dimensions["B"].width = 60
    items.column_dimensions["C"].width = 18
    goal_letter = get_column_letter(GOAL_COLUMN)
    items.column_dimensions[goal_letter].width = 50

    goals = wb.create_sheet(GOAL_SHEET)
    goals.append(_goal_headers())
    listed = list(services.bid_goals(bid).values())
    for goal in listed:
        goals.append([goal.theme_name, goal_name(goal), str(goal.document)])
    for col, width in zip("ABC", (30, 60, 40), strict=True):
        goals.column_dimensions[col].width = width
    if listed:
        choice = DataValidation(
            type="list",
            formula1=f"'{GOAL_SHEET}'!$B$2:$B${len(listed) + 1}",
            allow_blank=True,
            showErrorMessage=False,
        )
        items.add_data_validation(choice)
        choice.add(f"{goal_letter}2:{goal_letter}{MAX_ROWS + 1}")
    for sheet in (texts, items, goals):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"

    for sheet in (info, texts, items, goals):
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


def _at(sheet: str, row: int, column: int, header: str, message: str) -> CellError:
    return CellError(message, sheet, row, get_column_letter(column), header)


def _open(data: bytes) -> Any:
    if len(data) > MAX_FILE_SIZE:
        raise BidImportRejected([CellError(_("Het bestand is te groot (hoogstens 5 MB)."))])
    try:
        uploads.check(data, kind=UPLOAD_KIND)
    except uploads.UploadRejected as rejected:
        raise BidImportRejected([CellError(rejected.message)]) from None
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise BidImportRejected([_unreadable()]) from None


def _unreadable() -> CellError:
    return CellError(_("Dit Excel-bestand kan niet worden gelezen."))


def read_bid(
    bid: Bid, data: bytes, watch: uploads.Watch | None = None
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Sections and items from the workbook; every problem at once, or nothing.

    Each item carries the ``row`` it came from and its ``goal`` (a policy goal's id or
    ``None``). ``watch`` gets the progress between rows and stops a read past its deadline.
    """
    watch = watch or uploads.Watch()
    watch.tick()
    wb = _open(data)
    try:
        return _read_sheets(bid, wb, watch)
    except (BidImportRejected, uploads.TimeUp):
        raise
    except Exception:  # a damaged sheet only shows while it is read
        raise BidImportRejected([_unreadable()]) from None
    finally:
        wb.close()


def _goal_lookup(bid: Bid) -> dict[str, PolicyGoal | None]:
    """Goal names (lower case) to goals; a name two goals share maps to ``None``."""
    found: dict[str, PolicyGoal | None] = {}
    for goal in services.bid_goals(bid).values():
        for name in {goal_name(goal), f"{goal.theme_name} · {goal.title}"}:
            key = " ".join(name.split()).lower()
            found[key] = None if key in found and found[key] != goal else goal
    return found


def _goal_of(value: Any, goals: dict[str, PolicyGoal | None]) -> tuple[int | None, str]:
    name = " ".join(str(value or "").split())
    if not name:
        return None, ""
    key = name.lower()
    if key not in goals:
        return None, _(
            "‘%(name)s’ is geen beleidsdoel van deze gemeente. Kies een naam van blad "
            "‘%(sheet)s’ of laat de cel leeg."
        ) % {"name": name[:80], "sheet": GOAL_SHEET}
    goal = goals[key]
    if goal is None:
        return None, _(
            "Er zijn meer beleidsdoelen met de naam ‘%(name)s’; schrijf het thema ervoor, "
            "als ‘thema · beleidsdoel’."
        ) % {"name": name[:80]}
    return goal.pk, ""


def _read_sheets(
    bid: Bid, wb: Any, watch: uploads.Watch
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    errors: list[CellError] = []
    missing = [s for s in (TEXT_SHEET, ITEM_SHEET, META_SHEET) if s not in wb.sheetnames]
    if missing:
        raise BidImportRejected(
            [
                CellError(
                    _("Het blad ‘%(sheet)s’ ontbreekt; gebruik het sjabloon van dit bod.")
                    % {"sheet": s},
                    s,
                )
                for s in missing
            ]
        )
    meta = {row[0]: row[1:] for row in wb[META_SHEET].iter_rows(values_only=True) if row}
    if list(meta.get("bid", [None]))[:1] != [bid.pk]:
        raise BidImportRejected([CellError(_("Dit bestand hoort bij een ander bod."))])
    text_sheet, sheet = wb[TEXT_SHEET], wb[ITEM_SHEET]
    total = (text_sheet.max_row or 0) + (sheet.max_row or 0)

    sections: dict[str, str] = {}
    for number, row in enumerate(text_sheet.iter_rows(min_row=2, values_only=True), start=2):
        watch.tick(number, total)
        cells = list(row) + [None] * 3
        if all(c in (None, "") for c in cells[:3]):
            continue
        letter = str(cells[0] or "").strip().lower()
        if letter not in Section.values:
            errors.append(
                _at(TEXT_SHEET, number, 1, _("Onderdeel"), _("Kies een onderdeel a tot en met f."))
            )
            continue
        sections[letter] = str(cells[2] or "").strip()

    headers = _item_headers(bid)
    first = list(next(sheet.iter_rows(max_row=1, values_only=True), ()))
    first += [None] * (len(ITEM_FIELDS) - len(first))
    known, goal_headers = [], {""}
    for language in ("nl", "en"):
        with translation.override(language):
            known.append([str(h) for h in _item_headers(bid)[1:3]])
            goal_headers.add(str(_("Beleidsdoel")))
    if [str(c) if c is not None else "" for c in first[1:3]] not in known:
        errors.append(
            CellError(_("De kolomkoppen zijn veranderd; gebruik het sjabloon."), ITEM_SHEET, 1)
        )
    goal_header = str(first[GOAL_COLUMN - 1] or "").strip()
    if goal_header not in goal_headers:
        errors.append(
            _at(
                ITEM_SHEET,
                1,
                GOAL_COLUMN,
                headers[GOAL_COLUMN - 1],
                _("Hier hoort de kop ‘%(want)s’ te staan, niet ‘%(got)s’.")
                % {"want": headers[GOAL_COLUMN - 1], "got": goal_header[:40]},
            )
        )
    items: list[dict[str, Any]] = []
    if (sheet.max_row or 0) > MAX_ROWS + 1:
        raise BidImportRejected(
            [
                CellError(
                    _("Blad ‘%(sheet)s’ heeft meer dan %(n)s regels.")
                    % {"sheet": ITEM_SHEET, "n": MAX_ROWS},
                    ITEM_SHEET,
                )
            ]
        )
    goals = _goal_lookup(bid)
    offset = text_sheet.max_row or 0
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        watch.tick(offset + number, total)
        cells = (list(row) + [None] * len(ITEM_FIELDS))[: len(ITEM_FIELDS)]
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        goal, goal_problem = _goal_of(cells[GOAL_COLUMN - 1], goals)
        raw = {
            "section": cells[0],
            "description": cells[1],
            "postcode": cells[2],
            "planned": cells[3 : GOAL_COLUMN - 1],
        }
        _clean, problems = services.check_item(len(items), raw)
        for problem in problems:
            column = ITEM_FIELDS.index(problem.field) + 1 if problem.field in ITEM_FIELDS else 1
            errors.append(_at(ITEM_SHEET, number, column, headers[column - 1], problem.message))
        if goal_problem:
            errors.append(
                _at(ITEM_SHEET, number, GOAL_COLUMN, headers[GOAL_COLUMN - 1], goal_problem)
            )
        items.append({**raw, "goal": goal, "row": number})
    if errors:
        raise BidImportRejected(errors)
    return sections, items


def import_bid(actor: Any, bid: Bid, data: bytes) -> Bid:
    """Check the whole workbook, then replace the bid's texts and items in one transaction."""
    require(access.can_edit_bid(actor, bid), _("U mag dit bod niet (meer) wijzigen."))
    sections, items = read_bid(bid, data)
    return save(actor, bid, sections, items)


def save(actor: Any, bid: Bid, sections: dict[str, str], items: list[dict[str, Any]]) -> Bid:
    """Write what :func:`read_bid` found, all or nothing.

    A problem the service finds only now (a goal removed meanwhile) raises
    :class:`BidImportRejected` with the row and column it came from.
    """
    rows = [item.get("row") for item in items]
    try:
        return services.save_bid_content(
            actor,
            bid,
            sections=sections,
            items=[{k: v for k, v in item.items() if k != "row"} for item in items],
            channel="excel",
        )
    except services.BidRejected as rejected:
        headers = _item_headers(bid)
        errors = []
        for problem in rejected.errors:
            row = rows[problem.index] if problem.index is not None else None
            if row and problem.field in ITEM_FIELDS:
                column = ITEM_FIELDS.index(problem.field) + 1
                errors.append(_at(ITEM_SHEET, row, column, headers[column - 1], problem.message))
            else:
                errors.append(CellError(problem.message, ITEM_SHEET if row else None, row))
        raise BidImportRejected(errors) from None
