from typing import Any

import pytest

from .cast import Cast, build


@pytest.fixture
def cast(db: Any) -> Cast:
    """Two municipalities built from nothing through the set-up services (see ``cast.py``)."""
    return build()
