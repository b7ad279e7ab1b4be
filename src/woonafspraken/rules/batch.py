"""Huurtoeslag for many households at once (numpy), and CSV files in and out.

``huurtoeslag_batch`` gives exactly the answer of ``woonafspraken.rules.huurtoeslag`` for
every row. It works in 64-bit integers, never in floats: amounts are in whole cents and the
rates in whole percents, so A + B + C is a whole number of 1/10,000 euro, and so is the
yearly phase-out. The monthly amount is then

    floor((12 × Σ rate × part_in_cents − pct × excess_income_in_cents) / (12 × 100 × 100)),

0 when that is negative or the assets exceed the limit: the scalar formula, exactly. Amounts
are limited below 10^12 euro (as in the scalar path), so nothing overflows.

CSV columns (a header row, any order, comma-separated, decimal point, UTF-8):
``household_size,rent,income,assets,partner,all_occupants_18_to_20,children_income``.
``household_size``, ``rent`` and ``income`` must be filled in; an empty ``assets`` or
``children_income`` means 0, an empty ``partner`` or ``all_occupants_18_to_20`` means no.
Yes/no is written as 1/0, true/false, ja/nee or yes/no. The output repeats the input columns
and adds ``amount`` (whole euros a month) and ``eligible`` (true/false).

``process_csv`` checks every row; if any row is wrong it writes nothing and raises
``CsvInputError`` listing the errors by line and column.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray

from woonafspraken.rules._common import MAX_HOUSEHOLD_SIZE, MAX_MONEY
from woonafspraken.rules.errors import InvalidInput, RulesError
from woonafspraken.rules.huurtoeslag import PERCENT_FIELDS, HuurtoeslagRules, huurtoeslag_rules

IntArray: TypeAlias = NDArray[np.int64]
BoolArray: TypeAlias = NDArray[np.bool_]
Progress: TypeAlias = Callable[[int], None]
PathLike: TypeAlias = str | os.PathLike[str]

MAX_CENTS = int(MAX_MONEY * 100)
#: Rows per chunk when reading and writing CSV.
CHUNK_SIZE = 100_000
INPUT_COLUMNS = (
    "household_size",
    "rent",
    "income",
    "assets",
    "partner",
    "all_occupants_18_to_20",
    "children_income",
)
OUTPUT_COLUMNS = ("amount", "eligible")
_REQUIRED_VALUES = frozenset({"household_size", "rent", "income"})
_MONEY_COLUMNS = ("rent", "income", "assets", "children_income")
_FLAG_COLUMNS = ("partner", "all_occupants_18_to_20")
_TRUE = ("1", "true", "ja", "yes", "waar", "j", "y")
_FALSE = ("0", "false", "nee", "no", "onwaar", "n", "")
_MAX_LISTED_ERRORS = 50


def _integer_rules(rules: HuurtoeslagRules) -> dict[str, int]:
    """The year's figures in whole cents (amounts) and whole percents (rates)."""
    result = {}
    for item in fields(rules):
        if item.name == "year":
            continue
        value: Decimal = getattr(rules, item.name)
        scaled = value if item.name in PERCENT_FIELDS else value * 100
        if scaled != scaled.to_integral_value():
            raise RulesError(
                f"Het cijfer '{item.name}' voor {rules.year} ({value}) past niet in de rekenwijze "
                "in hele centen en hele procenten; de batchberekening kan niet exact worden "
                "gemaakt."
            )
        result[item.name] = int(scaled)
    return result


@dataclass(frozen=True)
class Households:
    """Households as columns: sizes, amounts in whole cents, yes/no flags."""

    household_size: IntArray
    rent_cents: IntArray
    income_cents: IntArray
    assets_cents: IntArray
    partner: BoolArray
    all_occupants_18_to_20: BoolArray
    children_income_cents: IntArray

    def __len__(self) -> int:
        return int(self.household_size.shape[0])


def huurtoeslag_batch(
    year: int,
    household_size: NDArray[Any],
    rent_cents: NDArray[Any],
    income_cents: NDArray[Any],
    assets_cents: NDArray[Any] | None = None,
    partner: NDArray[Any] | None = None,
    all_occupants_18_to_20: NDArray[Any] | None = None,
    children_income_cents: NDArray[Any] | None = None,
) -> tuple[IntArray, BoolArray]:
    """Huurtoeslag per household: (amount in whole euros a month, eligible).

    Amounts are integer arrays in cents (``euros_to_cents`` converts); flags are bool arrays.
    Same rules, checks and answers as ``huurtoeslag`` (``InvalidInput`` names the rows).
    """
    households = households_from_arrays(
        household_size,
        rent_cents,
        income_cents,
        assets_cents,
        partner,
        all_occupants_18_to_20,
        children_income_cents,
    )
    return huurtoeslag_households(year, households)


def households_from_arrays(
    household_size: NDArray[Any],
    rent_cents: NDArray[Any],
    income_cents: NDArray[Any],
    assets_cents: NDArray[Any] | None = None,
    partner: NDArray[Any] | None = None,
    all_occupants_18_to_20: NDArray[Any] | None = None,
    children_income_cents: NDArray[Any] | None = None,
) -> Households:
    """Check the arrays (kinds, lengths, ranges) and bundle them."""
    size = _int_array("household_size", household_size)
    n = size.shape[0]
    zeros = np.zeros(n, dtype=np.int64)
    no = np.zeros(n, dtype=np.bool_)
    households = Households(
        household_size=size,
        rent_cents=_int_array("rent_cents", rent_cents, n),
        income_cents=_int_array("income_cents", income_cents, n),
        assets_cents=zeros if assets_cents is None else _int_array("assets_cents", assets_cents, n),
        partner=no if partner is None else _bool_array("partner", partner, n),
        all_occupants_18_to_20=(
            no
            if all_occupants_18_to_20 is None
            else _bool_array("all_occupants_18_to_20", all_occupants_18_to_20, n)
        ),
        children_income_cents=(
            zeros
            if children_income_cents is None
            else _int_array("children_income_cents", children_income_cents, n)
        ),
    )
    _check_values(households)
    return households


def _rows(mask: BoolArray) -> str:
    rows = np.flatnonzero(mask)[:10] + 1
    more = " en meer" if int(mask.sum()) > 10 else ""
    return ", ".join(str(r) for r in rows) + more


def _check_values(h: Households) -> None:
    bad = (h.household_size < 1) | (h.household_size > MAX_HOUSEHOLD_SIZE)
    if bad.any():
        raise InvalidInput(
            "household_size",
            f"De huishoudgrootte moet 1 tot en met {MAX_HOUSEHOLD_SIZE} zijn (rij {_rows(bad)}).",
        )
    for name, label in (
        ("rent_cents", "de huur"),
        ("income_cents", "het inkomen"),
        ("assets_cents", "het vermogen"),
        ("children_income_cents", "het inkomen van de kinderen"),
    ):
        values: IntArray = getattr(h, name)
        bad = (values < 0) | (values >= MAX_CENTS)
        if bad.any():
            limit = f"{int(MAX_MONEY):,}".replace(",", ".")
            raise InvalidInput(
                name,
                f"{label[0].upper()}{label[1:]} moet 0 of meer zijn en kleiner dan "
                f"{limit} euro (rij {_rows(bad)}).",
            )
    bad = h.partner & (h.household_size < 2)
    if bad.any():
        raise InvalidInput(
            "partner",
            f"Een huishouden met een partner bestaat uit minstens 2 personen (rij {_rows(bad)}).",
        )


def _int_array(name: str, values: NDArray[Any], n: int | None = None) -> IntArray:
    array = np.asarray(values)
    if array.ndim != 1:
        raise InvalidInput(name, f"'{name}' moet een rij getallen zijn (eendimensionaal).")
    if n is not None and array.shape[0] != n:
        raise InvalidInput(
            name, f"'{name}' heeft {array.shape[0]} waarden, de huishoudgrootte {n}."
        )
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
        raise InvalidInput(
            name,
            f"'{name}' moet gehele getallen bevatten (bedragen in centen); "
            "gebruik euros_to_cents om euro's om te zetten.",
        )
    if array.dtype == np.uint64 and array.size and int(array.max()) > np.iinfo(np.int64).max:
        raise InvalidInput(name, f"'{name}' bevat onrealistisch grote waarden.")
    return array.astype(np.int64, copy=False)


def _bool_array(name: str, values: NDArray[Any], n: int) -> BoolArray:
    array = np.asarray(values)
    if array.ndim != 1 or array.shape[0] != n:
        raise InvalidInput(name, f"'{name}' moet {n} ja/nee-waarden bevatten.")
    if array.dtype == np.bool_:
        return array
    if np.issubdtype(array.dtype, np.integer) and bool(np.isin(array, (0, 1)).all()):
        return array.astype(np.bool_)
    raise InvalidInput(name, f"'{name}' moet ja/nee-waarden bevatten (True/False of 1/0).")


def huurtoeslag_households(year: int, h: Households) -> tuple[IntArray, BoolArray]:
    """Huurtoeslag for checked ``Households``: (amount in whole euros a month, eligible)."""
    r = _integer_rules(huurtoeslag_rules(year))
    single = h.household_size == 1
    cap = np.where(h.all_occupants_18_to_20, r["youth_rent_cap"], r["max_rent"])
    rekenhuur = np.minimum(h.rent_cents, cap)
    basishuur = np.where(single, r["basishuur_single"], r["basishuur_multi"])
    aftopping = np.where(h.household_size <= 2, r["aftoppingsgrens_low"], r["aftoppingsgrens_high"])
    kkg = r["kwaliteitskortingsgrens"]
    part_a = np.maximum(np.minimum(rekenhuur, kkg) - basishuur, 0)
    part_b = np.maximum(np.minimum(rekenhuur, aftopping) - kkg, 0)
    part_c = np.maximum(np.minimum(rekenhuur, r["max_rent"]) - aftopping, 0)
    # A + B + C in 1/10,000 euro (cents × percent), times 12 months.
    twelve_before = 12 * (r["rate_a"] * part_a + r["rate_b"] * part_b + r["rate_c"] * part_c)

    children = np.maximum(h.children_income_cents - r["children_income_exemption"], 0)
    income = h.income_cents + children
    ijkpunt = np.where(single, r["ijkpunt_single"], r["ijkpunt_multi"])
    pct = np.where(single, r["phase_out_pct_single"], r["phase_out_pct_multi"])
    phase_out_year = pct * np.maximum(income - ijkpunt, 0)  # also in 1/10,000 euro

    net = twelve_before - phase_out_year
    amount = np.where(net > 0, net // (12 * 100 * 100), 0).astype(np.int64)
    limit = np.where(h.partner, 2 * r["asset_limit"], r["asset_limit"])
    amount[h.assets_cents > limit] = 0
    return amount, amount > 0


def euros_to_cents(values: Iterable[Decimal | int | str]) -> IntArray:
    """Exact conversion of euro amounts (Decimal, int or text; no floats) to an int64 array."""
    cents = []
    for index, value in enumerate(values, start=1):
        if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
            raise InvalidInput("euros", f"Rij {index}: geen bedrag ({value!r}).")
        try:
            amount = Decimal(value.strip() if isinstance(value, str) else value)
        except ArithmeticError:
            raise InvalidInput("euros", f"Rij {index}: geen geldig bedrag ({value!r}).") from None
        scaled = amount * 100
        if not amount.is_finite() or scaled != scaled.to_integral_value():
            raise InvalidInput("euros", f"Rij {index}: hoogstens twee decimalen ({value!r}).")
        cents.append(int(scaled))
    return np.array(cents, dtype=np.int64)


# --- CSV ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"regel {self.line}" + (f", kolom {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class CsvInputError(InvalidInput):
    """The CSV file has errors; ``errors`` lists them all by line and column."""

    code = "invalid_csv"

    def __init__(self, errors: Iterable[CsvError]) -> None:
        self.errors = tuple(errors)
        listed = "; ".join(str(e) for e in self.errors[:_MAX_LISTED_ERRORS])
        more = len(self.errors) - _MAX_LISTED_ERRORS
        tail = f"; en nog {more} fouten" if more > 0 else ""
        count = len(self.errors)
        noun = "fout" if count == 1 else "fouten"
        super().__init__(
            "csv", f"Het CSV-bestand heeft {count} {noun}; er is niets berekend. {listed}{tail}."
        )


@dataclass(frozen=True)
class CsvChunk:
    """Up to ``chunk_size`` data rows: the cells as read, and the checked households.

    ``households`` is None when ``errors`` is not empty.
    """

    header: tuple[str, ...]
    rows: list[list[str]]
    lines: list[int]
    households: Households | None
    errors: tuple[CsvError, ...]


def read_csv(
    path: PathLike,
    *,
    chunk_size: int = CHUNK_SIZE,
    progress: Progress | None = None,
) -> Iterator[CsvChunk]:
    """Read a household CSV in chunks (at least one chunk, maybe without rows).

    A wrong header raises ``CsvInputError`` at once; wrong cells are reported per chunk in
    ``CsvChunk.errors`` so that a caller can list every error of the file. ``progress`` is
    called with the number of data rows read so far after each chunk.
    """
    if chunk_size < 1:
        raise InvalidInput("chunk_size", "De blokgrootte moet minstens 1 zijn.")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = _read_header(reader)
        done = 0
        rows: list[list[str]] = []
        lines: list[int] = []
        yielded = False
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            rows.append(row)
            lines.append(reader.line_num)
            if len(rows) == chunk_size:
                yield _parse_chunk(header, rows, lines)
                yielded = True
                done += len(rows)
                if progress is not None:
                    progress(done)
                rows, lines = [], []
        if rows or not yielded:
            yield _parse_chunk(header, rows, lines)
            done += len(rows)
            if progress is not None:
                progress(done)


def _read_header(reader: Any) -> tuple[str, ...]:
    try:
        first = next(reader)
    except StopIteration:
        raise CsvInputError(
            [CsvError(1, "", "het bestand is leeg; verwacht een kopregel")]
        ) from None
    header = tuple(cell.strip() for cell in first)
    errors = []
    for column in INPUT_COLUMNS:
        if column not in header:
            errors.append(CsvError(1, column, "deze kolom ontbreekt in de kopregel"))
    for column in header:
        if column not in INPUT_COLUMNS:
            allowed = ", ".join(INPUT_COLUMNS)
            errors.append(CsvError(1, column, f"onbekende kolom (toegestaan: {allowed})"))
        elif header.count(column) > 1:
            errors.append(CsvError(1, column, "deze kolom komt meer dan eens voor"))
    if errors:
        raise CsvInputError(dict.fromkeys(errors))
    return header


def _parse_chunk(header: tuple[str, ...], rows: list[list[str]], lines: list[int]) -> CsvChunk:
    errors: list[CsvError] = []
    width = len(header)
    whole_rows, whole_lines = [], []
    for row, line in zip(rows, lines, strict=True):
        if len(row) == width:
            whole_rows.append(row)
            whole_lines.append(line)
        else:
            errors.append(CsvError(line, "", f"verwacht {width} waarden, gevonden {len(row)}"))
    columns = _columns(header, whole_rows)
    parsed = _parse_columns(columns, np.array(whole_lines, dtype=np.int64), errors)
    if errors:
        return CsvChunk(header, rows, lines, None, tuple(sorted(errors, key=_order)))
    households = Households(
        household_size=parsed["household_size"],
        rent_cents=parsed["rent"],
        income_cents=parsed["income"],
        assets_cents=parsed["assets"],
        partner=parsed["partner"].astype(np.bool_),
        all_occupants_18_to_20=parsed["all_occupants_18_to_20"].astype(np.bool_),
        children_income_cents=parsed["children_income"],
    )
    return CsvChunk(header, rows, lines, households, ())


def _order(error: CsvError) -> tuple[int, int]:
    column = INPUT_COLUMNS.index(error.column) if error.column in INPUT_COLUMNS else -1
    return error.line, column


def _columns(header: tuple[str, ...], rows: list[list[str]]) -> dict[str, NDArray[np.str_]]:
    cells = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    return {
        name: np.strings.strip(np.array(cells[i], dtype=np.str_)) for i, name in enumerate(header)
    }


def _parse_columns(
    columns: dict[str, NDArray[np.str_]], lines: IntArray, errors: list[CsvError]
) -> dict[str, IntArray]:
    if lines.shape[0] == 0:  # numpy's string functions fail on empty arrays
        return {name: np.zeros(0, dtype=np.int64) for name in INPUT_COLUMNS}
    parsed: dict[str, IntArray] = {}
    for name in _MONEY_COLUMNS:
        parsed[name] = _parse_money(name, columns[name], lines, errors)
    size = columns["household_size"]
    ok = np.strings.isdecimal(size) & (np.strings.str_len(size) <= 2)
    _report(~ok, "household_size", "geen heel aantal personen (1 tot en met 99)", lines, errors)
    sizes = np.where(ok, size, "0").astype(np.int64)
    _report(ok & (sizes < 1), "household_size", "minstens 1 persoon", lines, errors)
    parsed["household_size"] = sizes
    for name in _FLAG_COLUMNS:
        lowered = np.strings.lower(columns[name])
        yes = np.isin(lowered, _TRUE)
        ok = yes | np.isin(lowered, _FALSE)
        _report(~ok, name, "geen ja/nee-waarde (1/0, true/false, ja/nee)", lines, errors)
        parsed[name] = yes.astype(np.int64)
    partner_alone = (parsed["partner"] == 1) & (sizes == 1)
    _report(
        partner_alone,
        "partner",
        "een huishouden met een partner bestaat uit minstens 2 personen",
        lines,
        errors,
    )
    return parsed


def _parse_money(
    name: str, cells: NDArray[np.str_], lines: IntArray, errors: list[CsvError]
) -> IntArray:
    """Exact parse of ``123``, ``123.4`` or ``123.45`` into cents (no floats involved)."""
    empty = cells == ""
    if name in _REQUIRED_VALUES:
        _report(empty, name, "deze waarde is verplicht", lines, errors)
    whole, dot, fraction = np.strings.partition(cells, ".")
    whole_ok = np.strings.isdecimal(whole) & (np.strings.str_len(whole) <= 12)
    fraction_ok = (dot == "") | (
        np.strings.isdecimal(fraction) & (np.strings.str_len(fraction) <= 2)
    )
    ok = empty | (whole_ok & fraction_ok)
    _report(
        ~ok,
        name,
        "geen geldig bedrag (niet negatief, hoogstens twee decimalen, met een punt: 550.25)",
        lines,
        errors,
    )
    usable = ok & ~empty
    euros = np.where(usable, whole, "0").astype(np.int64)
    cents = np.where(usable & (dot != ""), np.strings.ljust(fraction, 2, "0"), "0")
    return euros * 100 + cents.astype(np.int64)


def _report(
    mask: BoolArray, column: str, message: str, lines: IntArray, errors: list[CsvError]
) -> None:
    for line in lines[mask].tolist():
        errors.append(CsvError(int(line), column, message))


def write_csv(
    path: PathLike,
    results: Iterable[tuple[CsvChunk, IntArray, BoolArray]],
    *,
    progress: Progress | None = None,
) -> int:
    """Write input rows plus ``amount`` and ``eligible``; returns the number of rows.

    Writes to a temporary file next to ``path`` and moves it into place only when all
    results are written, so an error (also one raised by ``results``) leaves ``path`` as it
    was. ``progress`` is called with the number of rows written so far after each chunk.
    """
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    written = 0
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            header_written = False
            for chunk, amount, eligible in results:
                if not header_written:
                    writer.writerow((*chunk.header, *OUTPUT_COLUMNS))
                    header_written = True
                flags = np.where(eligible, "true", "false").tolist()
                writer.writerows(
                    [*row, a, e]
                    for row, a, e in zip(chunk.rows, amount.tolist(), flags, strict=True)
                )
                written += len(chunk.rows)
                if progress is not None:
                    progress(written)
            if not header_written:
                writer.writerow((*INPUT_COLUMNS, *OUTPUT_COLUMNS))
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the result is an ordinary file
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def process_csv(
    in_path: PathLike,
    out_path: PathLike,
    year: int,
    progress: Progress | None = None,
    *,
    chunk_size: int = CHUNK_SIZE,
) -> int:
    """Compute the huurtoeslag for every row of a CSV file; returns the number of rows.

    Every row is checked; when any row has an error nothing is written and
    ``CsvInputError`` lists all errors (line and column). ``progress`` gets the number of
    rows written so far after each chunk. Years other than 2026 raise ``UnknownParameter``
    before anything is read.
    """
    huurtoeslag_rules(year)  # refuse an unknown year or rules before reading the file

    def results() -> Iterator[tuple[CsvChunk, IntArray, BoolArray]]:
        errors: list[CsvError] = []
        for chunk in read_csv(in_path, chunk_size=chunk_size):
            if chunk.households is None or errors:
                errors.extend(chunk.errors)
                continue
            amount, eligible = huurtoeslag_households(year, chunk.households)
            yield chunk, amount, eligible
        if errors:
            raise CsvInputError(errors)

    return write_csv(out_path, results(), progress=progress)
