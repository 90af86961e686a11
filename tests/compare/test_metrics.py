"""Counting lines and files the way the report says it does, on trees with known answers."""

from scaffold.compare.metrics import measure, python_code_lines, role_of


def test_python_lines_count_code_not_comments_blanks_or_docstrings():
    source = '''"""Module docstring,
over two lines."""

# a comment
import os  # a trailing comment is still code


def f():
    """Docstring."""
    text = """a string that is
    not a docstring"""
    return text
'''
    # import, def, text = (2 lines), return
    assert python_code_lines(source) == 5


def test_roles_sort_files_the_way_a_reader_would():
    assert role_of("tests/test_app.py") == "tests"
    assert role_of("blog/migrations/0001_initial.py") == "migrations"
    assert role_of("pkg/templates/base.html") == "templates"
    assert role_of("pkg/static/style.css") == "static"
    assert role_of("pkg/models.py") == "app"
    assert role_of("manage.py") == "config"
    assert role_of("pyproject.toml") == "config"
    assert role_of("README.md") == "docs"
    assert role_of(".github/workflows/ci.yml") == "ops"
    assert role_of(".pre-commit-config.yaml") == "ops"
    assert role_of("Dockerfile") == "ops"
    assert role_of(".dockerignore") == "ops"


def test_measure_skips_what_is_not_the_project(tmp_path):
    (tmp_path / "app.py").write_text("x = 1\n\ny = 2\n")
    (tmp_path / "README.md").write_text("# Title\n\ntext\n")
    for ignored in (".venv/lib/site.py", "__pycache__/app.pyc", ".env", ".copier-answers.yml"):
        (tmp_path / ignored).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / ignored).write_text("secret = 1\n")
    metrics = measure("demo", tmp_path)
    assert [(s.path, s.role, s.lines) for s in metrics.files] == [
        ("README.md", "docs", 2),
        ("app.py", "app", 2),
    ]
    assert metrics.python_lines == 2


def test_a_known_tree_gives_known_totals_by_role(tmp_path):
    files = {
        "pkg/__init__.py": "from flask import Flask\n\napp = Flask(__name__)  # the app\n",
        "pkg/models.py": '"""Models."""\n\n\nclass Post:\n    """A post."""\n\n    title = ""\n',
        "pkg/templates/base.html": "<html>\n\n  <body></body>\n</html>\n",
        "pkg/static/app.css": "body {}\n",
        "tests/test_app.py": "def test_app():\n    # nothing yet\n    assert True\n",
        "pyproject.toml": "[project]\nname = 'pkg'\n\n",
        "wsgi.py": "from pkg import app  # noqa\n",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    metrics = measure("demo", tmp_path)
    assert len(metrics.files) == 7
    # pkg/__init__.py 2, pkg/models.py 2 (class, title), wsgi.py 1; tests are not counted here
    assert metrics.python_lines == 5
    assert metrics.html_lines == 3
    assert metrics.test_lines == 2
    # pyproject.toml 2 and wsgi.py 1: configuration is what sets the app up, not what it does
    assert metrics.config_lines == 3
    assert metrics.lines(role="static") == 1


def test_a_file_python_cannot_parse_counts_its_non_blank_lines():
    assert python_code_lines("def broken(:\n\n    pass\n") == 2
