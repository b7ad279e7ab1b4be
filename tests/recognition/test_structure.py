"""From blocks to themes, agreements, parties, kinds and norms."""

from decimal import Decimal

from woonafspraken.recognition import Paragraph, Party, PartyMatcher, Table, recognise

PARTIES = [
    Party("1", "Gemeente Maastricht", ("gemeente",)),
    Party("2", "Woonpunt"),
    Party("3", "Woningstichting Servatius"),
    Party("4", "Maasvallei"),
]


def H(text: str, level: int) -> Paragraph:
    return Paragraph(text, heading=level)


def P(text: str, numbered: bool = False) -> Paragraph:
    return Paragraph(text, numbered=numbered)


def test_parties_by_name_alias_and_name_without_kind() -> None:
    matcher = PartyMatcher(PARTIES)
    text = "De gemeente, Servatius en WOONPUNT spreken af; Maasvalleiweg telt niet."
    assert matcher.find(text) == ["1", "3", "2"]
    assert matcher.exact("Woningstichting Servatius") == "3"
    assert matcher.exact("servatius:") == "3"
    assert matcher.exact("Niemand") is None


def test_headings_become_themes_and_numbered_items_agreements() -> None:
    proposal = recognise(
        [
            H("Prestatieafspraken 2018", 0),
            H("Inleiding", 1),
            P("Deze afspraken gelden voor 2018 tot en met 2021."),
            H("1. Betaalbaarheid", 1),
            P("1. Woonpunt en Maasvallei houden minimaal 45 % van de woningen betaalbaar."),
            P("Dit geldt voor de hele stad."),
            P("2. De gemeente onderzoekt de woonlasten."),
            H("2. Duurzaamheid", 1),
            P("• Servatius brengt de woningen naar gemiddeld label B."),
            H("Ondertekening", 1),
            P("Datum: ________"),
        ],
        PARTIES,
        years=(2018, 2021),
    )
    assert proposal.title == "Prestatieafspraken 2018"
    assert [t.name for t in proposal.themes] == ["Betaalbaarheid", "Duurzaamheid"]
    first, second = proposal.themes[0].agreements
    assert (first.number, first.kind, first.parties) == ("1", "result", ["2", "4"])
    assert first.title == "Woonpunt en Maasvallei houden minimaal 45 % van de woningen betaalbaar"
    assert first.text.endswith("Dit geldt voor de hele stad.")
    (norm,) = first.norms
    assert (norm.kind, norm.value, norm.unit, norm.party) == (
        "min",
        Decimal(45),
        "percentage",
        None,
    )
    assert norm.source.startswith("Woonpunt en Maasvallei houden minimaal 45 %")
    assert (second.number, second.kind, second.norms) == ("2", "effort", [])
    (label,) = proposal.themes[1].agreements
    assert label.number == "2.1"
    assert [(n.kind, n.label, n.party) for n in label.norms] == [("label_at_least", "B", "3")]


def test_headings_under_a_theme_become_agreements_with_their_kind_and_lead() -> None:
    proposal = recognise(
        [
            H("Afspraken", 1),
            H("Beschikbaarstelling", 2),
            P("Trekker: Woonpunt · Projectleider Beschikbaarstelling (Woonpunt)"),
            H("5.2 Eigen inplaatsing maximaal 10%", 3),
            P("resultaatafspraak · trekker Woonpunt"),
            P("Corporaties plaatsen in 2018 zelf hoogstens een op de tien woningzoekenden."),
            H("5.3 Informeren", 3),
            P("De partijen spannen zich in om huurders te informeren."),
        ],
        PARTIES,
    )
    (theme,) = proposal.themes
    assert (theme.name, theme.lead, theme.project_leader) == (
        "Beschikbaarstelling",
        "2",
        "Projectleider Beschikbaarstelling (Woonpunt)",
    )
    first, second = theme.agreements
    assert (first.number, first.title, first.kind, first.lead) == (
        "5.2",
        "Eigen inplaatsing maximaal 10%",
        "result",
        "2",
    )
    assert [(n.kind, n.value, n.indicator) for n in first.norms] == [
        ("max", Decimal(10), "Eigen inplaatsing")
    ]
    assert (second.kind, second.number) == ("effort", "5.3")


def test_paragraphs_under_a_theme_without_items_are_agreements() -> None:
    proposal = recognise(
        [
            H("Wonen en zorg", 1),
            P("De gemeente en de corporaties bouwen in 2019 ten minste 300 woningen voor ouderen."),
            P("Partijen overleggen twee keer per jaar."),
        ],
        PARTIES,
        years=(2019, 2022),
    )
    first, second = proposal.themes[0].agreements
    (norm,) = first.norms
    assert (norm.kind, norm.value, norm.unit, norm.year, norm.party) == (
        "min",
        Decimal(300),
        "count",
        2019,
        "1",
    )
    assert second.norms == [] and second.kind == "effort"


def test_a_table_per_corporation() -> None:
    table = Table(
        (
            ("", "Woonpunt", "Servatius", "Maasvallei"),
            ("label na renovatie", "B", "A/B", "A/B"),
            ("nieuwbouw", "60", "476", "306"),
            ("renovatie", "600", "1.572", "330"),
            ("aantal sloop", "195", "377–497", "168"),
        )
    )
    proposal = recognise([H("Duurzaamheid", 1), P("Acties 2017–2021 (prognoses)"), table], PARTIES)
    (agreement,) = proposal.themes[0].agreements
    assert agreement.title == "Acties 2017–2021 (prognoses)"
    norms = [
        (n.indicator, n.party, n.kind, n.value, n.low, n.high, n.label) for n in agreement.norms
    ]
    assert len(norms) == 12
    assert ("label na renovatie", "2", "label_at_least", None, None, None, "B") in norms
    assert ("renovatie", "3", "exact", Decimal(1572), None, None, "") in norms
    assert ("aantal sloop", "3", "range", None, Decimal(377), Decimal(497), "") in norms
    assert agreement.kind == "result"
    assert agreement.parties == ["2", "3", "4"]


def test_a_table_per_party_and_year() -> None:
    table = Table(
        (
            ("Corporatie", "2018", "2019", "2020"),
            ("Woonpunt", "100", "120", "minimaal 140"),
            ("Maasvallei", "50", "—", "60"),
        )
    )
    proposal = recognise([H("Nieuwbouw", 1), P("1. Nieuwbouw sociale huur"), table], PARTIES)
    (agreement,) = proposal.themes[0].agreements
    norms = [(n.party, n.year, n.kind, n.value, n.indicator) for n in agreement.norms]
    assert norms == [
        ("2", 2018, "exact", Decimal(100), "Nieuwbouw sociale huur"),
        ("2", 2019, "exact", Decimal(120), "Nieuwbouw sociale huur"),
        ("2", 2020, "min", Decimal(140), "Nieuwbouw sociale huur"),
        ("4", 2018, "exact", Decimal(50), "Nieuwbouw sociale huur"),
        ("4", 2020, "exact", Decimal(60), "Nieuwbouw sociale huur"),
    ]
    assert all(n.source.startswith("Corporatie | 2018") for n in agreement.norms)


def test_the_table_woonafspraken_writes_and_no_double_norm_from_the_title() -> None:
    table = Table(
        (
            ("Indicator", "Partij", "Periode", "Norm", "Toelichting"),
            (
                "Aanbodmodel (aandeel van de verhuringen)",
                "gezamenlijk",
                "2017",
                "minimaal 45 %",
                "",
            ),
            ("Sloop (woningen)", "Servatius", "2017–2021", "377–497", "Prognose"),
            ("Renovatie (woningen)", "Woonpunt", "2017–2021", "12 (marge 1)", ""),
        )
    )
    proposal = recognise(
        [H("Beschikbaarstelling", 1), H("5.3 Aanbodmodel minimaal 45%", 2), table], PARTIES
    )
    (agreement,) = proposal.themes[0].agreements
    norms = [
        (n.indicator, n.party, n.year, n.kind, n.value, n.low, n.high, n.tolerance, n.note)
        for n in agreement.norms
    ]
    assert norms == [
        (
            "Aanbodmodel (aandeel van de verhuringen)",
            None,
            2017,
            "min",
            Decimal(45),
            None,
            None,
            0,
            "",
        ),
        ("Sloop (woningen)", "3", None, "range", None, Decimal(377), Decimal(497), 0, "Prognose"),
        ("Renovatie (woningen)", "2", None, "exact", Decimal(12), None, None, 1, ""),
    ]
    assert agreement.norms[0].unit == "percentage"


def test_known_indicators_are_proposed_by_name() -> None:
    proposal = recognise(
        [H("Beschikbaarstelling", 1), P("Het aanbodmodel haalt in 2017 minimaal 45 %.")],
        PARTIES,
        indicators=["Aanbodmodel (aandeel van de verhuringen)", "Sloop (woningen)"],
    )
    (norm,) = proposal.themes[0].agreements[0].norms
    assert (norm.indicator, norm.year) == ("Aanbodmodel (aandeel van de verhuringen)", 2017)


def test_no_headings_at_all_gives_one_theme() -> None:
    proposal = recognise([P("1. Eerste afspraak."), P("2. Tweede afspraak, maximaal 5 %.")])
    (theme,) = proposal.themes
    assert theme.name == "Afspraken"
    assert [a.number for a in theme.agreements] == ["1", "2"]
    assert proposal.agreement_count == 2 and proposal.norm_count == 1


def test_numbers_stay_unique_in_a_theme() -> None:
    proposal = recognise([H("Thema", 1), P("1. Een.", True), P("1. Twee.", True)])
    assert [a.number for a in proposal.themes[0].agreements] == ["1", "1-2"]
