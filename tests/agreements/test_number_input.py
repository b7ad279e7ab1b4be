"""Figures typed on the pages are read the reader's way; doubt is asked, never guessed."""

from decimal import Decimal

from tests.conftest import target_of
from woonafspraken.agreements import selectors
from woonafspraken.agreements.models import Assessment, Measurement, Target
from woonafspraken.audit.models import AuditEntry


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


def _said(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_wrong_realisation_is_told_in_full_at_once_and_changes_nothing(client, maastricht, user):
    target = target_of(maastricht, "Aanbodmodel")
    client.force_login(user("gemeente-maastricht"))
    before = (Measurement.objects.get(target=target).value, AuditEntry.objects.count())
    response = client.post(
        f"/normen/{target.pk}/realisatie/",
        {"year": "abc", "value": "veel", "note": "x" * 5001, "source": "y" * 301, "version": "abc"},
        follow=True,
    )
    said = _said(response)
    assert response.status_code == 200
    assert "Waarde: ‘veel’ is geen getal" in said
    assert "De toelichting is te lang (hoogstens 5000 tekens)." in said
    assert "De bron is te lang (hoogstens 300 tekens)." in said
    assert "Deze pagina is verouderd." in said
    assert (Measurement.objects.get(target=target).value, AuditEntry.objects.count()) == before


def test_a_wrong_evaluation_is_told_in_full_at_once_and_changes_nothing(client, maastricht, user):
    target = target_of(maastricht, "Aanbodmodel")
    agreement = target.agreement
    client.force_login(user("gemeente-maastricht"))
    before = (list(Assessment.objects.values_list("pk", "version")), AuditEntry.objects.count())
    response = client.post(
        f"/afspraken/{agreement.pk}/evaluatie/",
        {"year": "abc", "status": "heel goed", "explanation": "x" * 10001, "version": "abc"},
        follow=True,
    )
    said = _said(response)
    assert "Kies een geldige status." in said
    assert "De toelichting is te lang (hoogstens 10000 tekens)." in said
    assert "Deze pagina is verouderd." in said
    after = (list(Assessment.objects.values_list("pk", "version")), AuditEntry.objects.count())
    assert after == before


def test_my_input_tells_every_wrong_row_at_once_and_saves_none(client, maastricht, user):
    person = user("woonpunt")
    open_targets = [i.target for i in selectors.open_targets_for(person, maastricht, 2017)]
    assert len(open_targets) >= 2
    first, second = open_targets[:2]
    client.force_login(person)
    before = (Measurement.objects.count(), AuditEntry.objects.count())
    response = client.post(
        f"/cycli/{maastricht.pk}/mijn-invoer/?year=2017",
        {
            "year": "2017",
            f"value-{first.pk}": "5",
            f"source-{first.pk}": "y" * 301,
            f"value-{second.pk}": "veel",
            f"note-{second.pk}": "x" * 5001,
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "2 waarde(n) kloppen niet" in html
    assert "De bron is te lang (hoogstens 300 tekens)." in html
    assert "‘veel’ is geen getal" in html
    assert "De toelichting is te lang (hoogstens 5000 tekens)." in html
    assert 'value="veel"' in html  # what was typed stays
    assert (Measurement.objects.count(), AuditEntry.objects.count()) == before


def test_my_input_saves_dutch_numbers(client, maastricht, user):
    person = user("woonpunt")
    target = next(
        i.target
        for i in selectors.open_targets_for(person, maastricht, 2017)
        if i.target.indicator.unit == "count"
    )
    client.force_login(person)
    response = client.post(
        f"/cycli/{maastricht.pk}/mijn-invoer/?year=2017",
        {"year": "2017", f"value-{target.pk}": "1.234", f"source-{target.pk}": "jaarverslag"},
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get(target=target, year=2017)
    assert (measurement.value, measurement.source) == (Decimal(1234), "jaarverslag")


def test_an_energy_label_is_typed_beside_its_norm(client, maastricht, user):
    target = target_of(maastricht, "Energielabel", "woonpunt")
    client.force_login(user("woonpunt"))
    version = Measurement.objects.filter(target=target, year=2017).values_list("version", flat=True)
    response = client.post(
        f"/normen/{target.pk}/realisatie/",
        {"year": 2017, "value": " b ", "version": version.first() or 0},
        follow=True,
    )
    assert "Realisatie opgeslagen." in _said(response)
    assert Measurement.objects.get(target=target, year=2017).label == "B"
