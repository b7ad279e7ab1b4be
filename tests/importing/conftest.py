"""A cycle in preparation with the Maastricht parties, to import into."""

from typing import Any

import pytest

from woonafspraken.agreements import services as agreements
from woonafspraken.agreements.models import Cycle


@pytest.fixture
def draft(maastricht: Cycle, user: Any) -> Cycle:
    return agreements.create_cycle(
        user("gemeente-maastricht"),
        municipality=maastricht.municipality,
        title="Prestatieafspraken 2022",
        start_year=maastricht.start_year,
        end_year=maastricht.end_year,
        parties=list(maastricht.parties.all()),
    )
