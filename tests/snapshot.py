"""Load the demo once per test process and copy its rows back for every later test.

The demo goes through the real services (audit chain included), which costs about a second.
Most tests need the same start, so the first test in a process loads it as a user would and
records the rows it added; later tests get exactly those rows back (same ids, same audit
hashes) in one insert per table. Only inside a test's transaction: a test that runs without
one (browser tests against a live server) loads the demo the slow way.
"""

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model

Rows = dict[type[Model], list[tuple[Any, ...]]]


class Recording:
    """The rows the loader added, and the rows it changed that were there before."""

    def __init__(self, before: Rows, after: Rows) -> None:
        self.fingerprint = _fingerprint(before)
        self.added: Rows = {}
        self.changed: Rows = {}
        for model, rows in after.items():
            previous = before.get(model, [])
            old = {repr(row) for row in previous}
            old_keys = {row[_pk_index(model)] for row in previous}
            self.added[model] = [r for r in rows if r[_pk_index(model)] not in old_keys]
            self.changed[model] = [
                r for r in rows if r[_pk_index(model)] in old_keys and repr(r) not in old
            ]


_recorded: dict[str, Recording] = {}


def _models() -> list[type[Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]


def _columns(model: type[Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _pk_index(model: type[Model]) -> int:
    return _columns(model).index(model._meta.pk.attname)


def _rows() -> Rows:
    return {
        model: list(
            model._base_manager.using("default").order_by("pk").values_list(*_columns(model))
        )
        for model in _models()
    }


def _apply(recording: Recording) -> None:
    for model, values in recording.added.items():
        if not values:
            continue
        columns = _columns(model)
        objects = [model(**dict(zip(columns, row, strict=True))) for row in values]
        model._base_manager.using("default").bulk_create(objects, batch_size=500)
    for model, values in recording.changed.items():
        columns = _columns(model)
        pk = model._meta.pk.attname
        for row in values:
            fields = dict(zip(columns, row, strict=True))
            model._base_manager.using("default").filter(pk=fields.pop(pk)).update(**fields)
    statements = connection.ops.sequence_reset_sql(no_style(), list(recording.added))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def load(name: str, loader: Callable[[], Any]) -> Any:
    """``loader()`` the first time in this process, a copy of what it did afterwards."""
    if not connection.in_atomic_block:
        return loader()
    before = _rows()
    recording = _recorded.get(name)
    if recording is not None and recording.fingerprint == _fingerprint(before):
        _apply(recording)
        return False
    with transaction.atomic():
        result = loader()
    _recorded[name] = Recording(before, _rows())
    return result


def _fingerprint(rows: Rows) -> tuple[Any, ...]:
    """What was in the database before: the copy fits only on the same start."""
    return tuple(sorted((m._meta.label, repr(r)) for m, r in rows.items() if r))
