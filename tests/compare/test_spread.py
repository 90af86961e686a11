"""A figure taken in several runs: its summary, its JSON, and when a ratio of two is decided."""

import json

import pytest

from scaffold.compare.spread import Spread, ratio_range, side_of


def test_median_and_range_of_the_runs() -> None:
    figure = Spread.of([3, 1, 2])
    assert (figure.median, figure.low, figure.high) == (2.0, 1.0, 3.0)
    assert Spread.of([1, 4]).median == 2.5


def test_json_round_trip_keeps_every_run() -> None:
    figure = Spread.of([2786, 3112, 2950])
    written = json.loads(json.dumps(figure.to_json()))
    assert written == {
        "median": 2950.0,
        "min": 2786.0,
        "max": 3112.0,
        "runs": [2786.0, 3112.0, 2950.0],
    }
    assert Spread.from_json(written) == figure
    assert Spread.from_json(None) is None
    assert Spread.from_json(12) == Spread.of([12])


def test_no_runs_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one run"):
        Spread.of([])


def test_ratio_range_takes_the_extremes_of_both_figures() -> None:
    assert ratio_range(Spread.of([10, 20]), Spread.of([4, 5])) == (2.0, 5.0)


def test_a_threshold_inside_the_ratio_range_is_within_noise() -> None:
    # The two runs of "Flask serves requests faster": 2786 vs 2424, then 3112 vs 3254.
    flask, django = Spread.of([2786, 3112]), Spread.of([2424, 3254])
    assert side_of(flask, django, 1.05) is None
    assert side_of(Spread.of([3000, 3100]), Spread.of([2000, 2100]), 1.05) == "at or above"
    assert side_of(Spread.of([2000, 2100]), Spread.of([3000, 3100]), 1.05) == "below"
