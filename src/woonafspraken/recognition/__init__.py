"""Recognising prestatieafspraken in last year's documents (pure: no Django).

A reader (:mod:`.reading`) turns a Word or PDF file into plain blocks — paragraphs with their
heading level or list numbering, and tables as rows of cell text. :func:`.structure.recognise`
turns those blocks into a *proposal*: themes from headings, agreements from numbered items and
paragraphs under a theme, the parties named in each, the kind (inspanning / resultaat) and the
norms found in running text and in tables, each with the text it came from. Nothing here
writes anything: the importing app shows the proposal for review and creates only what a
person accepts.
"""

from .model import (
    Block,
    Norm,
    Paragraph,
    Party,
    Proposal,
    ProposedAgreement,
    ProposedTheme,
    Table,
)
from .norms import find_norms, norm_of_cell
from .numbers import parse_number
from .parties import PartyMatcher
from .structure import recognise

__all__ = [
    "Block",
    "Norm",
    "Paragraph",
    "Party",
    "PartyMatcher",
    "Proposal",
    "ProposedAgreement",
    "ProposedTheme",
    "Table",
    "find_norms",
    "norm_of_cell",
    "parse_number",
    "recognise",
]
