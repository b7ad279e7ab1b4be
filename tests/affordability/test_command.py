"""``woonafspraken huurtoeslag_batch IN.csv OUT.csv --year 2026``."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

HEADER = "household_size,rent,income,assets,partner,all_occupants_18_to_20,children_income\n"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("huurtoeslag_batch", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_writes_results_with_progress_bar(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    # Row 1: the worked example of test_api (1 person, rent 600, income 20,000) → 361.
    # Row 2: rent 200 is below the basishuur 202.52 → A = B = C = 0 → 0, not eligible.
    source.write_text(HEADER + "1,600,20000,0,0,0,0\n1,200,20000,,,,\n", encoding="utf-8")
    out, err = run(str(source), str(target), "--year", "2026")
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [(r["amount"], r["eligible"]) for r in rows] == [("361", "true"), ("0", "false")]
    assert "2 huishoudens berekend" in out
    assert "[" in err and "100%" in err and "2/2" in err


def test_bad_row_is_a_dutch_command_error(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(HEADER + "1,-600,20000,0,0,0,0\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"regel|fout"):
        run(str(source), str(target))
    assert not target.exists()


def test_unknown_year_is_a_dutch_command_error(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "1,600,20000,0,0,0,0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="alleen te berekenen voor 2026"):
        run(str(source), str(tmp_path / "out.csv"), "--year", "2025")


def test_missing_file_is_a_dutch_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        run(str(tmp_path / "nope.csv"), str(tmp_path / "out.csv"))
