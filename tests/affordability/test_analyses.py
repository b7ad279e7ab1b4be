import pytest
from django.core.exceptions import PermissionDenied

from woonafspraken.affordability import services
from woonafspraken.affordability.models import Analysis
from woonafspraken.audit.models import AuditEntry


def test_the_demo_holds_the_seed_table_as_recorded_with_the_seeds_own_figures(maastricht):
    recorded = Analysis.objects.get(cycle=maastricht, kind="recorded")
    rows = {r["label"]: r["amounts"] for r in recorded.data["rows"]}
    assert rows == {
        "Alleenstaande AOW": ["304", "114", "114", "74", "-76"],
        "Alleenstaand AOW + pensioen": ["606", "760", "760", "720", "570"],
    }
    assert recorded.data["inputs"] == []  # no inputs invented behind the seed's figures


def test_beside_it_the_same_households_are_worked_out_with_2026_rules(maastricht):
    computed = Analysis.objects.get(cycle=maastricht, kind="computed")
    assert len(computed.data["columns"]) == 2
    assert any(i["assumption"] for i in computed.data["inputs"])
    assert any(not i["assumption"] for i in computed.data["inputs"])


def test_a_party_saves_a_comparison_from_the_calculator(client, maastricht, user):
    client.force_login(user("woonbelang"))
    response = client.post("/rekenhulp/bewaren/", {"cycle": maastricht.pk, "title": "Onze som"})
    analysis = Analysis.objects.get(title="Onze som")
    assert response.status_code == 302 and analysis.created_by.username == "woonbelang"
    assert AuditEntry.objects.filter(
        action="affordability.analysis.saved", object_id=str(analysis.pk)
    ).exists()
    html = client.get(f"/analyses/{analysis.pk}/").content.decode()
    assert "Onze som" in html and "Aanname" in html


def test_an_outsider_cannot_save_with_a_cycle(maastricht, django_user_model):
    outsider = django_user_model.objects.create(username="buiten")
    with pytest.raises(PermissionDenied):
        services.save_analysis(outsider, maastricht, title="x", kind="computed", data={})
    assert not Analysis.objects.filter(title="x").exists()


def test_an_empty_title_is_refused_and_nothing_saved(client, maastricht, user):
    client.force_login(user("woonpunt"))
    before = Analysis.objects.count()
    response = client.post(
        "/rekenhulp/bewaren/", {"cycle": maastricht.pk, "title": " "}, follow=True
    )
    assert "titel" in response.content.decode()
    assert Analysis.objects.count() == before


def test_the_cycle_page_lists_its_analyses(client, maastricht):
    html = client.get(f"/cycli/{maastricht.pk}/").content.decode()
    assert services.SEED_TITLE in html and services.EXAMPLE_TITLE in html


@pytest.mark.parametrize("cycle", ["", "abc", "9" * 40, "999999"])
def test_a_wrong_save_tells_every_problem_at_once_and_keeps_nothing(
    client, maastricht, user, cycle
):
    client.force_login(user("woonpunt"))
    before = (Analysis.objects.count(), AuditEntry.objects.count())
    response = client.post("/rekenhulp/bewaren/", {"cycle": cycle, "title": "x" * 301})
    assert response.status_code == 400
    form = response.context["save_form"]
    assert set(form.errors) == {"title", "cycle"}
    html = response.content.decode()
    assert "Geef de analyse een titel (hoogstens 300 tekens)." in html
    assert "Kies de prestatieafspraken om de analyse bij te bewaren." in html
    assert 'value="' + "x" * 301 + '"' in html  # the typed title comes back
    assert (Analysis.objects.count(), AuditEntry.objects.count()) == before


def test_a_wrong_save_is_told_in_english_to_an_english_reader(client, maastricht, user, settings):
    client.force_login(user("woonpunt"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    before = Analysis.objects.count()
    response = client.post("/rekenhulp/bewaren/", {"cycle": "abc", "title": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the performance agreements to keep the analysis with." in html
    assert Analysis.objects.count() == before


def test_saving_with_a_cycle_of_another_party_stays_forbidden(
    client, maastricht, django_user_model
):
    outsider = django_user_model.objects.create(username="buiten")
    client.force_login(outsider)
    before = Analysis.objects.count()
    response = client.post("/rekenhulp/bewaren/", {"cycle": maastricht.pk, "title": "Som"})
    assert response.status_code == 403
    assert Analysis.objects.count() == before
