"""A very small task runner: work is queued and runs after the transaction commits.

Stands in for ``django-tasks`` (DESIGN.md) until that is added; :func:`enqueue` has the same
shape, so moving to ``@task`` and ``.enqueue()`` later only changes this module.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction


def enqueue(func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    transaction.on_commit(lambda: func(*args, **kwargs))
