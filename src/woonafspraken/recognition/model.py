"""The plain data the recogniser reads and writes."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of running text.

    ``heading`` is the heading level (0 for a document title, 1 for the top section level,
    deeper levels higher), ``None`` for body text. ``numbered`` marks an item of a numbered or
    bulleted list; ``number`` holds its visible number when the reader knows it.
    """

    text: str
    heading: int | None = None
    numbered: bool = False
    number: str = ""


@dataclass(frozen=True)
class Table:
    """A table as rows of cell text, the first row usually its header."""

    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Table


@dataclass(frozen=True)
class Party:
    """A party of the cycle: ``key`` identifies it to the caller (an id as text)."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class Norm:
    """A norm as the document states it, in the kinds of a target.

    ``kind`` is one of ``min``, ``max``, ``exact``, ``range``, ``label_at_least``; ``unit``
    one of ``percentage``, ``count``, ``euro``, ``energy_label``. ``party`` is a party key or
    ``None`` for the parties jointly; ``year`` ``None`` for the whole period.
    """

    kind: str
    unit: str
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    label: str = ""
    tolerance: Decimal = Decimal(0)
    indicator: str = ""
    party: str | None = None
    year: int | None = None
    note: str = ""
    source: str = ""

    def same_norm(self, other: "Norm") -> bool:
        """The same demand (kind and figures), whoever and whenever it is for."""
        return (self.kind, self.value, self.low, self.high, self.label) == (
            other.kind,
            other.value,
            other.low,
            other.high,
            other.label,
        )


@dataclass
class ProposedAgreement:
    number: str
    title: str
    text: str = ""
    kind: str = "effort"
    lead: str | None = None
    parties: list[str] = field(default_factory=list)
    norms: list[Norm] = field(default_factory=list)
    source: str = ""
    kind_stated: bool = False


@dataclass
class ProposedTheme:
    name: str
    lead: str | None = None
    project_leader: str = ""
    agreements: list[ProposedAgreement] = field(default_factory=list)
    source: str = ""


@dataclass
class Proposal:
    title: str = ""
    themes: list[ProposedTheme] = field(default_factory=list)

    @property
    def agreement_count(self) -> int:
        return sum(len(t.agreements) for t in self.themes)

    @property
    def norm_count(self) -> int:
        return sum(len(a.norms) for t in self.themes for a in t.agreements)
