"""The review page: every proposed item beside its source; accept, edit or drop; then create."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.importing import documents
from woonafspraken.agreements.models import Agreement, Cycle, Target
from woonafspraken.audit.models import AuditEntry
from woonafspraken.importing.models import ImportJob, ProposedItem

SOURCE = """
<h1>Prestatieafspraken 2016</h1>
<h2>1. Beschikbaarheid</h2>
<p>1. Woonpunt verhuurt minimaal 45 % van de vrijkomende woningen via het aanbodmodel.</p>
<p>2. De gemeente en de corporaties overleggen elk kwartaal.</p>
<h2>2. Duurzaamheid</h2>
<p>1. Servatius brengt in 2018 ten minste 300 woningen naar label B.</p>
"""


def _login(user: Any, username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


@pytest.fixture
def job(draft: Cycle, user: Any, django_capture_on_commit_callbacks: Any) -> ImportJob:
    client = _login(user, "gemeente-maastricht")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cycli/{draft.pk}/importeren/",
            {"file": SimpleUploadedFile("afspraken-2016.pdf", documents.pdf(SOURCE))},
        )
    assert response.status_code == 302
    return ImportJob.objects.get()


def _post_data(job: ImportJob, client: Client) -> dict[str, Any]:
    """The review form as the browser would send it unchanged."""
    page = client.get(f"/importen/{job.pk}/")
    formset = page.context["formset"]
    data: dict[str, Any] = {}
    for key, value in formset.management_form.initial.items():
        data[f"item-{key}"] = value
    for form in formset.forms:
        data[f"{form.prefix}-id"] = form.instance.pk
        for name in form.fields:
            if name == "id":
                continue
            value = form.initial.get(name)
            if name == "involved":
                data[f"{form.prefix}-{name}"] = [o.pk for o in value or []]
            elif name == "accepted":
                if value:
                    data[f"{form.prefix}-{name}"] = "on"
            elif value is not None:
                data[f"{form.prefix}-{name}"] = value
    return data


def test_the_review_page_shows_every_item_beside_its_source(job: ImportJob, user: Any) -> None:
    client = _login(user, "gemeente-maastricht")
    page = client.get(f"/importen/{job.pk}/").content.decode()
    assert "Gevonden: 2 thema’s, 3 afspraken en 3 normen." in page
    assert page.count('class="import-source"') == 2 + 3 + 3
    assert "Woonpunt verhuurt minimaal 45 % van de vrijkomende woningen" in page
    assert "---------" not in page  # every item has a kind: no empty choice to pick
    assert not Agreement.objects.filter(theme__cycle=job.cycle).exists()


def test_accepted_items_are_created_edited_ones_as_edited_dropped_ones_not(
    job: ImportJob, user: Any
) -> None:
    client = _login(user, "gemeente-maastricht")
    data = _post_data(job, client)
    items = {(i.level, i.number or i.indicator or i.name): i for i in job.items.all()}
    talk = next(i for i in job.items.all() if i.name.startswith("De gemeente en de corporaties"))
    data.pop(f"item-{list(job.items.all()).index(talk)}-accepted")  # drop agreement 1.2
    offer = next(i for i in job.items.filter(level="norm", norm_kind="min", unit="percentage"))
    index = list(job.items.all()).index(offer)
    data[f"item-{index}-value"] = "50"
    data[f"item-{index}-indicator"] = "Aanbodmodel (aandeel van de verhuringen)"
    response = client.post(f"/importen/{job.pk}/", data)
    assert response.status_code == 302, response.context and response.context["formset"].errors
    created = Agreement.objects.filter(theme__cycle=job.cycle).order_by("theme__order", "order")
    assert [(a.theme.name, a.number, a.kind) for a in created] == [
        ("Beschikbaarheid", "1", "result"),
        ("Duurzaamheid", "1", "result"),
    ]
    targets = Target.objects.filter(agreement__theme__cycle=job.cycle).order_by("order")
    assert next(
        (t.indicator.name, t.kind, t.value, t.party.name if t.party else None) for t in targets
    ) == ("Aanbodmodel (aandeel van de verhuringen)", "min", 50, "Woonpunt")
    assert {t.kind for t in targets} == {"min", "label_at_least"}
    # One history entry per created theme, agreement and norm, naming the file it came from.
    made = AuditEntry.objects.filter(
        cycle_id=job.cycle_id,
        action__in=[f"agreements.{kind}.created" for kind in ("theme", "agreement", "target")],
    )
    assert sorted(e.action for e in made) == sorted(
        ["agreements.theme.created"] * 2
        + ["agreements.agreement.created"] * 2
        + ["agreements.target.created"] * 3
    )
    assert len({(e.object_type, e.object_id) for e in made}) == made.count()
    history = client.get(f"/cycli/{job.cycle_id}/wijzigingen/").content.decode()
    assert history.count("geïmporteerd uit afspraken-2016.pdf") == 2 + 2 + 3
    client.cookies["woonafspraken_language"] = "en"
    english = client.get(f"/cycli/{job.cycle_id}/wijzigingen/").content.decode()
    assert english.count("imported from afspraken-2016.pdf") == 2 + 2 + 3
    job.refresh_from_db()
    assert job.status == "applied"
    assert items  # the proposed items stay as the record of what was proposed
    assert (
        client.post(f"/importen/{job.pk}/", data).status_code == 200
    )  # applied: shown, not redone
    assert Agreement.objects.filter(theme__cycle=job.cycle).count() == 2


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("nl", ["Er is niets aangemaakt", "Een norm ‘bandbreedte’ heeft een ondergrens nodig."]),
        ("en", ["A norm ‘range’ needs a lower limit."]),
    ],
)
def test_an_incomplete_norm_is_refused_and_nothing_is_created(
    job: ImportJob, user: Any, language: str, said: list[str]
) -> None:
    client = _login(user, "gemeente-maastricht")
    client.cookies["woonafspraken_language"] = language
    data = _post_data(job, client)
    norm = job.items.filter(level=ProposedItem.Level.NORM).first()
    assert norm is not None
    index = list(job.items.all()).index(norm)
    data[f"item-{index}-norm_kind"] = "range"
    data.pop(f"item-{index}-value", None)
    response = client.post(f"/importen/{job.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert all(text in page for text in said), [t for t in said if t not in page]
    assert "heeft een" not in page or language == "nl"
    assert not job.cycle.themes.exists()


@pytest.mark.parametrize("username", ["woonpunt", "woonbelang"])
def test_only_the_municipal_coordinator_may_import(
    draft: Cycle, job: ImportJob, user: Any, username: str
) -> None:
    client = _login(user, username)
    assert client.get(f"/cycli/{draft.pk}/importeren/").status_code == 403
    assert client.get(f"/importen/{job.pk}/").status_code == 403
    anonymous = Client()
    assert anonymous.get(f"/cycli/{draft.pk}/importeren/").status_code == 302


def test_a_cycle_past_preparation_takes_no_import(maastricht: Cycle, user: Any) -> None:
    maastricht.phase = Cycle.Phase.MONITORING
    maastricht.save()
    client = _login(user, "gemeente-maastricht")
    page = client.get(f"/cycli/{maastricht.pk}/importeren/")
    assert "kan alleen in prestatieafspraken in voorbereiding" in page.content.decode()
    response = client.post(
        f"/cycli/{maastricht.pk}/importeren/",
        {"file": SimpleUploadedFile("a.docx", documents.plain())},
    )
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_progress_is_shown_while_reading(draft: Cycle, user: Any) -> None:
    job = ImportJob.objects.create(cycle=draft, filename="a.docx", kind="docx", progress=40)
    client = _login(user, "gemeente-maastricht")
    page = client.get(f"/importen/{job.pk}/").content.decode()
    assert 'value="40"' in page and 'hx-trigger="every 2s"' in page
    polled = client.get(f"/importen/{job.pk}/", HTTP_HX_REQUEST="true")
    assert 'id="import-progress"' in polled.content.decode()
    ImportJob.objects.filter(pk=job.pk).update(status="failed", error_code="corrupt")
    done = client.get(f"/importen/{job.pk}/", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_the_cycle_page_offers_the_import_to_the_municipal_coordinator_only(
    draft: Cycle, maastricht: Cycle, user: Any
) -> None:
    coordinator = _login(user, "gemeente-maastricht")
    assert 'id="import-agreements"' in coordinator.get(f"/cycli/{draft.pk}/").content.decode()
    Cycle.objects.filter(pk=maastricht.pk).update(phase=Cycle.Phase.MONITORING)
    signed = coordinator.get(f"/cycli/{maastricht.pk}/").content.decode()
    assert 'id="import-agreements"' not in signed
    corporation = _login(user, "woonpunt")
    page = corporation.get(f"/cycli/{draft.pk}/")
    assert page.status_code in (200, 403, 404)
    assert 'id="import-agreements"' not in page.content.decode()


def test_a_job_whose_reader_stopped_is_told_after_the_time_limit(
    draft: Cycle, user: Any, settings: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    settings.IMPORT_TIME_LIMIT = 60
    job = ImportJob.objects.create(
        cycle=draft,
        filename="a.docx",
        kind="docx",
        content=documents.plain(),
        status=ImportJob.Status.READING,
        started_at=timezone.now() - timedelta(hours=1),  # its worker went away
    )
    page = _login(user, "gemeente-maastricht").get(f"/importen/{job.pk}/").content.decode()
    assert "Het lezen duurde te lang en is gestopt." in page
    job.refresh_from_db()
    assert (job.status, job.error_code, bytes(job.content)) == ("failed", "time", b"")


def test_an_error_of_our_own_is_not_blamed_on_the_file(
    draft: Cycle, user: Any, monkeypatch: Any
) -> None:
    from woonafspraken.importing import services

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "recognise", broken)
    job = ImportJob.objects.create(
        cycle=draft, filename="a.docx", kind="docx", content=documents.plain()
    )
    assert services.read_job(job.pk) == "failed"
    job.refresh_from_db()
    assert (job.status, job.error_code, bytes(job.content)) == ("failed", "error", b"")
    page = _login(user, "gemeente-maastricht").get(f"/importen/{job.pk}/").content.decode()
    assert "niet in uw bestand" in page
    assert not draft.themes.exists()


def test_a_new_indicator_from_a_document_is_the_municipalitys_own_and_in_the_history(
    job: ImportJob, user: Any
) -> None:
    from woonafspraken.accounts.models import Municipality
    from woonafspraken.accounts.services import set_up_municipality
    from woonafspraken.agreements import services as agreements
    from woonafspraken.agreements.models import Indicator

    maastricht = job.cycle.municipality
    named = {i.indicator for i in job.items.filter(level="norm")}
    new = {n for n in named if not Indicator.objects.filter(name__iexact=n).exists()}
    assert new  # the document names at least one indicator nobody has yet
    # Another municipality has an indicator of the same name: it is not borrowed.
    heerlen_admin = set_up_municipality(
        municipality_name="Heerlen",
        cbs_code="GM0917",
        username="beheer-heerlen",
        email="beheer@heerlen.nl",
        password="Een-lang-wachtwoord-2019!",
    )
    heerlen = Municipality.objects.get(cbs_code="GM0917")
    for name in new:
        agreements.add_indicator(heerlen_admin, heerlen, name=name, unit="count")
    client = _login(user, "gemeente-maastricht")
    assert client.post(f"/importen/{job.pk}/", _post_data(job, client)).status_code == 302
    used = Indicator.objects.filter(targets__agreement__theme__cycle=job.cycle).distinct()
    assert not used.filter(municipality=heerlen).exists()
    made = used.filter(name__in=new)
    assert made.count() == len(new)
    assert set(made.values_list("municipality_id", flat=True)) == {maastricht.pk}
    assert AuditEntry.objects.filter(
        action="agreements.indicator.created",
        object_id__in=[str(pk) for pk in made.values_list("pk", flat=True)],
    ).count() == len(new)
    # Its own, so the municipality can correct it like any other of its indicators.
    indicator = made.first()
    agreements.update_indicator(
        user("gemeente-maastricht"),
        indicator,
        name=indicator.name + " (gecorrigeerd)",
        unit=indicator.unit,
        direction="higher",
        aggregation=indicator.aggregation,
        source="Eigen telling",
    )
    indicator.refresh_from_db()
    assert (indicator.direction, indicator.source) == ("higher", "Eigen telling")
