"""The fictional national data set: plausible, complete, marked fictional, deterministic."""

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from woonafspraken.accounts.models import Membership, Municipality, Organisation, Role
from woonafspraken.agreements.models import Cycle, Theme
from woonafspraken.housing.models import Dataset, LettingRow
from woonafspraken.national import generator


def _generate(n: int = 12, seed: int = 7) -> generator.Counts:
    return generator.generate(municipalities=n, first_year=2020, last_year=2028, seed=seed)


@pytest.mark.django_db
def test_builds_every_part_of_a_country() -> None:
    counts = _generate()
    assert counts.municipalities == Municipality.objects.count() == 12
    assert counts.cycles == 12 * 9 == Cycle.objects.count()
    assert counts.corporations == round(12 * 280 / 342)
    assert counts.tenant_organisations == round(12 * 1000 / 342)
    for number in (
        counts.themes,
        counts.agreements,
        counts.targets,
        counts.measurements,
        counts.bids,
        counts.approvals,
        counts.stock_rows,
        counts.letting_rows,
        counts.project_rows,
    ):
        assert number > 0
    # Every municipality lies in a province and a woningbouwregio.
    assert not Municipality.objects.filter(province="").exists()
    assert not Municipality.objects.filter(housing_region="").exists()
    assert Municipality.objects.values("province").distinct().count() == 12
    # Every municipality has at least one corporation working in it; some work in several.
    for m in Municipality.objects.annotate(
        n=Count("active_organisations", distinct=True)
    ).values_list("n", flat=True):
        assert m >= 2  # its own organisation and at least one corporation
    spread = Organisation.objects.filter(kind="corporation").annotate(n=Count("municipalities"))
    assert max(spread.values_list("n", flat=True)) > 1
    # Tenant organisations represent a corporation.
    assert not Organisation.objects.filter(
        kind="tenant_organisation", corporations__isnull=True
    ).exists()
    # Figures only for years that have passed; approvals only for signed cycles.
    assert not Cycle.objects.filter(
        start_year__gte=generator.THIS_YEAR,
        themes__agreements__targets__measurements__isnull=False,
    ).exists()
    assert not Cycle.objects.filter(
        phase__in=["preparation", "negotiation"], approvals__isnull=False
    ).exists()


@pytest.mark.django_db
def test_lettings_and_project_leaders() -> None:
    _generate(4)
    # Lettings per corporation working in the municipality, only for years that have passed.
    assert Dataset.objects.filter(table="lettings").count() == 4
    lettings = LettingRow.objects.all()
    assert lettings.exists()
    assert max(lettings.values_list("year", flat=True)) <= generator.THIS_YEAR
    assert set(lettings.values_list("route", flat=True)) == {
        route for route, _ in generator.ROUTE_SHARES
    }
    for dataset in Dataset.objects.all():
        assert dataset.rows_count > 0
    # Every theme has a project leader: a person with that role at the leading municipality.
    assert not Theme.objects.filter(project_leader__isnull=True).exists()
    for theme in Theme.objects.select_related("project_leader", "lead_organisation")[:20]:
        assert Membership.objects.filter(
            user=theme.project_leader,
            organisation=theme.lead_organisation,
            role=Role.PROJECT_LEADER,
        ).exists()
        assert theme.project_leader_label.startswith("Projectleider")


@pytest.mark.django_db
def test_everything_is_marked_fictional() -> None:
    _generate(4)
    assert all(
        name.endswith("(fictief)") for name in Municipality.objects.values_list("name", flat=True)
    )
    assert all(code >= "GM5000" for code in Municipality.objects.values_list("cbs_code", flat=True))
    assert (
        not Organisation.objects.exclude(kind="municipality")
        .exclude(name__endswith="(fictief)")
        .exists()
    )
    assert Dataset.objects.exists()
    assert not Dataset.objects.filter(fictional=False).exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_seed_gives_the_same_data_set() -> None:
    _generate(seed=3)
    first = generator.fingerprint()
    call_command("flush", "--no-input", verbosity=0)
    _generate(seed=3)
    assert generator.fingerprint() == first
    call_command("flush", "--no-input", verbosity=0)
    _generate(seed=4)
    assert generator.fingerprint() != first


@pytest.mark.django_db
def test_refuses_to_run_twice_and_refuses_nonsense(capsys: Any) -> None:
    call_command("generate_national", "--municipalities", "3", "--years", "2024-2026")
    assert "Klaar" in capsys.readouterr().out
    with pytest.raises(CommandError, match="al een fictieve"):
        call_command("generate_national", "--municipalities", "3", "--years", "2024-2026")
    with pytest.raises(CommandError, match="2016-2030"):
        call_command("generate_national", "--years", "twintig")
    with pytest.raises(CommandError, match="minstens 1"):
        call_command("generate_national", "--municipalities", "0")
    with pytest.raises(CommandError, match="GM9999"):
        call_command("generate_national", "--municipalities", "342", "--scale", "20")
