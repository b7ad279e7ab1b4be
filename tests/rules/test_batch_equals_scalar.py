"""The vectorised huurtoeslag gives exactly the scalar answer, row by row."""

from decimal import Decimal

import numpy as np
import pytest

from woonafspraken.rules import InvalidInput, UnknownParameter, huurtoeslag
from woonafspraken.rules.batch import euros_to_cents, huurtoeslag_batch

# Limits 2026 in cents, typed from RULES.md: basishuur 200.71 / 202.52, kwaliteitskortings-
# grens (= youth cap) 498.20, aftoppingsgrens 713.02 / 764.14, maximum rent 932.93.
RENT_LIMITS = np.array([20071, 20252, 49820, 71302, 76414, 93293])
INCOME_LIMITS = np.array([2342500, 3150000])  # ijkpunten 23,425 and 31,500
CHILDREN_EXEMPTION = 621800
ASSET_LIMIT = 3847900


def near(rng, limits, n):
    return rng.choice(limits, n) + rng.integers(-1, 2, n)  # a cent below, on, a cent above


def random_households(n, seed):
    rng = np.random.default_rng(seed)
    size = rng.integers(1, 7, n)
    pick = rng.random(n)
    rent = np.where(pick < 0.5, rng.integers(0, 120_001, n), near(rng, RENT_LIMITS, n))
    pick = rng.random(n)
    income = np.where(
        pick < 0.5,
        rng.integers(0, 7_000_001, n),
        np.where(
            pick < 0.8,
            near(rng, INCOME_LIMITS, n),
            near(rng, INCOME_LIMITS, n) + rng.integers(0, 2_000_000, n),
        ),
    )
    pick = rng.random(n)
    children = np.where(
        pick < 0.6,
        0,
        np.where(pick < 0.8, rng.integers(0, 2_000_001, n), near(rng, [CHILDREN_EXEMPTION], n)),
    )
    partner = (rng.random(n) < 0.5) & (size > 1)
    pick = rng.random(n)
    limit = np.where(partner, 2 * ASSET_LIMIT, ASSET_LIMIT)
    assets = np.where(
        pick < 0.5,
        0,
        np.where(pick < 0.75, rng.integers(0, 10_000_001, n), limit + rng.integers(-1, 2, n)),
    )
    youth = rng.random(n) < 0.15
    return size, rent, income, assets, partner, youth, children


def edge_households():
    rows = []
    for size in (1, 2, 3, 4):
        for partner in (False, True) if size > 1 else (False,):
            for youth in (False, True):
                for rent in [0, *(RENT_LIMITS - 1), *RENT_LIMITS, *(RENT_LIMITS + 1), 10**8]:
                    for income in [0, *(INCOME_LIMITS - 1), *INCOME_LIMITS, *(INCOME_LIMITS + 1)]:
                        rows.append((size, rent, income, 0, partner, youth, 0))
                asset_limit = ASSET_LIMIT * (2 if partner else 1)
                for assets in (asset_limit - 1, asset_limit, asset_limit + 1):
                    rows.append((size, 60000, 2000000, assets, partner, youth, 0))
                for children in (
                    CHILDREN_EXEMPTION - 1,
                    CHILDREN_EXEMPTION,
                    CHILDREN_EXEMPTION + 1,
                ):
                    rows.append((size, 80000, 3149999, 0, partner, youth, children))
    columns = list(zip(*rows, strict=True))
    return tuple(np.array(column) for column in columns)


def scalar(size, rent, income, assets, partner, youth, children):
    def euro(cents):
        return Decimal(int(cents)).scaleb(-2)

    return huurtoeslag(
        2026,
        int(size),
        euro(rent),
        euro(income),
        assets=euro(assets),
        partner=bool(partner),
        all_occupants_18_to_20=bool(youth),
        children_income=euro(children),
    )


def assert_batch_equals_scalar(columns):
    amount, eligible = huurtoeslag_batch(2026, *columns)
    assert amount.dtype == np.int64
    assert eligible.dtype == np.bool_
    for i, row in enumerate(zip(*columns, strict=True)):
        expected = scalar(*row)
        assert (int(amount[i]), bool(eligible[i])) == (expected.amount, expected.eligible), row


def test_batch_equals_scalar_on_10000_random_households():
    columns = random_households(10_000, seed=20260101)
    amount, _ = huurtoeslag_batch(2026, *columns)
    # the sample must exercise both outcomes, or the comparison proves little
    assert 0.2 < (amount > 0).mean() < 0.8
    assert_batch_equals_scalar(columns)


def test_batch_equals_scalar_exactly_on_every_limit():
    assert_batch_equals_scalar(edge_households())


def test_batch_gives_the_worked_examples():
    # 1 person 600.00 / 20,000 → 361; 2 persons 800.00 / 25,000 → 471;
    # 2 persons 503.60 / 31,990.91 → 291 (exact phase-out, see the worked examples)
    amount, eligible = huurtoeslag_batch(
        2026,
        np.array([1, 2, 2]),
        euros_to_cents(["600.00", "800.00", "503.60"]),
        euros_to_cents(["20000", "25000", "31990.91"]),
    )
    assert amount.tolist() == [361, 471, 291]
    assert eligible.tolist() == [True, True, True]


def test_batch_refuses_the_same_input_as_the_scalar_function():
    one = np.array([1])
    with pytest.raises(InvalidInput, match="centen"):
        huurtoeslag_batch(2026, one, np.array([600.0]), np.array([20000]))
    with pytest.raises(InvalidInput, match=r"rij 2"):
        huurtoeslag_batch(2026, np.array([1, 0]), np.array([1, 1]), np.array([1, 1]))
    with pytest.raises(InvalidInput, match="De huur moet 0 of meer zijn"):
        huurtoeslag_batch(2026, one, np.array([-1]), np.array([0]))
    with pytest.raises(InvalidInput, match="partner"):
        huurtoeslag_batch(2026, one, np.array([1]), np.array([1]), partner=np.array([True]))
    with pytest.raises(InvalidInput, match="waarden"):
        huurtoeslag_batch(2026, np.array([1, 2]), np.array([1]), np.array([1, 2]))
    with pytest.raises(InvalidInput, match="ja/nee"):
        huurtoeslag_batch(2026, one, np.array([1]), np.array([1]), partner=np.array([2]))
    with pytest.raises(UnknownParameter, match="alleen te berekenen voor 2026"):
        huurtoeslag_batch(2025, one, np.array([60000]), np.array([0]))


def test_flags_may_be_given_as_ones_and_zeros():
    # 2 persons with partner, 800.00, 25,000, assets 50,000 (≤ 76,958) → 471
    amount, _ = huurtoeslag_batch(
        2026,
        np.array([2]),
        np.array([80000]),
        np.array([2500000]),
        assets_cents=np.array([5000000]),
        partner=np.array([1]),
    )
    assert amount.tolist() == [471]


def test_euros_convert_to_cents_exactly_or_are_refused():
    assert euros_to_cents(["550.25", Decimal("1.5"), 3, " 7 "]).tolist() == [55025, 150, 300, 700]
    with pytest.raises(InvalidInput, match="twee decimalen"):
        euros_to_cents(["1.234"])
    with pytest.raises(InvalidInput, match="geen bedrag"):
        euros_to_cents([1.5])
    with pytest.raises(InvalidInput, match="geen geldig bedrag"):
        euros_to_cents(["twaalf"])
