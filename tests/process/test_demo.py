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
    page = client.get(f"/cycli/{cycle.pk}/proces/?deel=planning").content.decode()
    assert "Onderhandelingen (september en oktober 2019)" in page


def test_the_2019_demo_shows_a_bid_line_that_became_a_concept_agreement(
    maastricht: Any, user: Any, client: Any
) -> None:
    from woonafspraken.governance import demo as governance_demo
    from woonafspraken.governance.models import BidItem

    demo.load(user("beheer"))
    assert governance_demo.load_2019_bid(user("beheer")) is True
    assert governance_demo.load_2019_bid(user("beheer")) is False
    cycle = Cycle.objects.get(title="Prestatieafspraken 2019")
    item = BidItem.objects.get(bid__cycle=cycle)
    assert item.agreement is not None
    assert item.agreement.theme.cycle == cycle
    assert set(cycle.themes.values_list("name", flat=True)) == set(
        maastricht.themes.values_list("name", flat=True)
    )
    page = client.get(f"/biedingen/{item.bid_id}/").content.decode()
    client.force_login(user("gemeente-maastricht"))
    page = client.get(f"/biedingen/{item.bid_id}/").content.decode()
    assert "Werd afspraak" in page
    assert item.agreement.title in page
    detail = client.get(f"/afspraken/{item.agreement.pk}/").content.decode()
    assert "Komt uit het bod" in detail
