"""Five hand-made agreements documents in different layouts, and what is recognised in each.

The counts are what a policy officer gets proposed before reviewing; each test states them.
"""

from typing import Any

from docx.shared import Pt

from tests.importing import documents
from woonafspraken.importing.services import _parties
from woonafspraken.recognition import Proposal, reading, recognise
from woonafspraken.recognition.model import Table


def _propose(cycle: Any, data: bytes, filename: str) -> Proposal:
    return recognise(
        reading.read(data, filename), _parties(cycle), years=(cycle.start_year, cycle.end_year)
    )


def _counts(p: Proposal) -> tuple[int, int, int]:
    return len(p.themes), p.agreement_count, p.norm_count


def test_word_with_automatic_numbered_lists(draft: Any) -> None:
    """Headings per theme, agreements as a Word numbered list (the number is not in the text)."""

    def build(d: Any) -> None:
        d.add_heading("Prestatieafspraken 2016 Maastricht", 0)
        d.add_heading("Inleiding", 1)
        d.add_paragraph("Gemeente, corporaties en huurders maken deze afspraken voor 2017.")
        d.add_heading("Betaalbaarheid", 1)
        d.add_paragraph("Partijen spreken het volgende af:")
        d.add_paragraph("Corporaties wijzen minimaal 45 % toe via het aanbodmodel.", "List Number")
        d.add_paragraph("Eigen inplaatsing is maximaal 10 % van de verhuringen.", "List Number")
        d.add_paragraph("Woonpunt onderzoekt tijdelijke verhuur.", "List Number")
        d.add_heading("Wonen en zorg", 1)
        d.add_paragraph("De gemeente zet zich in voor een woonblokkadebeleid.", "List Number")
        d.add_paragraph("Servatius bouwt in 2018 ten minste 40 zorgwoningen.", "List Number")

    proposal = _propose(draft, documents.docx(build), "genummerd.docx")
    assert _counts(proposal) == (2, 5, 3)
    first = proposal.themes[0].agreements[0]
    assert (first.number, first.kind) == ("1.1", "result")
    assert [a.kind for a in proposal.themes[0].agreements] == ["result", "result", "effort"]
    care = proposal.themes[1].agreements[1].norms[0]
    assert (care.kind, care.value, care.year) == ("min", 40, 2018)


def test_word_with_a_table_per_corporation(draft: Any) -> None:
    """The seed's sustainability slide as a Word table: a column per corporation."""

    def build(d: Any) -> None:
        d.add_heading("Duurzaamheid", 1)
        d.add_paragraph("1. Acties 2017–2021 om labelverbeteringen te realiseren (prognoses)")
        table = d.add_table(rows=5, cols=4)
        rows = [
            ("", "Woonpunt", "Servatius", "Maasvallei"),
            ("label na renovatie", "B", "A/B", "A/B"),
            ("nieuwbouw", "60", "476", "306"),
            ("renovatie", "600", "1.572", "330"),
            ("aantal sloop", "195", "377-497", "168"),
        ]
        for row, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        d.add_paragraph("2. Partijen monitoren jaarlijks de voortgang.")

    proposal = _propose(draft, documents.docx(build), "per-corporatie.docx")
    assert _counts(proposal) == (1, 2, 12)
    norms = proposal.themes[0].agreements[0].norms
    assert {n.kind for n in norms} == {"label_at_least", "exact", "range"}


def test_word_with_a_table_per_party_and_year(draft: Any) -> None:
    """Agreement headings numbered 1.1, 1.2 under theme headings; a table per party and year."""

    def build(d: Any) -> None:
        d.add_heading("1 Beschikbaarheid", 1)
        d.add_heading("1.1 Nieuwbouw sociale huur", 2)
        d.add_paragraph("De corporaties bouwen de volgende aantallen sociale huurwoningen.")
        table = d.add_table(rows=4, cols=4)
        rows = [
            ("Corporatie", "2017", "2018", "2019"),
            ("Woonpunt", "20", "25", "30"),
            ("Servatius", "100", "120", "minimaal 140"),
            ("Maasvallei", "—", "15", "15"),
        ]
        for row, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        d.add_heading("1.2 Verkoop", 2)
        d.add_paragraph("Verkoop blijft beperkt tot niet meer dan 50 woningen per jaar.")
        d.add_heading("2 Leefbaarheid", 1)
        d.add_heading("2.1 Buurtbeheer", 2)
        d.add_paragraph("Partijen spannen zich in voor schone en veilige buurten.")

    proposal = _propose(draft, documents.docx(build), "per-jaar.docx")
    assert _counts(proposal) == (2, 3, 9)
    table = proposal.themes[0].agreements[0]
    assert table.number == "1.1"
    assert [(n.year, n.value) for n in table.norms if n.party == str(_key(draft, "Servatius"))] == [
        (2017, 100),
        (2018, 120),
        (2019, 140),
    ]
    assert proposal.themes[1].agreements[0].kind == "effort"


def _key(cycle: Any, name: str) -> int:
    return int(cycle.parties.get(name=name).pk)


def test_pdf_with_norms_in_running_text(draft: Any) -> None:
    """A PDF of prose: every paragraph under a theme heading is an agreement."""
    html = """
    <h1>Prestatieafspraken 2016–2019</h1>
    <h2>Betaalbaarheid</h2>
    <p>Woonpunt, Servatius en Maasvallei houden samen ten minste 12.500 woningen onder de
    aftoppingsgrens. Het aandeel goedkope woningen blijft minimaal 12,5 %.</p>
    <p>De gemeente maakt jaarlijks een woonlastenonderzoek.</p>
    <h2>Duurzaamheid</h2>
    <p>Na renovatie hebben woningen gemiddeld energielabel A/B of beter.</p>
    <p>Servatius sloopt in de periode 2017–2021 tussen 377 en 497 woningen; Maasvallei sloopt
    er 160–180.</p>
    """
    proposal = _propose(draft, documents.pdf(html), "lopende-tekst.pdf")
    assert _counts(proposal) == (2, 4, 5)
    first = proposal.themes[0].agreements[0]
    assert [(n.kind, n.value, n.unit) for n in first.norms] == [
        ("min", 12500, "count"),
        ("min", 12.5, "percentage"),
    ]
    demolition = proposal.themes[1].agreements[1].norms
    assert [(n.low, n.high, n.year) for n in demolition] == [(377, 497, None), (160, 180, None)]


def test_pdf_with_numbered_items_bullets_and_a_table(draft: Any) -> None:
    """A PDF with numbered items, bulleted sub-points and a table per corporation."""
    html = """
    <h1>Afspraken 2017</h1>
    <h2>1. Beschikbaarstelling</h2>
    <p>1. Aanbodmodel minimaal 45 %.</p>
    <p>2. Eigen inplaatsing maximaal 10 %.</p>
    <p>3. Jongeren tot 23 jaar krijgen voorrang op zeer goedkope woningen.</p>
    <h2>2. Vastgoed</h2>
    <p>1. Nieuwbouw per corporatie:</p>
    <table><tr><th>Corporatie</th><th>Nieuwbouw</th><th>Sloop</th></tr>
    <tr><td>Woonpunt</td><td>60</td><td>195</td></tr>
    <tr><td>Servatius</td><td>476</td><td>377–497</td></tr></table>
    """
    proposal = _propose(draft, documents.pdf(html), "genummerd.pdf")
    assert _counts(proposal) == (2, 4, 6)
    assert [a.number for a in proposal.themes[0].agreements] == ["1", "2", "3"]


BORDERLESS = """
<style>
  table.plain { border-collapse: separate }
  table.plain td, table.plain th { border: none; padding: 1pt 10pt 1pt 0; text-align: left }
  table.plain td.n { text-align: right }
  p.item { margin: 0 } p.item span { display: inline-block; width: 24pt }
</style>
<h1>Prestatieafspraken 2018</h1>
<h2>Beschikbaarheid</h2>
<p class="item"><span>1.</span>Aanbodmodel minimaal 45 %.</p>
<p class="item"><span>2.</span>Eigen inplaatsing maximaal 10 %.</p>
<p class="item"><span>3.</span>De corporaties bouwen de volgende aantallen sociale huurwoningen.</p>
<table class="plain">
<tr><th>Corporatie</th><th>2017</th><th>2018</th><th>2019</th></tr>
<tr><td>Woonpunt</td><td class="n">20</td><td class="n">25</td><td class="n">30</td></tr>
<tr><td>Servatius</td><td class="n">100</td><td class="n">120</td>
<td class="n">minimaal 140</td></tr>
<tr><td>Maasvallei</td><td class="n">—</td><td class="n">15</td><td class="n">15</td></tr>
</table>
<h2>Duurzaamheid</h2>
<p>1. Acties 2017–2021 om labelverbeteringen te realiseren (prognoses):</p>
<table class="plain">
<tr><th></th><th>Woonpunt</th><th>Servatius</th><th>Maasvallei</th></tr>
<tr><td>label na renovatie</td><td>B</td><td>A/B</td><td>A/B</td></tr>
<tr><td>nieuwbouw</td><td class="n">60</td><td class="n">476</td><td class="n">306</td></tr>
<tr><td>renovatie</td><td class="n">600</td><td class="n">1.572</td><td class="n">330</td></tr>
<tr><td>aantal sloop</td><td class="n">195</td><td class="n">377–497</td><td class="n">168</td></tr>
</table>
<p>2. Partijen monitoren jaarlijks de voortgang.</p>
"""


def test_pdf_with_tables_without_ruling_lines(draft: Any) -> None:
    """Tables drawn without a single line, their columns only lined up (numbers to the right);
    a numbered list with its numbers in a column of their own stays a list."""
    import pypdfium2
    import pypdfium2.raw as raw  # type: ignore[import-untyped,unused-ignore]

    data = documents.pdf(BORDERLESS)
    document = pypdfium2.PdfDocument(data)
    drawn = [list(page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH])) for page in document]
    document.close()
    assert drawn == [[]]  # one page, not a line drawn on it
    tables = [b for b in reading.read(data, "zonder-lijnen.pdf") if isinstance(b, Table)]
    assert [t.rows[:2] for t in tables] == [
        (("Corporatie", "2017", "2018", "2019"), ("Woonpunt", "20", "25", "30")),
        (("", "Woonpunt", "Servatius", "Maasvallei"), ("label na renovatie", "B", "A/B", "A/B")),
    ]
    proposal = _propose(draft, data, "zonder-lijnen.pdf")
    assert _counts(proposal) == (2, 5, 2 + 8 + 12)
    assert [a.number for a in proposal.themes[0].agreements] == ["1", "2", "3"]
    built = proposal.themes[0].agreements[2].norms
    servatius = str(_key(draft, "Servatius"))
    assert [(n.year, n.kind, n.value) for n in built if n.party == servatius] == [
        (2017, "exact", 100),
        (2018, "exact", 120),
        (2019, "min", 140),
    ]
    labels = proposal.themes[1].agreements[0].norms
    assert [(n.kind, n.label) for n in labels if n.kind == "label_at_least"] == [
        ("label_at_least", "B"),
        ("label_at_least", "A/B"),
        ("label_at_least", "A/B"),
    ]
    assert [(n.low, n.high) for n in labels if n.kind == "range"] == [(377, 497)]


def test_a_scanned_pdf_without_text_layer_is_not_read(draft: Any) -> None:
    """A scan: no text to read; the message says so (no OCR). Recognised: nothing."""
    try:
        _propose(draft, documents.scanned_pdf(), "scan.pdf")
    except reading.Refused as refused:
        assert refused.code == "no_text"
    else:  # pragma: no cover
        raise AssertionError("a scan was read")


def test_word_style_sizes_do_not_matter(draft: Any) -> None:
    """Body text in another font size changes nothing in Word: styles decide."""

    def build(d: Any) -> None:
        d.styles["Normal"].font.size = Pt(14)
        d.add_heading("Thema", 1)
        d.add_paragraph("1. Een afspraak met minimaal 5 %.")

    assert _counts(_propose(draft, documents.docx(build), "groot.docx")) == (1, 1, 1)
