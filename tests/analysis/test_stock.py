from decimal import Decimal

from woonafspraken.analysis.stock import StockGroup, cheapest_stock, energy_labels


def test_cheapest_stock_falls_by_hand():
    rows = [
        StockGroup(2016, "W", 100, "cheap"),
        StockGroup(2016, "W", 300, "affordable_low"),
        StockGroup(2016, "", 500, None, tenure="owner"),
        StockGroup(2017, "W", 90, "cheap"),
        StockGroup(2017, "W", 320, "affordable_high"),
        StockGroup(2018, "W", 70, "cheap"),
        StockGroup(2018, "W", 340, "expensive"),
    ]
    result = cheapest_stock(rows)
    assert [
        (r.year, r.cheap, r.rented, r.share, r.change, r.change_since_first) for r in result.rows
    ] == [
        (2016, 100, 400, Decimal("25.0"), None, 0),
        (2017, 90, 410, Decimal("22.0"), -10, -10),
        (2018, 70, 410, Decimal("17.1"), -20, -30),
    ]
    assert "-30" in result.result().notes[0]


def test_energy_labels_pace_against_2028():
    rows = [
        StockGroup(2023, "Woonpunt", 800, label="B"),
        StockGroup(2023, "Woonpunt", 100, label="E"),
        StockGroup(2023, "Woonpunt", 50, label="F"),
        StockGroup(2023, "Woonpunt", 50, label="G"),
        StockGroup(2025, "Woonpunt", 880, label="A"),
        StockGroup(2025, "Woonpunt", 120, label="E"),
        StockGroup(2026, "Servatius", 60, label="G"),
        StockGroup(2029, "Maasvallei", 5, label="F"),
        StockGroup(2026, "Nul", 10, label="A"),
    ]
    by_owner = {r.owner: r for r in energy_labels(rows).rows}
    w = by_owner["Woonpunt"]
    # counted on 1 January 2025: 4 years left to 31 December 2028; 120 / 4 = 30 a year;
    # so far (200 − 120) / 2 = 40 a year
    assert (w.efg, w.years_left, w.pace_needed, w.pace_so_far, w.on_track) == (
        120,
        4,
        30,
        Decimal("40.0"),
        True,
    )
    s = by_owner["Servatius"]
    assert (s.years_left, s.pace_needed, s.pace_so_far, s.on_track) == (3, 20, None, None)
    m = by_owner["Maasvallei"]
    assert (m.years_left, m.pace_needed, m.on_track) == (0, None, False)
    assert by_owner["Nul"].on_track is True


def test_the_deadline_on_both_sides():
    assert energy_labels([StockGroup(2028, "X", 1, label="E")]).rows[0].pace_needed == 1
    assert energy_labels([StockGroup(2029, "X", 1, label="E")]).rows[0].pace_needed is None
    assert energy_labels([StockGroup(2029, "X", 1, label="D")]).rows[0].pace_needed == 0
