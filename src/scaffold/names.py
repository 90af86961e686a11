"""Package names a template cannot give a project, each with why and another to take.

A project's package sits beside the template's own top-level folders and
modules (django-full's ``blog`` app, ``tests``, ``static``) and is imported by
name, as Python's standard library, the framework and the project's
dependencies are. A package named like any of them collides or shadows:
``scaffold new blog -t django-full`` once made a project that pip refused to
install and whose ``manage.py check`` recursed.

The names are derived from what the template renders: its top-level entries,
the requirements of its ``pyproject.toml``, and Python's own list of its
standard library. Two short tables are kept by hand, since the packages are not
installed where scaffold runs: the framework's own requirements, and the
modules of a dependency not named as it is (python-dotenv's ``dotenv``);
tests/test_names.py checks both against a generated project's venv.

``scaffold new`` hands them to Copier as the data key ``RESERVED_KEY``: the
templates' ``package_name`` validator refuses a name found there, so a name
typed at Copier's prompt is refused as one given with ``--data``, before any
file is written. ``scaffold export`` sets the same key in its Cookiecutter hook.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Container

from packaging.requirements import InvalidRequirement, Requirement

from scaffold.registry import Template

# The data key the templates' package_name validator reads (absent: nothing is refused).
RESERVED_KEY = "scaffold_reserved_names"

# What the framework itself imports (its own required dependencies), as each
# release's metadata declares them: Flask 3.1 and Django 5.2.
FRAMEWORK_PACKAGES = {
    "flask": (
        "Flask",
        ("flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "click", "blinker"),
    ),
    "django": ("Django", ("django", "asgiref", "sqlparse")),
}
# The top-level modules of the templates' dependencies whose modules are not
# just their name, as their installed metadata lists them (tests/test_names.py
# reads it from a generated project's venv and fails when one is missing here).
MODULES = {
    "django-axes": ("axes",),
    "django-csp": ("csp",),
    "python-dotenv": ("dotenv",),
    "python-slugify": ("slugify",),
    "pytest": ("pytest", "_pytest", "py"),
}
# A requirement string as the templates' pyproject.toml writes one: "flask>=3.1,<4",
REQUIREMENT_LINE = re.compile(r'^\s*"([A-Za-z0-9][^"]*)",?\s*$', re.M)
# Copier's conditional file names: "{% if use_database %}migrations{% endif %}".
JINJA_TAG = re.compile(r"\{%.*?%\}")


def reserved(template: Template) -> dict[str, str]:
    """Each package name ``template`` cannot take, with what the validator says after it."""
    why: dict[str, str] = {}
    for name, reason in (
        *_own_entries(template),
        *_dependencies(template),
        *_framework(template),
        *(
            (name, f"would shadow {name} of Python's standard library")
            for name in sorted(sys.stdlib_module_names)
        ),
    ):
        why.setdefault(name, reason)
    return {
        name: f"{reason}; choose another, such as {suggestion(name, why)}"
        for name, reason in why.items()
    }


def suggestion(name: str, taken: Container[str]) -> str:
    """A name like ``name`` that is free: ``blog_site``, or ``my_site`` for ``site``."""
    candidates = [f"my_{name}"] if name.endswith("site") else [f"{name}_site", f"my_{name}"]
    return next((c for c in [*candidates, f"{name}_project"] if c not in taken), f"my_{name}_app")


def _own_entries(template: Template) -> list[tuple[str, str]]:
    """The top-level folders and files the template renders beside the package.

    A file counts by its name without ``.py``, lowercased: ``Dockerfile`` and a
    folder ``dockerfile`` are one entry on macOS's and Windows's filesystems.
    """
    root = template.path / str(template.config.get("_subdirectory", ""))
    names = []
    for entry in sorted(root.iterdir()):
        shown = JINJA_TAG.sub("", entry.name).removesuffix(".jinja")
        if not shown or shown.startswith(".") or "{{" in shown:
            continue  # hidden files, the package itself, the answers file
        module = shown.removesuffix(".py").lower()
        if module.isidentifier():
            where = f"{shown}/" if entry.is_dir() else shown
            why = f"would collide with {where}, which {template.name} makes beside the package"
            names.append((module, why))
    return names


def _dependencies(template: Template) -> list[tuple[str, str]]:
    """The modules of every requirement the template's pyproject.toml can hold.

    Every option's requirements count, so that a later ``scaffold update
    --data use_admin=true`` cannot bring a collision. A distribution installs
    the module of its name, ``-`` read as ``_``, unless ``MODULES`` says otherwise.
    """
    root = template.path / str(template.config.get("_subdirectory", ""))
    candidates = (root / "pyproject.toml.jinja", root / "pyproject.toml")
    pyproject = next((path for path in candidates if path.is_file()), None)
    if pyproject is None:
        return []
    names = []
    for line in REQUIREMENT_LINE.findall(pyproject.read_text(encoding="utf-8")):
        try:
            distribution = Requirement(line).name.lower()
        except InvalidRequirement:
            continue  # a quoted string that is not a requirement
        own = re.sub(r"[-_.]+", "_", distribution)
        for module in MODULES.get(distribution, (own,)):
            whose = "" if module == distribution else f" a module of {distribution},"
            names.append((module, f"would shadow {module},{whose} which the project depends on"))
    return names


def _framework(template: Template) -> list[tuple[str, str]]:
    framework, packages = FRAMEWORK_PACKAGES.get(template.framework, ("", ()))
    return [(name, f"would shadow {name}, which {framework} imports") for name in packages]
