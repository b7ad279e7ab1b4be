"""The cycle lists (home page, organisation page, API) show exactly the cycles that the cycle
page lets a person open: ``visible_cycles`` is ``can_view_cycle`` written as a query."""

from typing import Any

from django.contrib.auth.models import AnonymousUser

from woonafspraken.accounts import access
from woonafspraken.agreements import services as agreements
from woonafspraken.agreements.models import Cycle
from woonafspraken.agreements.selectors import visible_cycles

from .cast import Cast, new_cycle


def _people(cast: Cast) -> dict[str, Any]:
    people: dict[str, Any] = {"anonymous": AnonymousUser(), "root": cast.root}
    people["corporation staff"] = cast.corporation_staff
    for name, place in (("maastricht", cast.maastricht), ("heerlen", cast.heerlen)):
        people[f"{name} coordinator"] = place.coordinator
        people[f"{name} administrator"] = place.admin
        people[f"{name} project leader"] = place.leader
    return people


def test_the_lists_and_the_cycle_page_agree_for_everyone(cast: Cast) -> None:
    m, h = cast.maastricht, cast.heerlen
    cycles = [
        new_cycle(m, cast.corporation, title="Met de corporatie"),
        new_cycle(m, m.tenants, title="Zonder de corporatie"),
        new_cycle(h, h.tenants, title="Heerlen concept"),
        # A cycle of Maastricht whose municipal party is Heerlen (a regional agreement set up
        # by Maastricht): Maastricht's coordinator runs it without being one of its parties.
        agreements.create_cycle(
            m.coordinator,
            municipality=m.municipality,
            title="Regionaal",
            start_year=2020,
            end_year=2020,
            parties=[h.gemeente, cast.corporation],
        ),
    ]
    published = new_cycle(h, cast.corporation, title="Heerlen gepubliceerd")
    agreements.set_publication(h.coordinator, published, published=True)
    cycles.append(published)
    cycles = [Cycle.objects.get(pk=c.pk) for c in cycles]  # as stored, published or not

    seen_somewhere = 0
    for who, person in _people(cast).items():
        listed = set(visible_cycles(person).values_list("pk", flat=True))
        for cycle in cycles:
            may_open = access.can_view_cycle(person, cycle)
            assert (cycle.pk in listed) is may_open, (who, cycle.title)
            seen_somewhere += may_open
    # Not a sweep of "nobody sees anything": the published cycle is open to all 8 people.
    assert seen_somewhere > len(_people(cast))
    regional = cycles[3]
    assert regional.pk in set(visible_cycles(m.coordinator).values_list("pk", flat=True))
    assert not access.can_view_cycle(cast.maastricht.leader, regional)
