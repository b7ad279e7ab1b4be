"""Analyses behind the agreements: pure functions on plain data, no Django.

Each module takes plain rows (dataclasses) and returns its own typed result; every result
also gives the common :class:`Result` (``.result()``) — a table and chart points — that the
pages, the documents and the API show. The names are the API's names.
"""

from woonafspraken.analysis._common import AnalysisError, Column, Point, Result, Table

NAMES: tuple[str, ...] = (
    "prognosis",
    "scheefwonen",
    "housing-costs",
    "cheapest-stock",
    "energy-labels",
    "new-build-affordability",
    "care-homes",
    "allocation",
)

__all__ = ["NAMES", "AnalysisError", "Column", "Point", "Result", "Table"]
