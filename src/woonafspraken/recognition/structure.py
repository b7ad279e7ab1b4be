"""From blocks to a proposal: themes, agreements, parties, kind and norms.

The rules, in the order a reader of last year's document applies them:

* The document's title is a heading of level 0, or the first heading when its level is the
  highest and occurs only once. The next heading level holds the themes; one level deeper
  holds the agreements. Sections about the parties, the signatures, the contents or the
  introduction are not themes.
* Under a theme without agreement headings, every numbered or bulleted item is an agreement
  (plain paragraphs after it continue it); under a theme with neither, every paragraph is one.
* "Trekker: X · Y" under a theme names its lead and project leader; "Resultaatafspraak ·
  trekker X" under an agreement its kind and lead (as Woonafspraken writes them).
* Norms come from tables (per party, per year, or as Woonafspraken lists them) and from
  sentences; a sentence norm that a table of the same agreement repeats is dropped.
* An agreement is a result agreement when it says so, or when it has a norm and does not say
  it is an effort agreement.
"""

import re
from collections.abc import Iterable, Sequence

from .model import Block, Norm, Paragraph, Party, Proposal, ProposedAgreement, ProposedTheme, Table
from .norms import find_all, norm_of_cell
from .parties import PartyMatcher

_SKIPPED = re.compile(
    r"^(?:partijen|parties|ondertekening|signatures?|ondertekenaars|handtekeningen|inhoud|"
    r"inhoudsopgave|contents|inleiding|introduction|aanleiding|leeswijzer|begrippen(?:lijst)?|"
    r"definities|bijlagen?\b.*|annex.*)$",
    re.IGNORECASE,
)
_HEADING_NUMBER = re.compile(
    r"^\s*(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+(?P<rest>[^%\s].*)$", re.S
)
_ITEM_NUMBER = re.compile(
    r"^\s*(?:(?P<n>\d{1,2}(?:\.\d{1,2}){1,3}|\d{1,2}[.)]|[a-z][.)])\s+)(?P<rest>[^%\s].*)$",
    re.S,
)
_BULLET = re.compile(r"^\s*[•●▪◦■□‣∙*\-–]\s+(?P<rest>\S.*)$", re.S)
_LEAD = re.compile(
    r"^\s*(?:trekker|lead)\s*:\s*(?P<lead>[^·]*?)\s*(?:·\s*(?P<leader>.*?))?\s*$", re.I
)
_KIND_LINE = re.compile(
    r"^\s*(?P<kind>inspanningsafspraak|resultaatafspraak|effort agreement|result agreement)\s*"
    r"(?:·\s*(?:trekker|lead)\s+(?P<lead>.+?))?\s*$",
    re.IGNORECASE,
)
_EFFORT_WORDS = re.compile(
    r"inspanningsafspraak|inspanningsverplichting|spann\w*\s+zich\s+in|zich\s+in(?:te)?spann",
    re.I,
)
_RESULT_WORDS = re.compile(r"resultaatafspraak|resultaatverplichting", re.I)
_SENTENCES = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\u00c0-\u00dd•])|\n+")
_YEAR = re.compile(r"(?<![\d.,])(19\d\d|20\d\d)(?![\d])")
_PERIOD = re.compile(
    r"(?:19|20)\d\d\s*(?:[-\u2010-\u2015\u2212]|t/m|tot(?: en met)?)\s*(?:19|20)\d\d"
)
_JOINTLY = {"", "gezamenlijk", "jointly", "allen", "alle partijen", "partijen", "—", "-"}
_TITLE_LIMIT = 160
DEFAULT_THEME = "Afspraken"


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _split_number(text: str, pattern: re.Pattern[str]) -> tuple[str, str]:
    m = pattern.match(text)
    if not m:
        return "", text.strip()
    number = (m.group("n") or "").rstrip(".)")
    return number, m.group("rest").strip()


def _title_of(text: str) -> str:
    """The first sentence of ``text``, cut at a word boundary when it is long."""
    first = _SENTENCES.split(text, maxsplit=1)[0].strip()
    if len(first) <= _TITLE_LIMIT:
        return first.rstrip(".")
    cut = first[:_TITLE_LIMIT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


class _Reader:
    def __init__(
        self,
        parties: Sequence[Party],
        years: tuple[int, int] | None,
        indicators: Iterable[str],
    ) -> None:
        self.matcher = PartyMatcher(list(parties))
        self.years = years
        self.indicators = sorted(indicators, key=len, reverse=True)

    # --- norms --------------------------------------------------------------------------

    def _year(self, text: str) -> int | None:
        if _PERIOD.search(text):
            return None
        found = {int(y) for y in _YEAR.findall(text)}
        if len(found) != 1:
            return None
        year = found.pop()
        if self.years and not (self.years[0] <= year <= self.years[1]):
            return None
        return year

    def _known_indicator(self, text: str) -> str:
        lowered = text.casefold()
        for name in self.indicators:
            core = name.split(" (")[0].strip().casefold()
            if core and core in lowered:
                return name
        return ""

    def _indicator(self, sentence: str, start: int, fallback: str) -> str:
        known = self._known_indicator(sentence)
        if known:
            return known
        before = re.split(r"[,;:(]", sentence[:start])[-1]
        _, before = _split_number(before, _HEADING_NUMBER)
        words = before.split()
        if 1 <= len(words) <= 6 and not self.matcher.find(before):
            phrase = " ".join(words)
            return phrase[0].upper() + phrase[1:]
        return fallback[:200]

    def text_norms(self, agreement: ProposedAgreement) -> list[Norm]:
        norms = []
        parts = [agreement.title, agreement.text]
        if agreement.text.startswith(agreement.title.removesuffix(" …")):
            parts = [agreement.text]  # the title is the text's first sentence
        for part in parts:
            for sentence in _SENTENCES.split(part):
                sentence = sentence.strip()
                for found in find_all(sentence):
                    norm = found.norm
                    norm.indicator = self._indicator(sentence, found.start, agreement.title)
                    named = self.matcher.find(sentence)
                    norm.party = named[0] if len(named) == 1 else None
                    norm.year = self._year(sentence)
                    norm.source = sentence
                    norms.append(norm)
        return norms

    def _party_cell(self, text: str) -> tuple[bool, str | None]:
        """Whether ``text`` names the parties (one, or jointly), and which one."""
        cleaned = _clean(text).casefold()
        if cleaned in _JOINTLY:
            return True, None
        key = self.matcher.exact(text)
        return key is not None, key

    def _cell_year(self, text: str) -> int | None:
        m = re.fullmatch(r"\s*((?:19|20)\d\d)\s*", text)
        return int(m.group(1)) if m else None

    def table_norms(self, table: Table, context: str) -> list[Norm]:
        rows = [tuple(_clean(c) for c in r) for r in table.rows]
        rows = [r for r in rows if any(r)]
        if len(rows) < 2:
            return []
        header = [c.casefold() for c in rows[0]]
        norms: list[Norm] = []

        def add(
            cell: str,
            indicator: str,
            party: str | None,
            year: int | None,
            row: tuple[str, ...],
            note: str = "",
        ) -> None:
            label_row = "label" in indicator.casefold()
            norm = norm_of_cell(cell, label_row=label_row)
            if norm is None:
                return
            norm.indicator = (indicator or context)[:200]
            if norm.unit == "count" and re.search(
                r"%|aandeel|percentage|procent", norm.indicator, re.I
            ):
                norm.unit = "percentage"
            norm.party, norm.year, norm.note = party, year, note
            norm.source = " | ".join(rows[0]) + "\n" + " | ".join(row)
            norms.append(norm)

        # 1. As Woonafspraken writes them: Indicator | Partij | Periode | Norm | Toelichting.
        names = {
            "indicator": ("indicator",),
            "party": ("partij", "party"),
            "period": ("periode", "period", "jaar", "year"),
            "norm": ("norm",),
            "note": ("toelichting", "note", "explanation", "opmerking"),
        }
        columns = {
            key: next((i for i, h in enumerate(header) if h in words), None)
            for key, words in names.items()
        }
        if columns["indicator"] is not None and columns["norm"] is not None:
            for row in rows[1:]:

                def cell(key: str, row: tuple[str, ...] = row) -> str:
                    i = columns[key]
                    return row[i] if i is not None and i < len(row) else ""

                _, party = self._party_cell(cell("party"))
                add(
                    cell("norm"),
                    cell("indicator"),
                    party,
                    self._cell_year(cell("period")),
                    row,
                    cell("note"),
                )
            return norms

        # 2. One column per party, one row per indicator (or per year).
        party_columns: dict[int, str] = {}
        for i, c in enumerate(rows[0]):
            column_key = self._party_cell(c)[1] if i > 0 and c else None
            if column_key:
                party_columns[i] = column_key
        if party_columns and len(party_columns) * 2 >= len([c for c in rows[0][1:] if c]):
            for row in rows[1:]:
                year = self._cell_year(row[0])
                indicator = context if year else row[0]
                for i, column_party in party_columns.items():
                    if i < len(row):
                        add(row[i], indicator, column_party, year, row)
            return norms

        # 3. One row per party, a column per year or per indicator.
        party_rows = [self._party_cell(r[0]) for r in rows[1:]]
        if sum(1 for ok, key in party_rows if ok and key) * 2 >= len(rows) - 1:
            for row, (_, row_party) in zip(rows[1:], party_rows, strict=True):
                for i, head in enumerate(rows[0]):
                    if i == 0 or i >= len(row):
                        continue
                    year = self._cell_year(head)
                    add(row[i], context if year else head, row_party, year, row)
            return norms

        # 4. One column per year, one row per indicator, for the parties jointly.
        year_columns = {i: self._cell_year(c) for i, c in enumerate(rows[0]) if i > 0}
        if any(year_columns.values()):
            for row in rows[1:]:
                for i, year in year_columns.items():
                    if year and i < len(row):
                        add(row[i], row[0] or context, None, year, row)
            return norms

        # 5. Any other table: only norms that state their direction, the first cell naming them.
        for row in rows:
            for i, c in enumerate(row):
                if i == 0 or not find_all(c):
                    continue
                _, named = self._party_cell(row[0])
                add(c, context if named else row[0], named, self._year(" ".join(row)), row)
        return norms

    # --- structure ----------------------------------------------------------------------

    def read(self, blocks: Sequence[Block]) -> Proposal:
        blocks = [b for b in blocks if not isinstance(b, Paragraph) or _clean(b.text)]
        proposal = Proposal()
        levels = [b.heading for b in blocks if isinstance(b, Paragraph) and b.heading is not None]
        start = 0
        if levels:
            first = next(
                i
                for i, b in enumerate(blocks)
                if isinstance(b, Paragraph) and b.heading is not None
            )
            head = blocks[first]
            assert isinstance(head, Paragraph) and head.heading is not None
            if head.heading == 0 or (
                head.heading == min(levels) and levels.count(head.heading) == 1
            ):
                proposal.title = _clean(head.text)
                levels.remove(head.heading)
                start = first + 1
        theme_level = min(levels) if levels else None
        sections: list[tuple[Paragraph | None, list[Block]]] = []
        if theme_level is None:
            sections.append((None, list(blocks[start:])))
        else:
            for block in blocks[start:]:
                if (
                    isinstance(block, Paragraph)
                    and block.heading is not None
                    and block.heading <= theme_level
                ):
                    sections.append((block, []))
                elif sections:
                    sections[-1][1].append(block)
        for heading, content in sections:
            name = DEFAULT_THEME
            if heading is not None:
                _, name = _split_number(_clean(heading.text), _HEADING_NUMBER)
                if _SKIPPED.match(name.rstrip(":")):
                    continue
            theme = ProposedTheme(name=name[:120], source=_clean(heading.text) if heading else "")
            self._section(theme, content, theme_level)
            if theme.agreements:
                proposal.themes.append(theme)
        for index, theme in enumerate(proposal.themes, start=1):
            self._finish(theme, index)
        return proposal

    def _section(self, theme: ProposedTheme, content: list[Block], theme_level: int | None) -> None:
        agreement_level = None if theme_level is None else theme_level + 1
        by_heading = any(
            isinstance(b, Paragraph) and b.heading is not None and b.heading == agreement_level
            for b in content
        )
        by_items = not by_heading and any(
            isinstance(b, Paragraph)
            and b.heading is None
            and (b.numbered or _ITEM_NUMBER.match(b.text) or _BULLET.match(b.text))
            for b in content
        )
        current: ProposedAgreement | None = None
        caption = ""
        tables: dict[int, list[Norm]] = {}

        def new(number: str, text: str, source: str) -> ProposedAgreement:
            agreement = ProposedAgreement(
                number=number[:20], title=_title_of(text)[:300], source=source
            )
            rest = text.strip()
            if rest != agreement.title and rest.rstrip(".") != agreement.title:
                agreement.text = rest
            theme.agreements.append(agreement)
            return agreement

        for block in content:
            if isinstance(block, Table):
                if current is None:
                    current = new("", caption or theme.name, caption or theme.name)
                    caption = ""
                norms = self.table_norms(block, current.title)
                tables.setdefault(id(current), []).extend(norms)
                current.norms.extend(norms)
                for row in block.rows:
                    for key in self.matcher.find(" ".join(row)):
                        if key not in current.parties:
                            current.parties.append(key)
                continue
            text = _clean(block.text)
            if block.heading is not None:
                if block.heading == agreement_level:
                    number, title = _split_number(text, _HEADING_NUMBER)
                    current = new(number, title, text)
                elif current is not None:
                    current.text = (current.text + "\n" + text).strip()
                continue
            lead = _LEAD.match(text)
            if lead:
                lead_key = self.matcher.exact(lead.group("lead"))
                if current is None:
                    theme.lead = lead_key
                    theme.project_leader = (lead.group("leader") or "").strip()[:200]
                    continue
                if lead_key:
                    current.lead = lead_key
                    continue
            kind = _KIND_LINE.match(text)
            if kind and current is not None and not current.text:
                current.kind = (
                    "effort" if kind.group("kind").lower().startswith(("insp", "eff")) else "result"
                )
                current.kind_stated = True
                if kind.group("lead"):
                    current.lead = self.matcher.exact(kind.group("lead"))
                continue
            if by_heading:
                if current is None:
                    caption = text
                else:
                    current.text = (current.text + "\n" + text).strip()
                continue
            item = _ITEM_NUMBER.match(text) or _BULLET.match(text)
            if by_items and (block.numbered or item):
                number, rest = (block.number.rstrip(".)"), text) if block.numbered else ("", text)
                if item:
                    number = number or (item.groupdict().get("n") or "").rstrip(".)")
                    rest = item.group("rest").strip()
                current = new(number, rest, text)
            elif by_items and current is not None:
                current.text = (current.text + "\n" + text).strip()
            elif by_items and not find_all(text):
                caption = text
            else:
                current = new("", text, text)
        for agreement in theme.agreements:
            from_tables = tables.get(id(agreement), [])
            for norm in self.text_norms(agreement):
                if not any(norm.same_norm(t) for t in from_tables):
                    agreement.norms.append(norm)

    def _finish(self, theme: ProposedTheme, index: int) -> None:
        used: set[str] = set()
        for n, agreement in enumerate(theme.agreements, start=1):
            number = agreement.number or f"{index}.{n}"
            while number in used:
                number = f"{number}-{n}"
            agreement.number = number[:20]
            used.add(agreement.number)
            for key in self.matcher.find(agreement.title + "\n" + agreement.text):
                if key not in agreement.parties:
                    agreement.parties.append(key)
            if agreement.lead and agreement.lead not in agreement.parties:
                agreement.parties.insert(0, agreement.lead)
            if not agreement.kind_stated:
                words = agreement.title + " " + agreement.text
                if _EFFORT_WORDS.search(words):
                    agreement.kind = "effort"
                elif _RESULT_WORDS.search(words) or agreement.norms:
                    agreement.kind = "result"


def recognise(
    blocks: Sequence[Block],
    parties: Sequence[Party] = (),
    *,
    years: tuple[int, int] | None = None,
    indicators: Iterable[str] = (),
) -> Proposal:
    """Propose themes, agreements and norms for ``blocks``.

    ``parties`` are the cycle's parties (with aliases), ``years`` its first and last year (a
    year outside them is not taken as a target year), ``indicators`` the names of indicators
    that already exist, so that a norm about one of them is proposed for it.
    """
    return _Reader(parties, years, indicators).read(blocks)
