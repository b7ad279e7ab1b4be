"""Finding the cycle's parties in text, by name or alias."""

import re

from .model import Party

# Words that say what kind of organisation a name is; without them the name is still the party
# ("Woningstichting Servatius" is called "Servatius" in most documents).
_GENERIC = re.compile(
    r"^(?:gemeente|woningstichting|stichting|woningcorporatie|corporatie|woonstichting|"
    r"huurdersbelangenvereniging|huurdersvereniging|huurdersorganisatie|huurdersraad|"
    r"bewonersraad|vereniging|woningbouwvereniging)\s+",
    re.IGNORECASE,
)


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def aliases_of(party: Party) -> list[str]:
    """The names ``party`` goes by: its name, its given aliases, and its name without a kind."""
    names = [party.name, *party.aliases]
    short = _GENERIC.sub("", party.name).strip()
    if short != party.name and len(short) >= 4:
        names.append(short)
    seen: list[str] = []
    for name in names:
        if name.strip() and _normal(name) not in (_normal(s) for s in seen):
            seen.append(name.strip())
    return seen


class PartyMatcher:
    """Finds parties in text: whole words, any case, the longest name first."""

    def __init__(self, parties: list[Party] | tuple[Party, ...]) -> None:
        self.parties = list(parties)
        self._by_name: dict[str, str] = {}
        for party in self.parties:
            for name in aliases_of(party):
                self._by_name.setdefault(_normal(name), party.key)
        names = sorted(self._by_name, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)
            if names
            else None
        )

    def find(self, text: str) -> list[str]:
        """The keys of the parties named in ``text``, in order of first mention."""
        if self._pattern is None:
            return []
        keys: list[str] = []
        for m in self._pattern.finditer(text):
            key = self._by_name[_normal(m.group(1))]
            if key not in keys:
                keys.append(key)
        return keys

    def exact(self, text: str) -> str | None:
        """The party a table cell or a "trekker" line names as a whole, or ``None``."""
        cleaned = _normal(text.strip(" :·.,"))
        if cleaned in self._by_name:
            return self._by_name[cleaned]
        found = self.find(text)
        if len(found) == 1 and len(cleaned) <= 60:
            return found[0]
        return None
