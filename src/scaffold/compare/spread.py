"""A measured figure as several runs give it: the median, and the range the runs span.

One run's median is not a finding when noise can move it across a rule's
threshold. Every figure ``--measure`` takes is therefore a ``Spread`` of the
runs, written to every format as its median with the lowest and highest run,
and a rule compares two spreads through ``ratio_range``: the ratio of two
figures is decided only when its whole range lies on one side of the
threshold (``side_of``); otherwise the comparison is within noise.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Spread:
    """The runs of one figure; ``median``, ``low`` and ``high`` summarise them."""

    runs: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.runs:
            raise ValueError("a spread needs at least one run")

    @classmethod
    def of(cls, runs: Iterable[float]) -> Spread:
        return cls(tuple(float(run) for run in runs))

    @property
    def median(self) -> float:
        return float(statistics.median(self.runs))

    @property
    def low(self) -> float:
        return min(self.runs)

    @property
    def high(self) -> float:
        return max(self.runs)

    def to_json(self) -> dict[str, Any]:
        """The JSON form: ``{"median", "min", "max", "runs"}``."""
        return {
            "median": self.median,
            "min": self.low,
            "max": self.high,
            "runs": list(self.runs),
        }

    @classmethod
    def from_json(cls, value: Any) -> Spread | None:
        """A spread from its JSON form; a bare number is one run; None stays None."""
        if value is None:
            return None
        if isinstance(value, (int, float)):
            return cls((float(value),))
        return cls.of(value["runs"])


def ratio_range(numerator: Spread, denominator: Spread) -> tuple[float, float]:
    """The lowest and highest ``numerator / denominator`` any pair of runs could give."""
    if denominator.low <= 0:
        raise ValueError("a ratio needs a denominator above zero in every run")
    return numerator.low / denominator.high, numerator.high / denominator.low


def side_of(numerator: Spread, denominator: Spread, threshold: float) -> str | None:
    """``"at or above"`` or ``"below"`` when the whole ratio range is on that side, else None.

    None is "within noise": some runs put the ratio on one side of the
    threshold and some on the other, so no verdict should rest on it.
    """
    lowest, highest = ratio_range(numerator, denominator)
    if lowest >= threshold:
        return "at or above"
    if highest < threshold:
        return "below"
    return None
