"""Setting up a body and changing its members through the web forms on /overleg/."""

from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance.models import Body

from .conftest import maastricht_municipality, org, refused_with, sent_to_login


def _form(**fields):
    data = {
        "municipality": maastricht_municipality().pk,
        "kind": "working_group",
        "name": "Werkgroep Studentenhuisvesting",
        "theme_name": "Studenten",
        "lead_organisation": org("woonpunt").pk,
        "member_organisations": [org("woonpunt").pk, org("woonbelang").pk],
    }
    data.update(fields)
    return data


def _working_group():
    return Body.objects.get(name="Werkgroep Betaalbaarheid")


def test_a_municipality_coordinator_creates_a_body_from_the_bodies_page(governance, user, client):
    client.force_login(user("gemeente-maastricht"))
    response = client.post("/overleg/nieuw/", _form())
    body = Body.objects.get(name="Werkgroep Studentenhuisvesting")
    assert response.status_code == 302
    assert response["Location"] == f"/overleg/{body.pk}/"
    assert body.kind == "working_group"
    assert body.theme_name == "Studenten"
    assert body.lead_organisation == org("woonpunt")
    assert {o.slug for o in body.member_organisations.all()} == {"woonpunt", "woonbelang"}


def test_creating_a_body_is_in_the_audit_history(governance, user, client):
    client.force_login(user("gemeente-maastricht"))
    client.post("/overleg/nieuw/", _form())
    body = Body.objects.get(name="Werkgroep Studentenhuisvesting")
    entry = AuditEntry.objects.get(action="governance.body.created", object_id=str(body.pk))
    assert entry.actor == user("gemeente-maastricht")
    assert entry.new["lead"] == "Woonpunt"


def test_a_new_body_comes_after_the_existing_bodies(governance, user, client):
    client.force_login(user("gemeente-maastricht"))
    client.post("/overleg/nieuw/", _form())
    names = [b.name for b in Body.objects.filter(municipality=maastricht_municipality())]
    assert names[-1] == "Werkgroep Studentenhuisvesting"


def test_a_body_may_be_linked_to_a_theme_of_a_cycle(governance, user, client):
    theme = governance.themes.get(name="Duurzaamheid")
    client.force_login(user("gemeente-maastricht"))
    client.post("/overleg/nieuw/", _form(theme=theme.pk, theme_name=""))
    body = Body.objects.get(name="Werkgroep Studentenhuisvesting")
    assert body.theme == theme
    assert body.theme_name == "Duurzaamheid"


def test_the_bodies_page_offers_the_form_to_a_municipality_coordinator(governance, user, client):
    client.force_login(user("gemeente-maastricht"))
    page = client.get("/overleg/").content.decode()
    assert 'action="/overleg/nieuw/"' in page
    assert '<label class="utrecht-form-label" for="body-name">' in page


def test_the_bodies_page_offers_no_form_to_a_tenant_organisation(governance, user, client):
    client.force_login(user("woonbelang"))
    assert 'action="/overleg/nieuw/"' not in client.get("/overleg/").content.decode()


def test_a_tenant_organisation_may_not_create_a_body(governance, user, client):
    count = Body.objects.count()
    client.force_login(user("woonbelang"))
    assert client.post("/overleg/nieuw/", _form()).status_code == 403
    assert Body.objects.count() == count


def test_a_corporation_may_not_create_a_body(governance, user, client):
    count = Body.objects.count()
    client.force_login(user("woonpunt"))
    assert client.post("/overleg/nieuw/", _form()).status_code == 403
    assert Body.objects.count() == count


def test_a_coordinator_of_another_municipality_may_not_create_a_body(governance, client, outsider):
    count = Body.objects.count()
    client.force_login(outsider)
    assert client.post("/overleg/nieuw/", _form()).status_code == 403
    assert Body.objects.count() == count


def test_an_anonymous_visitor_is_sent_to_log_in_and_no_body_is_created(governance, client):
    count = Body.objects.count()
    assert sent_to_login(client.post("/overleg/nieuw/", _form()))
    assert Body.objects.count() == count


def test_an_empty_name_gives_a_clear_message_and_creates_nothing(governance, user, client):
    count, logged = Body.objects.count(), AuditEntry.objects.count()
    client.force_login(user("gemeente-maastricht"))
    response = client.post("/overleg/nieuw/", _form(name="   "))
    refused_with(response, "Dit veld is vereist.")
    assert (Body.objects.count(), AuditEntry.objects.count()) == (count, logged)


def test_a_name_already_in_use_gives_a_clear_message_and_creates_nothing(governance, user, client):
    count = Body.objects.count()
    client.force_login(user("gemeente-maastricht"))
    response = client.post("/overleg/nieuw/", _form(name="Werkgroep Vastgoed"))
    refused_with(
        response, "Er is in deze gemeente al een overleg met de naam ‘Werkgroep Vastgoed’."
    )
    assert Body.objects.count() == count


def test_an_unknown_kind_gives_a_clear_message_and_creates_nothing(governance, user, client):
    count = Body.objects.count()
    client.force_login(user("gemeente-maastricht"))
    response = client.post("/overleg/nieuw/", _form(kind="borrel"))
    refused_with(response, "Kies een geldige soort overleg.")
    assert Body.objects.count() == count


def test_a_member_from_another_municipality_is_refused_and_nothing_is_created(
    governance, user, client, outsider
):
    count = Body.objects.count()
    client.force_login(user("gemeente-maastricht"))
    response = client.post("/overleg/nieuw/", _form(member_organisations=[org("elders").pk]))
    refused_with(
        response, "Een lid moet een organisatie uit deze gemeente zijn (niet Elders Wonen)."
    )
    assert Body.objects.count() == count


def test_the_coordinator_changes_a_bodys_member_organisations(governance, user, client):
    body = _working_group()
    client.force_login(user("gemeente-maastricht"))
    members = [org("maasvallei").pk, org("woonvallei").pk]
    response = client.post(f"/overleg/{body.pk}/leden/", {"member_organisations": members})
    assert response["Location"] == f"/overleg/{body.pk}/"
    assert {o.slug for o in body.member_organisations.all()} == {"maasvallei", "woonvallei"}


def test_changing_a_bodys_members_is_in_the_audit_history(governance, user, client):
    body = _working_group()
    client.force_login(user("gemeente-maastricht"))
    client.post(f"/overleg/{body.pk}/leden/", {"member_organisations": [org("woonvallei").pk]})
    entry = AuditEntry.objects.get(action="governance.body.members_changed")
    assert entry.actor == user("gemeente-maastricht")
    assert entry.old == {"organisations": ["Maasvallei"]}
    assert entry.new == {"organisations": ["Huurdersvereniging Woonvallei"]}


def test_the_body_page_shows_a_labelled_checkbox_per_organisation_to_the_coordinator(
    governance, user, client
):
    body = _working_group()
    client.force_login(user("gemeente-maastricht"))
    page = client.get(f"/overleg/{body.pk}/").content.decode()
    maasvallei = org("maasvallei").pk
    assert f'id="member-{maasvallei}" name="member_organisations" value="{maasvallei}" checked' in (
        page
    )
    assert (
        f'<label class="utrecht-form-label utrecht-form-label--checkbox" for="member-{maasvallei}">'
        in (page)
    )


def test_a_tenant_organisation_may_not_change_a_bodys_members(governance, user, client):
    body = _working_group()
    client.force_login(user("woonbelang"))
    response = client.post(f"/overleg/{body.pk}/leden/", {"member_organisations": []})
    assert response.status_code == 403
    assert [o.slug for o in body.member_organisations.all()] == ["maasvallei"]


def test_an_anonymous_visitor_may_not_change_a_bodys_members(governance, client):
    body = _working_group()
    assert sent_to_login(client.post(f"/overleg/{body.pk}/leden/", {}))
    assert [o.slug for o in body.member_organisations.all()] == ["maasvallei"]


def test_a_member_from_another_municipality_is_refused_and_the_members_stay(
    governance, user, client, outsider
):
    body = _working_group()
    client.force_login(user("gemeente-maastricht"))
    response = client.post(
        f"/overleg/{body.pk}/leden/", {"member_organisations": [org("elders").pk]}
    )
    refused_with(
        response, "Een lid moet een organisatie uit deze gemeente zijn (niet Elders Wonen)."
    )
    assert [o.slug for o in body.member_organisations.all()] == ["maasvallei"]
