"""iCalendar (RFC 5545) by hand: CRLF line ends, lines folded at 75 octets, text escaped."""

import datetime
from collections.abc import Iterable

from .models import Milestone

PRODID = "-//Woonafspraken//Prestatieafspraken//NL"


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split ``line`` into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def calendar(
    name: str, milestones: Iterable[Milestone], *, domain: str, stamp: datetime.datetime
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    dtstamp = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    for m in milestones:
        end = (m.ends_on or m.starts_on) + datetime.timedelta(days=1)  # DTEND is exclusive
        description = m.get_kind_display()
        if m.legal:
            description += f" (wettelijk: {m.basis})" if m.basis else " (wettelijk)"
        lines += [
            "BEGIN:VEVENT",
            f"UID:milestone-{m.pk}@{domain}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{_date(m.starts_on)}",
            f"DTEND;VALUE=DATE:{_date(end)}",
            f"SUMMARY:{escape(m.title)}",
            f"DESCRIPTION:{escape(description)}",
            f"CATEGORIES:{escape(m.kind)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
