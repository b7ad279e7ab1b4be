"""Exceptions of the rules package. Every message is plain Dutch, fit to show to a user."""

from __future__ import annotations


class RulesError(Exception):
    """Base class: a rule cannot give an answer. ``str(error)`` is the Dutch reason."""

    code = "rules_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownYear(RulesError):
    """There is no parameter file for the year."""

    code = "unknown_year"

    def __init__(self, year: int, known: tuple[int, ...]) -> None:
        self.year = year
        self.known = known
        years = ", ".join(str(y) for y in known)
        super().__init__(
            f"Voor het jaar {year} zijn geen cijfers bekend; er zijn cijfers voor {years}."
        )


class UnknownParameter(RulesError):
    """A figure the calculation needs is not known (with a source) for the year.

    The rules never guess a figure: the calculation is refused instead.
    """

    code = "unknown_parameter"

    def __init__(self, figure: str, label: str, year: int, detail: str = "") -> None:
        self.figure = figure
        self.label = label
        self.year = year
        message = (
            f"Het cijfer '{label}' voor {year} is niet bekend (er is geen bron voor), "
            "dus deze berekening kan niet worden gemaakt."
        )
        if detail:
            message = f"{message} {detail}"
        super().__init__(message)


class InvalidInput(RulesError):
    """An input value is missing, of the wrong kind or out of range."""

    code = "invalid_input"

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class ParameterFileError(RulesError):
    """A parameter file is malformed (a programming or data error, not a user error)."""

    code = "parameter_file_error"
