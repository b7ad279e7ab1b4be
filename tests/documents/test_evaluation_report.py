"""The 2017 evaluation of the Maastricht demo, as PDF and as Word, read back as text."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import target_of
from woonafspraken.agreements import services
from woonafspraken.documents import reports


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The text of a PDF with all white space (also line breaks in table cells) as one space."""
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(out.split())


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def section(text: str, start: str, end: str) -> str:
    """The part of ``text`` from the heading ``start`` up to the next heading ``end``."""
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def _rows_with(text: str, words: str) -> list[str]:
    """The table rows (not the captions of the key figures) that mention ``words``."""
    return [line for line in text.splitlines() if " | " in line and words in line.lower()]


@pytest.fixture
def pdf(maastricht, tmp_path):
    return reports.evaluation_pdf(maastricht, 2017)


def test_the_2017_pdf_shows_eigen_inplaatsing_not_met_and_aanbodmodel_met(pdf, tmp_path):
    text = pdf_text(pdf, tmp_path)
    eigen = section(text, "5.2 Eigen inplaatsing maximaal 10%", "5.3 Aanbodmodel")
    assert "Eigen inplaatsing (aandeel van de verhuringen)" in eigen
    assert "maximaal 10 %" in eigen and "11 %" in eigen and "niet gehaald" in eigen
    aanbod = section(text, "5.3 Aanbodmodel minimaal 45%", "5.4 Mantelzorgers")
    assert "Aanbodmodel (aandeel van de verhuringen)" in aanbod
    assert "minimaal 45 %" in aanbod and "54 %" in aanbod and "gehaald" in aanbod
    assert "niet gehaald" not in aanbod


def test_the_2017_word_file_shows_the_same(maastricht):
    text = docx_text(reports.evaluation_docx(maastricht, 2017))
    [eigen] = _rows_with(text, "eigen inplaatsing (aandeel")
    assert eigen.split(" | ")[3:6] == ["maximaal 10 %", "11 %", "niet gehaald"]
    [aanbod] = _rows_with(text, "aanbodmodel (aandeel")
    assert aanbod.split(" | ")[3:6] == ["minimaal 45 %", "54 %", "gehaald"]
    assert "! 1.2 2017: garantie match sociale doelgroep & sociale huurwoning" in text
    assert "? 1.5 Onderzoeken mogelijkheden tijdelijkheid & nieuwbouw" in text


def test_every_page_of_the_pdf_renders_to_png(pdf, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert count >= 2 and len(pages) == count
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 1000 for p in pages)


def test_dutch_characters_and_symbols_come_out_right(maastricht, user, tmp_path):
    agreement = target_of(maastricht, "Eigen inplaatsing").agreement
    services.record_assessment(
        user("gemeente-maastricht"),
        agreement,
        year=2017,
        status="not_achieved",
        explanation="Overschrijding ≥ 1 %-punt; ideeën: € 550 per woning, één café.",
    )
    for text in (
        pdf_text(reports.evaluation_pdf(maastricht, 2017), tmp_path),
        docx_text(reports.evaluation_docx(maastricht, 2017)),
    ):
        assert "Overschrijding ≥ 1 %-punt; ideeën: € 550 per woning, één café." in " ".join(
            text.split()
        )
        assert "✗ 5.2 Eigen inplaatsing maximaal 10%" in text
