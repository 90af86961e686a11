"""Counting lines and files the way the report says it does, on trees with known answers."""

from scaffold.compare.metrics import direct_dependencies, measure, python_code_lines, role_of


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


def test_direct_dependencies_are_normalised_names(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["Flask_SQLAlchemy>=3.1", "psycopg[binary]>=3.2",'
        " \"django>=5.2,<7; python_version >= '3.11'\"]\n"
    )
    assert direct_dependencies(tmp_path) == ["django", "flask-sqlalchemy", "psycopg"]
