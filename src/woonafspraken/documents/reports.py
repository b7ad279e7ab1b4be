"""Documents that write themselves: the evaluation of a year, the agreements, a council letter.

One plain description of each document (dataclasses of ready-to-print text) feeds both
renderers, so the PDF (WeasyPrint, from a template) and the Word file (python-docx) say the
same. Reading costs a fixed number of queries (see :mod:`woonafspraken.agreements.selectors`).
WeasyPrint fetches nothing: every URL is refused.

People's names (a theme's project leader, who signed for a party) are printed only with
``people=True``: for someone logged in. A document made for a visitor who is not logged in names
organisations only (privacy by default); ``people`` is False unless the caller says otherwise.
"""

import io
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from woonafspraken.agreements import selectors
from woonafspraken.agreements.models import STATUS_SYMBOLS, Cycle
from woonafspraken.agreements.templatetags.woon import (
    amount,
    margin,
    norm_text,
    status_label,
    verdict_label,
)

from . import charts as charting

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
FONT = "DejaVu Sans"


@dataclass(frozen=True)
class TargetLine:
    indicator: str
    party: str
    period: str
    norm: str
    realised: str
    verdict_code: str
    verdict: str
    margin: str


@dataclass(frozen=True)
class AgreementLine:
    number: str
    title: str
    text: str
    lead: str
    status_code: str
    symbol: str
    status: str
    explanation: str
    targets: list[TargetLine]
    charts: list[charting.Chart] = field(default_factory=list)


@dataclass(frozen=True)
class ThemeSection:
    name: str
    lead: str
    project_leader: str
    agreements: list[AgreementLine]


@dataclass(frozen=True)
class Signature:
    """One party's signature block: filled in once that party has approved."""

    party: str
    decision_body: str = ""
    signatory: str = ""
    date: str = ""
    #: Whether the party approved; then ``signatory`` is empty only in a document without names.
    signed: bool = False


@dataclass
class Report:
    cycle: Cycle
    year: int | None
    title: str
    parties: list[str]
    themes: list[ThemeSection] = field(default_factory=list)
    status_counts: list[tuple[str, str, int]] = field(default_factory=list)
    verdict_counts: list[tuple[str, str, int]] = field(default_factory=list)
    made_on: str = ""
    signatures: list[Signature] = field(default_factory=list)
    #: The housing analyses with figures (``woonafspraken.housing.presentation.Shown``).
    analyses: list[Any] = field(default_factory=list)
    #: The overview at a glance: statuses per theme, verdicts per party (``charts.Bars``).
    overview: list[Any] = field(default_factory=list)
    #: The key figures of the year: realised against the norm per party (``charts.KeyFigure``).
    key_figures: list[Any] = field(default_factory=list)

    @property
    def agreement_count(self) -> int:
        return sum(len(t.agreements) for t in self.themes)


def _party(target: Any) -> str:
    return target.party.name if target.party else _("gezamenlijk")


def _leader(theme: Any, people: bool) -> str:
    """The theme's project leader, for a document that may name people; else nothing."""
    return theme.project_leader_label if people else ""


def lead_line(theme: ThemeSection) -> str:
    """'Trekker: organisation · project leader' (without the leader when there is none)."""
    if theme.project_leader:
        return _("Trekker: %(lead)s · %(leader)s") % {
            "lead": theme.lead or "—",
            "leader": theme.project_leader,
        }
    return _("Trekker: %(lead)s") % {"lead": theme.lead or "—"}


def evaluation(cycle: Cycle, year: int, *, people: bool = False) -> Report:
    """The evaluation of ``year``: per theme every agreement with its status and its figures."""
    blocks = selectors.theme_blocks(cycle, year)
    themes = []
    for block in blocks:
        agreements = []
        for row in block.rows:
            a, assessment = row.agreement, row.assessment
            code = assessment.status if assessment else "none"
            targets = [
                TargetLine(
                    indicator=e.target.indicator.name,
                    party=_party(e.target),
                    period=str(e.target.year) if e.target.year else cycle.period_label,
                    norm=norm_text(e.target),
                    realised=amount(e.realised, e.target.indicator.unit),
                    verdict_code=e.verdict,
                    verdict=verdict_label(e.verdict),
                    margin=margin(e.margin, e.target.indicator.unit),
                )
                for e in row.evaluated
            ]
            agreements.append(
                AgreementLine(
                    number=a.number,
                    title=a.title,
                    text=a.text,
                    lead=a.lead_party.name if a.lead_party else "",
                    status_code=code,
                    symbol=STATUS_SYMBOLS.get(code, "·"),
                    status=status_label(code),
                    explanation=assessment.explanation if assessment else "",
                    targets=targets,
                    charts=[
                        charting.chart(
                            f"{e.target.indicator.name} — {_party(e.target)}",
                            charting.path(e.target, cycle.years, year),
                        )
                        for e in row.evaluated
                        if e.target.year is None and e.target.indicator.unit != "energy_label"
                    ],
                )
            )
        lead = block.theme.lead_organisation
        themes.append(
            ThemeSection(
                block.theme.name,
                lead.name if lead else "",
                _leader(block.theme, people),
                agreements,
            )
        )
    statuses = selectors.status_summary(blocks)
    verdicts = selectors.verdict_summary(blocks)
    return Report(
        cycle=cycle,
        year=year,
        title=_("Evaluatie %(year)s — %(title)s") % {"year": year, "title": cycle.title},
        parties=[p.name for p in cycle.parties.order_by("name")],
        themes=themes,
        status_counts=[
            (code, f"{STATUS_SYMBOLS.get(code, '·')} {status_label(code)}", statuses.get(code, 0))
            for code in [*STATUS_SYMBOLS, "none"]
        ],
        verdict_counts=[(code, verdict_label(code), n) for code, n in verdicts.items()],
        made_on=date_format(timezone.localdate(), "j F Y"),
        analyses=housing_analyses(cycle),
        overview=[
            bars
            for bars in (
                selectors.status_bars(blocks, year),
                selectors.verdict_bars(blocks, year),
            )
            if not bars.empty
        ],
        key_figures=selectors.key_figures(blocks, year),
    )


def housing_analyses(cycle: Cycle) -> list[Any]:
    """The housing analyses that have figures, as the cycle's analyses page shows them."""
    from woonafspraken.housing import presentation
    from woonafspraken.housing import selectors as housing_selectors

    names = presentation.organisation_names()
    return [presentation.shown(o, names) for o in housing_selectors.run_all(cycle) if o.result]


def agreements(cycle: Cycle, *, people: bool = False) -> Report:
    """The agreements as signed: per theme every agreement with its targets per party and year."""
    blocks = selectors.theme_blocks(cycle, cycle.start_year)
    themes = []
    for block in blocks:
        lines = []
        for row in block.rows:
            a = row.agreement
            targets = [
                TargetLine(
                    indicator=t.indicator.name,
                    party=_party(t),
                    period=str(t.year) if t.year else cycle.period_label,
                    norm=norm_text(t),
                    realised="",
                    verdict_code="",
                    verdict="",
                    margin=t.note,
                )
                for t in a.targets.all()
            ]
            lines.append(
                AgreementLine(
                    number=a.number,
                    title=a.title,
                    text=a.text,
                    lead=a.lead_party.name if a.lead_party else "",
                    status_code="",
                    symbol="",
                    status=a.get_kind_display(),
                    explanation="",
                    targets=targets,
                )
            )
        lead = block.theme.lead_organisation
        themes.append(
            ThemeSection(
                block.theme.name, lead.name if lead else "", _leader(block.theme, people), lines
            )
        )
    return Report(
        cycle=cycle,
        year=None,
        title=cycle.title,
        parties=[p.name for p in cycle.parties.order_by("name")],
        themes=themes,
        made_on=date_format(timezone.localdate(), "j F Y"),
        signatures=signatures(cycle, people=people),
    )


def signatures(cycle: Cycle, *, people: bool = False) -> list[Signature]:
    """A block per party; the decision body, signatory and date of its approval, if any.

    The signatory is a person: named only with ``people``."""
    from woonafspraken.process.models import Approval

    approved = {
        a.organisation_id: a
        for a in Approval.objects.filter(cycle=cycle, amendment__isnull=True).select_related(
            "signatory"
        )
    }
    blocks = []
    for party in cycle.parties.order_by("name"):
        a = approved.get(party.pk)
        if a is None:
            blocks.append(Signature(party.name))
            continue
        name = (a.signatory.get_full_name() or a.signatory.get_username()) if people else ""
        blocks.append(
            Signature(
                party.name,
                a.get_decision_body_display(),
                name,
                date_format(a.decided_on, "j F Y"),
                signed=True,
            )
        )
    return blocks


# --- PDF ------------------------------------------------------------------------------------


def _fetcher() -> Any:
    """Reads only the charts' own ``data:`` URLs; nothing is fetched from anywhere else."""
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def html_of(report: Report, template: str = "documents/evaluation_print.html") -> str:
    return render_to_string(template, {"report": report})


def pdf_of(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango takes a moment

    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()  # type: ignore[no-any-return]


def evaluation_pdf(cycle: Cycle, year: int, *, people: bool = False) -> bytes:
    return pdf_of(html_of(evaluation(cycle, year, people=people)))


def agreements_pdf(cycle: Cycle, *, people: bool = False) -> bytes:
    return pdf_of(html_of(agreements(cycle, people=people), "documents/agreements_print.html"))


# --- Word -----------------------------------------------------------------------------------


def _document(title: str) -> Any:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    document.core_properties.title = title
    document.core_properties.language = "nl-NL"
    return document


def _table(document: Any, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text


def _bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def evaluation_docx(cycle: Cycle, year: int, *, people: bool = False) -> bytes:
    report = evaluation(cycle, year, people=people)
    document = _document(report.title)
    document.add_heading(report.title, level=0)
    document.add_paragraph(
        _("%(municipality)s · looptijd %(period)s · opgesteld op %(date)s")
        % {
            "municipality": cycle.municipality.name,
            "period": cycle.period_label,
            "date": report.made_on,
        }
    )
    document.add_paragraph(_("Partijen: %(p)s") % {"p": ", ".join(report.parties)})
    document.add_heading(_("Samenvatting"), level=1)
    _table(
        document,
        [_("Afspraken naar status"), _("Aantal")],
        [[label, str(n)] for _code, label, n in report.status_counts],
    )
    document.add_paragraph()
    _table(
        document,
        [_("Normen naar oordeel"), _("Aantal")],
        [[label, str(n)] for _code, label, n in report.verdict_counts],
    )
    for bars in report.overview:
        document.add_paragraph()
        _picture(document, bars.png())
        document.add_paragraph(bars.title)
        _table(
            document,
            [bars.row_heading, *[label for _code, label in bars.categories], _("Totaal")],
            [[row, *[str(n) for n in counts], str(total)] for row, counts, total in bars.table],
        )
    if report.key_figures:
        document.add_heading(_("Kerncijfers %(year)s") % {"year": report.year}, level=1)
    for figure in report.key_figures:
        document.add_paragraph()
        _picture(document, figure.png())
        document.add_paragraph(figure.title)
        _table(document, figure.headings, figure.table)
    for theme in report.themes:
        document.add_heading(theme.name, level=1)
        if theme.lead or theme.project_leader:
            document.add_paragraph(lead_line(theme))
        for a in theme.agreements:
            document.add_heading(f"{a.symbol} {a.number} {a.title}", level=2)
            line = document.add_paragraph()
            line.add_run(_("Status: ")).bold = True
            line.add_run(f"{a.symbol} {a.status}")
            if a.explanation:
                document.add_paragraph(a.explanation)
            if a.targets:
                _table(
                    document,
                    [
                        _("Indicator"),
                        _("Partij"),
                        _("Periode"),
                        _("Norm"),
                        _("Gerealiseerd"),
                        _("Oordeel"),
                        _("Marge"),
                    ],
                    [
                        [t.indicator, t.party, t.period, t.norm, t.realised, t.verdict, t.margin]
                        for t in a.targets
                    ],
                )
                document.add_paragraph()
            for chart in a.charts:
                _chart_docx(document, chart)
    if report.analyses:
        document.add_heading(_("Analyses"), level=1)
    for analysis in report.analyses:
        title = analysis.title
        if analysis.fictional:
            title += " (" + _("fictief") + ")"
        document.add_heading(title, level=2)
        document.add_paragraph(analysis.explanation)
        _picture(document, analysis.png())
        _table(document, analysis.headers, analysis.rows)
        for headers, rows in analysis.extra:
            document.add_paragraph()
            _table(document, headers, rows)
        for note in analysis.notes:
            document.add_paragraph(note)
        if analysis.sources:
            document.add_paragraph(_("Bronnen:") + " " + "; ".join(analysis.sources))
    return _bytes(document)


def _picture(document: Any, png: bytes) -> None:
    from docx.shared import Cm

    document.add_picture(io.BytesIO(png), width=Cm(14))


def _chart_docx(document: Any, chart: charting.Chart) -> None:
    from docx.shared import Cm

    document.add_picture(io.BytesIO(chart.png()), width=Cm(14))
    document.add_paragraph(chart.title)
    _table(
        document,
        [_("Jaar"), _("Verwacht (cumulatief)"), _("Gerealiseerd (cumulatief)")],
        _chart_rows(chart),
    )
    document.add_paragraph()


def _chart_rows(chart: charting.Chart) -> list[list[str]]:
    rows = []
    for p in chart.points:
        expected = amount(p.expected_low)
        if p.expected_high is not None:
            expected = f"{expected}–{amount(p.expected_high)}"
        rows.append([str(p.year), expected, amount(p.realised)])
    return rows


def agreements_docx(cycle: Cycle, *, people: bool = False) -> bytes:
    report = agreements(cycle, people=people)
    document = _document(report.title)
    document.add_heading(report.title, level=0)
    document.add_paragraph(
        _("Prestatieafspraken %(municipality)s · looptijd %(period)s")
        % {"municipality": cycle.municipality.name, "period": cycle.period_label}
    )
    if cycle.description:
        document.add_paragraph(cycle.description)
    document.add_heading(_("Partijen"), level=1)
    for party in report.parties:
        document.add_paragraph(party, style="List Bullet")
    for theme in report.themes:
        document.add_heading(theme.name, level=1)
        document.add_paragraph(lead_line(theme))
        for a in theme.agreements:
            document.add_heading(f"{a.number} {a.title}", level=2)
            document.add_paragraph(
                _("%(kind)s · trekker %(lead)s") % {"kind": a.status, "lead": a.lead or "—"}
            )
            if a.text:
                document.add_paragraph(a.text)
            if a.targets:
                _table(
                    document,
                    [_("Indicator"), _("Partij"), _("Periode"), _("Norm"), _("Toelichting")],
                    [[t.indicator, t.party, t.period, t.norm, t.margin] for t in a.targets],
                )
                document.add_paragraph()
    document.add_heading(_("Ondertekening"), level=1)
    blank = "________________________________"
    for sig in report.signatures:
        document.add_paragraph(sig.party, style="Heading 3")
        for label, value in (
            (_("Besluitvormend orgaan"), sig.decision_body),
            (_("Naam ondertekenaar"), sig.signatory),
            (_("Datum"), sig.date),
        ):
            if value or not sig.signed:  # a signed block without names leaves out the name
                document.add_paragraph(f"{label}: {value or blank}")
    return _bytes(document)


def council_letter_docx(cycle: Cycle, year: int) -> bytes:
    """A draft raadsinformatiebrief on the evaluation of ``year``, ready to edit in Word."""
    report = evaluation(cycle, year)
    document = _document(_("Raadsinformatiebrief evaluatie %(year)s") % {"year": year})
    document.add_heading(_("Raadsinformatiebrief (concept)"), level=0)
    for label, value in (
        (
            _("Onderwerp"),
            _("Evaluatie %(year)s van de %(title)s") % {"year": year, "title": cycle.title},
        ),
        (_("Gemeente"), cycle.municipality.name),
        (_("Datum"), report.made_on),
    ):
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    document.add_heading(_("Aanleiding"), level=1)
    document.add_paragraph(
        _(
            "De gemeente %(municipality)s, de woningcorporaties en hun huurdersorganisaties "
            "hebben prestatieafspraken gemaakt voor %(period)s. Met deze brief informeren wij u "
            "over de stand van zaken in %(year)s."
        )
        % {"municipality": cycle.municipality.name, "period": cycle.period_label, "year": year}
    )
    document.add_paragraph(_("Partijen: %(p)s.") % {"p": ", ".join(report.parties)})
    document.add_heading(_("Kern"), level=1)
    counts = {code: n for code, _label, n in report.status_counts}
    verdicts = {code: n for code, _label, n in report.verdict_counts}
    document.add_paragraph(
        _(
            "Van de %(total)s afspraken zijn er %(achieved)s gerealiseerd, %(on_track)s op koers, "
            "vragen %(attention)s om aandacht, zijn %(unclear)s onduidelijk en %(not)s niet "
            "gerealiseerd; %(none)s zijn nog niet beoordeeld."
        )
        % {
            "total": report.agreement_count,
            "achieved": counts.get("achieved", 0),
            "on_track": counts.get("on_track", 0),
            "attention": counts.get("attention", 0),
            "unclear": counts.get("unclear", 0),
            "not": counts.get("not_achieved", 0),
            "none": counts.get("none", 0),
        }
    )
    document.add_paragraph(
        _(
            "Van de normen met cijfers zijn er %(met)s gehaald en %(not_met)s niet gehaald; "
            "%(behind)s lopen achter en %(no_data)s hebben nog geen gegevens."
        )
        % {
            "met": verdicts.get("met", 0),
            "not_met": verdicts.get("not_met", 0),
            "behind": verdicts.get("behind", 0),
            "no_data": verdicts.get("no_data", 0),
        }
    )
    figures = [
        (a, t)
        for theme in report.themes
        for a in theme.agreements
        for t in a.targets
        if t.verdict_code in ("met", "not_met", "behind")
    ]
    if figures:
        document.add_heading(_("De cijfers"), level=1)
        for a, t in figures:
            document.add_paragraph(
                _(
                    "%(number)s %(title)s (%(party)s): norm %(norm)s, "
                    "gerealiseerd %(realised)s — %(verdict)s."
                )
                % {
                    "number": a.number,
                    "title": t.indicator,
                    "party": t.party,
                    "norm": t.norm,
                    "realised": t.realised,
                    "verdict": t.verdict,
                },
                style="List Bullet",
            )
    attention = [
        a
        for theme in report.themes
        for a in theme.agreements
        if a.status_code in ("attention", "unclear", "not_achieved")
    ]
    if attention:
        document.add_heading(_("Aandachtspunten"), level=1)
        for a in attention:
            text = f"{a.symbol} {a.number} {a.title} ({a.status})"
            if a.explanation:
                text += f": {a.explanation}"
            document.add_paragraph(text, style="List Bullet")
    document.add_heading(_("Vervolg"), level=1)
    document.add_paragraph(
        _("[Beschrijf hier de vervolgstappen en wanneer de raad weer wordt geïnformeerd.]")
    )
    document.add_paragraph(_("Het college van burgemeester en wethouders,"))
    return _bytes(document)


# --- One entry point for pages and API ------------------------------------------------------

KINDS = ("agreements", "evaluation", "council-letter")
FORMATS = {
    "agreements": ("pdf", "docx"),
    "evaluation": ("pdf", "docx"),
    "council-letter": ("docx",),
}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    filename: str


def check(cycle: Cycle, kind: str, *, year: Any = None, fmt: str = "") -> tuple[str, int | None]:
    """The format and year to make ``kind`` of ``cycle`` in; Dutch ValidationError otherwise.

    The agreements cover the whole period and take no year (``None``).
    """
    from django.core.exceptions import ValidationError

    if kind not in KINDS:
        raise ValidationError(_("Dit document bestaat niet."))
    fmt = fmt or FORMATS[kind][0]
    if fmt not in FORMATS[kind]:
        raise ValidationError(_("Kies als formaat %(f)s.") % {"f": " of ".join(FORMATS[kind])})
    if kind == "agreements":
        return fmt, None
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError(_("Kies een jaar.")) from None
    if not (cycle.start_year <= year <= cycle.end_year):
        raise ValidationError(
            _("Kies een jaar binnen de looptijd %(period)s.") % {"period": cycle.period_label}
        )
    return fmt, year


def render(
    cycle: Cycle, kind: str, *, year: Any = None, fmt: str = "pdf", people: bool = False
) -> Rendered:
    """The document ``kind`` of ``cycle`` in format ``fmt``; Dutch ValidationError otherwise.

    ``people``: whether the document may name people (for a reader who is logged in)."""
    from django.utils.text import slugify

    fmt, checked_year = check(cycle, kind, year=year, fmt=fmt)
    slug = slugify(cycle.title) or str(cycle.pk)
    content_type = PDF_CONTENT_TYPE if fmt == "pdf" else DOCX_CONTENT_TYPE
    if kind == "agreements" or checked_year is None:
        make = agreements_pdf if fmt == "pdf" else agreements_docx
        content = make(cycle, people=people)
        return Rendered(content, content_type, f"afspraken-{slug}.{fmt}")
    year = checked_year
    if kind == "evaluation":
        made = evaluation_pdf if fmt == "pdf" else evaluation_docx
        content = made(cycle, year, people=people)
        return Rendered(content, content_type, f"evaluatie-{year}-{slug}.{fmt}")
    return Rendered(
        council_letter_docx(cycle, year), content_type, f"raadsinformatiebrief-{year}-{slug}.docx"
    )
