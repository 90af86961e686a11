"""Files side by side: by role, the same file name on one row."""

from scaffold.compare.metrics import FileStat, ProjectMetrics
from scaffold.compare.tree import align


def project(name, *files):
    return ProjectMetrics(name, [FileStat(path, role, 1) for path, role in files])


def test_files_of_the_same_name_share_a_row_within_their_role():
    flask = project("flask", ("app/models.py", "app"), ("app/admin.py", "app"),
                    ("app/__init__.py", "app"), ("tests/test_app.py", "tests"))  # fmt: skip
    django = project("django", ("blog/models.py", "app"), ("blog/__init__.py", "app"),
                     ("site/__init__.py", "app"), ("blog/views.py", "app"))  # fmt: skip
    rows = [
        (row.role, *(cell.path if cell else None for cell in row.cells))
        for row in align([flask, django])
    ]
    assert rows == [
        ("app", "app/__init__.py", "blog/__init__.py"),
        ("app", None, "site/__init__.py"),
        ("app", "app/admin.py", None),
        ("app", "app/models.py", "blog/models.py"),
        ("app", None, "blog/views.py"),
        ("tests", "tests/test_app.py", None),
    ]
