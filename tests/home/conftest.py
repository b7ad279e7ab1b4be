from typing import Any

import pytest

from tests import snapshot
from woonafspraken import demo
from woonafspraken.agreements.models import Cycle


@pytest.fixture
def full_demo(db: Any) -> Cycle:
    """Everything ``make run`` shows: the 2017 cycle in evaluation, 2019 in its decision phase."""
    snapshot.load("full", demo.load)
    return Cycle.objects.get(title="Prestatieafspraken 2019")
