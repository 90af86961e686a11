"""Where a ``--measure`` run spends its time: wall and CPU seconds per kind of step.

A default run has a budget (6 minutes on 2 cores), so the report carries
these figures: a run that took too long says which steps took it, and the
cuts made to keep the budget were found with them. CPU seconds are this
process's and those of the programs it waited for (installers, loads, test
suites); a server is waited for only when it stops, so its CPU counts in the
step during which it was stopped. On 2 cores, CPU seconds above wall seconds
mean a step kept both busy.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


def cpu_seconds() -> float:
    """CPU spent so far by this process and by every child it has waited for."""
    spent = os.times()
    return spent.user + spent.system + spent.children_user + spent.children_system


@dataclass
class StepTimes:
    """The step under way, shown as it starts, and the seconds of every step before it.

    Calling it starts a step (and ends the one before): ``step`` is the kind
    timed together (``saturation load``), ``subject`` and ``detail`` only say,
    in the progress line, whom and what it is done to.
    """

    show: Callable[[str], None] = lambda text: None
    spent: dict[str, list[float]] = field(default_factory=dict)  # wall, CPU, count
    started: float = field(default_factory=time.monotonic)
    _current: tuple[str, float, float] | None = None

    def __call__(self, step: str, subject: str = "", detail: str = "") -> None:
        self.end()
        self._current = (step, time.monotonic(), cpu_seconds())
        self.show_only(step, subject, detail)

    def show_only(self, step: str, subject: str = "", detail: str = "") -> None:
        """Shows a step without timing it: one of several done at once, timed together."""
        shown = f"{subject}: {step}" if subject else step
        self.show(f"{shown} ({detail})" if detail else shown)

    def end(self) -> None:
        """The step under way ends here, its seconds added to its kind's."""
        if self._current is None:
            return
        step, wall, cpu = self._current
        totals = self.spent.setdefault(step, [0.0, 0.0, 0])
        totals[0] += time.monotonic() - wall
        totals[1] += cpu_seconds() - cpu
        totals[2] += 1
        self._current = None

    def as_json(self) -> dict[str, dict[str, float]]:
        """Each kind of step, the longest first: wall and CPU seconds, and how many there were.

        (The JSON report sorts its keys, so there they come by name.)
        """
        ordered = sorted(self.spent.items(), key=lambda item: -item[1][0])
        return {
            step: {"wall": round(wall, 1), "cpu": round(cpu, 1), "count": int(count)}
            for step, (wall, cpu, count) in ordered
        }

    def summary(self) -> list[str]:
        """One line per kind of step, the longest first, for the progress output."""
        return [
            f"{spent['wall']:7.1f} s wall {spent['cpu']:7.1f} s CPU  {spent['count']:3d}x  {step}"
            for step, spent in self.as_json().items()
        ]


class Say(Protocol):
    """Starts a step: its kind, whom it is done to, and what it is, for the progress line."""

    def __call__(self, step: str, subject: str = "", detail: str = "") -> None: ...
