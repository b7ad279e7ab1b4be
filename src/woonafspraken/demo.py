"""The whole Maastricht demo: every app's part, in order. Idempotent."""

from django.contrib.auth import get_user_model
from django.db import transaction

from woonafspraken.affordability import services as affordability_services
from woonafspraken.agreements import demo as agreements_demo
from woonafspraken.agreements.models import Cycle
from woonafspraken.governance import demo as governance_demo
from woonafspraken.housing import demo as housing_demo
from woonafspraken.process import demo as process_demo


@transaction.atomic
def load_core() -> bool:
    """The 2017 agreements with their evaluation, and the governance bodies and policy.

    The 2017 cycle stays editable here (no phase history), which is what most tests need.
    """
    created = agreements_demo.load()
    admin = get_user_model().objects.get(username="beheer")
    governance_demo.load(admin)
    cycle = Cycle.objects.get(title=agreements_demo.CYCLE_TITLE)
    affordability_services.load_demo(admin, cycle)
    return created


@transaction.atomic
def load() -> bool:
    """Everything ``make run`` shows: the core, the 2019 cycle in its decision phase with the
    seed's calendar, and the 2017 cycle moved on to its evaluation phase."""
    created = load_core()
    admin = get_user_model().objects.get(username="beheer")
    housing_demo.load(admin, Cycle.objects.get(title=agreements_demo.CYCLE_TITLE))
    process_demo.load(admin)
    governance_demo.load_2019_bid(admin)
    return created
