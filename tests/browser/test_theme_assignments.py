import pytest

from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_assignment_section_is_accessible_and_a_coordinator_adds_a_finding(
    page, live_server, maastricht
):
    base = live_server.url
    theme = maastricht.themes.get(name="Betaalbaarheid")
    page.goto(f"{base}/themas/{theme.pk}/?year=2017")
    section = page.inner_text("#bestuursopdrachten")
    assert "Bestuursopdracht 2016: belangrijkste conclusies" in section
    assert "Kloof arm/rijk" in section
    assert_accessible(page)

    login(page, base, "gemeente-maastricht")
    page.goto(f"{base}/themas/{theme.pk}/?year=2017")
    page.click("text=Conclusies toevoegen of wijzigen (coördinator)")
    page.click("text=Bestuursopdracht toevoegen (coördinator)")
    assert_accessible(page)  # with the forms open
    assignment = theme.assignments.get()
    page.fill(f"#new-finding-{assignment.pk}", "Weinig betaalbare nieuwbouw")
    page.click(f"#bestuursopdrachten form[action$='/{assignment.pk}/conclusies/'] button")
    assert "Conclusie toegevoegd." in page.inner_text(".messages")
    assert "Weinig betaalbare nieuwbouw" in page.inner_text("#bestuursopdrachten")
    assert_accessible(page)
