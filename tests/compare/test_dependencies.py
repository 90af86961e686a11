"""Direct dependencies from pyproject.toml, and the full set walked through installed metadata."""

from scaffold.compare.dependencies import direct, resolve


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


def test_direct_dependencies_are_normalised_names(tmp_path):
    write_pyproject(
        tmp_path, "Flask_SQLAlchemy>=3.1", "psycopg[binary]>=3.2",
        "django>=5.2,<7; python_version >= '3.11'",
    )  # fmt: skip
    assert direct(tmp_path) == ["django", "flask-sqlalchemy", "psycopg"]


def test_no_pyproject_means_no_dependencies(tmp_path):
    assert direct(tmp_path) == []
    assert resolve(tmp_path).names == ()


def test_the_full_set_follows_extras_and_markers_through_the_projects_venv(tmp_path):
    site = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages"
    install_metadata(site, "web", "core>=1", "helper[fast]", "legacy; python_version < '3'")
    install_metadata(site, "core")
    install_metadata(site, "helper", "speedup; extra == 'fast'", "docs-tool; extra == 'docs'")
    install_metadata(site, "speedup", "missing-one")
    install_metadata(site, "docs-tool")
    write_pyproject(tmp_path, "web>=1")
    resolved = resolve(tmp_path)
    assert resolved.source == "the project's .venv"
    assert resolved.names == ("core", "helper", "speedup", "web")
    assert resolved.unresolved == ("missing-one",)


def test_without_a_venv_the_environment_scaffold_runs_in_answers(tmp_path):
    write_pyproject(tmp_path, "click>=8", "not-installed-anywhere-xyz")
    resolved = resolve(tmp_path)
    assert resolved.source == "scaffold's own environment"
    assert "click" in resolved.names
    assert resolved.unresolved == ("not-installed-anywhere-xyz",)
