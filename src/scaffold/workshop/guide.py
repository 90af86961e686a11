"""The lesson plan, ``GUIDE.md``, and each project's ``exercises/README.md``.

Both are Jinja templates in ``material/``, filled with what the built projects
hold, read back from their git repositories: the rungs and what each one
adds, the files of django-full's feature map, and what each solution changes.
So the figures the guide quotes are the ones the class will see.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement

from scaffold import __version__, git, ladder, registry
from scaffold.workshop import exercises
from scaffold.workshop.wheelhouse import install_line

GUIDE = "GUIDE.md"


LESSON_MINUTES = 90
TITLES = (
    "One blog, two frameworks",
    "Climbing the Flask ladder",
    "The compare report",
    "Exercises",
    "Wrap-up",
)
# Minutes of the first three parts; the exercises take what exercises.toml says
# (those marked if_time_allows aside), the wrap-up what is left.
OPENING_MINUTES = (10, 20, 5)


@dataclass(frozen=True)
class Part:
    number: int
    title: str
    start_minute: int
    minutes: int

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def anchor(self) -> str:
        """The id GitHub and most Markdown viewers give the heading."""
        return re.sub(r"[^a-z0-9 -]", "", self.heading.lower()).replace(" ", "-")

    @property
    def start(self) -> str:
        return clock(self.start_minute)

    @property
    def timing(self) -> str:
        return f"{self.start}, {self.minutes} minutes"


def clock(minute: int) -> str:
    hours, minutes = divmod(minute, 60)
    return f"{hours}:{minutes:02d}"


def plan() -> list[Part]:
    """The lesson's parts with their start times."""
    planned = [exercise for exercise in exercises.exercises() if not exercise.if_time_allows]
    minutes = [*OPENING_MINUTES, sum(exercise.minutes for exercise in planned)]
    minutes.append(LESSON_MINUTES - sum(minutes))
    starts = [sum(minutes[:index]) for index in range(len(minutes))]
    return [
        Part(number, title, start, length)
        for number, (title, start, length) in enumerate(
            zip(TITLES, starts, minutes, strict=True), 1
        )
    ]


@dataclass(frozen=True)
class Folders:
    """The classroom's parts, as names relative to its top folder."""

    flask: str = "flask-app"
    django: str = "django-app"
    report: str = "compare.html"
    wheelhouse: str | None = None


@dataclass(frozen=True)
class RungView:
    name: str
    tag: str
    below: str | None  # the tag of the rung below
    diffstat: str  # what `git diff below tag --shortstat` says
    dependencies: tuple[str, ...]  # runtime dependencies the rung adds
    django_paths: tuple[str, ...]  # where django-full has the same feature
    django_summary: str


def write_guide(root: Path, folders: Folders, names: dict[str, str]) -> Path:
    """Write ``GUIDE.md`` at the top of the classroom ``root``; return its path."""
    flask, django = root / folders.flask, root / folders.django
    context = {
        **names,
        "version": __version__,
        "folders": folders,
        "branch": current_branch(flask),
        "start_tag": exercises.START_TAG,
        "rungs": _rungs(flask, names),
        "plan": plan(),
        "end": clock(LESSON_MINUTES),
        "exercises": exercises.exercises(),
        "steps": _steps(names),
        "solution_stats": {
            exercise.name: (_diffstat(flask, exercise), _diffstat(django, exercise))
            for exercise in exercises.exercises()
        },
        "install": _install_lines(folders),
    }
    path = root / GUIDE
    path.write_text(_render("guide.md.jinja", context), encoding="utf-8")
    return path


def exercises_readme(framework: str, names: dict[str, str]) -> str:
    """The exercises/README.md of one project."""
    context = {
        **names,
        "framework": framework,
        "start_tag": exercises.START_TAG,
        "exercises": exercises.exercises(),
        "steps": _steps(names),
    }
    return _render("exercises-readme.md.jinja", context)


def _render(name: str, context: dict[str, Any]) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(exercises.MATERIAL),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML
    )
    return environment.get_template(name).render(context)


def _steps(names: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    return {
        exercise.name: {
            framework: [exercises.fill(step, names) for step in steps]
            for framework, steps in exercise.steps.items()
        }
        for exercise in exercises.exercises()
    }


def current_branch(project: Path) -> str:
    return git.run("symbolic-ref", "--short", "HEAD", cwd=project).stdout.strip()


def _rungs(flask: Path, names: dict[str, str]) -> list[RungView]:
    twin = registry.get(ladder.TWIN_TEMPLATE).metadata.get("features", {})
    views, below = [], None
    for rung in ladder.rungs():
        features = [twin[name] for name in rung.features if name in twin]
        views.append(
            RungView(
                name=rung.name,
                tag=rung.tag,
                below=below,
                diffstat=_shortstat(flask, below, rung.tag) if below else "",
                dependencies=tuple(_added_dependencies(flask, below, rung.tag)),
                django_paths=tuple(
                    exercises.fill(path, names) for feature in features for path in _paths(feature)
                ),
                django_summary="; ".join(feature["summary"] for feature in features),
            )
        )
        below = rung.tag
    return views


def _paths(feature: dict[str, Any]) -> list[str]:
    """The files and parts a feature names; an own choice inside one of them is not listed again."""
    listed: list[str] = []
    for entry in feature.get("paths", []):
        path = entry if isinstance(entry, str) else entry["path"]
        if path.partition(":")[0] not in listed:
            listed.append(path)
    return listed


def _shortstat(project: Path, old: str, new: str) -> str:
    return git.run("diff", "--shortstat", old, new, cwd=project).stdout.strip()


def _diffstat(project: Path, exercise: exercises.Exercise) -> str:
    return _shortstat(project, exercises.START_TAG, exercise.branch)


def _added_dependencies(project: Path, old: str | None, new: str) -> list[str]:
    before = set(_dependencies(project, old)) if old else set()
    return [name for name in _dependencies(project, new) if name not in before]


def _dependencies(project: Path, revision: str) -> list[str]:
    """The distribution names ``pyproject.toml`` declares at ``revision``."""
    shown = git.run("show", f"{revision}:pyproject.toml", cwd=project).stdout
    lines = tomllib.loads(shown).get("project", {}).get("dependencies", [])
    return [Requirement(line).name for line in lines]


def _install_lines(folders: Folders) -> dict[str, str]:
    """``pip install`` as students type it in a project's folder, on each platform."""
    if folders.wheelhouse is None:
        return {"posix": "pip install -e '.[dev]'", "windows": 'pip install -e ".[dev]"'}
    return {
        "posix": install_line(f"../{folders.wheelhouse}"),
        "windows": install_line(f"..\\{folders.wheelhouse}", windows=True),
    }
