"""The agreements document, the council letter, and the document pages and API."""

import io

from docx import Document

from woonafspraken.documents import reports

from .test_evaluation_report import docx_text, pdf_text

DOCX = reports.DOCX_CONTENT_TYPE


def test_the_agreements_document_lists_targets_per_party_and_a_signature_block(maastricht):
    text = docx_text(reports.agreements_docx(maastricht))
    assert "4.5 Acties 2017–2021 om labelverbeteringen te realiseren (prognoses)" in text
    assert "Sloop (woningen) | Servatius | 2017–2021 | 377–497" in text
    assert (
        "Eigen inplaatsing (aandeel van de verhuringen) | gezamenlijk | 2017 | maximaal 10 %"
        in (text)
    )
    assert text.count("Naam ondertekenaar:") == maastricht.parties.count()


def test_the_agreements_pdf_has_every_theme(maastricht, tmp_path):
    text = pdf_text(reports.agreements_pdf(maastricht), tmp_path)
    for theme in maastricht.themes.all():
        assert theme.name in text
    assert "Ondertekening" in text and "Huurdersvereniging Woonvallei" in text


def test_the_council_letter_summarises_the_evaluation(maastricht):
    text = docx_text(reports.council_letter_docx(maastricht, 2017))
    assert "Raadsinformatiebrief (concept)" in text
    assert (
        "5.2 Eigen inplaatsing (aandeel van de verhuringen) (gezamenlijk): norm maximaal 10 %"
        in (text)
    )
    assert "gerealiseerd 11 % — niet gehaald" in text
    assert "gerealiseerd 54 % — gehaald" in text
    assert "! 1.2 2017: garantie match sociale doelgroep & sociale huurwoning (aandacht)" in text


def test_the_documents_page_links_every_document(client, maastricht):
    page = client.get(f"/cycli/{maastricht.pk}/documenten/?year=2017").content.decode()
    for slug in ("afspraken", "evaluatie", "raadsinformatiebrief"):
        assert f"/cycli/{maastricht.pk}/documenten/{slug}/" in page


def test_the_evaluation_downloads_from_the_page_as_word(client, maastricht):
    response = client.get(f"/cycli/{maastricht.pk}/documenten/evaluatie/?year=2017&format=docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert "evaluatie-2017-" in response["Content-Disposition"]
    Document(io.BytesIO(response.content))


def test_the_api_serves_the_evaluation_as_pdf_and_the_letter_as_word(client, maastricht):
    base = f"/api/v1/cycles/{maastricht.pk}/documents"
    response = client.get(f"{base}/evaluation?year=2017&format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["API-Version"]
    response = client.get(f"{base}/council-letter?year=2017")
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    response = client.get(f"{base}/agreements?format=docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX


def test_the_api_refuses_a_missing_year_or_unknown_format(client, maastricht):
    base = f"/api/v1/cycles/{maastricht.pk}/documents"
    for url in (
        f"{base}/evaluation",
        f"{base}/evaluation?year=2030",
        f"{base}/evaluation?year=2017&format=odt",
        f"{base}/council-letter?year=2017&format=pdf",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"] == "application/problem+json"


def test_an_unpublished_cycle_is_not_found_for_strangers(client, maastricht):
    maastricht.published = False
    maastricht.save()
    response = client.get(f"/api/v1/cycles/{maastricht.pk}/documents/agreements")
    assert response.status_code == 404
    assert client.get(f"/cycli/{maastricht.pk}/documenten/afspraken/").status_code == 404
    assert client.get(f"/api/v1/cycles/{maastricht.pk}/targets.csv").status_code == 404


def test_the_signature_block_shows_an_approval_once_it_is_given(db, user):
    import datetime

    from woonafspraken import demo
    from woonafspraken.accounts.models import Organisation
    from woonafspraken.agreements.models import Cycle
    from woonafspraken.process import demo as process_demo
    from woonafspraken.process.services import approve_cycle

    demo.load()
    cycle = Cycle.objects.get(title=process_demo.CYCLE_TITLE)
    woonpunt = Organisation.objects.get(slug="woonpunt")
    approve_cycle(
        user("woonpunt"), cycle, woonpunt, "raad_van_bestuur", datetime.date(2019, 11, 20)
    )
    text = docx_text(reports.agreements_docx(cycle, people=True))
    block = text[text.index("Ondertekening") :]
    woonpunt_block = block[block.index("Woonpunt") :]
    assert "Besluitvormend orgaan: Raad van Bestuur" in woonpunt_block.split("\n", 4)[1]
    assert "Naam ondertekenaar: woonpunt" in block and "Datum: 20 november 2019" in block
    # parties that have not approved yet keep blank lines to fill in
    assert text.count("________________________________") >= 2 * (cycle.parties.count() - 1)

    # without names (for a visitor): the approval shows, who signed does not
    public = docx_text(reports.agreements_docx(cycle))
    public_block = public[public.index("Ondertekening") :]
    assert "Besluitvormend orgaan: Raad van Bestuur" in public_block
    assert "Datum: 20 november 2019" in public_block
    assert "Naam ondertekenaar: woonpunt" not in public_block
    assert public_block.count("Naam ondertekenaar:") == cycle.parties.count() - 1
