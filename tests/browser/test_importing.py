import pytest

from tests.browser.conftest import assert_accessible, login
from tests.importing import documents
from tests.importing.conftest import draft  # noqa: F401  (the cycle in preparation)
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
    assert "Gevonden: 1 thema’s, 2 afspraken en 1 normen." in page.inner_text("main")
    assert "Woonpunt verhuurt minimaal 45 %" in page.inner_text(".import-source >> nth=1")
    assert_accessible(page)
    page.get_by_label("overnemen").nth(3).uncheck()  # theme, agreement, its norm, agreement
    page.click("#apply-import")
    page.wait_for_url(f"{base}/cycli/{draft.pk}/")
    assert "Overgenomen uit afspraken-2016.docx" in page.inner_text(".messages")
    assert list(Agreement.objects.filter(theme__cycle=draft).values_list("number", "kind")) == [
        ("1", "result")
    ]
