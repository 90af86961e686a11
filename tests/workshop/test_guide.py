"""GUIDE.md is a lesson plan a teacher can follow: timed, complete, and its commands work."""

import re
import shlex
import subprocess

import pytest

from scaffold import ladder, registry
from scaffold.workshop import guide
from scaffold.workshop.exercises import START_TAG, exercises
from workshop.classroom import DJANGO, FLASK, PACKAGE_NAME, PROJECT_NAME, copy_of_app, git


@pytest.fixture(scope="module")
def text(classroom):
    return (classroom / "GUIDE.md").read_text()


def console_lines(text):
    """Every line of the guide's ```console blocks."""
    blocks = re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_the_plan_is_timed_to_ninety_minutes(text):
    rows = re.findall(r"^\| (\d:\d\d) \| \[(.+?)\]\(#(.+?)\) \| (\d+) \|$", text, flags=re.M)
    assert [title for _, title, _, _ in rows] == [part.heading for part in guide.plan()]
    assert sum(int(minutes) for *_, minutes in rows) == 90
    minute = 0
    for start, title, anchor, minutes in rows:
        assert start == guide.clock(minute)
        # Each row links to its part's heading, which says when it starts.
        assert f"\n## {title}\n\n*{start}, {minutes} minutes.*" in text
        assert anchor == title.lower().replace(".", "").replace(",", "").replace(" ", "-")
        minute += int(minutes)
    assert "| 1:30 | end | |" in text


def test_the_exercises_part_is_the_planned_exercises_and_the_rest_say_if_time_allows(text):
    exercises_part = next(part for part in guide.plan() if part.title == "Exercises")
    planned = [exercise for exercise in exercises() if not exercise.if_time_allows]
    assert exercises_part.minutes == sum(exercise.minutes for exercise in planned)
    for number, exercise in enumerate(exercises(), 1):
        extra = ", if time allows" if exercise.if_time_allows else ""
        assert f"### {number}. {exercise.title} ({exercise.minutes} min{extra})\n" in text
    # Those left for the end of the part, so that stopping early drops them alone.
    flags = [exercise.if_time_allows for exercise in exercises()]
    assert flags == sorted(flags)


def test_every_rung_and_exercise_is_there(text):
    for rung in ladder.rungs():
        assert f"`{rung.tag}`" in text
    for exercise in exercises():
        assert f"### {exercises().index(exercise) + 1}. {exercise.title}" in text
        assert f"Check: `pytest {exercise.check}`." in text
        assert f"`git diff {START_TAG} {exercise.branch}`" in text
    assert len(exercises()) >= 5
    assert f"# {PROJECT_NAME}: Flask and Django side by side" in text
    assert f"flask --app {PACKAGE_NAME} run --debug" in text


def test_each_rung_names_where_django_full_has_every_feature_it_adds(text):
    twin = registry.get(ladder.TWIN_TEMPLATE).metadata["features"]
    for rung in ladder.rungs()[1:]:
        (row,) = [line for line in text.splitlines() if line.startswith(f"| {rung.name} | ")]
        for name in rung.features:
            named = [e if isinstance(e, str) else e["path"] for e in twin[name]["paths"]]
            for index, path in enumerate(named):
                if path.partition(":")[0] in named[:index]:
                    continue  # an own choice marked inside a file the row names already
                assert f"`{path.replace('{package_name}', PACKAGE_NAME)}`" in row, (rung, path)
            assert twin[name]["summary"] in text


def test_windows_commands_stand_beside_the_posix_ones(text):
    assert text.count("On Linux or macOS:") == text.count("On Windows (PowerShell):") >= 1
    assert ". .venv/bin/activate" in text and ".venv\\Scripts\\Activate.ps1" in text
    assert f'`$env:FLASK_APP = "{PACKAGE_NAME}"`' in text
    assert f"`export FLASK_APP={PACKAGE_NAME}`" in text
    assert f"`set FLASK_APP={PACKAGE_NAME}`" in text


def test_the_git_commands_of_the_guide_work_in_a_students_copy(
    classroom, classroom_lock, text, tmp_path
):
    """Every git line, in the order given, in copies of both apps (the Django one has no rungs)."""
    commands = [line for line in console_lines(text) if line.startswith("git ")]
    commands += re.findall(r"`(git diff [^`<]+)`", text)
    assert any("rung-" in command for command in commands)
    assert f"git reset --hard {START_TAG}" in commands
    for app in (FLASK, DJANGO):
        copy = copy_of_app(classroom, app, tmp_path / app, classroom_lock)
        (copy / "exercises" / "scratch.txt").write_text("a student's file\n")
        for command in commands:
            if app == DJANGO and "rung-" in command:
                continue
            result = subprocess.run(shlex.split(command), cwd=copy, capture_output=True, text=True)
            assert result.returncode == 0, (app, command, result.stderr)
            # Peers' students "detached their head" following tag-based lessons; ours never do.
            assert "HEAD detached" not in git("status", cwd=copy).stdout, (app, command)
        # The reset at the end put the app back as it was made.
        assert not (copy / "exercises" / "scratch.txt").exists()
        assert git("status", "--porcelain", cwd=copy).stdout == ""
        assert (
            git("rev-parse", "HEAD", cwd=copy).stdout
            == git("rev-parse", f"{START_TAG}^{{commit}}", cwd=copy).stdout
        )


def test_the_compare_command_of_the_guide_shows_a_feature_side_by_side(classroom, teacher, text):
    (line,) = [line for line in console_lines(text) if line.startswith("scaffold compare . ")]
    shown = teacher.shell(line, cwd=classroom / FLASK)
    assert shown.returncode == 0, shown.stderr
    assert f"{FLASK}: accounts" in shown.stdout and f"{DJANGO}: accounts" in shown.stdout


def test_the_compare_report_is_self_contained_and_large(classroom):
    page = (classroom / "compare.html").read_text()
    assert '<body class="large">' in page and "@media print" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert f">{FLASK}<" in page or f"{FLASK}:" in page
    assert 'id="ladder"' in page


def test_each_app_explains_its_exercises(classroom):
    for app in (FLASK, DJANGO):
        readme = (classroom / app / "exercises" / "README.md").read_text()
        for exercise in exercises():
            assert f"Check: `pytest {exercise.check}`." in readme
        assert readme.endswith("\n") and "\n\n\n" not in readme


def test_the_guide_is_tidy_markdown(text):
    assert text.endswith("\n") and "\n\n\n" not in text
    assert "{" not in text.replace("{% url %}", ""), "a placeholder was left unfilled"
