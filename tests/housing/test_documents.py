import io

import docx

from woonafspraken.documents import reports
from woonafspraken.housing import demo


def test_the_evaluation_carries_the_analyses_marked_fictional(maastricht, user):
    demo.load(user("beheer"), maastricht)
    report = reports.evaluation(maastricht, 2017)
    assert len(report.analyses) == 8
    html = reports.html_of(report)
    assert "Prognose sociale doelgroep en sociale huurwoningen (fictief)" in html
    assert html.count("data:image/svg+xml;base64,") >= 8
    document = docx.Document(io.BytesIO(reports.evaluation_docx(maastricht, 2017)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Analyses" in headings
    assert "Scheefwonen: goedkoop en duur (fictief)" in headings


def test_without_housing_data_the_evaluation_has_no_analyses(maastricht):
    assert reports.evaluation(maastricht, 2017).analyses == []
