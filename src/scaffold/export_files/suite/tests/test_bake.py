"""Bake this template with pytest-cookies, with its defaults and every combination of its options.

The combinations come from cookiecutter.json (each yes/no question both ways,
each choice every way), so a question added there is tested without a change
here. Each bake must succeed, or be refused by hooks/pre_gen_project.py exactly
when tests/refusals.json says so. A baked project must be in the folder its
answers name, keep no Jinja in a rendered file, pass ``ruff check``, and hold
each path hooks/post_gen_project.py keeps under a condition exactly when that
condition holds. The tests marked ``slow`` install each baked project in a venv
of its own (made by uv, as fast
as pip is slow) and run its test suite, as its README says.
"""

from __future__ import annotations

import ast
import fnmatch
import itertools
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from cookiecutter.environment import StrictEnvironment
from cookiecutter.exceptions import FailedHookException, UndefinedVariableInTemplate
from jinja2 import TemplateSyntaxError

TEMPLATE = Path(__file__).resolve().parents[1]
CONTEXT = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
# The folder Cookiecutter renders, found as Cookiecutter finds it; the rest of
# this template (tests, README, hooks) never reaches a baked project.
(PROJECT_TEMPLATE,) = [
    path
    for path in TEMPLATE.iterdir()
    if path.is_dir() and "cookiecutter" in path.name and "{{" in path.name
]
REFUSALS = json.loads((TEMPLATE / "tests" / "refusals.json").read_text(encoding="utf-8"))
POST_GEN_HOOK = TEMPLATE / "hooks" / "post_gen_project.py"
RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
VENV_BIN = "Scripts" if os.name == "nt" else "bin"
# Generous: the slow tests download and install each project's dependencies.
COMMAND_TIMEOUT = 900


def option_combinations() -> dict[str, dict[str, Any]]:
    """Every combination of the yes/no and choice questions, by a readable test id."""
    options = {
        name: [True, False] if isinstance(value, bool) else value
        for name, value in CONTEXT.items()
        if not name.startswith("_") and isinstance(value, bool | list)
    }
    combinations = (
        dict(zip(options, values, strict=True)) for values in itertools.product(*options.values())
    )
    return {",".join(f"{k}={v}" for k, v in answers.items()): answers for answers in combinations}


def bakes() -> dict[str, dict[str, Any]]:
    """The defaults (no answers given, as ``cookiecutter --no-input``), then each combination."""
    return {"defaults": {}} | {
        label: answers for label, answers in option_combinations().items() if answers
    }


def refusal(answers: dict[str, Any]) -> str | None:
    """What the pre-generation hook says to these answers, if it refuses them."""
    for refused in REFUSALS:
        if refused["answers"] == answers:
            return str(refused["message"])
    return None


BAKES = bakes()
# The combinations the template accepts; the defaults are one of them, so they are
# installed apart only when the template has no options.
INSTALLED = {
    label: answers for label, answers in BAKES.items() if answers and refusal(answers) is None
} or {"defaults": {}}


def render(text: str, context: dict[str, Any]) -> str:
    """``text`` rendered as Cookiecutter renders this template, with these answers."""
    environment = StrictEnvironment(
        context={"cookiecutter": context},
        keep_trailing_newline=True,
        **context.get("_jinja2_env_vars", {}),
    )
    return environment.from_string(text).render(cookiecutter=context)


def conditional_paths(context: dict[str, Any]) -> dict[str, bool]:
    """Each path the post-generation hook removes unless its condition holds, and whether it does.

    The hook's CONDITIONAL_PATHS list is read from its source and each entry
    rendered with these answers, as Cookiecutter renders the hook before running it.
    """
    module = ast.parse(POST_GEN_HOOK.read_text(encoding="utf-8"))
    (listed,) = [
        node.value
        for node in module.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "CONDITIONAL_PATHS" for t in node.targets)
    ]
    return {
        render(path, context): render(condition, context) == "True"
        for path, condition in ast.literal_eval(listed)
    }


def explained(result: Any) -> str:
    """Why a bake failed, naming the template's file when Cookiecutter knows it."""
    error = result.exception
    if isinstance(error, UndefinedVariableInTemplate):
        # Its str() appends the whole context, which would bury the file's name.
        return f"{error.message}: {error.error.message}"
    if isinstance(error, TemplateSyntaxError):
        return f"{error.filename or error.name or 'a hook'}, line {error.lineno}: {error.message}"
    return f"exit code {result.exit_code}: {error!r}"


def assert_baked(result: Any) -> Path:
    assert result.exception is None, explained(result)
    assert result.exit_code == 0, explained(result)
    project = Path(result.project_path)
    assert project.is_dir()
    assert project.name == render(PROJECT_TEMPLATE.name, result.context), (
        f"the project folder is {project.name!r}, not what the answers name"
    )
    return project


def expected_files(context: dict[str, Any], removed: list[str]) -> dict[str, Path]:
    """Each file these answers ask for, by its path in the baked project, with its source.

    Cookiecutter skips a file whose name renders empty (an ``{% if %}`` in it may
    make it so); the post-generation hook removes the paths whose condition fails.
    """
    expected = {}
    for source in sorted(path for path in PROJECT_TEMPLATE.rglob("*") if path.is_file()):
        baked_path = render(source.relative_to(PROJECT_TEMPLATE).as_posix(), context)
        skipped = not baked_path or baked_path.endswith("/")
        if not skipped and not any(
            baked_path == path or baked_path.startswith(f"{path}/") for path in removed
        ):
            expected[baked_path] = source
    return expected


def assert_rendered(source: Path, baked: Path, copied_verbatim: list[str]) -> None:
    """A file copied as the template asks, or rendered with no Jinja left in it."""
    relative = source.relative_to(PROJECT_TEMPLATE).as_posix()
    if any(fnmatch.fnmatch(relative, pattern) for pattern in copied_verbatim):
        assert baked.read_bytes() == source.read_bytes(), f"{relative} was not copied as it is"
        return
    try:
        text = baked.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return
    # What the template keeps in {% raw %} is meant to reach the project as it is.
    for raw in RAW_BLOCK.findall(source.read_text(encoding="utf-8")):
        text = text.replace(raw.strip(), "", 1)
    for marker in ("{{", "{%"):
        assert marker not in text, f"{relative}: {marker} is left unrendered in the baked file"


@pytest.mark.parametrize("answers", list(BAKES.values()), ids=list(BAKES))
def test_bake(
    cookies: Any, capfd: pytest.CaptureFixture[str], tmp_path: Path, answers: dict[str, Any]
) -> None:
    result = cookies.bake(extra_context=answers, template=str(TEMPLATE))
    message = refusal(answers)
    if message is not None:
        assert isinstance(result.exception, FailedHookException), (
            f"the pre-generation hook should refuse these answers: {message}"
        )
        assert message in capfd.readouterr().err
        written = [path for path in tmp_path.rglob("*") if path.is_file()]
        assert not written, f"a refused bake wrote {written}"
        return
    project = assert_baked(result)
    context = result.context
    kept = conditional_paths(context)
    for path, condition_holds in kept.items():
        assert (project / path).exists() == condition_holds, (
            f"{path} should {'' if condition_holds else 'not '}be baked with "
            f"{answers or 'the defaults'}"
        )
    expected = expected_files(context, [path for path, holds in kept.items() if not holds])
    baked = {path.relative_to(project).as_posix() for path in project.rglob("*") if path.is_file()}
    assert baked == set(expected), (
        f"missing: {sorted(set(expected) - baked)}; not asked for: {sorted(baked - set(expected))}"
    )
    for baked_path, source in expected.items():
        assert_rendered(source, project / baked_path, context.get("_copy_without_render", []))
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=project, capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
    )  # fmt: skip
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


def run(command: list[str | Path], cwd: Path, venv: Path) -> None:
    """Run a command of the baked project with its venv first on PATH, as its README says."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME") and not key.startswith("PYTEST_")
    }
    env["PATH"] = f"{venv / VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode} in {cwd}\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("answers", list(INSTALLED.values()), ids=list(INSTALLED))
def test_baked_project_installs_and_passes_its_own_checks(
    cookies: Any, answers: dict[str, Any]
) -> None:
    project = assert_baked(cookies.bake(extra_context=answers, template=str(TEMPLATE)))
    venv = project / ".venv"
    # uv makes the venv and installs what the README's `pip install` asks for, only faster.
    uv = [sys.executable, "-m", "uv"]
    run([*uv, "venv", "--quiet", "--python", sys.executable, venv], cwd=project, venv=venv)
    python = venv / VENV_BIN / "python"
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    extras = pyproject.get("project", {}).get("optional-dependencies", {})
    run(
        [*uv, "pip", "install", "--quiet", "--python", python, "-e",
         ".[dev]" if "dev" in extras else "."],
        cwd=project, venv=venv,
    )  # fmt: skip
    run([python, "-m", "pytest", "-p", "no:cacheprovider"], cwd=project, venv=venv)
    run([python, "-m", "ruff", "check", "--no-cache", "."], cwd=project, venv=venv)
