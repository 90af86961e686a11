"""Names people have: accents, apostrophes, quotes and other scripts as the project's name.

The name is shown as typed (README title, page titles) and quoted safely where
Python or TOML hold it; the package and distribution names are made from it
without its accents, and asked for when nothing of it is ASCII.
"""

import ast
import tomllib

import pytest
from projects import install_project

TEMPLATES = ("flask-minimal", "flask-full", "django-full")
NAMES = {"Café Crème": "cafe_creme", "L'Atelier": "l_atelier", "Zoë's Blog": "zoe_s_blog"}
# The 404 page extends the base template, and needs no database.
TITLE_TEST = {
    "flask": """
import html
import re


def test_the_page_title_ends_with_the_project_name(client):
    page = client.get("/no-such-page").get_data(as_text=True)
    title = html.unescape(re.search("<title>(.*?)</title>", page, re.S)[1])
    assert title.endswith({name!r}), title
""",
    "django": """
import html
import re

import pytest


@pytest.mark.django_db
def test_the_page_title_ends_with_the_project_name(client):
    page = client.get("/no-such-page/").content.decode()
    title = html.unescape(re.search("<title>(.*?)</title>", page, re.S)[1])
    assert title.endswith({name!r}), title
""",
}


@pytest.mark.install
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", list(NAMES))
def test_a_display_name_makes_a_project_that_passes_its_tests(user, template, name):
    package = NAMES[name]
    result = user.run(
        "new", "site", "-t", template, "--defaults", "--no-git", "--data", f"project_name={name}"
    )
    assert result.returncode == 0, result.stderr
    root = user.cwd / "site"
    assert (root / "README.md").read_text().splitlines()[0] == f"# {name}"
    with (root / "pyproject.toml").open("rb") as file:
        assert tomllib.load(file)["project"]["name"] == package.replace("_", "-")
    framework = template.split("-")[0]
    (root / "tests" / "test_display_name.py").write_text(TITLE_TEST[framework].format(name=name))
    project = install_project(root)
    tests = project.run("python", "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider")
    assert "PASSED tests/test_display_name.py::test_the_page_title_ends_with" in tests.stdout
    project.run("ruff", "check", ".")


@pytest.mark.parametrize("template", TEMPLATES)
def test_quotes_and_backslashes_stay_inside_python_and_toml_strings(user, template):
    name = 'Le "Petit" Café \\o/'
    description = "Say \"hi\" \\n to 'everyone'"
    result = user.run(
        "new", "quoted", "-t", template, "--defaults", "--no-git",
        "--data", f"project_name={name}", "--data", f"description={description}",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    root = user.cwd / "quoted"
    with (root / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    assert (project["name"], project["description"]) == ("le-petit-cafe-o", description)
    assert (root / "README.md").read_text().splitlines()[0] == f"# {name}"
    shown = []
    for path in root.rglob("*.py"):
        module = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(module):
            if isinstance(node, ast.Constant) and node.value in (name, f"{name} admin"):
                shown.append(node.value)
    # The name as a setting (PROJECT_NAME or SITE_NAME), and the admin's title in flask-full.
    assert sorted(shown) == ([name, f"{name} admin"] if template == "flask-full" else [name])


def test_a_name_without_latin_letters_asks_for_the_package_name(user):
    typed = ("new", "nihon", "-t", "flask-minimal", "--defaults", "-d", "project_name=日本")
    refused = user.run(*typed)
    assert refused.returncode == 1
    assert refused.stderr == (
        "Error: no package name can be made from the project name '日本': choose one of "
        "lowercase ASCII letters, digits and underscores (set it with --data package_name=...)\n"
    )
    assert list(user.cwd.iterdir()) == []
    given = user.run(*typed, "--no-git", "-d", "package_name=nihon")
    assert given.returncode == 0, given.stderr
    assert (user.cwd / "nihon" / "README.md").read_text().startswith("# 日本\n")
    assert (user.cwd / "nihon" / "nihon" / "__init__.py").is_file()


def test_the_folder_name_gives_a_package_name_without_accents(user):
    result = user.run("new", "crème-brûlée", "-t", "flask-minimal", "--defaults", "--no-git")
    assert result.returncode == 0, result.stderr
    root = user.cwd / "crème-brûlée"
    assert (root / "README.md").read_text().startswith("# crème-brûlée\n")
    assert (root / "creme_brulee" / "__init__.py").is_file()
    assert "flask --app creme_brulee run" in result.stdout
