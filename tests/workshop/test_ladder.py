"""The Flask app's history climbs flask-full's ladder; the Django app is its twin."""

import pytest

from scaffold import ladder, registry
from workshop.classroom import DJANGO, FLASK, PROJECT_NAME, git, run_tests

RUNGS = ladder.rungs()


def test_the_ladder_is_one_tagged_commit_per_rung_in_order(classroom):
    flask = classroom / FLASK
    log = git("log", "--format=%H %s", "--reverse", RUNGS[-1].tag, cwd=flask).stdout.splitlines()
    assert len(log) == len(RUNGS) == 5
    for (commit, subject), rung in zip((line.split(" ", 1) for line in log), RUNGS, strict=True):
        assert git("rev-parse", f"{rung.tag}^{{commit}}", cwd=flask).stdout.strip() == commit
        if rung is RUNGS[0]:
            assert subject == "Start from scaffold's flask-full template"
        else:
            changed = ", ".join(f"{key}={str(value).lower()}" for key, value in rung.data.items())
            assert subject == f"Render scaffold's flask-full template with {changed}"
    assert [rung.tag for rung in RUNGS] == [
        "rung-minimal", "rung-database", "rung-accounts", "rung-forms", "rung-admin",
    ]  # fmt: skip
    # The template branch holds the renders, as scaffold update keeps it.
    assert (
        git("rev-parse", "scaffold/template", cwd=flask).stdout
        == git("rev-parse", RUNGS[-1].tag, cwd=flask).stdout
    )


@pytest.mark.parametrize("rung", RUNGS, ids=[rung.tag for rung in RUNGS])
def test_each_rung_is_what_scaffold_new_renders_for_its_answers(classroom, teacher, rung):
    answers = [f"--data={key}={str(value).lower()}" for key, value in rung.data.items()]
    made = teacher.run(
        "new", rung.tag, "--template", "flask-full", "--defaults",
        f"--data=project_name={PROJECT_NAME}", *answers,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    direct = git("rev-parse", "HEAD^{tree}", cwd=teacher.cwd / rung.tag).stdout
    assert git("rev-parse", f"{rung.tag}^{{tree}}", cwd=classroom / FLASK).stdout == direct


def test_the_top_rung_is_flask_full_with_every_option():
    """Each yes/no question of flask-full answered yes.

    That `scaffold new` renders the rung's tree from those answers is
    test_each_rung_is_what_scaffold_new_renders_for_its_answers[rung-admin]'s.
    """
    questions = registry.get(ladder.LADDER_TEMPLATE).config
    options = [name for name, question in questions.items()
               if isinstance(question, dict) and question.get("type") == "bool"]  # fmt: skip
    assert options and RUNGS[-1].data == dict.fromkeys(options, True)


@pytest.mark.parametrize("rung", RUNGS, ids=[rung.tag for rung in RUNGS])
def test_each_rung_passes_its_own_tests(checkout, rung):
    project = checkout("flask", rung.tag)
    result = run_tests(project)
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout.splitlines()[-1]


def test_the_django_twin_is_what_scaffold_new_renders_with_the_same_name(classroom, teacher):
    made = teacher.run(
        "new", "twin", "--template", "django-full", "--defaults",
        f"--data=project_name={PROJECT_NAME}",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    django = classroom / DJANGO
    first = git("rev-list", "--max-parents=0", "HEAD", cwd=django).stdout.strip()
    assert (
        git("rev-parse", f"{first}^{{tree}}", cwd=django).stdout
        == git("rev-parse", "HEAD^{tree}", cwd=teacher.cwd / "twin").stdout
    )
    # Then only the exercises, added in one commit.
    assert git("rev-list", "--count", "HEAD", cwd=django).stdout.strip() == "2"
