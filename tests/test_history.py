"""The change history reads in words: every action and every stored field has a label, in
Dutch by default and in English on request."""

import re
from pathlib import Path

from woonafspraken.agreements import services
from woonafspraken.agreements.models import Agreement
from woonafspraken.audit import presentation
from woonafspraken.audit.models import AuditEntry

SRC = Path(__file__).resolve().parents[1] / "src" / "woonafspraken"
CODE = re.compile(r'"((?:accounts|affordability|agreements|governance|process)\.[a-z_]+\.[a-z_]+)"')


def test_every_action_code_in_the_code_has_a_label():
    codes = {c for path in SRC.rglob("*.py") for c in CODE.findall(path.read_text())}
    assert len(codes) > 30  # the scan itself works
    assert sorted(codes - set(presentation.ACTIONS)) == []


def test_every_field_the_demo_writes_to_the_history_has_a_label(maastricht):
    keys = set()
    for old, new in AuditEntry.objects.values_list("old", "new"):
        for state in (old, new):
            if isinstance(state, dict):
                keys |= set(state)
    assert len(keys) > 20
    assert sorted(keys - set(presentation.FIELDS) - presentation.HIDDEN) == []


def test_choice_codes_read_as_their_label():
    assert presentation.value_text("agreements.agreement", "kind", "effort") == (
        "inspanningsafspraak"
    )
    assert presentation.value_text("agreements.agreement", "title", None) == "—"
    assert presentation.value_text("no.such_model", "kind", "effort") == "effort"


def _retitle(maastricht, user):
    agreement = Agreement.objects.filter(theme__cycle=maastricht).order_by("id").first()
    services.update_agreement(
        user("gemeente-maastricht"),
        agreement,
        changes={"title": "Een nieuwe titel"},
        expected_version=agreement.version,
    )
    return agreement


def test_a_change_shows_only_what_changed_with_dutch_labels(client, maastricht, user):
    agreement = _retitle(maastricht, user)
    client.force_login(user("woonpunt"))
    html = client.get(f"/afspraken/{agreement.pk}/").content.decode()
    row = html[html.index("Afspraak gewijzigd") :].split("</tr>")[0]
    assert f"titel: {agreement.title}" in row
    assert "titel: Een nieuwe titel" in row
    assert "title:" not in row and "version" not in row and "nummer:" not in row


def test_the_history_is_in_english_when_the_user_chose_english(client, maastricht, user):
    agreement = _retitle(maastricht, user)
    client.force_login(user("woonpunt"))
    client.cookies["woonafspraken_language"] = "en"
    html = client.get(f"/afspraken/{agreement.pk}/").content.decode()
    assert "Agreement changed" in html and "title: Een nieuwe titel" in html


def test_a_field_stored_on_one_side_only_is_not_shown_empty_on_the_other():
    entry = AuditEntry(
        action="process.cycle.phase_changed",
        object_type="agreements.cycle",
        old={"phase": "decision"},
        new={"phase": "signed", "note": "Alle partijen hebben goedgekeurd."},
    )
    rows = {c.label: (c.old, c.new) for c in presentation.changes(entry)}
    assert rows["opmerking"] == (None, "Alle partijen hebben goedgekeurd.")
    assert rows["fase"] == ("besluitvorming", "ondertekend")
