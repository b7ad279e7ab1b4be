"""Huurtoeslag for a CSV file of households: streamed in chunks, all-or-nothing."""

import csv

import pytest

from woonafspraken.rules import UnknownParameter
from woonafspraken.rules.batch import CsvInputError, process_csv, read_csv

HEADER = "household_size,rent,income,assets,partner,all_occupants_18_to_20,children_income"


def write(path, *lines, bom=False):
    path.write_text(("\ufeff" if bom else "") + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_each_row_gets_its_amount_and_eligibility_after_the_input_columns(tmp_path):
    source = write(
        tmp_path / "in.csv",
        HEADER,
        "1,600.00,20000,0,0,0,0",  # worked example: 361
        "2,800,40000,,false,nee,",  # 471.915 − 155.8333… = 316.08… → 316
        "1,600,20000,38479.01,0,0,0",  # assets above 38,479 → 0
        "3,800,31000,0,ja,0,10218",  # children above 6,218 → 420 (worked example)
        "1,600,45000,0,0,0,0",  # phased out completely → 0
    )
    count = process_csv(source, tmp_path / "out.csv", 2026)
    assert count == 5
    rows = read(tmp_path / "out.csv")
    assert rows[0] == [*HEADER.split(","), "amount", "eligible"]
    assert rows[1] == ["1", "600.00", "20000", "0", "0", "0", "0", "361", "true"]
    assert rows[2] == ["2", "800", "40000", "", "false", "nee", "", "316", "true"]
    assert rows[3][-2:] == ["0", "false"]
    assert rows[4][-2:] == ["420", "true"]
    assert rows[5][-2:] == ["0", "false"]


def test_columns_may_come_in_any_order_and_stay_in_that_order(tmp_path):
    source = write(
        tmp_path / "in.csv",
        "income,rent,household_size,children_income,assets,partner,all_occupants_18_to_20",
        "20000,600,1,0,0,0,1",  # youth cap: rekenhuur 498.20 → 295
    )
    process_csv(source, tmp_path / "out.csv", 2026)
    rows = read(tmp_path / "out.csv")
    assert rows[0][:3] == ["income", "rent", "household_size"]
    assert rows[1] == ["20000", "600", "1", "0", "0", "0", "1", "295", "true"]


def test_progress_is_reported_after_each_chunk(tmp_path):
    source = write(tmp_path / "in.csv", HEADER, *["1,600,20000,0,0,0,0"] * 5)
    seen = []
    process_csv(source, tmp_path / "out.csv", 2026, progress=seen.append, chunk_size=2)
    assert seen == [2, 4, 5]
    assert len(read(tmp_path / "out.csv")) == 6


def test_a_bom_and_blank_lines_are_tolerated(tmp_path):
    source = write(tmp_path / "in.csv", HEADER, "", "1,600,20000,0,0,0,0", "", bom=True)
    assert process_csv(source, tmp_path / "out.csv", 2026) == 1


def test_a_file_with_only_a_header_gives_only_a_header(tmp_path):
    source = write(tmp_path / "in.csv", HEADER)
    assert process_csv(source, tmp_path / "out.csv", 2026) == 0
    assert read(tmp_path / "out.csv") == [[*HEADER.split(","), "amount", "eligible"]]


def test_every_bad_cell_is_listed_by_line_and_column_and_nothing_is_written(tmp_path):
    source = write(
        tmp_path / "in.csv",
        HEADER,
        "1,600,20000,0,0,0,0",
        "0,600,20000,0,0,0,0",  # line 3: household of 0
        "1,-600,20000,0,0,0,0",  # line 4: negative rent
        "1,600,20000,0,misschien,0,0",  # line 5: not yes/no
        "1,600.123,,0,0,0,0",  # line 6: three decimals; income missing
        "1,600,20000,0,1,0,0",  # line 7: partner in a household of 1
        "1,600,20000",  # line 8: too few values
        "1,600,20000,0,0,0,0",
    )
    target = tmp_path / "out.csv"
    target.write_text("earlier result\n")
    with pytest.raises(CsvInputError) as caught:
        process_csv(source, target, 2026, chunk_size=3)
    assert [(e.line, e.column) for e in caught.value.errors] == [
        (3, "household_size"),
        (4, "rent"),
        (5, "partner"),
        (6, "rent"),
        (6, "income"),
        (7, "partner"),
        (8, ""),
    ]
    message = str(caught.value)
    assert message.startswith("Het CSV-bestand heeft 7 fouten; er is niets berekend.")
    assert "regel 6, kolom income: deze waarde is verplicht" in message
    assert "regel 8: verwacht 7 waarden, gevonden 3" in message
    assert target.read_text() == "earlier result\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        ("household_size,rent,income", "kolom assets: deze kolom ontbreekt"),
        (HEADER + ",name", "kolom name: onbekende kolom"),
        (HEADER + ",rent", "kolom rent: deze kolom komt meer dan eens voor"),
    ],
)
def test_a_wrong_header_is_refused(tmp_path, header, fragment):
    source = write(tmp_path / "in.csv", header)
    with pytest.raises(CsvInputError, match=fragment):
        process_csv(source, tmp_path / "out.csv", 2026)
    assert not (tmp_path / "out.csv").exists()


def test_an_empty_file_is_refused(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("")
    with pytest.raises(CsvInputError, match="leeg"):
        process_csv(source, tmp_path / "out.csv", 2026)


def test_a_year_without_huurtoeslag_rules_is_refused_before_reading(tmp_path):
    with pytest.raises(UnknownParameter):
        process_csv(tmp_path / "does-not-exist.csv", tmp_path / "out.csv", 2025)


def test_read_csv_yields_checked_households_in_cents(tmp_path):
    source = write(tmp_path / "in.csv", HEADER, "2,550.5,31000.25,10,yes,0,6218")
    [chunk] = list(read_csv(source))
    assert chunk.errors == ()
    assert chunk.households is not None
    assert chunk.households.rent_cents.tolist() == [55050]
    assert chunk.households.income_cents.tolist() == [3100025]
    assert chunk.households.partner.tolist() == [True]
    assert chunk.lines == [2]
