"""The demo additions: the 2019 cycle in its decision phase with the seed's calendar."""

import datetime
from typing import Any

from woonafspraken.agreements.models import Cycle
from woonafspraken.process import demo


def test_the_demo_adds_the_2019_cycle_with_the_seeds_calendar(
    maastricht: Any, user: Any, client: Any
) -> None:
    assert demo.load(user("beheer")) is True
    assert demo.load(user("beheer")) is False
    cycle = Cycle.objects.get(title="Prestatieafspraken 2019")
    assert cycle.phase == "decision"
    maastricht.refresh_from_db()
    assert maastricht.phase == "evaluation"
    kinds = {m.kind: (m.starts_on, m.ends_on) for m in cycle.milestones.all()}
    assert kinds["negotiation"] == (datetime.date(2019, 9, 1), datetime.date(2019, 10, 31))
    assert kinds["decision"] == (datetime.date(2019, 11, 1), datetime.date(2019, 11, 30))
    assert kinds["council_letter"][0].month == 12
    assert kinds["bids_due"] == (datetime.date(2019, 7, 1), None)
    assert kinds["dispute_possible"] == (datetime.date(2020, 3, 1), None)
    api = client.get(f"/api/v1/cycles/{cycle.pk}/milestones").json()
    assert len(api["results"]) == 6
    page = client.get(f"/cycli/{cycle.pk}/proces/").content.decode()
    assert "Onderhandelingen (september en oktober 2019)" in page
