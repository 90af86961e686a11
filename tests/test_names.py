"""Package names that would collide with a module of the template are refused before anything
is written, saying why and what to take instead (src/scaffold/names.py)."""

from __future__ import annotations

import re
import sys
import tomllib

import jinja2
import pytest
from packaging.requirements import Requirement

from scaffold import names, registry

TEMPLATES = [template.name for template in registry.available()]
# Every option on, PostgreSQL too: the most files and requirements a template renders.
EVERYTHING = {
    "flask-minimal": {},
    "flask-full": {"database": "postgresql"},
    "django-full": {"database": "postgresql"},
}


def validator(template: registry.Template) -> jinja2.Template:
    """The template's package_name validator, rendered as Copier renders it."""
    environment = jinja2.Environment(
        extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"]
    )
    return environment.from_string(template.config["package_name"]["validator"])


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_reserved_name_is_refused_by_the_templates_validator(name):
    template = registry.get(name)
    reserved = names.reserved(template)
    check = validator(template)
    for package in reserved:
        said = " ".join(
            check.render(
                project_name="Tea", package_name=package, scaffold_reserved_names=reserved
            ).split()
        )
        if package.isidentifier() and not re.fullmatch(r"[a-z_][a-z0-9_]*", package):
            assert said.startswith("the package name must be lowercase"), (package, said)
        elif said.endswith("is a Python keyword; choose another name"):
            continue  # said first; the reserved names do not name keywords
        else:
            assert said == f"'{package}' {reserved[package]}", (package, said)
    # Without scaffold (Copier alone) the validator still renders, and takes a free name.
    assert check.render(project_name="Tea", package_name="blog_site").strip() == ""
    assert not check.render(
        project_name="Tea", package_name="blog_site", scaffold_reserved_names=reserved
    ).strip()


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_names_come_from_what_the_template_renders(rendered_template, name):
    """Every top-level entry of a render with every option on, every requirement of its
    pyproject.toml, and Python's standard library, are refused."""
    template = registry.get(name)
    reserved = names.reserved(template)
    project = rendered_template(name, project_name="Tea House", **EVERYTHING[name])
    entries = {
        path.name.removesuffix(".py").lower()
        for path in project.iterdir()
        if not path.name.startswith(".") and path.name != "tea_house"
    }
    modules = {entry for entry in entries if entry.isidentifier()}
    assert modules and modules <= set(reserved), modules - set(reserved)
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    requirements = [*pyproject["dependencies"], *pyproject["optional-dependencies"]["dev"]]
    # Each requirement's modules are refused by its name (which modules, the install test reads).
    for line in requirements:
        distribution = Requirement(line).name.lower()
        assert any(distribution in why for why in reserved.values()), distribution
    lowercase = {module for module in sys.stdlib_module_names if module.islower()}
    assert lowercase <= set(reserved)
    if name == "django-full":
        assert {"blog", "tests", "static", "templates", "manage"} <= set(reserved)
    if name == "flask-full":
        assert {"migrations", "tests", "wsgi", "flask_admin", "slugify", "dotenv"} <= set(reserved)


@pytest.mark.parametrize("name", TEMPLATES)
def test_each_suggestion_is_a_name_the_template_takes(name):
    reserved = names.reserved(registry.get(name))
    for package, why in reserved.items():
        suggested = re.search(r"such as (\w+)$", why)[1]
        assert suggested not in reserved and suggested.isidentifier(), (package, suggested)
    assert reserved["site"].endswith("such as my_site")


@pytest.mark.parametrize(
    ("template", "args", "refused", "why"),
    [
        ("django-full", ["blog"], "blog", "would collide with blog/, which django-full makes"),
        ("django-full", ["blog", "--pretend"], "blog", "blog/, which django-full makes"),
        ("django-full", ["tea", "--data", "package_name=static"], "static", "static/"),
        ("django-full", ["tea", "--data", "package_name=templates"], "templates", "templates/"),
        ("django-full", ["tea", "--data", "package_name=manage"], "manage", "manage.py"),
        ("flask-full", ["migrations"], "migrations", "migrations/, which flask-full makes"),
        ("flask-minimal", ["tests"], "tests", "tests/, which flask-minimal makes"),
        ("flask-full", ["tea", "--data", "package_name=json"], "json", "standard library"),
        ("django-full", ["site"], "site", "would shadow site of Python's standard library"),
        ("flask-full", ["flask-admin"], "flask_admin", "flask-admin, which the project depends"),
        ("flask-full", ["tea", "--data", "package_name=dotenv"], "dotenv", "python-dotenv"),
        ("flask-minimal", ["werkzeug"], "werkzeug", "which Flask imports"),
        ("django-full", ["tea", "--data", "package_name=django"], "django", "depends on"),
    ],
)
def test_a_colliding_name_is_refused_in_one_line_and_nothing_is_left(
    user, template, args, refused, why
):
    result = user.run("new", *args, "-t", template, "--defaults")
    assert result.returncode == 1, result.stdout + result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: '{refused}' "), line
    assert why in line and re.search(
        r"such as \w+ \(set it with --data package_name=\.\.\.\)$", line
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert list(user.cwd.iterdir()) == [], "something was left behind"


def test_the_suggested_name_makes_a_project_that_installs_and_checks(user):
    """`scaffold new blog -t django-full` once made a project pip refused to install."""
    refused = user.run("new", "blog", "-t", "django-full", "--defaults")
    suggested = re.search(r"such as (\w+) ", refused.stderr)[1]
    assert suggested == "blog_site"
    made = user.run(
        "new", "blog", "-t", "django-full", "--defaults", "--data", f"package_name={suggested}",
        "--install",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    project = user.cwd / "blog"
    checked = user.shell(".venv/bin/python manage.py check", cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "System check identified no issues" in checked.stdout


def test_a_refusal_in_an_empty_folder_leaves_it_empty(user):
    folder = user.cwd / "blog"
    folder.mkdir()
    result = user.run("new", ".", "-t", "django-full", "--defaults", cwd=folder)
    assert result.returncode == 1 and "'blog' would collide with blog/" in result.stderr
    assert list(folder.iterdir()) == []


# Run in a generated project's venv: the top-level modules each distribution installs.
MODULES_OF = """
import json, sys
from importlib.metadata import packages_distributions, requires
from packaging.requirements import Requirement
installed = {}
for module, distributions in packages_distributions().items():
    for distribution in distributions:
        key = distribution.lower().replace("_", "-")
        installed.setdefault(key, []).append(module)
wanted = {Requirement(line).name.lower() for line in sys.argv[2:]}
framework = sys.argv[1]
wanted |= {
    Requirement(line).name.lower()
    for line in requires(framework) or []
    if not Requirement(line).marker or Requirement(line).marker.evaluate()
}
print(json.dumps({name: installed.get(name.replace("_", "-"), []) for name in wanted}))
"""


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_modules_the_dependencies_install_are_refused(installed_template, name):
    """What pip installed for the project and its framework, read from the installed metadata:
    each top-level module of a direct dependency or of the framework's own requirements."""
    import json

    project = installed_template(name)
    pyproject = tomllib.loads((project.path / "pyproject.toml").read_text())["project"]
    requirements = [*pyproject["dependencies"], *pyproject["optional-dependencies"]["dev"]]
    framework = registry.get(name).framework
    result = project.run(project.python, "-c", MODULES_OF, framework, *requirements)
    modules = json.loads(result.stdout)
    assert modules[framework], modules
    reserved = names.reserved(registry.get(name))
    missing = {
        distribution: sorted(set(found) - set(reserved))
        for distribution, found in modules.items()
        if set(found) - set(reserved)
    }
    assert not missing, missing
