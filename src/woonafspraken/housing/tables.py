"""The import and export layout of each housing table: one documented template per table.

Every file starts with ``RegioS`` (the CBS municipality code, e.g. GM0935) and ``Perioden``
(the year, as in a CBS StatLine export: ``2017JJ00``; a plain ``2017`` is accepted too), so a
StatLine CSV export (one row per region × period) fits after renaming its value columns.
Rent classes use the codes of the VERA reference list HUURKLASSE (GOE, DUU, BOV), with BET
split at the low aftoppingsgrens into BETL and BETH (the analyses need that limit).

Files are CSV (separator ``;`` with decimal comma, or ``,`` with decimal point) or Excel
(.xlsx, first sheet). Exports write ``;`` and decimal comma, and read back unchanged.
No Django model is written here: :func:`parse` returns clean rows or every error in Dutch.
Each error keeps its Dutch sentence (marked for the translation catalogue) and the parts
from the file apart, so the web and API layers give it in the reader's language
(:meth:`RowError.text_in`); what the person typed stays as typed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from woonafspraken import uploads
from woonafspraken.analysis.classes import LABELS
from woonafspraken.rules._common import gettext_noop

#: Lines between two looks at the clock and the progress while a file is read.
TICK = 100

RENT_CLASS_CODES = {
    "GOE": "cheap",
    "BETL": "affordable_low",
    "BETH": "affordable_high",
    "DUU": "expensive",
    "BOV": "above_limit",
}
OWNERSHIP_CODES = {
    "corporatie": "corporation",
    "overige_verhuurder": "other_landlord",
    "eigenaar_bewoner": "owner_occupied",
}
CARE_CODES = {"nee": "none", "nultreden": "zero_step", "zorg": "care"}
INCOME_CODES = {"huurtoeslag": "huurtoeslag", "daeb": "daeb", "boven_daeb": "above_daeb"}
TENURE_CODES = {
    "sociale_huur": "social_rent",
    "particuliere_huur": "private_rent",
    "koop": "owner",
}
ROUTE_CODES = {
    "aanbodmodel": "offer_model",
    "eigen_inplaatsing": "direct_placement",
    "urgentie": "urgency",
    "overig": "other",
}
PROJECT_CODES = {
    "nieuwbouw": "new_build",
    "verkoop": "sale",
    "liberalisatie": "liberalisation",
    "sloop": "demolition",
    "renovatie": "renovation",
}
SEGMENT_CODES = {
    "sociale_huur": "social_rent",
    "middenhuur": "middle_rent",
    "betaalbare_koop": "affordable_owner",
    "dure_huur": "expensive_rent",
    "dure_koop": "expensive_owner",
}
HOUSEHOLD_TYPES = ("alleenstaand", "paar", "paar_met_kinderen", "eenouder", "overig")
AGE_BANDS = ("<23", "23-34", "35-54", "55-64", "65-74", "75+")
DWELLING_TYPES = ("eengezins", "meergezins", "overig")
LABEL_CODES = {label: label for label in LABELS}
BOOL_CODES = {"ja": True, "nee": False}
_PERIOD = re.compile(r"^(\d{4})(JJ00)?$")
_REGION = re.compile(r"^GM\d{4}$")
_AREA = re.compile(r"^((WK\d{6})|(BU\d{8}))?$")


class CellError(ValueError):
    """A cell's value is wrong: a Dutch sentence with ``%(name)s`` parts and those parts."""

    def __init__(self, template: str, **params: str) -> None:
        super().__init__(template % params)
        self.template = template
        self.params = params


@dataclass(frozen=True)
class Col:
    header: str
    field: str
    kind: str  # int, money, text, code, bool
    doc: str
    required: bool = True
    codes: Mapping[str, Any] = field(default_factory=dict)
    maximum: int = 2_000_000_000


@dataclass(frozen=True)
class Spec:
    table: str
    filename: str
    doc: str
    columns: tuple[Col, ...]

    @property
    def headers(self) -> list[str]:
        return ["RegioS", "Perioden", *(c.header for c in self.columns)]


def _codes(values: Iterable[str]) -> dict[str, str]:
    return {v: v for v in values}


def _rent(required: bool = False, header: str = "HUURKLASSE", fld: str = "rent_class") -> Col:
    return Col(
        header,
        fld,
        "code",
        "Huurklasse (VERA HUURKLASSE): GOE, BETL, BETH, DUU of BOV; leeg bij koop.",
        required=required,
        codes=RENT_CLASS_CODES,
    )


def _label(header: str = "ENERGIELABEL", fld: str = "label") -> Col:
    return Col(
        header, fld, "code", "Energielabel A++++ … G; leeg als onbekend.", False, LABEL_CODES
    )


SPECS: dict[str, Spec] = {
    "stock": Spec(
        "stock",
        "woningvoorraad",
        "Woningvoorraad per eigenaar en jaar (peildatum 1 januari, als CBS 82900NED).",
        (
            Col(
                "eigendom",
                "ownership",
                "code",
                "corporatie, overige_verhuurder of eigenaar_bewoner.",
                codes=OWNERSHIP_CODES,
            ),
            Col(
                "eigenaar",
                "owner",
                "text",
                "Korte naam van de corporatie (bijv. woonpunt); leeg voor overige eigenaren.",
                required=False,
            ),
            _rent(),
            _label(),
            Col(
                "woningtype",
                "dwelling_type",
                "code",
                "eengezins, meergezins of overig.",
                False,
                _codes(DWELLING_TYPES),
            ),
            Col("zorggeschikt", "care", "code", "nee, nultreden of zorg.", codes=CARE_CODES),
            Col(
                "buurtcode",
                "area_code",
                "text",
                "CBS-wijkcode (WK……) of -buurtcode (BU……); leeg voor de hele gemeente.",
                required=False,
            ),
            Col("aantal", "count", "int", "Aantal woningen."),
        ),
    ),
    "households": Spec(
        "households",
        "huishoudens",
        "Huishoudens per type, leeftijd, inkomensgroep en woonsituatie (als CBS 82324NED).",
        (
            Col(
                "huishoudtype",
                "household_type",
                "code",
                ", ".join(HOUSEHOLD_TYPES) + ".",
                codes=_codes(HOUSEHOLD_TYPES),
            ),
            Col(
                "leeftijdsklasse",
                "age_band",
                "code",
                "Leeftijd hoofdbewoner: " + ", ".join(AGE_BANDS) + ".",
                codes=_codes(AGE_BANDS),
            ),
            Col(
                "inkomensgroep",
                "income_group",
                "code",
                "huurtoeslag (tot de inkomensgrens "
                "passend toewijzen), daeb (tot de DAEB-grens) of boven_daeb.",
                codes=INCOME_CODES,
            ),
            Col(
                "woonsituatie",
                "tenure",
                "code",
                "sociale_huur, particuliere_huur of koop.",
                codes=TENURE_CODES,
            ),
            _rent(),
            Col("huishoudgrootte", "size_class", "int", "1, 2 of 3 (3 = drie of meer).", maximum=3),
            Col("aantal", "count", "int", "Aantal huishoudens."),
        ),
    ),
    "lettings": Spec(
        "lettings",
        "toewijzingen",
        "Toewijzingen per corporatie: één regel per toewijzing, of een aantal per regel.",
        (
            Col("corporatie", "corporation", "text", "Korte naam van de corporatie."),
            Col(
                "route",
                "route",
                "code",
                "aanbodmodel, eigen_inplaatsing (of directe bemiddeling), urgentie of overig.",
                codes=ROUTE_CODES,
            ),
            Col("huishoudgrootte", "household_size", "int", "Aantal personen.", maximum=99),
            Col("inkomen", "income", "money", "Toetsingsinkomen per jaar in euro."),
            Col("huur", "rent", "money", "Kale huur per maand in euro."),
            Col("leeftijd", "age", "int", "Leeftijd van de hoofdhuurder.", maximum=130),
            Col("aow", "pension_age", "bool", "ja als de huurder de AOW-leeftijd heeft."),
            Col("mantelzorg", "caregiver", "bool", "ja bij een mantelzorger of -ontvanger."),
            Col("aantal", "count", "int", "Aantal toewijzingen op deze regel (meestal 1)."),
        ),
    ),
    "costs": Spec(
        "costs",
        "woonlasten",
        "Woonlasten per huishoudtype (als CBS 85950NED): gemiddelden per groep.",
        (
            Col(
                "huishoudtype",
                "household_type",
                "code",
                ", ".join(HOUSEHOLD_TYPES) + ".",
                codes=_codes(HOUSEHOLD_TYPES),
            ),
            Col("huishoudgrootte", "household_size", "int", "Aantal personen.", maximum=99),
            Col("aantal", "count", "int", "Aantal huishoudens in de groep."),
            Col("inkomen", "income", "money", "Gemiddeld toetsingsinkomen per jaar."),
            Col("huur", "rent", "money", "Gemiddelde kale huur per maand."),
            Col(
                "huurtoeslag",
                "huurtoeslag",
                "money",
                "Gemiddelde huurtoeslag per maand; leeg: berekenen met de regels van het jaar.",
                required=False,
            ),
            Col(
                "energiekosten",
                "energy_cost",
                "money",
                "Gemiddelde energiekosten per maand; leeg als onbekend.",
                required=False,
            ),
            _label(),
        ),
    ),
    "care": Spec(
        "care",
        "zorggeschikte-woningen",
        "Vraag naar en aanbod van zorggeschikte woningen (nultreden of zorggeschikt).",
        (
            Col("vraag", "count", "int", "Huishoudens die een zorggeschikte woning nodig hebben."),
            Col("aanbod", "supply", "int", "Zorggeschikte woningen."),
            Col(
                "passend_bewoond",
                "matched",
                "int",
                "Zorggeschikte woningen bewoond door een huishouden dat er een nodig heeft.",
            ),
        ),
    ),
    "projects": Spec(
        "projects",
        "projecten",
        "Vastgoedplannen per jaar van oplevering: nieuwbouw, verkoop, liberalisatie, sloop en "
        "renovatie, met huurklasse en label na afloop.",
        (
            Col("eigenaar", "owner", "text", "Korte naam van de corporatie of ontwikkelaar."),
            Col(
                "soort",
                "kind",
                "code",
                "nieuwbouw, verkoop, liberalisatie, sloop of renovatie.",
                codes=PROJECT_CODES,
            ),
            Col(
                "segment",
                "segment",
                "code",
                "Bij nieuwbouw: sociale_huur, middenhuur, betaalbare_koop, dure_huur of dure_koop.",
                False,
                SEGMENT_CODES,
            ),
            _rent(header="HUURKLASSE_NA", fld="rent_class_after"),
            _label(header="ENERGIELABEL_NA", fld="label_after"),
            Col("project", "name", "text", "Naam van het project.", required=False),
            Col("aantal", "count", "int", "Aantal woningen."),
        ),
    ),
}


def _same(text: str) -> str:
    return text


_AT_COLUMN = gettext_noop("Regel %(line)s, kolom %(column)s: %(message)s")
_AT_LINE = gettext_noop("Regel %(line)s: %(message)s")


@dataclass(frozen=True)
class RowError:
    """An error in a file: where, and a Dutch sentence with the parts from the file apart."""

    line: int
    column: str
    template: str
    params: Mapping[str, str] = field(default_factory=dict)

    def message_in(self, translate: Callable[[str], str] = _same) -> str:
        """The sentence, its template passed through ``translate`` (e.g. Django's gettext)."""
        return translate(self.template) % self.params

    @property
    def message(self) -> str:
        return self.message_in()

    def text_in(self, translate: Callable[[str], str] = _same) -> str:
        """The sentence after its line and column."""
        where = _AT_COLUMN if self.column else _AT_LINE
        parts = {"line": self.line, "column": self.column, "message": self.message_in(translate)}
        return translate(where) % parts

    def __str__(self) -> str:
        return self.text_in()


@dataclass
class Parsed:
    rows: list[dict[str, Any]]
    errors: list[RowError]
    years: set[int]


_DIGITS = re.compile(r"\d+")
_AMOUNT = re.compile(r"\d{1,10}(\.\d{1,2})?")
_CENT = Decimal("0.01")


def _text(value: object) -> str:
    if type(value) is str:  # the common case (every CSV cell), first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _int(text: str, col: Col) -> int:
    if not _DIGITS.fullmatch(text):
        raise CellError(gettext_noop("‘%(text)s’ is geen heel getal van 0 of meer."), text=text)
    value = int(text)
    if value > col.maximum:
        raise CellError(
            gettext_noop("%(text)s is te groot (hoogstens %(maximum)s)."),
            text=text,
            maximum=str(col.maximum),
        )
    return value


def _money(text: str, decimal_comma: bool) -> Decimal:
    raw = text.replace(",", ".") if decimal_comma or "," in text else text
    if not _AMOUNT.fullmatch(raw):
        raise CellError(
            gettext_noop(
                "‘%(text)s’ is geen bedrag (gebruik bijv. 550,25; geen punten voor "
                "duizendtallen; hoogstens twee decimalen)."
            ),
            text=text,
        )
    try:
        return Decimal(raw).quantize(_CENT)
    except InvalidOperation:  # pragma: no cover - the pattern already excludes this
        raise CellError(gettext_noop("‘%(text)s’ is geen bedrag."), text=text) from None


def _cell(col: Col, text: str, decimal_comma: bool) -> Any:
    if text == "":
        if col.required:
            raise CellError(gettext_noop("is verplicht en ontbreekt."))
        return None if col.kind == "money" else ""
    if col.kind == "int":
        return _int(text, col)
    if col.kind == "money":
        return _money(text, decimal_comma)
    if col.kind == "bool":
        if text.lower() not in BOOL_CODES:
            raise CellError(gettext_noop("‘%(text)s’ moet ja of nee zijn."), text=text)
        return BOOL_CODES[text.lower()]
    if col.kind == "code":
        if text not in col.codes:
            raise CellError(
                gettext_noop("‘%(text)s’ is geen geldige waarde; kies uit: %(allowed)s."),
                text=text,
                allowed=", ".join(col.codes),
            )
        return col.codes[text]
    if len(text) > 120:
        raise CellError(gettext_noop("is te lang (hoogstens 120 tekens)."))
    return text


def _check_row(table: str, row: dict[str, Any]) -> list[tuple[str, str]]:
    """Checks across columns: (column, message)."""
    problems = []
    if table == "stock":
        owner_occupied = row["ownership"] == "owner_occupied"
        if owner_occupied and row["rent_class"]:
            problems.append(("HUURKLASSE", gettext_noop("een koopwoning heeft geen huurklasse.")))
        if not owner_occupied and not row["rent_class"]:
            problems.append(("HUURKLASSE", gettext_noop("is verplicht voor een huurwoning.")))
        if row["ownership"] == "corporation" and not row["owner"]:
            problems.append(("eigenaar", gettext_noop("is verplicht voor een corporatiewoning.")))
        if not _AREA.match(row["area_code"]):
            problems.append(
                ("buurtcode", gettext_noop("moet een CBS-code zijn als WK093501 of BU09350101."))
            )
    if table == "households":
        if row["tenure"] == "owner" and row["rent_class"]:
            problems.append(
                (
                    "HUURKLASSE",
                    gettext_noop("een huishouden in een koopwoning heeft geen huurklasse."),
                )
            )
        if row["tenure"] != "owner" and not row["rent_class"]:
            problems.append(("HUURKLASSE", gettext_noop("is verplicht voor een huurder.")))
        if row["size_class"] == 0:
            problems.append(("huishoudgrootte", gettext_noop("moet 1, 2 of 3 zijn.")))
    if table in {"lettings", "costs"} and row["household_size"] == 0:
        problems.append(("huishoudgrootte", gettext_noop("moet minstens 1 zijn.")))
    if table == "care" and row["matched"] > min(row["count"], row["supply"]):
        problems.append(
            ("passend_bewoond", gettext_noop("kan niet groter zijn dan de vraag of het aanbod."))
        )
    if table == "projects":
        if row["kind"] == "new_build" and not row["segment"]:
            problems.append(("segment", gettext_noop("is verplicht bij nieuwbouw.")))
        if row["kind"] != "new_build" and row["segment"]:
            problems.append(("segment", gettext_noop("hoort alleen bij nieuwbouw.")))
    return problems


def parse_records(
    table: str,
    records: Iterator[list[str]],
    region: str,
    decimal_comma: bool,
    watch: uploads.Watch | None = None,
    total: int = 0,
) -> Parsed:
    """Check every row of ``records`` (header first); collect all errors.

    ``watch`` is told the lines done (of ``total``, when known) every so many lines and stops
    the reading past its deadline (:class:`woonafspraken.uploads.TimeUp`).
    """
    watch = watch or uploads.Watch()
    watch.tick()
    spec = SPECS[table]
    errors: list[RowError] = []
    rows: list[dict[str, Any]] = []
    years: set[int] = set()
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(records)]
    except StopIteration:
        return Parsed([], [RowError(1, "", gettext_noop("het bestand is leeg."))], years)
    missing = [h for h in spec.headers if h not in header]
    if missing:
        columns = {"columns": ", ".join(missing)}
        errors.append(
            RowError(1, "", gettext_noop("deze kolommen ontbreken: %(columns)s."), columns)
        )
        return Parsed([], errors, years)
    index = [(col, header.index(col.header)) for col in spec.columns]
    region_at, period_at = header.index("RegioS"), header.index("Perioden")
    width = len(header)
    for line, record in enumerate(records, start=2):
        if not line % TICK:
            watch.tick(line, total)
        if not any(_text(v) for v in record):
            continue
        record = list(record) + [""] * (width - len(record))
        row: dict[str, Any] = {}
        row_errors: list[RowError] = []
        reg = _text(record[region_at])
        if not _REGION.match(reg):
            row_errors.append(
                RowError(
                    line,
                    "RegioS",
                    gettext_noop("‘%(text)s’ is geen gemeentecode als GM0935."),
                    {"text": reg},
                )
            )
        elif reg != region:
            row_errors.append(
                RowError(
                    line,
                    "RegioS",
                    gettext_noop("%(text)s is een andere gemeente dan %(region)s."),
                    {"text": reg, "region": region},
                )
            )
        period = _PERIOD.match(_text(record[period_at]))
        if period is None or not 1900 <= int(period.group(1)) <= 2100:
            row_errors.append(
                RowError(
                    line,
                    "Perioden",
                    gettext_noop("‘%(text)s’ is geen jaar als 2017JJ00."),
                    {"text": _text(record[period_at])},
                )
            )
        else:
            row["year"] = int(period.group(1))
        for col, at in index:
            try:
                row[col.field] = _cell(col, _text(record[at]), decimal_comma)
            except CellError as error:
                row_errors.append(RowError(line, col.header, error.template, error.params))
        if not row_errors:
            row_errors = [RowError(line, c, m) for c, m in _check_row(table, row)]
        if row_errors:
            errors.extend(row_errors)
        else:
            years.add(row["year"])
            rows.append(row)
    if not rows and not errors:
        errors.append(RowError(2, "", gettext_noop("het bestand heeft geen regels met gegevens.")))
    return Parsed(rows, errors, years)


def read_csv(data: bytes) -> tuple[Iterator[list[str]], bool]:
    """Records of a CSV file and whether it uses the decimal comma (``;`` as separator)."""
    text = data.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    semicolon = first.count(";") >= first.count(",")
    return csv.reader(io.StringIO(text), delimiter=";" if semicolon else ","), semicolon


def _first_sheet(data: bytes) -> Any:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    return workbook.worksheets[0]


def _xlsx_records(sheet: Any) -> Iterator[list[str]]:
    for values in sheet.iter_rows(values_only=True):
        yield [_excel_text(v) for v in values]


def _excel_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def parse_file(
    table: str, filename: str, data: bytes, region: str, watch: uploads.Watch | None = None
) -> Parsed:
    if filename.lower().endswith(".xlsx"):
        try:
            sheet = _first_sheet(data)
            return parse_records(
                table,
                _xlsx_records(sheet),
                region,
                decimal_comma=False,
                watch=watch,
                total=sheet.max_row or 0,
            )
        except (OSError, ValueError, KeyError) as error:
            if isinstance(error, CellError):
                raise
            return Parsed(
                [],
                [RowError(1, "", gettext_noop("dit is geen leesbaar Excel-bestand (.xlsx)."))],
                set(),
            )
    try:
        records, comma = read_csv(data)
        return parse_records(
            table, records, region, decimal_comma=comma, watch=watch, total=data.count(b"\n")
        )
    except (UnicodeDecodeError, csv.Error):
        return Parsed(
            [],
            [
                RowError(
                    1,
                    "",
                    gettext_noop(
                        "dit is geen leesbaar CSV-bestand (UTF-8, ; of , als scheidingsteken)."
                    ),
                )
            ],
            set(),
        )


# Export ------------------------------------------------------------------------------


def _reverse(col: Col) -> dict[Any, str]:
    return {v: k for k, v in col.codes.items()}


def export_values(
    table: str, region: str, rows: Iterable[Mapping[str, Any]]
) -> Iterator[list[Any]]:
    """Header and rows with file codes; amounts as Decimals, counts as ints."""
    spec = SPECS[table]
    reverse = {c.field: _reverse(c) for c in spec.columns if c.kind in {"code", "bool"}}
    reverse_bool = {True: "ja", False: "nee"}
    yield spec.headers
    for row in rows:
        values: list[Any] = [region, f"{row['year']}JJ00"]
        for col in spec.columns:
            value = row[col.field]
            if col.kind == "code":
                value = reverse[col.field].get(value, "") if value else ""
            elif col.kind == "bool":
                value = reverse_bool[bool(value)]
            elif value is None:
                value = ""
            values.append(value)
        yield values


def to_csv(values: Iterable[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in values:
        writer.writerow(
            [f"{v:.2f}".replace(".", ",") if isinstance(v, Decimal) else v for v in row]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(values: Iterable[list[Any]], title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for row in values:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_xlsx(table: str, translate: Callable[[str], str] = _same) -> bytes:
    """An empty Excel template: the columns on the first sheet, their meaning on the second.

    The column names are the file's own; the explanation goes through ``translate`` (the
    reader's language; the texts are in the project's catalogue).
    """
    from openpyxl import Workbook

    spec = SPECS[table]
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(spec.filename[:31])
    data.append(spec.headers)
    explanation = workbook.create_sheet(translate(gettext_noop("uitleg")))
    titles = (gettext_noop("Kolom"), gettext_noop("Verplicht"), gettext_noop("Betekenis"))
    explanation.append([translate(title) for title in titles])
    for column, required, meaning in template_rows(table):
        explanation.append([column, translate(required), translate(meaning)])
    explanation.append([])
    explanation.append(["", "", translate(spec.doc)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_rows(table: str) -> list[list[str]]:
    """The documentation of a template: column, required, explanation."""
    spec = SPECS[table]
    rows = [
        ["RegioS", "ja", "CBS-gemeentecode, bijv. GM0935 (Maastricht)."],
        ["Perioden", "ja", "Jaar als in CBS StatLine: 2017JJ00 (2017 mag ook)."],
    ]
    rows += [[c.header, "ja" if c.required else "nee", c.doc] for c in spec.columns]
    return rows


Reader = Callable[[bytes], Iterator[list[str]]]
