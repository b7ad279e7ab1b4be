"""How the change history reads: an action code and the stored old and new values, in words.

The audit table stores codes (``agreements.target.changed``) and JSON keys (``low``) so that it
stays stable across languages and releases; this module turns them into the user's language
when a page shows them. A key or code without a label is shown as stored, never hidden.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}[\d:.+\-Z]*")
DECIMAL = re.compile(r"-?\d+\.\d+")
ISO_DATE_IN_TEXT = re.compile(r"\b\d{4}-[01]\d-[0-3]\d\b")

ACTIONS: dict[str, Promise] = {
    "accounts.membership.created": _("lidmaatschap vastgelegd"),
    "accounts.token.created": _("API-sleutel aangemaakt"),
    "accounts.invitation.accepted": _("uitnodiging aangenomen"),
    "accounts.membership.removed": _("lidmaatschap beëindigd"),
    "accounts.municipality.set_up": _("gemeente ingericht"),
    "accounts.municipality.created": _("gemeente toegevoegd"),
    "accounts.municipality.updated": _("gemeente gewijzigd"),
    "accounts.organisation.archived": _("organisatie gearchiveerd"),
    "accounts.organisation.created": _("organisatie aangemaakt"),
    "accounts.organisation.deleted": _("organisatie verwijderd"),
    "accounts.organisation.joined_municipality": _("organisatie werkt ook in deze gemeente"),
    "accounts.organisation.restored": _("organisatie teruggehaald uit het archief"),
    "accounts.organisation.updated": _("organisatie gewijzigd"),
    "accounts.person.deactivated": _("account gedeactiveerd"),
    "accounts.person.invited": _("persoon uitgenodigd"),
    "accounts.person.reactivated": _("account weer actief"),
    "accounts.token.revoked": _("API-sleutel ingetrokken"),
    "accounts.user.created": _("account aangemaakt"),
    "accounts.user.changed": _("account gewijzigd"),
    "accounts.membership.changed": _("lidmaatschap gewijzigd"),
    "accounts.membership.deleted": _("lidmaatschap beëindigd"),
    "accounts.login.locked_out": _("inloggen geblokkeerd na te veel foute wachtwoorden"),
    "accounts.login.unlocked": _("blokkade van het inloggen opgeheven"),
    "accounts.second_factor.enabled": _("authenticator-app ingesteld"),
    "affordability.analysis.saved": _("analyse opgeslagen"),
    "agreements.cycle.created": _("prestatieafspraken aangemaakt"),
    "agreements.theme.created": _("thema aangemaakt"),
    "agreements.agreement.created": _("afspraak aangemaakt"),
    "agreements.agreement.changed": _("afspraak gewijzigd"),
    "agreements.target.created": _("norm vastgelegd"),
    "agreements.target.changed": _("norm gewijzigd"),
    "agreements.target.archived": _("norm gearchiveerd"),
    "agreements.target.restored": _("norm teruggezet"),
    "agreements.measurement.created": _("realisatie vastgelegd"),
    "agreements.measurement.changed": _("realisatie gewijzigd"),
    "agreements.assessment.created": _("evaluatie vastgelegd"),
    "agreements.assessment.changed": _("evaluatie gewijzigd"),
    "agreements.assignment.created": _("bestuursopdracht vastgelegd"),
    "agreements.finding.created": _("conclusie toegevoegd"),
    "agreements.finding.changed": _("conclusie gewijzigd"),
    "agreements.finding.deleted": _("conclusie verwijderd"),
    "governance.body.created": _("overleg ingesteld"),
    "governance.body.members_changed": _("leden van het overleg gewijzigd"),
    "governance.meeting.created": _("vergadering vastgelegd"),
    "governance.meeting.changed": _("vergadering gewijzigd"),
    "governance.decision.created": _("besluit vastgelegd"),
    "governance.action_item.created": _("actiepunt vastgelegd"),
    "governance.action_item.changed": _("actiepunt gewijzigd"),
    "governance.policy_document.created": _("beleidsdocument vastgelegd"),
    "governance.policy_goal.created": _("beleidsdoel vastgelegd"),
    "governance.policy_goal.measure_set": _("toets van een beleidsdoel ingesteld"),
    "housing.dataset.imported": _("woongegevens ingelezen"),
    "housing.dataset.replaced": _("woongegevens vervangen door een nieuwe levering"),
    "housing.dataset.deleted": _("woongegevens verwijderd"),
    "housing.scenario.saved": _("scenario van de prognose bewaard"),
    "governance.goal.linked": _("gekoppeld aan een beleidsdoel"),
    "governance.goal.unlinked": _("losgekoppeld van een beleidsdoel"),
    "governance.bid.created": _("bod begonnen"),
    "governance.bid.changed": _("bod gewijzigd"),
    "governance.bid.submitted": _("bod ingediend"),
    "governance.bid_item.created": _("regel van het bod toegevoegd"),
    "governance.bid_item.changed": _("regel van het bod gewijzigd"),
    "governance.bid_item.deleted": _("regel van het bod verwijderd"),
    "governance.bid_item.agreement_created": _("afspraak gemaakt van een regel uit het bod"),
    "process.cycle.phase_changed": _("fase gewijzigd"),
    "process.cycle.approved": _("goedgekeurd"),
    "process.amendment.proposed": _("wijzigingsvoorstel ingediend"),
    "process.amendment.approved": _("wijzigingsvoorstel goedgekeurd"),
    "process.amendment.adopted": _("wijzigingsvoorstel vastgesteld"),
    "process.milestone.created": _("mijlpaal vastgelegd"),
    "process.milestone.changed": _("mijlpaal verplaatst"),
    "process.milestone.removed": _("mijlpaal geschrapt"),
    "process.dispute_point.created": _("geschilpunt vastgelegd"),
    "process.dispute_position.created": _("standpunt vastgelegd"),
    "process.dispute_position.changed": _("standpunt gewijzigd"),
    "process.dispute_point.resolved": _("geschilpunt opgelost"),
    "agreements.cycle.changed": _("prestatieafspraken gewijzigd"),
    "agreements.cycle.copied": _("gekopieerd van vorig jaar"),
    "agreements.cycle.published": _("openbaar gemaakt"),
    "agreements.cycle.unpublished": _("niet meer openbaar"),
    "agreements.theme.changed": _("thema gewijzigd"),
    "agreements.theme.moved": _("volgorde van de thema's gewijzigd"),
    "agreements.theme.archived": _("thema gearchiveerd"),
    "agreements.theme.restored": _("thema teruggehaald uit het archief"),
    "agreements.theme.deleted": _("thema verwijderd"),
    "agreements.agreement.archived": _("afspraak gearchiveerd"),
    "agreements.agreement.restored": _("afspraak teruggehaald uit het archief"),
    "agreements.agreement.deleted": _("afspraak verwijderd"),
    "agreements.target.deleted": _("norm verwijderd"),
    "agreements.indicator.created": _("indicator aangemaakt"),
    "agreements.indicator.changed": _("indicator gewijzigd"),
    "importing.job.created": _("document ingelezen om afspraken uit te importeren"),
    "importing.job.applied": _("afspraken overgenomen uit een document"),
}

FIELDS: dict[str, Promise] = {
    "measure": _("toets"),
    "minimum_share": _("ten minste (%)"),
    "table": _("tabel"),
    "rows": _("aantal regels"),
    "years": _("jaren"),
    "fictional": _("fictief"),
    "base_year": _("basisjaar"),
    "household_growth": _("groei huishoudens (% per jaar)"),
    "income_shift": _("verschuiving aandeel doelgroep (procentpunt per jaar)"),
    "reliance": _("aandeel doelgroep dat een sociale huurwoning nodig heeft (%)"),
    "new_build_per_year": _("extra nieuwbouw per jaar"),
    "sales_per_year": _("verkoop per jaar"),
    "demolition_per_year": _("sloop per jaar"),
    "liberalisation_per_year": _("liberalisatie per jaar"),
    "filename": _("bestand"),
    "norms": _("normen"),
    "agenda": _("agenda"),
    "agreement": _("afspraak"),
    "agreements": _("afspraken"),
    "amendment": _("wijzigingsvoorstel"),
    "assignment": _("bestuursopdracht"),
    "automatic": _("automatisch"),
    "awNumber": _("toelatingsnummer (Autoriteit woningcorporaties)"),
    "bid": _("bod"),
    "changes": _("wijzigingen"),
    "corporation": _("corporatie"),
    "corporations": _("corporaties"),
    "date": _("datum"),
    "decided_on": _("besluitdatum"),
    "decision_body": _("besluitorgaan"),
    "description": _("omschrijving"),
    "due_date": _("uiterlijk"),
    "email": _("e-mailadres"),
    "first_name": _("voornaam"),
    "is_active": _("actief"),
    "is_staff": _("toegang tot het beheer"),
    "is_superuser": _("alle rechten"),
    "last_name": _("achternaam"),
    "username": _("gebruikersnaam"),
    "ends_on": _("tot en met"),
    "explanation": _("toelichting"),
    "failures": _("aantal foute pogingen"),
    "ip_address": _("IP-adres"),
    "goal": _("beleidsdoel"),
    "high": _("bovengrens"),
    "indicator": _("indicator"),
    "items": _("regels"),
    "kind": _("soort"),
    "late": _("te laat"),
    "label": _("energielabel"),
    "lead": _("trekker"),
    "low": _("ondergrens"),
    "minutes": _("verslag"),
    "municipalities": _("gemeenten"),
    "name": _("naam"),
    "note": _("opmerking"),
    "number": _("nummer"),
    "organisation": _("organisatie"),
    "organisations": _("organisaties"),
    "owner_organisation": _("eigenaar (organisatie)"),
    "owner_person": _("eigenaar (persoon)"),
    "parties": _("partijen"),
    "party": _("partij"),
    "period": _("periode"),
    "phase": _("fase"),
    "planned": _("gepland per jaar"),
    "point": _("geschilpunt"),
    "position": _("standpunt"),
    "positions": _("standpunten"),
    "postcode": _("postcode"),
    "prefix": _("voorvoegsel"),
    "reason": _("reden"),
    "role": _("rol"),
    "section": _("onderdeel"),
    "sections": _("onderdelen"),
    "source": _("bron"),
    "starts_on": _("vanaf"),
    "status": _("status"),
    "subject": _("onderwerp"),
    "submitted_at": _("ingediend op"),
    "text": _("tekst"),
    "theme": _("thema"),
    "title": _("titel"),
    "tolerance": _("marge"),
    "user": _("gebruiker"),
    "value": _("waarde"),
    "year": _("jaar"),
    "aggregation": _("samenvoegen"),
    "archived": _("gearchiveerd"),
    "direction": _("richting"),
    "end_year": _("tot en met jaar"),
    "ended": _("afgelopen afspraken (niet meegenomen)"),
    "from": _("gekopieerd van"),
    "involved_parties": _("betrokken partijen"),
    "indicators": _("gevolgde indicatoren"),
    "lead_party": _("trekker"),
    "order": _("volgorde"),
    "project_leader": _("projectleider"),
    "projectLeaders": _("projectleiders"),
    "published": _("gepubliceerd"),
    "resolution": _("uitkomst"),
    "start_year": _("vanaf jaar"),
    "targets": _("normen"),
    "themes": _("thema's"),
    "unit": _("eenheid"),
}

# Bookkeeping, not a change anyone made: the lock version, the bid a bid row belongs to, and
# the ids of an agreement's parties (shown by name beside them).
HIDDEN = {"version", "bid_id", "lead_party_id", "involved_party_ids"}


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None  # None: the field was not stored on that side
    new: str | None


CHANNELS: dict[str, Promise] = {
    "web": _("website"),
    "web:mijn-invoer": _("website, Mijn invoer"),
    "api": _("API"),
    "excel": _("Excel-monitor"),
    "demo": _("voorbeeldgegevens"),
    "import": _("import"),
    "restore": _("teruggezet uit de geschiedenis"),
}


IMPORT_CHANNEL = "import:"  # followed by the name of the imported file


def channel_label(code: str) -> str:
    """How a change came in, in words: ``website``, ``Excel-monitor``."""
    if not code:
        return "—"
    if code.startswith(IMPORT_CHANNEL) and len(code) > len(IMPORT_CHANNEL):
        return str(_("geïmporteerd uit %(filename)s")) % {"filename": code[len(IMPORT_CHANNEL) :]}
    return str(CHANNELS.get(code, CHANNELS.get(code.split(":", 1)[0], code)))


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def field_label(key: str) -> str:
    return str(FIELDS.get(key, key))


def _choices(object_type: str, key: str) -> dict[str, str]:
    try:
        model = apps.get_model(object_type)
        field = model._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return {}
    return {str(value): str(label) for value, label in (getattr(field, "choices", None) or [])}


def value_text(object_type: str, key: str, value: Any) -> str:
    """A stored value as a reader wants it: choice codes by their label, lists joined."""
    if value is None or value in ("", "None"):
        return "—"
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if isinstance(value, list):
        return ", ".join(value_text(object_type, key, v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(
            f"{field_label(k)}: {value_text(object_type, k, v)}"
            for k, v in value.items()
            if k not in HIDDEN
        )
    text = _choices(object_type, key).get(str(value), str(value))
    return _readable(text)


def readable_text(text: str) -> str:
    """A stored description with its ISO dates written out: ``2017-01-01`` -> 1 januari 2017."""
    return ISO_DATE_IN_TEXT.sub(
        lambda m: formats.date_format(datetime.date.fromisoformat(m.group(0)), "j F Y"), text
    )


def _readable(text: str) -> str:
    """Dates and decimals as the reader writes them, not as they are stored."""
    if ISO_DATE.fullmatch(text):
        return formats.date_format(datetime.date.fromisoformat(text), "j F Y")
    if ISO_MOMENT.fullmatch(text):
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "j F Y, H:i")
    if DECIMAL.fullmatch(text):
        return formats.number_format(Decimal(text), use_l10n=True, force_grouping=True)
    return text


def changes(entry: AuditEntry) -> list[Change]:
    """One row per field: for a change only the fields that differ, else every field."""
    old = entry.old if isinstance(entry.old, dict) else {}
    new = entry.new if isinstance(entry.new, dict) else {}
    keys = [k for k in new if k not in HIDDEN]
    keys += [k for k in old if k not in HIDDEN and k not in new]
    rows = []
    for key in keys:
        if old and new and key in old and key in new and old[key] == new[key]:
            continue
        if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            rows += _part_changes(entry.object_type, key, old[key], new[key])
            continue
        rows.append(
            Change(
                label=field_label(key),
                old=value_text(entry.object_type, key, old[key]) if key in old else None,
                new=value_text(entry.object_type, key, new[key]) if key in new else None,
            )
        )
    return rows


def _part_changes(
    object_type: str, key: str, old: dict[str, Any], new: dict[str, Any]
) -> list[Change]:
    """A field made of parts (the texts of a bid by section): one row per changed part."""
    rows = []
    for part in [*new, *(p for p in old if p not in new)]:
        if old.get(part) == new.get(part):
            continue
        rows.append(
            Change(
                label=f"{field_label(key)} {part}",
                old=value_text(object_type, part, old[part]) if part in old else None,
                new=value_text(object_type, part, new[part]) if part in new else None,
            )
        )
    return rows
