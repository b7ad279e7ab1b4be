import pytest

from tests.browser.conftest import assert_accessible, login
from tests.browser.test_home import _fits
from tests.importing import documents
from tests.importing.conftest import draft  # noqa: F401  (the cycle in preparation)
from tests.importing.test_layouts import BORDERLESS
from woonafspraken.agreements.models import Agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _agreements(d):  # type: ignore[no-untyped-def]
    d.add_heading("Afspraken 2016", 0)
    d.add_heading("Beschikbaarheid", 1)
    d.add_paragraph("1. Woonpunt verhuurt minimaal 45 % via het aanbodmodel.")
    d.add_paragraph("2. Partijen overleggen elk kwartaal.")


def test_a_coordinator_imports_reviews_and_creates_only_what_is_ticked(
    page,
    live_server,
    draft,  # noqa: F811
):
    base = live_server.url
    login(page, base, "gemeente-maastricht")
    page.goto(f"{base}/cycli/{draft.pk}/")
    page.get_by_role("link", name="Afspraken importeren uit Word of PDF").click()
    page.wait_for_url(f"{base}/cycli/{draft.pk}/importeren/")
    assert_accessible(page)
    page.set_input_files(
        "input[type=file]",
        {
            "name": "afspraken-2016.docx",
            "mimeType": "application/octet-stream",
            "buffer": documents.docx(_agreements),
        },
    )
    page.get_by_role("button", name="Inlezen").click()
    page.wait_for_selector("#apply-import")
    assert "Gevonden: 1 thema, 2 afspraken en 1 norm." in page.inner_text("main")
    assert "Woonpunt verhuurt minimaal 45 %" in page.inner_text(".import-source >> nth=1")
    assert_accessible(page)
    page.get_by_label("overnemen").nth(3).uncheck()  # theme, agreement, its norm, agreement
    page.click("#apply-import")
    page.wait_for_url(f"{base}/cycli/{draft.pk}/")
    assert "Overgenomen uit afspraken-2016.docx" in page.inner_text(".messages")
    assert list(Agreement.objects.filter(theme__cycle=draft).values_list("number", "kind")) == [
        ("1", "result")
    ]


def test_the_import_pages_in_english_on_a_phone(
    page,
    live_server,
    draft,  # noqa: F811
):
    """Upload page, a refusal, a scan and the review of a PDF: English, 390 px wide, axe-clean."""
    base = live_server.url
    login(page, base, "gemeente-maastricht")
    page.context.add_cookies([{"name": "woonafspraken_language", "value": "en", "url": base}])
    page.set_viewport_size({"width": 390, "height": 800})

    def upload(name, data, mime="application/pdf"):  # type: ignore[no-untyped-def]
        page.goto(f"{base}/cycli/{draft.pk}/importeren/")
        assert _fits(page), "the upload page is wider than 390 px"
        assert_accessible(page)
        page.set_input_files("input[type=file]", {"name": name, "mimeType": mime, "buffer": data})
        page.get_by_role("button", name="Import", exact=True).click()

    upload("notes.txt", b"Aanbodmodel minimaal 45 %", "text/plain")
    refused = page.inner_text("#upload-errors")
    assert "This is not a Word file (.docx) or a PDF." in refused
    assert "Nothing was saved." in refused
    assert_accessible(page)

    upload("scan.pdf", documents.scanned_pdf())
    page.wait_for_selector("#import-refused")
    assert "This PDF has no text to read" in page.inner_text("#import-refused")
    assert _fits(page) and not page.locator("#import-refused").inner_text().count("Deze")
    assert_accessible(page)

    upload("agreements-2018.pdf", documents.pdf(BORDERLESS))
    page.wait_for_selector("#apply-import")
    assert "Found: 2 themes, 5 agreements and 22 targets." in page.inner_text("main")
    assert _fits(page), "the review page is wider than 390 px"
    assert_accessible(page)
