import io
import zipfile
from decimal import Decimal

from docx import Document

from tests.conftest import target_of
from tests.documents.test_evaluation_report import docx_text, pdf_text
from woonafspraken.agreements import services
from woonafspraken.documents import charts, reports


def _record_new_build(maastricht, user):
    target = target_of(maastricht, "Nieuwbouw", "servatius")
    services.record_measurement(user("servatius"), target, value=80, year=2017)
    services.record_measurement(user("servatius"), target, value=120, year=2018)
    return target


def test_the_path_is_linear_and_the_realised_values_add_up(maastricht, user):
    target = _record_new_build(maastricht, user)
    target = reports.selectors.targets_queryset().get(pk=target.pk)
    points = charts.path(target, maastricht.years, 2019)
    # 476 over five years: 95.2 a year on the expected path
    assert [p.expected_low for p in points] == [
        Decimal("95.2"),
        Decimal("190.4"),
        Decimal("285.6"),
        Decimal("380.8"),
        Decimal("476.0"),
    ]
    # cumulative realised: 80, 80 + 120, nothing new in 2019, nothing after the year asked
    assert [p.realised for p in points] == [80, 200, 200, None, None]


def test_a_range_has_a_low_and_a_high_path(maastricht):
    target = reports.selectors.targets_queryset().get(
        pk=target_of(maastricht, "Sloop", "servatius").pk
    )
    points = charts.path(target, maastricht.years, 2017)
    assert (points[-1].expected_low, points[-1].expected_high) == (377, 497)
    assert all(p.realised is None for p in points)


def test_the_evaluation_pdf_has_a_chart_with_its_data_table(maastricht, user, tmp_path):
    _record_new_build(maastricht, user)
    text = pdf_text(reports.evaluation_pdf(maastricht, 2018), tmp_path)
    assert "Nieuwbouw (woningen) — Servatius" in text
    assert "Verwacht (cumulatief)" in text and "190,4" in text


def test_the_word_file_has_the_chart_as_a_picture_and_the_same_table(maastricht, user):
    _record_new_build(maastricht, user)
    data = reports.evaluation_docx(maastricht, 2018)
    text = docx_text(data)
    assert "2018 | 190,40 | 200" in text
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in names)
    assert len(Document(io.BytesIO(data)).inline_shapes) >= 9  # 3 indicators × 3 corporations


def test_the_chart_is_an_svg_drawn_on_the_server(maastricht):
    chart = charts.chart("Titel", [charts.Point(2017, Decimal(1), None, Decimal(2))])
    assert chart.svg.startswith("<svg") and "Titel" in chart.svg
    assert chart.png().startswith(b"\x89PNG")


def test_a_word_file_draws_its_charts_only_as_png(maastricht, user, monkeypatch):
    _record_new_build(maastricht, user)
    charts._svg.cache_clear()  # pictures drawn by earlier tests in this process are kept
    drawn = []
    real = charts.vl_convert.vegalite_to_svg
    monkeypatch.setattr(
        charts.vl_convert, "vegalite_to_svg", lambda spec: drawn.append(spec) or real(spec)
    )
    data = reports.evaluation_docx(maastricht, 2018)
    assert len(Document(io.BytesIO(data)).inline_shapes) >= 9
    assert drawn == []  # no SVG made for a document that cannot show it
    reports.evaluation_pdf(maastricht, 2018)
    assert len(drawn) >= 9  # the PDF does draw them, as SVG


def test_the_cycle_overview_shows_statuses_and_verdicts_as_charts_with_their_tables(
    client, maastricht, user
):
    _record_new_build(maastricht, user)
    agreement = maastricht.themes.order_by("pk").first().agreements.order_by("pk").first()
    services.record_assessment(
        user("gemeente-maastricht"), agreement, year=2018, status="attention", explanation="Dip"
    )
    response = client.get(f"/cycli/{maastricht.pk}/?year=2018")
    html = response.content.decode()
    status, verdict = response.context["status_chart"], response.context["verdict_chart"]
    assert html.count('id="chart-status"') == 1 and 'id="table-status"' in html
    assert 'id="chart-verdict"' in html and 'id="table-verdict"' in html
    assert "<svg" in status.svg and "data:image/svg+xml;base64," in html
    row = dict((r, (counts, total)) for r, counts, total in status.table)[agreement.theme.name]
    codes = [code for code, _label in status.categories]
    assert row[0][codes.index("attention")] == 1 and row[1] == agreement.theme.agreements.count()
    parties = {r: total for r, _counts, total in verdict.table}
    assert parties["Servatius"] >= 1
    verdicts = [code for code, _label in verdict.categories]
    servatius = next(c for r, c, _t in verdict.table if r == "Servatius")
    assert sum(servatius) == parties["Servatius"] and len(servatius) == len(verdicts)


def test_the_evaluation_documents_carry_the_same_overview_charts(maastricht, user, tmp_path):
    _record_new_build(maastricht, user)
    text = pdf_text(reports.evaluation_pdf(maastricht, 2018), tmp_path)
    assert "Afspraken per thema naar status, 2018" in text
    assert "Normen per partij naar oordeel, 2018" in text
    word = docx_text(reports.evaluation_docx(maastricht, 2018))
    assert "Normen per partij naar oordeel, 2018" in word


def test_the_cycle_overview_shows_the_key_figures_with_their_tables(client, maastricht, user):
    target = _record_new_build(maastricht, user)
    response = client.get(f"/cycli/{maastricht.pk}/?year=2018")
    html = response.content.decode()
    figures = response.context["key_figures"]
    assert "Kerncijfers 2018" in html
    assert 0 < len(figures) <= 6
    new_build = next(f for f in figures if target.indicator.name in f.title)
    # realised up to and including 2018 (80 + 120) against the norm for the whole period
    row = next(r for r in new_build.rows if r.party == "Servatius")
    assert row.realised == 200 and row.low == target.value
    assert ["Servatius", row.norm_text, "200", row.verdict] in new_build.table
    number = figures.index(new_build) + 1
    assert f'id="chart-key-{number}"' in html and f'id="table-key-{number}"' in html
    assert "<svg" in new_build.svg and "Servatius" in new_build.svg
    # every figure shown has a realised value in the year and a numeric norm
    assert all(r.low is not None or r.high is not None for f in figures for r in f.rows)


def test_key_figures_follow_the_themes_leave_out_labels_and_stop_at_the_cap(
    maastricht, django_user_model, monkeypatch
):
    from woonafspraken.agreements import selectors

    admin = django_user_model.objects.create_superuser("beheer-kc", "kc@example.org", "x")
    blocks = selectors.theme_blocks(maastricht, 2018)
    numeric = [
        e.target
        for b in blocks
        for r in b.rows
        for e in r.evaluated
        if e.target.party_id
        and e.target.kind != "label_at_least"
        and e.target.indicator.unit != "energy_label"
    ]
    for target in numeric:
        services.record_measurement(admin, target, value=target.value or target.low, year=2018)
    blocks = selectors.theme_blocks(maastricht, 2018)
    expected = [n for n, _p in dict.fromkeys((t.indicator.name, t.year is None) for t in numeric)]
    figures = selectors.key_figures(blocks, 2018)
    # in the order of the themes and agreements, each indicator once
    assert [f.title.split(",")[0] for f in figures] == expected[: selectors.KEY_FIGURES]
    monkeypatch.setattr(selectors, "KEY_FIGURES", len(expected) - 1)
    capped = selectors.key_figures(blocks, 2018)
    assert [f.title for f in capped] == [f.title for f in figures][: len(expected) - 1]
    assert not any("energielabel" in f.title.lower() for f in figures)
    assert all(r.realised is not None and r.low is not None for f in figures for r in f.rows)


def test_the_evaluation_documents_carry_the_same_key_figures(maastricht, user, tmp_path):
    target = _record_new_build(maastricht, user)
    text = pdf_text(reports.evaluation_pdf(maastricht, 2018), tmp_path)
    assert "Kerncijfers 2018" in text
    assert f"{target.indicator.name}, gerealiseerd t/m 2018" in " ".join(text.split())
    word = docx_text(reports.evaluation_docx(maastricht, 2018))
    assert "Kerncijfers 2018" in word and "Servatius | " in word
