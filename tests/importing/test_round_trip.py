"""The agreements document Woonafspraken writes imports back into the same agreements."""

from decimal import Decimal
from typing import Any

import pytest

from woonafspraken.agreements.models import Agreement, Cycle, Target, Theme
from woonafspraken.audit import presentation
from woonafspraken.audit.models import AuditEntry
from woonafspraken.documents import reports
from woonafspraken.importing import services
from woonafspraken.importing.models import ImportJob


def _themes(cycle: Cycle) -> list[tuple[Any, ...]]:
    return [
        (t.name, t.lead_organisation_id, t.project_leader_name)
        for t in Theme.objects.filter(cycle=cycle).order_by("order")
    ]


def _agreements(cycle: Cycle) -> list[tuple[Any, ...]]:
    return [
        (a.theme.name, a.number, a.title, a.text, a.kind, a.lead_party_id)
        for a in Agreement.objects.filter(theme__cycle=cycle).select_related("theme")
    ]


def _norm(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.normalize()


def _targets(cycle: Cycle) -> list[tuple[Any, ...]]:
    return sorted(
        (
            t.agreement.number,
            t.indicator_id,
            t.party_id or 0,
            t.year or 0,
            t.kind,
            _norm(t.value),
            _norm(t.low),
            _norm(t.high),
            t.label,
            _norm(t.tolerance),
            t.note,
        )
        for t in Target.objects.filter(agreement__theme__cycle=cycle).select_related("agreement")
    )


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_agreements_document_imports_back_with_nothing_to_correct(
    maastricht: Cycle, draft: Cycle, user: Any, fmt: str, django_capture_on_commit_callbacks: Any
) -> None:
    # The parties' own copy (with the project leaders' names, as a logged-in party downloads it).
    make = reports.agreements_docx if fmt == "docx" else reports.agreements_pdf
    data = make(maastricht, people=True)
    coordinator = user("gemeente-maastricht")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_import(coordinator, draft, data, f"afspraken-2017.{fmt}")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PROPOSED, job.error_code
    assert not draft.themes.exists(), "the upload alone creates nothing"

    counts = services.apply_import(coordinator, job)  # every proposed item as it was proposed

    assert counts == {"themes": 6, "agreements": 25, "norms": 14}
    assert _themes(draft) == _themes(maastricht)
    assert _agreements(draft) == _agreements(maastricht)
    assert _targets(draft) == _targets(maastricht)
    created = AuditEntry.objects.filter(
        cycle_id=draft.pk,
        action__in=[
            "agreements.theme.created",
            "agreements.agreement.created",
            "agreements.target.created",
        ],
    )
    assert created.count() == 6 + 25 + 14  # one entry per creation, no second one beside it
    assert {presentation.channel_label(e.source) for e in created} == {
        f"geïmporteerd uit afspraken-2017.{fmt}"
    }
