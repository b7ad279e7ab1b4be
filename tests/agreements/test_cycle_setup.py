"""Setting up a cycle from nothing: cycles, the copy from last year, themes, agreements,
targets and indicators, through the services, with two municipalities in one installation."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from woonafspraken.agreements import services
from woonafspraken.agreements.models import Agreement, Cycle, Indicator, Target, Theme
from woonafspraken.audit.models import AuditEntry
from woonafspraken.process import services as process_services

from .cast import Cast, new_cycle


def _cycle(cast: Cast, title: str = "Prestatieafspraken 2019", start: int = 2019, end: int = 2019):
    m = cast.maastricht
    return new_cycle(m, cast.corporation, m.tenants, title=title, start=start, end=end)


def _indicator(cast: Cast, name: str = "Nieuwe sociale huurwoningen") -> Indicator:
    return services.add_indicator(
        cast.maastricht.coordinator,
        cast.maastricht.municipality,
        name=name,
        unit="count",
        direction="higher",
        source="Jaarverslag corporatie",
    )


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_a_coordinator_creates_a_cycle_and_it_is_in_the_history(cast: Cast) -> None:
    cycle = _cycle(cast)
    assert cycle.phase == "preparation"
    m = cast.maastricht
    assert set(cycle.parties.all()) == {m.gemeente, cast.corporation, m.tenants}
    entry = AuditEntry.objects.get(action="agreements.cycle.created", cycle_id=cycle.pk)
    assert entry.actor == cast.maastricht.coordinator


def test_every_problem_of_a_new_cycle_is_reported_at_once_and_nothing_is_written(
    cast: Cast,
) -> None:
    _cycle(cast)
    m = cast.maastricht
    with pytest.raises(ValidationError) as exc:
        services.create_cycle(
            m.coordinator,
            municipality=m.municipality,
            title="prestatieafspraken 2019",
            start_year=2021,
            end_year=2020,
            parties=[],
        )
    errors = _errors(exc)
    assert set(errors) == {"title", "end_year", "parties"}
    assert "al een cyclus met deze titel" in errors["title"][0]
    assert Cycle.objects.count() == 1


def test_the_same_title_is_fine_in_another_municipality(cast: Cast) -> None:
    _cycle(cast)
    h = cast.heerlen
    cycle = new_cycle(h, cast.corporation)
    assert cycle.municipality == h.municipality


def test_a_coordinator_of_one_municipality_cannot_set_up_another(cast: Cast) -> None:
    cycle = _cycle(cast)
    h = cast.heerlen
    with pytest.raises(PermissionDenied):
        services.create_cycle(
            h.coordinator,
            municipality=cast.maastricht.municipality,
            title="Stiekem",
            start_year=2020,
            end_year=2020,
            parties=[cast.maastricht.gemeente],
        )
    with pytest.raises(PermissionDenied):
        services.add_theme(h.coordinator, cycle, name="Stiekem")
    with pytest.raises(PermissionDenied):
        services.add_indicator(
            h.coordinator, cast.maastricht.municipality, name="Stiekem", unit="count"
        )
    with pytest.raises(PermissionDenied):
        services.create_cycle(
            cast.corporation_staff,
            municipality=cast.maastricht.municipality,
            title="Van de corporatie",
            start_year=2020,
            end_year=2020,
            parties=[cast.maastricht.gemeente],
        )


def test_a_theme_gets_a_project_leader_of_its_lead_party_only(cast: Cast) -> None:
    cycle = _cycle(cast)
    m = cast.maastricht
    theme = services.add_theme(
        m.coordinator,
        cycle,
        name="Betaalbaarheid",
        lead_organisation=m.gemeente,
        project_leader=m.leader,
        description="Huren en woonlasten",
    )
    assert theme.order == 1
    assert theme.project_leader_label == "Lea Leider Maastricht"
    with pytest.raises(ValidationError) as exc:
        services.add_theme(
            m.coordinator,
            cycle,
            name="betaalbaarheid",
            lead_organisation=cast.corporation,
            project_leader=m.leader,
        )
    assert set(_errors(exc)) == {"name", "project_leader"}
    assert "werkt niet bij Woonstichting Zuid" in _errors(exc)["project_leader"][0]
    with pytest.raises(ValidationError) as exc:
        services.add_theme(
            m.coordinator, cycle, name="Elders", lead_organisation=cast.heerlen.gemeente
        )
    assert "lead_organisation" in _errors(exc)
    assert Theme.objects.count() == 1


def test_themes_are_renamed_reordered_archived_and_deleted_only_without_history(
    cast: Cast,
) -> None:
    cycle = _cycle(cast)
    actor = cast.maastricht.coordinator
    first = services.add_theme(actor, cycle, name="Eerste")
    second = services.add_theme(actor, cycle, name="Tweede")
    services.update_theme(actor, first, name="Betaalbaarheid")
    services.move_theme(actor, second, up=True)
    assert list(cycle.themes.order_by("order").values_list("name", flat=True)) == [
        "Tweede",
        "Betaalbaarheid",
    ]
    services.add_agreement(actor, first, title="Huren matigen")
    with pytest.raises(ValidationError, match="Archiveer het thema"):
        services.delete_theme(actor, first)
    services.archive_theme(actor, first)
    assert Theme.objects.get(pk=first.pk).archived
    services.delete_theme(actor, second)
    assert not Theme.objects.filter(pk=second.pk).exists()
    actions = set(AuditEntry.objects.filter(cycle_id=cycle.pk).values_list("action", flat=True))
    assert {
        "agreements.theme.changed",
        "agreements.theme.moved",
        "agreements.theme.archived",
        "agreements.theme.deleted",
    } <= actions


def test_an_agreement_gets_the_next_number_and_all_its_errors_at_once(cast: Cast) -> None:
    cycle = _cycle(cast, start=2019, end=2021)
    m = cast.maastricht
    theme = services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    agreement = services.add_agreement(
        m.coordinator,
        theme,
        title="Sociale huur bouwen",
        kind="result",
        lead_party=cast.corporation,
        involved=[cast.corporation, m.gemeente],
        start_year=2019,
        end_year=2023,
    )
    assert agreement.number == "1.1"
    assert agreement.runs_until(cycle) == 2023
    with pytest.raises(ValidationError) as exc:
        services.add_agreement(
            m.coordinator,
            theme,
            number="1.1",
            title="",
            kind="sometimes",
            involved=[cast.heerlen.gemeente],
            start_year=2030,
        )
    assert set(_errors(exc)) == {"number", "title", "kind", "involved_parties", "start_year"}
    assert Agreement.objects.count() == 1


def test_targets_take_every_norm_kind_and_refuse_bad_numbers_per_field(cast: Cast) -> None:
    cycle = _cycle(cast, start=2019, end=2021)
    m = cast.maastricht
    theme = services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    agreement = services.add_agreement(m.coordinator, theme, title="Bouwen", kind="result")
    count = _indicator(cast)
    label = services.add_indicator(m.coordinator, m.municipality, name="Label", unit="energy_label")
    c = cast.corporation
    made = [
        services.add_target(
            m.coordinator, agreement, indicator=count, kind="min", party=c, year=2019, value="40"
        ),
        services.add_target(
            m.coordinator, agreement, indicator=count, kind="max", party=c, year=2020, value="60"
        ),
        services.add_target(
            m.coordinator,
            agreement,
            indicator=count,
            kind="exact",
            party=c,
            year=2021,
            value="50",
            tolerance="5",
        ),
        services.add_target(
            m.coordinator, agreement, indicator=count, kind="range", low="100", high="150"
        ),
        services.add_target(
            m.coordinator, agreement, indicator=label, kind="label_at_least", party=c, label="b"
        ),
    ]
    assert [t.kind for t in made] == ["min", "max", "exact", "range", "label_at_least"]
    assert made[2].tolerance == Decimal("5")
    assert made[4].label == "B"
    with pytest.raises(ValidationError) as exc:
        services.add_target(
            m.coordinator,
            agreement,
            indicator=count,
            kind="min",
            party=cast.heerlen.gemeente,
            year=2025,
            value="veel",
        )
    assert set(_errors(exc)) == {"party", "year", "value"}
    assert Target.objects.count() == 5


def test_indicator_names_are_unique_per_municipality_not_globally(cast: Cast) -> None:
    _indicator(cast)
    with pytest.raises(ValidationError) as exc:
        _indicator(cast, name="nieuwe sociale huurwoningen")
    assert "name" in _errors(exc)
    h = cast.heerlen
    other = services.add_indicator(
        h.coordinator, h.municipality, name="Nieuwe sociale huurwoningen", unit="count"
    )
    assert other.municipality == h.municipality
    assert Indicator.objects.filter(name="Nieuwe sociale huurwoningen").count() == 2


def test_an_indicator_of_another_municipality_cannot_be_a_norm(cast: Cast) -> None:
    cycle = _cycle(cast)
    m, h = cast.maastricht, cast.heerlen
    theme = services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    agreement = services.add_agreement(m.coordinator, theme, title="Bouwen")
    foreign = services.add_indicator(h.coordinator, h.municipality, name="Heerlens", unit="count")
    with pytest.raises(ValidationError) as exc:
        services.add_target(m.coordinator, agreement, indicator=foreign, kind="min", value=1)
    assert "indicator" in _errors(exc)


def _last_year(cast: Cast) -> tuple[Cycle, dict[str, Any]]:
    """A 2019 cycle with a one-year and a multi-year agreement, figures, an evaluation and
    an archived theme."""
    m = cast.maastricht
    cycle = _cycle(cast)
    count = _indicator(cast)
    theme = services.add_theme(
        m.coordinator,
        cycle,
        name="Nieuwbouw",
        lead_organisation=m.gemeente,
        project_leader=m.leader,
    )
    old = services.add_theme(m.coordinator, cycle, name="Oud thema")
    services.archive_theme(m.coordinator, old)
    once = services.add_agreement(m.coordinator, theme, title="Eenmalig")
    running = services.add_agreement(
        m.coordinator,
        theme,
        title="Meerjarig bouwen",
        kind="result",
        end_year=2022,
        lead_party=cast.corporation,
        involved=[cast.corporation],
    )
    target = services.add_target(
        m.coordinator,
        running,
        indicator=count,
        kind="min",
        party=cast.corporation,
        year=2019,
        value=10,
    )
    services.add_target(m.coordinator, running, indicator=count, kind="min", value=40)
    services.record_measurement(cast.corporation_staff, target, value=12, year=2019)
    services.record_assessment(m.coordinator, running, year=2019, status="achieved")
    return cycle, {"once": once, "running": running}


def test_copy_from_last_year_brings_what_runs_on_and_says_so(cast: Cast) -> None:
    source, _ = _last_year(cast)
    m = cast.maastricht
    cycle, report = services.copy_cycle(
        m.coordinator, source, title="Prestatieafspraken 2020", start_year=2020, end_year=2020
    )
    assert cycle.copied_from == source
    assert set(cycle.parties.all()) == set(source.parties.all())
    theme = cycle.themes.get()
    assert (theme.name, theme.lead_organisation, theme.project_leader) == (
        "Nieuwbouw",
        m.gemeente,
        m.leader,
    )
    copied = Agreement.objects.get(theme__cycle=cycle)
    assert (copied.title, copied.end_year) == ("Meerjarig bouwen", 2022)
    assert list(copied.involved_parties.all()) == [cast.corporation]
    # the 2019 target stays behind, the cumulative one comes along; no figures, no evaluations
    assert list(copied.targets.values_list("year", "value")) == [(None, Decimal("40.00"))]
    assert not copied.assessments.exists()
    assert report.themes == ["Nieuwbouw"]
    assert report.project_leaders == 1
    assert report.agreements == ["1.2 Meerjarig bouwen"]
    assert report.ended == ["1.1 Eenmalig"]
    assert report.targets == 1
    entry = AuditEntry.objects.get(action="agreements.cycle.copied")
    assert entry.new["from"] == "Prestatieafspraken 2019"
    assert not process_services.Approval.objects.filter(cycle=cycle).exists()


def test_a_copy_with_a_taken_title_writes_nothing(cast: Cast) -> None:
    source, _ = _last_year(cast)
    with pytest.raises(ValidationError):
        services.copy_cycle(
            cast.maastricht.coordinator,
            source,
            title=source.title,
            start_year=2020,
            end_year=2020,
        )
    assert Cycle.objects.count() == 1


def test_an_agreement_with_figures_is_archived_not_deleted(cast: Cast) -> None:
    _, made = _last_year(cast)
    actor = cast.maastricht.coordinator
    with pytest.raises(ValidationError, match="Archiveer de afspraak"):
        services.delete_agreement(actor, made["running"])
    services.archive_agreement(actor, made["running"])
    assert Agreement.objects.get(pk=made["running"].pk).archived
    services.delete_agreement(actor, made["once"])
    assert not Agreement.objects.filter(pk=made["once"].pk).exists()
