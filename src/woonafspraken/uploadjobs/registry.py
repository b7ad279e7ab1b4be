"""What each kind of upload means: how to read it, show it and apply it.

An app registers a :class:`Handler` for its kind in its ``AppConfig.ready``; this package
never imports the apps, so they can use it without an import cycle.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from woonafspraken import uploads

from .models import UploadJob


@dataclass(frozen=True)
class Problem:
    """One reason a file is refused, with where it is (``None`` where it does not apply)."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    column_name: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "column_name": self.column_name,
            "message": self.message,
        }


class Rejected(Exception):
    """The file (or applying it) is refused with ``problems``; nothing was written."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        super().__init__("; ".join(p.message for p in problems[:3]))
        self.problems = problems
        self.total = total if total is not None else len(problems)


@dataclass
class Reading:
    """What a parse found: the ``preview`` to show and, if large, ``staged`` data to apply."""

    preview: dict[str, Any]
    staged: bytes = b""


class Handler:
    """The part of an upload that belongs to its app; override every method."""

    kind = ""
    #: the template that shows the preview (``job`` and ``preview`` in its context)
    preview_template = ""

    def title(self, job: UploadJob) -> str:
        return job.filename

    def may_use(self, user: Any, job: UploadJob) -> bool:
        """Whether ``user`` (the job's owner) may still see and confirm this job."""
        raise NotImplementedError

    def parse(self, job: UploadJob, data: bytes, watch: uploads.Watch) -> dict[str, Any] | Reading:
        """The preview of the file (JSON-safe), or :class:`Rejected`; writes nothing."""
        raise NotImplementedError

    def apply(self, actor: Any, job: UploadJob) -> str:
        """Write what the preview shows, all or nothing; returns what to tell the user."""
        raise NotImplementedError

    def back_url(self, job: UploadJob) -> str:
        """The page the upload came from."""
        raise NotImplementedError

    def can_apply(self, job: UploadJob) -> bool:
        """Whether the preview changes anything (a file without changes needs no confirm)."""
        return True


_handlers: dict[str, Handler] = {}


def register(handler: Handler) -> Handler:
    _handlers[handler.kind] = handler
    return handler


def handler_for(kind: str) -> Handler:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(_("Onbekende soort bestand.")) from None
