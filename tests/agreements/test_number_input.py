"""Figures typed on the pages are read the reader's way; doubt is asked, never guessed."""

from decimal import Decimal

from tests.conftest import target_of
from woonafspraken.agreements.models import Measurement, Target


def test_a_dutch_realisation_with_a_percent_sign_is_saved(client, maastricht, user):
    target = target_of(maastricht, "Aanbodmodel")
    client.force_login(user("gemeente-maastricht"))
    client.post(f"/normen/{target.pk}/realisatie/", {"year": 2017, "value": "54,5 %", "version": 1})
    assert Measurement.objects.get(target=target).value == Decimal("54.5")


def test_an_ambiguous_number_is_asked_about_and_nothing_changes(client, maastricht, user):
    target = target_of(maastricht, "Aanbodmodel")
    client.force_login(user("gemeente-maastricht"))
    response = client.post(
        f"/normen/{target.pk}/realisatie/",
        {"year": 2017, "value": "1,234", "version": 1},
        follow=True,
    )
    html = response.content.decode()
    assert "niet eenduidig" in html and "1234" in html
    assert Measurement.objects.get(target=target).value == 54


def test_the_english_page_reads_english_numbers(client, maastricht, user):
    target = Target.objects.filter(
        agreement__theme__cycle=maastricht, kind="min", indicator__unit="count"
    ).first()
    client.force_login(user("gemeente-maastricht"))
    client.cookies["woonafspraken_language"] = "en"
    client.post(f"/normen/{target.pk}/wijzigen/", {"year": 2017, "value": "1,572", "version": 1})
    target.refresh_from_db()
    assert target.value == 1572


def test_every_wrong_bound_is_reported_at_once(client, maastricht, user):
    target = Target.objects.filter(agreement__theme__cycle=maastricht, kind="range").first()
    before = (target.low, target.high)
    client.force_login(user("gemeente-maastricht"))
    response = client.post(
        f"/normen/{target.pk}/wijzigen/",
        {"year": 2017, "low": "1,234", "high": "veel", "version": 1},
        follow=True,
    )
    html = response.content.decode()
    assert "Ondergrens: ‘1,234’ is niet eenduidig" in html
    assert "Bovengrens: ‘veel’ is geen getal" in html
    target.refresh_from_db()
    assert (target.low, target.high) == before
