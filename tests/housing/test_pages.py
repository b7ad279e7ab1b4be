import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import target_of
from woonafspraken.housing import demo, services, tables
from woonafspraken.housing.models import Dataset, Scenario


@pytest.fixture
def housing(maastricht, user):
    demo.load(user("beheer"), maastricht)
    return maastricht


def _client(user, username=None):
    client = Client()
    if username:
        client.force_login(user(username))
    return client


def test_the_analyses_page_shows_every_analysis_with_chart_table_and_fictional_mark(housing, user):
    response = _client(user).get(reverse("housing:analyses", args=[housing.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("prognosis", "scheefwonen", "housing-costs", "cheapest-stock", "energy-labels"):
        assert f'data-analysis="{name}"' in html
        assert f'id="table-{name}"' in html
    assert html.count("data:image/svg+xml;base64,") == 8
    assert html.count('data-fictional="true"') == 8
    assert "Woningvoorraad Maastricht (demo)" in html
    # Dutch number notation
    assert "54,0 %" in html and "berekend uit 1.200 toewijzingen 2017" in html


def test_the_analysis_tables_name_the_corporations_not_their_codes(housing, user):
    response = _client(user).get(reverse("housing:analyses", args=[housing.pk]))
    rows = [
        row
        for a in response.context["analyses"]
        if a.name in ("energy-labels", "allocation")
        for row in a.rows
    ]
    cells = {c for row in rows for c in row}
    assert {"Woonpunt", "Servatius", "Maasvallei"} <= cells
    assert not {"woonpunt", "servatius", "maasvallei"} & cells
    labels = next(a for a in response.context["analyses"] if a.name == "energy-labels")
    assert {v["x"] for v in labels.spec()["data"]["values"]} <= {
        "Woonpunt",
        "Servatius",
        "Maasvallei",
    }


def test_the_seed_allocation_figures_come_from_the_lettings(housing):
    direct = target_of(housing, "Eigen inplaatsing")
    offer = target_of(housing, "Aanbodmodel")
    assert [str(m.value) for m in direct.measurements.all()] == ["11.00"]
    assert direct.measurements.get().source.startswith("berekend uit 1.200 toewijzingen 2017")
    assert offer.measurements.get().value == 54


def test_the_query_count_does_not_depend_on_the_amount_of_data(housing, user):
    client = _client(user)
    url = reverse("housing:analyses", args=[housing.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    services.import_table(
        user("beheer"),
        housing.municipality,
        "lettings",
        filename="more.csv",
        data=tables.to_csv(tables.export_values("lettings", "GM0935", demo.letting_rows())),
        source="meer toewijzingen",
        source_date=datetime.date(2020, 1, 1),
        replace=False,
    )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_english_pages_use_english_words(housing, user):
    client = _client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("housing:analyses", args=[housing.pk]), HTTP_ACCEPT_LANGUAGE="en")
    text = html.content.decode()
    assert "Analyses for" in text and "Fictional:" in text and "Offer model" in text


def test_a_coordinator_saves_the_scenario(housing, user):
    client = _client(user, "gemeente-maastricht")
    response = client.post(
        reverse("housing:save_scenario", args=[housing.pk]),
        {
            "base_year": 2016,
            "end_year": 2032,
            "household_growth": "1.0",
            "income_shift": "0",
            "reliance": "90",
            "new_build_per_year": 50,
            "sales_per_year": 0,
            "demolition_per_year": 0,
            "liberalisation_per_year": 0,
        },
    )
    assert response.status_code == 302
    scenario = Scenario.objects.get(cycle=housing)
    assert (scenario.end_year, scenario.new_build_per_year) == (2032, 50)


def test_a_corporation_cannot_change_the_scenario(housing, user):
    client = _client(user, "woonpunt")
    response = client.post(reverse("housing:save_scenario", args=[housing.pk]), {"base_year": 1})
    assert response.status_code == 302
    assert Scenario.objects.get(cycle=housing).end_year == 2030


def test_the_data_page_lists_sets_and_offers_templates(housing, user):
    html = _client(user, "woonpunt").get(reverse("housing:data", args=[housing.pk])).content
    text = html.decode()
    assert text.count("data-dataset=") == 6
    assert "sjablonen/lettings.xlsx" in text


def _upload(client, cycle, name, data, run, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    values = {"source": "test", "source_date": "2024-01-01", **fields}
    with run(execute=True):
        response = client.post(
            reverse("housing:data", args=[cycle.pk]),
            {**values, "file": SimpleUploadedFile(name, data)},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    return response.url


def test_a_bad_file_through_the_page_shows_every_error_and_writes_nothing(
    housing, user, django_capture_on_commit_callbacks
):
    client = _client(user, "gemeente-maastricht")
    before = Dataset.objects.count()
    data = b"RegioS;Perioden;vraag;aanbod;passend_bewoond\nGM0935;2017JJ00;10;5;6\nGM0935;x;1;1;1\n"
    url = _upload(
        client, housing, "fout.csv", data, django_capture_on_commit_callbacks, table="care"
    )
    text = client.get(url).content.decode()
    assert "Er is niets opgeslagen: 2 fouten" in text
    assert '<td class="utrecht-table__cell numeric">2</td>' in text
    assert '<td class="utrecht-table__cell">passend_bewoond</td>' in text
    assert '<td class="utrecht-table__cell">Perioden</td>' in text
    assert 'id="confirm-upload"' not in text
    assert Dataset.objects.count() == before


def test_a_file_is_previewed_then_imported_all_at_once_and_audited(
    housing, user, django_capture_on_commit_callbacks
):
    from woonafspraken.audit.models import AuditEntry

    client = _client(user, "gemeente-maastricht")
    rows = "".join(f"GM0935;{year}JJ00;10;5;{year % 5}\n" for year in range(2010, 2016))
    data = ("RegioS;Perioden;vraag;aanbod;passend_bewoond\n" + rows).encode()
    before = Dataset.objects.count()
    url = _upload(
        client, housing, "zorg.csv", data, django_capture_on_commit_callbacks, table="care"
    )
    text = client.get(url).content.decode()
    assert "6 regels voor de tabel" in text and "2010, 2011, 2012, 2013, 2014, 2015" in text
    assert text.count('class="utrecht-table__row import-row"') == 6
    assert Dataset.objects.count() == before, "the preview writes nothing"
    response = client.post(url)
    assert response.status_code == 302
    dataset = Dataset.objects.latest("pk")
    assert (dataset.table, dataset.rows_count, dataset.source) == ("care", 6, "test")
    assert sorted(
        services.ROW_MODELS["care"].objects.filter(dataset=dataset).values_list("year", "matched")
    ) == [(year, year % 5) for year in range(2010, 2016)]
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "housing.dataset.imported" and entry.new["rows"] == 6


def test_a_slow_housing_file_stops_at_its_deadline(
    housing, user, settings, django_capture_on_commit_callbacks
):
    settings.UPLOAD_PARSE_SECONDS = 0
    client = _client(user, "gemeente-maastricht")
    before = Dataset.objects.count()
    data = b"RegioS;Perioden;vraag;aanbod;passend_bewoond\nGM0935;2017JJ00;10;5;6\n"
    url = _upload(
        client, housing, "zorg.csv", data, django_capture_on_commit_callbacks, table="care"
    )
    assert "Het lezen duurde langer dan 0 seconden" in client.get(url).content.decode()
    assert Dataset.objects.count() == before


def test_a_refused_file_makes_no_job(housing, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from woonafspraken.uploadjobs.models import UploadJob

    client = _client(user, "gemeente-maastricht")
    response = client.post(
        reverse("housing:data", args=[housing.pk]),
        {
            "table": "care",
            "source": "test",
            "source_date": "2024-01-01",
            "file": SimpleUploadedFile("zorg.csv", b"PK\x03\x04binary"),
        },
    )
    assert response.status_code == 200
    assert "Dit is geen CSV-bestand" in response.content.decode()
    assert not UploadJob.objects.exists()


def test_templates_download_and_exports_need_rights(housing, user):
    response = _client(user).get(reverse("housing:template", args=["stock", "xlsx"]))
    assert response.status_code == 200
    dataset = Dataset.objects.get(table="lettings")
    assert _client(user).get(reverse("housing:export", args=[dataset.pk, "csv"])).status_code == 404
    assert (
        _client(user, "woonbelang")
        .get(reverse("housing:export", args=[dataset.pk, "csv"]))
        .status_code
        == 403
    )
    ok = _client(user, "woonpunt").get(reverse("housing:export", args=[dataset.pk, "csv"]))
    assert ok.status_code == 200 and ok.content.startswith("\ufeffRegioS;Perioden".encode())


def test_the_housing_preview_in_english(housing, user, django_capture_on_commit_callbacks):
    client = _client(user, "gemeente-maastricht")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = b"RegioS;Perioden;vraag;aanbod;passend_bewoond\nGM0935;2017JJ00;10;5;4\n"
    url = _upload(
        client, housing, "zorg.csv", data, django_capture_on_commit_callbacks, table="care"
    )
    page = client.get(url).content.decode()
    assert "1 row for the table" in page and "The first rows" in page
    assert "Confirm and save" in page and "regels voor de tabel" not in page


@pytest.mark.parametrize(
    "language,sheet,first",
    [
        ("nl", "uitleg", ["Kolom", "Verplicht", "Betekenis"]),
        ("en", "explanation", ["Column", "Required", "Meaning"]),
    ],
)
def test_the_excel_templates_explanation_is_in_the_readers_language(
    housing, user, language, sheet, first
):
    import io

    from openpyxl import load_workbook

    client = _client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("housing:template", args=["costs", "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[1] == sheet
    rows = [[c.value or "" for c in row] for row in workbook.worksheets[1].iter_rows()]
    assert rows[0] == first
    assert [r[0] for r in rows[1:3]] == ["RegioS", "Perioden"], "column names stay the file's"
    label = next(r for r in rows if r[0] == "ENERGIELABEL")
    english = label[1:] == ["no", "Energy label A++++ … G; empty if unknown."]
    assert english == (language == "en"), label


def test_every_column_explanation_is_in_the_catalogue():
    """The explanations are not all literal strings (some list the codes), so no extraction
    finds them all: this checks that each one has its English."""
    from django.utils import translation

    texts = {tables.SPECS[t].doc for t in tables.SPECS}
    texts |= {text for t in tables.SPECS for row in tables.template_rows(t) for text in row[1:]}
    with translation.override("en"):
        missing = sorted(text for text in texts if translation.gettext(text) == text)
    assert missing == []
