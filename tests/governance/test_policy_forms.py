"""Recording a woonvisie or volkshuisvestingsprogramma and its goals per theme on /beleid/."""

import pytest

from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance.models import PolicyDocument, PolicyGoal

from .conftest import maastricht_municipality, refused_with, sent_to_login


def _document_form(**fields):
    data = {
        "municipality": maastricht_municipality().pk,
        "kind": "volkshuisvestingsprogramma",
        "title": "Volkshuisvestingsprogramma 2025",
        "year": "2025",
    }
    data.update(fields)
    return data


def _goal_form(**fields):
    data = {"theme_name": "Betaalbaarheid", "title": "Genoeg sociale huur", "text": "30 %"}
    data.update(fields)
    return data


@pytest.fixture
def woonvisie(governance):
    return PolicyDocument.objects.get(title="Woonvisie 2018")


def test_a_municipality_coordinator_records_a_policy_document(governance, user, client):
    client.force_login(user("gemeente-maastricht"))
    response = client.post("/beleid/nieuw/", _document_form())
    document = PolicyDocument.objects.get(title="Volkshuisvestingsprogramma 2025")
    assert response["Location"] == f"/beleid/#document-{document.pk}"
    assert (document.kind, document.year) == ("volkshuisvestingsprogramma", 2025)
    assert document.municipality == maastricht_municipality()


def test_recording_a_policy_document_is_in_the_audit_history(governance, user, client):
    client.force_login(user("gemeente-maastricht"))
    client.post("/beleid/nieuw/", _document_form())
    entry = AuditEntry.objects.get(
        action="governance.policy_document.created", actor=user("gemeente-maastricht")
    )
    assert entry.new["title"] == "Volkshuisvestingsprogramma 2025"


def test_a_policy_document_without_goals_is_shown_on_the_policy_page(governance, user, client):
    client.force_login(user("gemeente-maastricht"))
    client.post("/beleid/nieuw/", _document_form())
    page = client.get("/beleid/").content.decode()
    assert "Volkshuisvestingsprogramma 2025" in page
    assert "Dit document heeft nog geen doelen." in page


def test_the_policy_page_offers_labelled_forms_to_a_municipality_coordinator(
    woonvisie, user, client
):
    client.force_login(user("gemeente-maastricht"))
    page = client.get("/beleid/").content.decode()
    assert '<label class="utrecht-form-label" for="document-title">' in page
    assert f'<label class="utrecht-form-label" for="goal-{woonvisie.pk}-title">' in page


def test_the_policy_page_offers_no_forms_to_a_corporation(woonvisie, user, client):
    client.force_login(user("woonpunt"))
    page = client.get("/beleid/").content.decode()
    assert 'action="/beleid/nieuw/"' not in page
    assert "/doel/" not in page


def test_a_tenant_organisation_may_not_record_a_policy_document(governance, user, client):
    client.force_login(user("woonbelang"))
    assert client.post("/beleid/nieuw/", _document_form()).status_code == 403
    assert not PolicyDocument.objects.filter(title="Volkshuisvestingsprogramma 2025").exists()


def test_a_coordinator_of_another_municipality_may_not_record_a_policy_document_here(
    governance, client, outsider
):
    client.force_login(outsider)
    assert client.post("/beleid/nieuw/", _document_form()).status_code == 403
    assert not PolicyDocument.objects.filter(title="Volkshuisvestingsprogramma 2025").exists()


def test_an_anonymous_visitor_may_not_record_a_policy_document(governance, client):
    assert sent_to_login(client.post("/beleid/nieuw/", _document_form()))
    assert not PolicyDocument.objects.filter(title="Volkshuisvestingsprogramma 2025").exists()


def test_an_empty_title_gives_a_clear_message_and_records_nothing(governance, user, client):
    count = PolicyDocument.objects.count()
    client.force_login(user("gemeente-maastricht"))
    response = client.post("/beleid/nieuw/", _document_form(title=" "))
    refused_with(response, "Dit veld is vereist.")
    assert PolicyDocument.objects.count() == count


@pytest.mark.parametrize("year", ["twintig", "", "1850", "20255"])
def test_a_bad_year_gives_a_clear_message_and_records_nothing(governance, user, client, year):
    count = PolicyDocument.objects.count()
    client.force_login(user("gemeente-maastricht"))
    response = client.post("/beleid/nieuw/", _document_form(year=year))
    refused_with(response, "Vul een geldig jaar in (bijvoorbeeld 2018).")
    assert PolicyDocument.objects.count() == count


def test_an_unknown_kind_gives_a_clear_message_and_records_nothing(governance, user, client):
    count = PolicyDocument.objects.count()
    client.force_login(user("gemeente-maastricht"))
    response = client.post("/beleid/nieuw/", _document_form(kind="nota"))
    refused_with(response, "Kies woonvisie of volkshuisvestingsprogramma.")
    assert PolicyDocument.objects.count() == count


def test_a_municipality_coordinator_adds_a_goal_under_a_theme(woonvisie, user, client):
    client.force_login(user("gemeente-maastricht"))
    response = client.post(f"/beleid/documenten/{woonvisie.pk}/doel/", _goal_form())
    goal = PolicyGoal.objects.get(title="Genoeg sociale huur")
    assert response["Location"] == f"/beleid/doelen/{goal.pk}/"
    assert (goal.document, goal.theme_name, goal.text) == (woonvisie, "Betaalbaarheid", "30 %")


def test_a_new_goal_comes_after_the_documents_other_goals(woonvisie, user, client):
    client.force_login(user("gemeente-maastricht"))
    client.post(f"/beleid/documenten/{woonvisie.pk}/doel/", _goal_form())
    assert list(woonvisie.goals.values_list("title", flat=True))[-1] == "Genoeg sociale huur"


def test_adding_a_goal_is_in_the_audit_history(woonvisie, user, client):
    client.force_login(user("gemeente-maastricht"))
    client.post(f"/beleid/documenten/{woonvisie.pk}/doel/", _goal_form())
    entry = AuditEntry.objects.get(
        action="governance.policy_goal.created", actor=user("gemeente-maastricht")
    )
    assert entry.new == {"theme": "Betaalbaarheid", "title": "Genoeg sociale huur", "text": "30 %"}


def test_a_tenant_organisation_may_not_add_a_goal(woonvisie, user, client):
    client.force_login(user("woonbelang"))
    response = client.post(f"/beleid/documenten/{woonvisie.pk}/doel/", _goal_form())
    assert response.status_code == 403
    assert not PolicyGoal.objects.filter(title="Genoeg sociale huur").exists()


def test_a_coordinator_of_another_municipality_may_not_add_a_goal(woonvisie, client, outsider):
    client.force_login(outsider)
    response = client.post(f"/beleid/documenten/{woonvisie.pk}/doel/", _goal_form())
    assert response.status_code == 403
    assert not PolicyGoal.objects.filter(title="Genoeg sociale huur").exists()


def test_an_anonymous_visitor_may_not_add_a_goal(woonvisie, client):
    assert sent_to_login(client.post(f"/beleid/documenten/{woonvisie.pk}/doel/", _goal_form()))
    assert not PolicyGoal.objects.filter(title="Genoeg sociale huur").exists()


@pytest.mark.parametrize("field", ["title", "theme_name"])
def test_a_goal_without_title_or_theme_gives_a_clear_message_and_adds_nothing(
    woonvisie, user, client, field
):
    count = PolicyGoal.objects.count()
    client.force_login(user("gemeente-maastricht"))
    response = client.post(f"/beleid/documenten/{woonvisie.pk}/doel/", _goal_form(**{field: ""}))
    page = refused_with(response)
    entry = next(e for e in response.context["documents"] if e["document"] == woonvisie)
    assert entry["goal_form"].errors == {field: ["Dit veld is vereist."]}
    assert "<details open>" in page  # the refused form stays open
    assert PolicyGoal.objects.count() == count
