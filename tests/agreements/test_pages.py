from tests.conftest import target_of
from woonafspraken.agreements.models import Measurement


def test_a_published_cycle_is_readable_without_logging_in(client, maastricht):
    response = client.get(f"/cycli/{maastricht.pk}/?year=2017")
    assert response.status_code == 200
    assert "Beschikbaarstelling" in response.content.decode()


def test_an_unpublished_cycle_is_hidden_from_outsiders(client, maastricht, user):
    maastricht.published = False
    maastricht.save()
    assert client.get(f"/cycli/{maastricht.pk}/").status_code == 404
    client.force_login(user("woonbelang"))
    assert client.get(f"/cycli/{maastricht.pk}/").status_code == 200


def test_the_theme_page_shows_agreement_and_evaluation_side_by_side(client, maastricht):
    theme = maastricht.themes.get(name="Beschikbaarstelling")
    html = client.get(f"/themas/{theme.pk}/?year=2017").content.decode()
    assert "Prestatieafspraak 2017 Beschikbaarstelling" in html
    assert "Evaluatie 2017 Beschikbaarstelling" in html
    assert "niet gehaald" in html and "gehaald" in html


def test_the_agreement_page_shows_norm_realisation_verdict_and_margin(client, maastricht):
    target = target_of(maastricht, "Eigen inplaatsing")
    html = client.get(f"/afspraken/{target.agreement_id}/?year=2017").content.decode()
    assert "maximaal 10 %" in html and "11 %" in html and "+1 procentpunt" in html


def test_a_web_correction_with_a_stale_version_is_a_conflict(client, maastricht, user):
    target = target_of(maastricht, "Aanbodmodel")
    client.force_login(user("gemeente-maastricht"))
    url = f"/normen/{target.pk}/realisatie/"
    client.post(url, {"year": 2017, "value": "55", "version": 1})
    response = client.post(url, {"year": 2017, "value": "56", "version": 1}, follow=True)
    assert "intussen gewijzigd" in response.content.decode()
    assert Measurement.objects.get(target=target).value == 55


def test_writing_pages_need_a_login_and_a_csrf_token(maastricht, user):
    from django.test import Client

    target = target_of(maastricht, "Aanbodmodel")
    assert Client().post(f"/normen/{target.pk}/realisatie/", {"value": "1"}).status_code == 302
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user("gemeente-maastricht"))
    assert strict.post(f"/normen/{target.pk}/realisatie/", {"value": "1"}).status_code == 403
    assert Measurement.objects.get(target=target).value == 54


def test_user_text_is_escaped(client, maastricht, user):
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    client.force_login(user("woonpunt"))
    client.post(
        f"/normen/{target.pk}/realisatie/",
        {"year": 2017, "value": "3", "note": "<script>alert(1)</script>"},
    )
    html = client.get(f"/afspraken/{target.agreement_id}/?year=2017").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_security_headers_are_set(client, maastricht):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_coordinator_edits_a_norm_and_it_is_in_the_history(client, maastricht, user):
    target = target_of(maastricht, "Eigen inplaatsing")
    client.force_login(user("gemeente-maastricht"))
    client.post(f"/normen/{target.pk}/wijzigen/", {"year": 2017, "value": "12", "version": 1})
    target.refresh_from_db()
    assert target.value == 12
    html = client.get(f"/afspraken/{target.agreement_id}/?year=2017").content.decode()
    assert "gehaald" in html and "waarde: 10,00" in html and "waarde: 12,00" in html
    assert "Norm gewijzigd" in html


def test_a_contributor_cannot_edit_a_norm(client, maastricht, user):
    target = target_of(maastricht, "Eigen inplaatsing")
    client.force_login(user("woonpunt"))
    assert (
        client.post(f"/normen/{target.pk}/wijzigen/", {"value": "50", "version": 1}).status_code
        == 403
    )
    target.refresh_from_db()
    assert target.value == 10
