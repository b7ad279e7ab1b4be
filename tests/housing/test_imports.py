import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from woonafspraken.audit.models import AuditEntry
from woonafspraken.housing import services, tables
from woonafspraken.housing.models import Dataset, LettingRow, StockRow

DAY = datetime.date(2024, 1, 1)

STOCK = (
    "RegioS;Perioden;eigendom;eigenaar;HUURKLASSE;ENERGIELABEL;woningtype;zorggeschikt;"
    "buurtcode;aantal\r\n"
    "GM0935;2024JJ00;corporatie;woonpunt;GOE;E;meergezins;nee;WK093501;120\r\n"
    "GM0935;2024JJ00;corporatie;woonpunt;BETL;A;eengezins;nultreden;;80\r\n"
    "GM0935;2024;eigenaar_bewoner;;;;eengezins;nee;;500\r\n"
)

LETTINGS = (
    "RegioS,Perioden,corporatie,route,huishoudgrootte,inkomen,huur,leeftijd,aow,mantelzorg,aantal\n"
    "GM0935,2024JJ00,woonpunt,aanbodmodel,1,25000.00,700.00,21,nee,nee,1\n"
    "GM0935,2024JJ00,servatius,eigen_inplaatsing,3,45000,800.5,40,nee,ja,2\n"
)


def _import(actor, municipality, table, text, name="f.csv", **kw):
    return services.import_table(
        actor,
        municipality,
        table,
        filename=name,
        data=text.encode() if isinstance(text, str) else text,
        source="CBS 82900NED",
        source_date=DAY,
        **kw,
    )


def test_a_valid_file_is_written_with_its_source_and_audited(maastricht, user):
    result = _import(user("gemeente-maastricht"), maastricht.municipality, "stock", STOCK)
    dataset = result.dataset
    assert (dataset.rows_count, dataset.source, dataset.source_date) == (3, "CBS 82900NED", DAY)
    rows = list(StockRow.objects.filter(dataset=dataset).order_by("id"))
    assert [(r.year, r.owner, r.rent_class, r.label, r.count) for r in rows] == [
        (2024, "woonpunt", "cheap", "E", 120),
        (2024, "woonpunt", "affordable_low", "A", 80),
        (2024, "", "", "", 500),
    ]
    assert rows[1].care == "zero_step" and rows[0].area_code == "WK093501"
    assert AuditEntry.objects.filter(action="housing.dataset.imported").count() == 1


def test_comma_separated_files_use_the_decimal_point(maastricht, user):
    dataset = _import(user("woonpunt"), maastricht.municipality, "lettings", LETTINGS).dataset
    second = LettingRow.objects.filter(dataset=dataset).order_by("id")[1]
    assert (second.income, second.rent, second.caregiver, second.count) == (
        Decimal("45000.00"),
        Decimal("800.50"),
        True,
        2,
    )


def test_every_row_error_is_reported_in_dutch_and_nothing_is_written(maastricht, user):
    bad = (
        "RegioS;Perioden;eigendom;eigenaar;HUURKLASSE;ENERGIELABEL;woningtype;zorggeschikt;"
        "buurtcode;aantal\n"
        "GM0935;2024JJ00;corporatie;woonpunt;XYZ;E;meergezins;nee;;120\n"
        "GM0935;2024JJ00;corporatie;woonpunt;GOE;Q;meergezins;nee;;-3\n"
        "GM0936;twee;eigenaar_bewoner;;GOE;;;nee;;5\n"
        "GM0935;2024JJ00;corporatie;;GOE;;;nee;;5\n"
    )
    with pytest.raises(services.ImportRefused) as refused:
        _import(user("gemeente-maastricht"), maastricht.municipality, "stock", bad)
    messages = [str(e) for e in refused.value.errors]
    assert messages == [
        "Regel 2, kolom HUURKLASSE: ‘XYZ’ is geen geldige waarde; kies uit: GOE, BETL, BETH, "
        "DUU, BOV.",
        "Regel 3, kolom ENERGIELABEL: ‘Q’ is geen geldige waarde; kies uit: A++++, A+++, A++, "
        "A+, A, B, C, D, E, F, G.",
        "Regel 3, kolom aantal: ‘-3’ is geen heel getal van 0 of meer.",
        "Regel 4, kolom RegioS: GM0936 is een andere gemeente dan GM0935.",
        "Regel 4, kolom Perioden: ‘twee’ is geen jaar als 2017JJ00.",
        "Regel 5, kolom eigenaar: is verplicht voor een corporatiewoning.",
    ]
    assert not Dataset.objects.exists() and not StockRow.objects.exists()


def test_missing_columns_are_named(maastricht, user):
    with pytest.raises(services.ImportRefused) as refused:
        _import(user("gemeente-maastricht"), maastricht.municipality, "stock", "RegioS;aantal\n")
    assert "Perioden, eigendom" in str(refused.value.errors[0])


def test_a_new_delivery_replaces_the_sets_with_the_same_years(maastricht, user):
    actor = user("gemeente-maastricht")
    first = _import(actor, maastricht.municipality, "stock", STOCK).dataset
    result = _import(actor, maastricht.municipality, "stock", STOCK)
    assert not Dataset.objects.filter(pk=first.pk).exists()
    assert len(result.replaced) == 1
    assert StockRow.objects.count() == 3
    _import(actor, maastricht.municipality, "stock", STOCK, replace=False)
    assert StockRow.objects.count() == 6


def test_tenant_organisations_and_visitors_may_not_import(maastricht, user):
    with pytest.raises(PermissionDenied):
        _import(user("woonbelang"), maastricht.municipality, "stock", STOCK)
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        _import(AnonymousUser(), maastricht.municipality, "stock", STOCK)


def _cells(content):
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("table,text", [("stock", STOCK), ("lettings", LETTINGS)])
def test_exports_read_back_with_zero_changes(maastricht, user, fmt, table, text):
    actor = user("gemeente-maastricht")
    dataset = _import(actor, maastricht.municipality, table, text).dataset
    content, _, name = services.export_table(dataset, fmt)
    again = _import(actor, maastricht.municipality, table, content, name=name, replace=False)
    exported = services.export_table(again.dataset, fmt)[0]
    if fmt == "csv":
        assert exported == content
    else:
        assert _cells(exported) == _cells(content)
    model = services.ROW_MODELS[table]
    fields = ["year", *(c.field for c in tables.SPECS[table].columns)]
    before = list(model.objects.filter(dataset=dataset).order_by("id").values(*fields))
    after = list(model.objects.filter(dataset=again.dataset).order_by("id").values(*fields))
    assert after == before and len(before) == text.count("\n") - 1


def test_an_excel_template_reads_back(maastricht, user):
    content, _, name = services.export_table(
        _import(user("gemeente-maastricht"), maastricht.municipality, "stock", STOCK).dataset,
        "xlsx",
    )
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["RegioS", "Perioden", "eigendom"]
    assert name.endswith(".xlsx")


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("voorraad.csv", b"PK\x03\x04" + b"\x00" * 50, "wrong_type"),
        ("voorraad.csv", b"RegioS;\x00\x00aantal\n", "wrong_type"),
        ("voorraad.csv", b"RegioS;aantal\n" + b"x" * (31 * 1024 * 1024), "too_large"),
        ("voorraad.xlsx", b"%PDF-1.7\n" + b"x" * 100, "wrong_type"),
        ("voorraad.xlsm", STOCK.encode(), "wrong_type"),
    ],
)
def test_the_upload_gate_refuses_a_file_before_it_is_parsed(maastricht, user, name, data, code):
    with pytest.raises(ValidationError) as refused:
        _import(user("gemeente-maastricht"), maastricht.municipality, "stock", data, name=name)
    assert refused.value.code == code
    assert not isinstance(refused.value, services.ImportRefused)
    assert not Dataset.objects.exists()


@pytest.mark.parametrize("table,text", [("stock", STOCK), ("lettings", LETTINGS)])
def test_an_upload_job_writes_the_same_rows_as_a_direct_import(
    maastricht, user, table, text, django_capture_on_commit_callbacks
):
    """The rows wait in the job between preview and confirm; amounts come back exact."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    fields = [f.attname for f in services.ROW_MODELS[table]._meta.concrete_fields]
    fields = [f for f in fields if f not in ("id", "dataset_id")]
    direct = _import(user("gemeente-maastricht"), maastricht.municipality, table, text)
    expected = list(
        services.ROW_MODELS[table]
        .objects.filter(dataset=direct.dataset)
        .order_by("id")
        .values_list(*fields)
    )
    client = Client()
    client.force_login(user("gemeente-maastricht"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cycli/{maastricht.pk}/woongegevens/",
            {
                "table": table,
                "source": "CBS 82900NED",
                "source_date": "2024-01-01",
                "replace": "on",
                "file": SimpleUploadedFile("f.csv", text.encode()),
            },
        )
    assert client.post(response.url).status_code == 302
    dataset = Dataset.objects.latest("pk")
    assert dataset.pk != direct.dataset.pk
    assert not Dataset.objects.filter(pk=direct.dataset.pk).exists(), "replaced, same years"
    rows = (
        services.ROW_MODELS[table]
        .objects.filter(dataset=dataset)
        .order_by("id")
        .values_list(*fields)
    )
    assert list(rows) == expected


#: A bad stock file: an unknown rent class, a negative count, another municipality, no year
#: and a corporation home without its corporation.
BAD_STOCK = (
    "RegioS;Perioden;eigendom;eigenaar;HUURKLASSE;ENERGIELABEL;woningtype;zorggeschikt;"
    "buurtcode;aantal\n"
    "GM0935;2024JJ00;corporatie;woonpunt;XYZ;E;meergezins;nee;;120\n"
    "GM0935;2024JJ00;corporatie;woonpunt;GOE;E;meergezins;nee;;-3\n"
    "GM0936;twee;eigenaar_bewoner;;;;;nee;;5\n"
    "GM0935;2024JJ00;corporatie;;GOE;;;nee;;5\n"
)
#: Dutch words the import's error sentences use; none may reach an English reader.
DUTCH_ERROR_WORDS = [
    "Regel",
    "kolom",
    "geen geldige waarde",
    "kies uit",
    "geen heel getal",
    "andere gemeente",
    "geen jaar",
    "verplicht",
    "corporatiewoning",
]


@pytest.mark.parametrize(
    "language,expected",
    [
        ("nl", ["‘XYZ’ is geen geldige waarde; kies uit: GOE", "‘-3’ is geen heel getal"]),
        ("en", ["‘XYZ’ is not a valid value; choose from: GOE", "‘-3’ is not a whole number"]),
    ],
)
def test_an_upload_jobs_errors_are_in_the_uploaders_language(
    maastricht, user, settings, django_capture_on_commit_callbacks, language, expected
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from tests.test_crawl import read

    client = Client()
    client.force_login(user("gemeente-maastricht"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cycli/{maastricht.pk}/woongegevens/",
            {
                "table": "stock",
                "source": "CBS 82900NED",
                "source_date": "2024-01-01",
                "file": SimpleUploadedFile("f.csv", BAD_STOCK.encode()),
            },
        )
    text, _links = read(client.get(response.url).content.decode())
    assert all(sentence in text for sentence in expected), text
    assert "GM0936" in text and "‘twee’" in text, "what the person typed stays as typed"
    dutch = [w for w in DUTCH_ERROR_WORDS if w in text]
    assert (dutch == []) == (language == "en"), dutch
    assert not Dataset.objects.exists()


def test_every_error_sentence_has_an_english_translation(maastricht, user):
    from django.utils import translation

    bad = BAD_STOCK + "GM0935;2024JJ00;corporatie;woonpunt;GOE;E;meergezins;nee;;9999999999\n"
    with pytest.raises(services.ImportRefused) as refused:
        _import(user("gemeente-maastricht"), maastricht.municipality, "stock", bad)
    with translation.override("en"):
        english = [e.text_in(translation.gettext) for e in refused.value.errors]
    assert english == [
        "Line 2, column HUURKLASSE: ‘XYZ’ is not a valid value; choose from: GOE, BETL, BETH, "
        "DUU, BOV.",
        "Line 3, column aantal: ‘-3’ is not a whole number of 0 or more.",
        "Line 4, column RegioS: GM0936 is a different municipality from GM0935.",
        "Line 4, column Perioden: ‘twee’ is not a year such as 2017JJ00.",
        "Line 5, column eigenaar: is required for a housing corporation home.",
        "Line 6, column aantal: 9999999999 is too large (at most 2000000000).",
    ]
    with translation.override("en"):
        missing = tables.parse_records("stock", iter([["RegioS"]]), "GM0935", True).errors
        assert (
            missing[0]
            .text_in(translation.gettext)
            .startswith("Line 1: these columns are missing: Perioden, eigendom")
        )
