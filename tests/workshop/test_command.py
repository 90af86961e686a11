"""`scaffold workshop` as a teacher types it: where it writes, what it refuses, Ctrl-C."""

import os
import signal

import pytest

STAGED = "scaffold-partial"


def test_a_folder_that_holds_anything_is_refused_and_left_alone(user):
    (user.cwd / "class").mkdir()
    (user.cwd / "class" / "notes.txt").write_text("mine\n")
    result = user.run("workshop", "class")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: class already exists and is not empty; choose a new folder or empty this one"
    )
    assert [p.name for p in (user.cwd / "class").iterdir()] == ["notes.txt"]


def test_dot_fills_the_current_empty_folder_without_replacing_it(user):
    here = user.cwd / "room"
    here.mkdir()
    inode = here.stat().st_ino
    result = user.run("workshop", ".", "--project-name", "Quiz Night", cwd=here)
    assert result.returncode == 0, result.stderr
    assert here.stat().st_ino == inode
    assert sorted(p.name for p in here.iterdir()) == [
        "GUIDE.md", "compare.html", "django-app", "flask-app",
    ]  # fmt: skip
    assert (here / "flask-app" / "quiz_night" / "__init__.py").is_file()
    assert (here / "django-app" / "quiz_night" / "settings.py").is_file()
    assert "Next: read GUIDE.md" in result.stdout
    assert not [p for p in here.rglob(f"*{STAGED}*")]


def test_an_invalid_project_name_is_one_line_and_writes_nothing(user):
    result = user.run("workshop", "class", "--project-name", "Tea{Room}")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Error: ")
    assert "the project name may not hold '{' or '}'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(user.cwd.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "refusal"),
    [
        ("日本", "no package name can be made from the project name '日本'"),
        ("Json", "'json' would shadow json of Python's standard library"),
    ],
)
def test_a_name_that_gives_no_package_name_is_refused_before_any_output(user, name, refusal):
    result = user.run("workshop", "class", "--project-name", name)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {refusal}")
    assert result.stderr.rstrip().endswith(
        "(both apps take their package name from --project-name)"
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(user.cwd.iterdir()) == []


def test_ctrl_c_part_way_leaves_nothing(user):
    """A real SIGINT to the job's process group while the Django twin is being made."""
    job = user.popen("workshop", "deep/class")
    for line in job.stdout:
        if line.startswith("Rendering its django-full twin"):
            break
    else:
        pytest.fail(f"the build never reached the twin: {job.communicate()}")
    os.killpg(job.pid, signal.SIGINT)
    _, err = job.communicate(timeout=120)
    assert job.returncode == 130, err
    assert err.strip().splitlines()[-1] == "Interrupted: nothing was written."
    # Not even the parent folder made for it.
    assert list(user.cwd.iterdir()) == []
