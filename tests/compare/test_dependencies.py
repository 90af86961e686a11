"""Direct dependencies from pyproject.toml; the full set from a resolver, installing nothing.

The resolvers run for real (uv, and pip in a venv that has no uv, as after the
README's plain ``pip install .``); "offline" is made by pointing both at an
address where nothing listens and giving uv an empty cache.
"""

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from scaffold.compare.dependencies import direct, installed, resolve, walk

SCAFFOLD = str(Path(sys.executable).with_name("scaffold"))
NOWHERE = "http://127.0.0.1:9/simple"


def write_pyproject(root, *requirements):
    listed = ", ".join(f'"{req}"' for req in requirements)
    (root / "pyproject.toml").write_text(f'[project]\nname = "x"\ndependencies = [{listed}]\n')


def install_metadata(site, name, *requires):
    """A real .dist-info folder, as an installer leaves it: what importlib.metadata reads."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    lines = ["Metadata-Version: 2.1", f"Name: {name}", "Version: 1.0"]
    lines += [f"Requires-Dist: {req}" for req in requires]
    (info / "METADATA").write_text("\n".join(lines) + "\n")


def offline(tmp_path) -> dict[str, str]:
    """An environment in which neither uv nor pip can reach an index or a cache."""
    (tmp_path / "empty-cache").mkdir(exist_ok=True)
    return {
        **os.environ,
        "UV_CACHE_DIR": str(tmp_path / "empty-cache"),
        "UV_INDEX_URL": NOWHERE,
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_INDEX_URL": NOWHERE,
        "PIP_FIND_LINKS": "",
        "PIP_EXTRA_INDEX_URL": "",
    }


def test_direct_dependencies_are_normalised_names(tmp_path):
    write_pyproject(
        tmp_path, "Flask_SQLAlchemy>=3.1", "psycopg[binary]>=3.2",
        "django>=5.2,<7; python_version >= '3.11'",
    )  # fmt: skip
    assert direct(tmp_path) == ["django", "flask-sqlalchemy", "psycopg"]


def test_no_pyproject_means_no_dependencies(tmp_path):
    assert direct(tmp_path) == []
    assert resolve(tmp_path).names == ()


@pytest.mark.registry
def test_the_resolver_agrees_with_pip_asked_directly(three_report, rendered, tmp_path):
    """compare's set for django-full is what pip's own dry run would install."""
    entry = next(t for t in three_report["templates"] if t["name"] == "django-full")
    assert entry["resolved_dependencies"]["complete"] is True
    assert entry["resolved_dependencies"]["source"].startswith("uv's resolver")
    with (rendered("django-full") / "pyproject.toml").open("rb") as file:
        requirements = tomllib.load(file)["project"]["dependencies"]
    report = tmp_path / "report.json"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
         "--report", str(report), *requirements],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    names = {item["metadata"]["name"].lower() for item in json.loads(report.read_text())["install"]}
    assert sorted(names) == entry["resolved_dependencies"]["names"]


def test_the_fallback_follows_extras_and_markers_through_installed_metadata(tmp_path):
    site = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages"
    install_metadata(site, "web", "core>=1", "helper[fast]", "legacy; python_version < '3'")
    install_metadata(site, "core")
    install_metadata(site, "helper", "speedup; extra == 'fast'", "docs-tool; extra == 'docs'")
    install_metadata(site, "speedup", "missing-one")
    install_metadata(site, "docs-tool")
    write_pyproject(tmp_path, "web>=1")
    from scaffold.compare.dependencies import declared

    resolved = walk(declared(tmp_path), installed([str(site)]), "here")
    assert resolved.names == ("core", "helper", "speedup", "web")
    assert resolved.unresolved == ("missing-one",)


def test_offline_the_report_says_the_set_was_not_resolved(rendered, tmp_path):
    """Through the installed command, with every resolver cut off from packages."""
    result = subprocess.run(
        [SCAFFOLD, "compare", str(rendered("flask-full")), "--format", "json", "--no-ladder"],
        cwd=tmp_path, env=offline(tmp_path), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    resolved = json.loads(result.stdout)["templates"][0]["resolved_dependencies"]
    # scaffold's dev environment has every one of them installed: the walk finds them all.
    assert resolved["complete"] is False and resolved["unresolved"] == []
    assert resolved["source"].startswith(
        "no resolver could reach a package index or its cache (offline?): pip's resolver said: "
    )
    assert resolved["source"].endswith(
        "; counted from what is installed in scaffold's own environment"
    )
    markdown = subprocess.run(
        [SCAFFOLD, "compare", str(rendered("flask-full")), "--format", "markdown", "--no-ladder"],
        cwd=tmp_path, env=offline(tmp_path), capture_output=True, text=True, timeout=600,
    ).stdout  # fmt: skip
    row = next(line for line in markdown.splitlines() if "all dependencies, resolved" in line)
    cell = f"{len(resolved['names'])} (installed here; not resolved)"
    assert row == f"| all dependencies, resolved | {cell} |"
    assert "Dependencies not resolved: no resolver could reach a package index" in markdown


@pytest.mark.registry
def test_after_a_plain_pip_install_every_dependency_is_resolved(
    three_report, installed_venv, tmp_path
):
    """The README's ``pip install .`` (the wheel, by pip, into a plain venv): no uv
    anywhere, pip's dry run answers."""
    venv = installed_venv
    assert not (venv / "bin" / "uv").exists()
    env = {**os.environ, "PATH": f"{venv / 'bin'}:/usr/bin:/bin", "VIRTUAL_ENV": str(venv)}
    result = subprocess.run(
        [venv / "bin" / "scaffold", "compare", "--format", "json", "--no-ladder"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for entry in json.loads(result.stdout)["templates"]:
        resolved = entry["resolved_dependencies"]
        assert resolved["complete"] is True and resolved["unresolved"] == []
        assert resolved["source"].startswith("pip's resolver, a dry run")
        same = next(t for t in three_report["templates"] if t["name"] == entry["name"])
        assert resolved["names"] == same["resolved_dependencies"]["names"]
