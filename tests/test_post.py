"""After rendering: the project's .venv works with the commands its README gives,
whichever installer made it (src/scaffold/post.py, the generated READMEs)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from projects import uv_binary


def readme_block(project: Path, heading: str) -> list[str]:
    """The lines of the README's first console block after the line ``heading``."""
    readme = (project / "README.md").read_text()
    found = re.search(rf"^{re.escape(heading)}\n\n```console\n(.*?)```", readme, re.M | re.S)
    assert found, f"no console block after {heading!r} in {project / 'README.md'}"
    return found[1].splitlines()


def with_uv(user) -> dict[str, str]:
    """The user's PATH with uv on it, as for someone who installed uv."""
    return {"PATH": f"{Path(uv_binary()).parent}{os.pathsep}{user.env()['PATH']}"}


def reinstalled_with_the_readmes_pip_line(user, project: Path) -> None:
    """A dependency gone from the venv (as after an update adds one), then the README's
    activation and install lines: the dependency must be back in the project's venv."""
    python = project / ".venv" / "bin" / "python"
    removed = user.shell(f"{uv_binary()} pip uninstall --python {python} flask", cwd=project)
    assert removed.returncode == 0, removed.stderr
    steps = readme_block(project, "On Linux or macOS:")
    assert steps[0] == "python -m venv .venv", steps
    # The venv exists: the user activates it and installs, as the README says.
    result = user.shell(" && ".join(steps[1:]), cwd=project, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    imported = user.shell(f"{python} -c 'import flask'", cwd=project)
    assert imported.returncode == 0, "the README's pip installed into another Python"


def test_scaffolds_uv_venv_takes_the_readmes_pip_commands(user):
    made = user.run(
        "new", "tea", "-t", "flask-minimal", "--defaults", "--no-git", "--install",
        "--installer", "uv", **with_uv(user),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "with uv" in made.stdout
    project = user.cwd / "tea"
    pip = user.shell(". .venv/bin/activate && python -m pip --version", cwd=project)
    assert pip.returncode == 0 and str(project / ".venv") in pip.stdout, pip.stdout + pip.stderr
    reinstalled_with_the_readmes_pip_line(user, project)


def test_the_readmes_uv_lines_make_a_venv_its_pip_lines_work_in(user):
    made = user.run("new", "tea", "-t", "flask-minimal", "--defaults", "--no-git")
    assert made.returncode == 0, made.stderr
    project = user.cwd / "tea"
    steps = readme_block(
        project, "installs into this venv and not into another Python; then activate it as above:"
    )
    result = user.shell(" && ".join(steps), cwd=project, timeout=900, **with_uv(user))
    assert result.returncode == 0, result.stdout + result.stderr
    reinstalled_with_the_readmes_pip_line(user, project)


@pytest.mark.parametrize("template", ["flask-full", "django-full"])
def test_every_readme_gives_the_same_install_lines(rendered_template, template):
    project = rendered_template(template)
    assert readme_block(project, "On Linux or macOS:") == [
        "python -m venv .venv",
        ". .venv/bin/activate",
        "python -m pip install -e '.[dev]'",
    ]
    assert "uv venv --seed" in (project / "README.md").read_text()
