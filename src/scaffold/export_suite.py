"""The test suite an exported Cookiecutter template comes with, as its authors know them.

pytest-cookies bakes the template with its defaults and every combination of
its options (``tests/test_bake.py``, copied from ``export_files/suite``); the
requirements, pytest's settings and a README sit beside ``cookiecutter.json``,
outside the folder Cookiecutter renders, so no baked project holds them. What
the suite cannot read from the exported template itself is written here as
data: which combinations Copier's validators refuse, and what they say.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path
from typing import Any

from scaffold.registry import Template

SUITE_FILES = Path(__file__).parent / "export_files" / "suite"
# The folder Cookiecutter renders, as export.py names it.
PROJECT_DIR = "{{cookiecutter.package_name}}"
COPIED = ("tests/test_bake.py", "requirements-dev.txt", "pyproject.toml")


def write_suite(template: Template, config: dict[str, Any], out: Path) -> None:
    """Write the suite into the export at ``out``, beside ``cookiecutter.json``."""
    import jinja2

    (out / "tests").mkdir()
    for name in COPIED:
        shutil.copyfile(SUITE_FILES / name, out / name)
    refused = refusals(template, config)
    (out / "tests" / "refusals.json").write_text(
        json.dumps(refused, indent=2) + "\n", encoding="utf-8"
    )
    readme = jinja2.Environment(
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True
    ).from_string((SUITE_FILES / "README.md.jinja").read_text(encoding="utf-8"))
    (out / "README.md").write_text(
        readme.render(
            template=template,
            options=list(options(template)),
            refused=len(refused),
            project_folder=PROJECT_DIR,
        ),
        encoding="utf-8",
    )


def options(template: Template) -> dict[str, list[Any]]:
    """The yes/no and choice questions, each with every answer it takes."""
    return {
        name: [True, False] if question.type == "bool" else list(question.choices)
        for name, question in template.questions.items()
        if question.type == "bool" or question.choices
    }


def refusals(template: Template, config: dict[str, Any]) -> list[dict[str, Any]]:
    """Each combination of options that Copier's validators refuse, with the first refusal.

    The answers not in the combination are the template's defaults, rendered
    in the order Copier asks the questions; each validator is rendered with all
    of them, as Copier renders it, and an empty message means the answer is fine.
    """
    import jinja2

    environment = jinja2.Environment(
        extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"]
    )
    validators = {
        name: environment.from_string(config[name]["validator"])
        for name in template.questions
        if isinstance(config.get(name), dict) and config[name].get("validator")
    }
    choices = options(template)
    refused = []
    for values in itertools.product(*choices.values()):
        combination = dict(zip(choices, values, strict=True))
        answers: dict[str, Any] = {}
        for name, question in template.questions.items():
            default = question.default
            if isinstance(default, str):
                default = environment.from_string(default).render(answers).strip()
            answers[name] = combination.get(name, default)
        for validator in validators.values():
            message = " ".join(validator.render(answers).split())
            if message:
                refused.append({"answers": combination, "message": message})
                break
    return refused
