"""Runs, interleaved: every subject's run 1, then every subject's run 2, and so on.

A subject is anything measured: a project, or a bare framework. Once each is
installed and its database seeded, one run takes every figure once: a timed
install into a fresh venv, an import, gunicorn started with ``workers`` sync
workers and each page loaded at saturation (wrk) and at a held rate (hey),
the workers' memory after that, then what only projects have (their own test
suite, a new project to its first 200). Runs go Flask, Django, Flask,
Django...: a machine that slows down for a while slows both frameworks, not
one, and every figure ends up as a ``Spread`` of its runs.
"""

from __future__ import annotations

import shutil
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scaffold.compare import loads
from scaffold.compare.first_run import FirstRun
from scaffold.compare.serving import Settings, get, rss_mib, serve_workers
from scaffold.compare.spread import Spread
from scaffold.compare.steps import dependencies_in, import_ms, install
from scaffold.compare.timing import Say

LATENCY = tuple(f"p{p}" for p in loads.PERCENTILES)


@dataclass
class Subject:
    """What one run of a subject needs; its readings are gathered run by run."""

    name: str
    framework: str | None
    root: Path  # the folder it is served from
    venv: Path  # the venv it is served from
    entry: str
    env: dict[str, str]  # the serving environment
    pages: tuple[str, ...]
    # What a timed install puts into a fresh venv, and the distributions not counted in it.
    install_targets: tuple[str, ...]
    own: frozenset[str]
    # From nothing to a first 200, whose install into a fresh venv is also the timed install
    # when it installs just what a timed install would (nothing added to serve).
    first_200: Callable[[Say], FirstRun] | None = None
    install_in_first_200: bool = False
    # Figures only some subjects have (their own test suite), one reading per call.
    extra: Callable[[Say], dict[str, float]] = lambda say: {}
    readings: dict[str, list[float | None]] = field(default_factory=dict)
    pages_readings: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    workers_readings: list[list[float]] = field(default_factory=list)
    installed: tuple[str, ...] = ()

    def keep(self, key: str, value: float | None) -> None:
        self.readings.setdefault(key, []).append(value)


def interleaved(subjects: list[Subject], runs: int) -> list[tuple[int, Subject]]:
    """The order runs are taken in: run 1 of every subject in turn, then run 2..."""
    return [(run, subject) for run in range(runs) for subject in subjects]


def alternating(subjects: list[Subject]) -> list[Subject]:
    """Flask, Django, Flask, Django...: subjects of one framework kept in their order."""
    flask = [s for s in subjects if s.framework == "flask"]
    django = [s for s in subjects if s.framework == "django"]
    others = [s for s in subjects if s.framework not in ("flask", "django")]
    paired: list[Subject] = []
    for index in range(max(len(flask), len(django))):
        paired += flask[index : index + 1] + django[index : index + 1]
    return paired + others


def probe_rates(subjects: list[Subject], settings: Settings, say: Say) -> dict[str, float]:
    """Each page's held rate: half of the slowest subject's saturation on a short probe.

    The probe is also each server's warm-up: its first requests compile
    templates and fill caches, which no measured run should pay.
    """
    probe = Settings(runs=1, seconds=1, workers=settings.workers)
    saturations: dict[str, list[float]] = {}
    for subject in subjects:
        say("warm-up and probe of each page", subject.name)
        with serve_workers(subject.name, subject.root, subject.venv, subject.entry, subject.env,
                           settings.workers) as (port, _):  # fmt: skip
            for page in subject.pages:
                get(port, page)
                rate = loads.requests_per_second(port, probe, page)
                saturations.setdefault(page, []).append(rate)
    return {page: loads.held_rate(rates) for page, rates in sorted(saturations.items())}


def one_run(
    subject: Subject, settings: Settings, rates: dict[str, float], said: Say, label: str
) -> None:
    """Every figure of ``subject`` once, kept in its readings; ``label`` heads the progress."""
    name = subject.name

    def say(step: str, subject: str = name, detail: str = "") -> None:
        said(step, f"{label}: {subject}", detail)

    first = None
    if subject.first_200 is not None:
        first = subject.first_200(say)
        subject.keep("first_200_seconds", first.seconds)
    if first is not None and subject.install_in_first_200:
        subject.keep("install_seconds", first.install_seconds)
        timed = first.venv
    else:
        timed = subject.venv.with_name(f"{subject.venv.name}-timed")
        shutil.rmtree(timed, ignore_errors=True)
        say("timed install")
        subject.keep("install_seconds", install(name, timed, subject.root, subject.env,
                                                 *subject.install_targets))  # fmt: skip
    say("count site-packages")
    names, size = dependencies_in(timed, set(subject.own))
    subject.installed = tuple(sorted(names))
    subject.keep("distributions", len(names))
    subject.keep("site_packages_mib", size / 2**20)
    say("import")
    subject.keep("import_ms", import_ms(name, subject.root, subject.venv, subject.entry,
                                        subject.env))  # fmt: skip
    say("start gunicorn")
    with serve_workers(name, subject.root, subject.venv, subject.entry, subject.env,
                       settings.workers) as (port, workers):  # fmt: skip
        subject.keep("rss_mib", _mean_rss(workers))
        for page in subject.pages:
            say("saturation load", detail=page)
            figures = subject.pages_readings.setdefault(page, {})
            rate = loads.requests_per_second(port, settings, page)
            figures.setdefault("requests_per_second", []).append(rate)
            say("held-rate load", detail=f"{page} at {rates[page]:g} requests/s")
            for key, ms in loads.latency_ms(port, page, rates[page], settings).items():
                figures.setdefault(key, []).append(ms)
        after = [rss_mib(pid) for pid in workers]
        readings = sorted(rss for rss in after if rss is not None)
        subject.keep("rss_mib_after_load", statistics.mean(readings) if readings else None)
        if readings:
            subject.workers_readings.append(readings)
        say("stop gunicorn")
    # The /healthz figure the claims have always read, now under the same load as every page.
    healthz = subject.pages_readings["/healthz"]["requests_per_second"][-1]
    subject.keep("requests_per_second", healthz)
    for key, value in subject.extra(say).items():
        subject.keep(key, value)


def _mean_rss(workers: list[int]) -> float | None:
    readings = [rss_mib(pid) for pid in workers]
    known = [rss for rss in readings if rss is not None]
    return statistics.mean(known) if known and len(known) == len(readings) else None


def spreads(subject: Subject) -> dict[str, Spread | None]:
    """Each figure as the spread of its runs; None when a run could not read it (not Linux)."""
    found: dict[str, Spread | None] = {}
    for key, values in subject.readings.items():
        known = [v for v in values if v is not None]
        found[key] = Spread.of(known) if known and len(known) == len(values) else None
    return found


def page_spreads(subject: Subject) -> dict[str, dict[str, Spread]]:
    return {
        page: {key: Spread.of(values) for key, values in figures.items()}
        for page, figures in subject.pages_readings.items()
    }


def worker_spreads(subject: Subject) -> tuple[Spread, ...]:
    """Worker by worker, from the lightest to the heaviest in each run."""
    runs = [r for r in subject.workers_readings if len(r) == len(subject.workers_readings[0])]
    if not runs:
        return ()
    return tuple(Spread.of(run[index] for run in runs) for index in range(len(runs[0])))
