"""The calculator's rule texts in the reader's language.

The rules (:mod:`woonafspraken.rules`) are pure and write their reasons, explanations and
labels in plain Dutch. This module reads such a text against the Dutch sentences the rules
write (each one a message with placeholders, translated in the project's catalogue) and gives
it in the reader's language, with the amounts in the reader's notation. A Dutch reader gets the
rules' text unchanged; a text no sentence matches stays as it is (the English test lists the
words that must never reach an English page).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_noop as N_

from woonafspraken.agreements.templatetags import localeformat
from woonafspraken.rules.params import KNOWN_FIGURES

#: Every sentence the rules write, as the rules write it, with the variable parts named.
SENTENCES = (
    # huurtoeslag: the outcome
    N_(
        "Geen huurtoeslag: het vermogen (%(assets)s) is hoger dan de vermogensgrens "
        "(%(limit)s voor een huishouden met partner)."
    ),
    N_("Geen huurtoeslag: het vermogen (%(assets)s) is hoger dan de vermogensgrens (%(limit)s)."),
    N_("Geen huurtoeslag: de rekenhuur (%(rent)s) is niet hoger dan de basishuur (%(basishuur)s)."),
    N_(
        "Geen huurtoeslag: door het inkomen is de afbouw even groot als of groter dan de "
        "huurtoeslag zonder afbouw."
    ),
    N_("Geen huurtoeslag: het bedrag is minder dan € 1 per maand."),
    N_("Recht op huurtoeslag: %(amount)s per maand."),
    # huurtoeslag: how it is worked out
    N_(
        "Rekenhuur: de huur %(rent)s is hoger dan de grens als alle bewoners 18 tot en met 20 "
        "jaar zijn (%(cap)s), dus er wordt gerekend met %(rekenhuur)s."
    ),
    N_(
        "Rekenhuur: de huur %(rent)s is hoger dan de maximale huurgrens (%(cap)s), dus er wordt "
        "gerekend met %(rekenhuur)s."
    ),
    N_("Rekenhuur: de kale huur, %(rent)s."),
    N_("Basishuur voor een huishouden van %(persons)s: %(basishuur)s."),
    N_(
        "Deel A: %(rate)s van het deel van de rekenhuur tussen de basishuur (%(basishuur)s) en "
        "de kwaliteitskortingsgrens (%(kkg)s): %(part)s."
    ),
    N_(
        "Deel B: %(rate)s van het deel tussen de kwaliteitskortingsgrens (%(kkg)s) en de "
        "aftoppingsgrens voor %(persons)s (%(aftopping)s): %(part)s."
    ),
    N_(
        "Deel C: %(rate)s van het deel tussen de aftoppingsgrens (%(aftopping)s) en de maximale "
        "huurgrens (%(max_rent)s): %(part)s."
    ),
    N_("Samen, vóór de afbouw naar inkomen: %(before)s per maand."),
    N_(
        "Inkomen van de kinderen: %(children)s; het deel boven de vrijstelling van "
        "%(exemption)s telt mee. Inkomen voor de afbouw: %(income)s + %(counted)s = "
        "%(considered)s per jaar."
    ),
    N_(
        "Inkomen van de kinderen (%(children)s) valt binnen de vrijstelling van %(exemption)s "
        "en telt niet mee."
    ),
    N_(
        "Afbouw: het inkomen %(income)s ligt boven het ijkpunt %(ijkpunt)s; (%(income2)s − "
        "%(ijkpunt2)s) × %(pct)s / 12 = %(phase_out)s per maand."
    ),
    N_("Afbouw: geen, het inkomen %(income)s ligt niet boven het ijkpunt %(ijkpunt)s."),
    N_(
        "Vermogen %(assets)s is hoger dan de vermogensgrens %(limit)s (met partner het "
        "dubbele): geen huurtoeslag."
    ),
    N_("Vermogen %(assets)s is hoger dan de vermogensgrens %(limit)s: geen huurtoeslag."),
    N_(
        "Vermogen %(assets)s is niet hoger dan de vermogensgrens %(limit)s (met partner het "
        "dubbele)."
    ),
    N_("Vermogen %(assets)s is niet hoger dan de vermogensgrens %(limit)s."),
    N_(
        "Alle stappen worden exact gerekend (bedragen hierboven zijn afgerond op centen); alleen "
        "het eindbedrag wordt naar beneden afgerond op hele euro's: %(amount)s per maand."
    ),
    # rent class
    N_("De huur %(rent)s ligt onder de kwaliteitskortingsgrens %(kkg)s."),
    N_(
        "De huur %(rent)s ligt vanaf de kwaliteitskortingsgrens %(kkg)s tot en met de "
        "aftoppingsgrens (hoog) %(aftopping)s."
    ),
    N_(
        "De huur %(rent)s ligt boven de aftoppingsgrens (hoog) %(aftopping)s en niet boven de "
        "maximale huurgrens %(max_rent)s."
    ),
    N_("De huur %(rent)s ligt boven de maximale huurgrens %(max_rent)s."),
    N_(
        "Een huur precies op de kwaliteitskortingsgrens is betaalbaar; precies op de "
        "aftoppingsgrens (hoog) is betaalbaar; precies op de maximale huurgrens is duur."
    ),
    # DAEB target group
    N_(
        "Het inkomen %(income)s is niet hoger dan de DAEB-inkomensgrens %(year)s voor een "
        "%(kind)s (%(limit)s): het huishouden hoort bij de doelgroep."
    ),
    N_(
        "Het inkomen %(income)s is hoger dan de DAEB-inkomensgrens %(year)s voor een %(kind)s "
        "(%(limit)s): het huishouden hoort niet bij de doelgroep."
    ),
    # passend toewijzen
    N_(
        "Niet van toepassing: het inkomen %(income)s is hoger dan de inkomensgrens voor passend "
        "toewijzen %(year)s voor een %(kind)s (%(limit)s)."
    ),
    N_(
        "Passend: het inkomen valt onder de inkomensgrens (%(limit)s) en de huur %(rent)s is "
        "niet hoger dan de aftoppingsgrens %(aftopping)s voor %(persons)s."
    ),
    N_(
        "Niet passend: het inkomen valt onder de inkomensgrens (%(limit)s), maar de huur "
        "%(rent)s is hoger dan de aftoppingsgrens %(aftopping)s voor %(persons)s."
    ),
    # scheefwonen (income against rent)
    N_(
        "Goedkope scheefheid: het inkomen %(income)s is hoger dan de DAEB-inkomensgrens voor een "
        "%(kind)s (%(limit)s) en de huur %(rent)s ligt onder de maximale huurgrens "
        "(liberalisatiegrens) %(max_rent)s."
    ),
    N_(
        "Dure scheefheid: het inkomen %(income)s valt onder de inkomensgrens voor huurtoeslag "
        "(passend toewijzen) voor een %(kind)s (%(limit)s) en de huur %(rent)s ligt boven de "
        "aftoppingsgrens %(aftopping)s."
    ),
    N_(
        "Geen scheefheid: niet (inkomen boven %(daeb)s en huur onder %(max_rent)s) en niet "
        "(inkomen tot en met %(limit)s en huur boven %(aftopping)s)."
    ),
    N_(
        "De cijfers voor %(year)s maken goedkope en dure scheefheid tegelijk mogelijk (de "
        "DAEB-inkomensgrens ligt niet boven de inkomensgrens voor huurtoeslag); controleer het "
        "parameterbestand."
    ),
    # a year whose figures are not known
    N_("Voor het jaar %(year)s zijn geen cijfers bekend; er zijn cijfers voor %(years)s."),
    N_(
        "Het cijfer 'basishuurformule huurtoeslag (normhuur a·Y² + b·Y, minimumbasishuur, "
        "taakstellingsbedrag)' voor %(year)s is niet bekend (er is geen bron voor), dus deze "
        "berekening kan niet worden gemaakt. Vóór 2026 hing de basishuur af van het inkomen; de "
        "parameters daarvan voor %(year2)s zijn niet met een bron bekend. De huurtoeslag is "
        "alleen te berekenen voor 2026 (de hervormde regels)."
    ),
    N_(
        "Het cijfer '%(label)s' voor %(year)s is niet bekend (er is geen bron voor), dus deze "
        "berekening kan niet worden gemaakt."
    ),
    # the worked example of extramuralisatie and its budget lines
    N_("Netto AOW %(aow)s; toetsingsinkomen 12 × %(gross)s."),
    N_(
        "Netto AOW %(aow)s + netto pensioen %(pension)s; toetsingsinkomen 12 × (%(gross)s + "
        "%(pension_gross)s)."
    ),
    N_(
        "Zelfstandig wonen in 2026 met huurtoeslag volgens de regels van 2026. De bedragen zijn "
        "niet te vergelijken met de kolommen van de tabel van de gemeente: welke situaties daar "
        "bedoeld zijn en met welke invoer is onbekend."
    ),
    N_(
        "De kolomkoppen (welke vijf situaties voor en na extramuralisatie) zijn in de bron "
        "verloren gegaan; 'Situatie 1' tot en met 'Situatie 5' zijn neutrale namen. De invoer "
        "achter de bedragen (inkomen, pensioen, zorgkosten, jaar) is onbekend en is niet "
        "aangevuld."
    ),
    N_("Op basis van huur %(rent)s per maand"),
    # input the rules refuse (the household size before the sentences about any label)
    N_("De huishoudgrootte moet een heel aantal personen zijn."),
    N_("De huishoudgrootte moet minstens 1 persoon zijn (ingevoerd: %(value)s)."),
    N_("De huishoudgrootte is onrealistisch groot (ingevoerd: %(value)s; hoogstens %(most)s)."),
    N_("Het jaar moet een heel getal zijn, bijvoorbeeld 2026."),
    N_("Het netto pensioen kan niet hoger zijn dan het bruto pensioen."),
    N_("Vul %(label)s in; dit gegeven is verplicht."),
    N_("%(label)s mag niet negatief zijn (ingevoerd: %(value)s)."),
    N_("%(label)s is onrealistisch groot (ingevoerd: %(value)s)."),
    N_("%(label)s moet een bedrag zijn, geen ja/nee-waarde."),
    N_("%(label)s is geen geldig bedrag: %(value)s (gebruik bijv. 550.25)."),
    N_("%(label)s moet een gewoon getal zijn."),
    N_("%(label)s mag hoogstens twee decimalen (centen) hebben (ingevoerd: %(value)s)."),
    N_("%(label)s moet ja of nee (True/False) zijn."),
    N_("Situatie %(n)s"),
)

#: Whole phrases the rules use as labels, or inside a sentence.
PHRASES = (
    N_("het jaar"),
    N_("de huishoudgrootte"),
    N_("het inkomen"),
    N_("het vermogen"),
    N_("het inkomen van de kinderen"),
    N_("de huur"),
    N_("Het inkomen"),
    N_("Het vermogen"),
    N_("Het inkomen van de kinderen"),
    N_("De huur"),
    N_("Het bruto pensioen"),
    N_("Het netto pensioen"),
    N_("De eigen bijdrage zorg"),
    N_("De overige vaste lasten"),
    N_("goedkoop"),
    N_("betaalbaar"),
    N_("duur"),
    N_("boven huurtoeslaggrens"),
    N_("eenpersoonshuishouden"),
    N_("meerpersoonshuishouden"),
    N_("eenpersoonshuishouden op AOW-leeftijd"),
    N_("meerpersoonshuishouden op AOW-leeftijd"),
    N_("1 of 2 personen"),
    N_("3 of meer personen"),
    N_("Netto inkomen"),
    N_("Kale huur"),
    N_("Servicekosten"),
    N_("Huurtoeslag"),
    N_("Eigen bijdrage zorg"),
    N_("Overige vaste lasten"),
    N_("Vrij te besteden budget"),
    N_("Alleenstaande, alleen AOW"),
    N_("Alleenstaande, AOW + pensioen"),
    N_("AOW alleenstaande, netto"),
    N_("AOW alleenstaande, bruto"),
    N_("Pensioen, bruto"),
    N_("Pensioen, netto"),
    N_("Vermogen"),
    N_("Toetsingsinkomen = 12 × bruto maandinkomen, zonder vakantietoeslag"),
    N_("euro per maand"),
    N_("euro"),
    N_("maanden"),
    N_("huur uit de tabel van de gemeente"),
    N_("SVB, AOW-bedragen januari 2026 (overgenomen van de SVB-website)"),
    N_("aanname: gekozen voor dit voorbeeld, geen bron"),
    N_("aanname: zonder vakantietoeslag, want daarvoor is geen bedrag met bron"),
    N_("Vrij te besteden budget ouderen voor en na extramuralisatie"),
    N_("Alleenstaande AOW"),
    N_("Alleenstaand AOW + pensioen"),
    N_(
        "Gemeente Maastricht, presentatie over de prestatieafspraken, thema Wonen en Zorg, "
        "Bestuursopdrachten 2016: 'Extramuralisatie resulteert in hogere kosten'."
    ),
)

_MONEY = re.compile(r"^(-|−)?€ ?(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d+))?$")
_PERCENT = re.compile(r"^(\d+)(?:,(\d+))?%$")
_PERSONS = re.compile(r"^(\d+) personen?$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    found = []
    for sentence in SENTENCES:
        regex = ""
        for i, part in enumerate(re.split(r"%\((\w+)\)s", sentence)):
            regex += re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
        found.append((re.compile(f"^{regex}$"), sentence))
    return tuple(found)


def _dutch() -> bool:
    return (get_language() or "nl").startswith("nl")


def _value(text: str, name: str = "") -> str:
    """One variable part of a sentence in the reader's language and notation.

    A plain number is a number the person entered (``value``, ``most``) only: years stay as
    they are written.
    """
    if name in ("value", "most") and _NUMBER.match(text):
        return localeformat.number(Decimal(text), 2)
    money = _MONEY.match(text)
    if money:
        sign, whole, fraction = money.groups()
        amount = Decimal(whole.replace(".", "") + ("." + fraction if fraction else ""))
        return localeformat.money(-amount if sign else amount, "always" if fraction else "auto")
    share = _PERCENT.match(text)
    if share:
        whole, fraction = share.groups()
        number = localeformat.number(Decimal(whole + ("." + fraction if fraction else "")), 3)
        return f"{number}%"
    persons = _PERSONS.match(text)
    if persons:
        n = int(persons.group(1))
        return ngettext("%(n)s persoon", "%(n)s personen", n) % {"n": n}
    if text in PHRASES or text in _figure_labels():
        return gettext(text)
    return text


@cache
def _figure_labels() -> frozenset[str]:
    """The labels of the yearly figures (named in a message about a figure with no source)."""
    return frozenset(known.label for known in KNOWN_FIGURES.values())


def shown(text: Any) -> str:
    """A rule's text in the reader's language (unchanged for a Dutch reader)."""
    text = str(text)
    if _dutch() or not text:
        return text
    if text in PHRASES:
        return gettext(text)
    for pattern, sentence in _patterns():
        found = pattern.match(text)
        if found:
            return gettext(sentence) % {k: _value(v, k) for k, v in found.groupdict().items()}
    return text
