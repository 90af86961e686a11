"""The exported template's own pytest-cookies suite passes, run as its users run it.

`scaffold export` writes tests/test_bake.py, requirements-dev.txt and a README beside
cookiecutter.json; these tests take the README's steps: a fresh venv in the export
with its requirements (uv stands in for pip, as in projects.py: same request, faster),
then `pytest` inside the export. That venv holds Cookiecutter, pytest-cookies,
pytest and ruff but nothing of scaffold, so a bake that passes there also shows the
export needs nothing but Cookiecutter.
"""

import json
import math
import re
from pathlib import Path

import pytest
from projects import uv_binary
from users import User

from scaffold import export, export_suite, registry

EXPORTABLE = [t.name for t in registry.available() if not export.unsupported(t)]


def readme_pytest_commands(folder: Path) -> tuple[str, str]:
    """The export README's two pytest lines: the quick part, then the whole suite."""
    section = (folder / "README.md").read_text().split("## Testing this template\n", 1)[1]
    block = re.findall(r"```console\n(.+?)\n```", section, re.S)[0]
    quick, whole = [
        line.split("#", 1)[0].strip() for line in block.splitlines() if line.startswith("pytest")
    ]
    return quick, whole


def exported_with_its_venv(user: User, name: str) -> Path:
    """`scaffold export NAME NAME`, then its requirements installed in NAME/.venv."""
    exported = user.run("export", name, name, "--format", "cookiecutter")
    assert exported.returncode == 0, exported.stderr
    folder = user.cwd / name
    uv = uv_binary()
    for line in (
        f"{uv} venv --quiet .venv",
        f"{uv} pip install --quiet --python .venv/bin/python -r requirements-dev.txt",
    ):
        made = user.shell(line, cwd=folder)
        assert made.returncode == 0, made.stderr
    return folder


def run_suite(user: User, folder: Path, command: str):
    """The exported suite from inside the export, with its venv active.

    Its pytest gets a temporary folder of its own (TMPDIR), so that its cleanup
    of old runs never meets this run's folders.
    """
    scratch = user.cwd.parent / "suite-tmp"
    scratch.mkdir(exist_ok=True)
    return user.shell(f". .venv/bin/activate && {command}", cwd=folder, TMPDIR=str(scratch))


def bakes(name: str) -> int:
    """How many bakes the quick part makes: the defaults, then each option combination."""
    options = export_suite.options(registry.get(name))
    return 1 + math.prod(len(answers) for answers in options.values()) if options else 1


def installs(folder: Path, name: str) -> int:
    """How many projects the slow part installs: each combination the template accepts."""
    refused = json.loads((folder / "tests" / "refusals.json").read_text())
    return bakes(name) - 1 - len(refused) if bakes(name) > 1 else 1


@pytest.mark.install
@pytest.mark.parametrize("name", EXPORTABLE)
def test_the_exported_suite_bakes_every_combination_then_installs_each_project(user, name):
    folder = exported_with_its_venv(user, name)
    quick, whole = readme_pytest_commands(folder)
    baked = run_suite(user, folder, quick)
    assert baked.returncode == 0, baked.stdout + baked.stderr
    assert f"{bakes(name)} passed" in baked.stdout, baked.stdout
    installed = run_suite(user, folder, whole)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert f" {bakes(name) + installs(folder, name)} passed in " in installed.stdout, (
        installed.stdout
    )


@pytest.mark.install
def test_an_undefined_answer_in_an_exported_file_fails_its_suite_naming_the_file(user):
    folder = exported_with_its_venv(user, "flask-full")
    planted = folder / "{{cookiecutter.package_name}}" / "README.md"
    planted.write_text(planted.read_text() + "{{ cookiecutter.no_such_answer }}\n")
    quick, _ = readme_pytest_commands(folder)
    result = run_suite(user, folder, quick)
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(
        r"Unable to create file 'README.md': .* has no attribute 'no_such_answer'$",
        result.stdout,
        re.M,
    ), result.stdout
    # Every bake fails but those the pre-generation hook refuses before rendering a file.
    refused = json.loads((folder / "tests" / "refusals.json").read_text())
    summary = result.stdout.splitlines()[-1]
    assert f"{bakes('flask-full') - len(refused)} failed, {len(refused)} passed" in summary
