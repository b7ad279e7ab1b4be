from django.core.management import call_command

from tests.conftest import target_of
from woonafspraken import demo as full_demo
from woonafspraken.accounts.models import Membership, Organisation
from woonafspraken.agreements.models import Assessment, Measurement, Target, Theme
from woonafspraken.audit.models import AuditEntry


def test_loading_the_demo_twice_changes_nothing(db):
    full_demo.load()
    counts = (
        Target.objects.count(),
        Measurement.objects.count(),
        AuditEntry.objects.count(),
        Membership.objects.count(),
        Assessment.objects.count(),
    )
    assert full_demo.load() is False
    call_command("load_demo")
    assert counts == (
        Target.objects.count(),
        Measurement.objects.count(),
        AuditEntry.objects.count(),
        Membership.objects.count(),
        Assessment.objects.count(),
    )


def test_the_six_themes_have_the_lead_party_the_seed_names(maastricht):
    leads = dict(
        Theme.objects.filter(cycle=maastricht).values_list("name", "lead_organisation__slug")
    )
    assert leads == {
        "Betaalbaarheid": "maasvallei",
        "Veiligheid & Leefbaarheid": "gemeente-maastricht",
        "Wonen en Zorg": "gemeente-maastricht",
        "Duurzaamheid": "gemeente-maastricht",
        "Beschikbaarstelling": "woonpunt",
        "Vastgoed": "servatius",
    }


def test_tenant_organisations_belong_to_their_corporation(maastricht):
    pairs = dict(
        Organisation.objects.filter(kind="tenant_organisation").values_list(
            "slug", "corporation__slug"
        )
    )
    assert pairs == {
        "woonbelang": "woonpunt",
        "servaassleutel": "servatius",
        "woonvallei": "maasvallei",
    }


def test_only_the_seeds_two_realisations_are_recorded(maastricht):
    values = sorted((m.target.indicator.name, m.year, m.value) for m in Measurement.objects.all())
    assert [(v[1], int(v[2])) for v in values] == [(2017, 54), (2017, 11)]


def test_servatius_demolition_is_a_range(maastricht):
    target = target_of(maastricht, "Sloop", "servatius")
    assert (target.kind, target.low, target.high, target.year) == ("range", 377, 497, None)


def test_the_statuses_the_2017_evaluation_shows_are_there(maastricht):
    statuses = dict(Assessment.objects.filter(year=2017).values_list("agreement__title", "status"))
    assert statuses["2017: garantie match sociale doelgroep & sociale huurwoning"] == "attention"
    assert statuses["Onderzoeken mogelijkheden tijdelijkheid & nieuwbouw"] == "unclear"
    assert statuses["Prognose"] == "unclear"
    assert len(statuses) == 4
