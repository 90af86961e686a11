"""`scaffold new` as people type it: the installed command, relative paths, `.`, Ctrl-C.

Each test starts from the user's own folder with the wheel that pip installed
(tests/users.py), and checks what they would see and find afterwards.
"""

import os
import re
import shutil
import signal
import subprocess
import time

import pytest
import yaml
from users import GIT_EMAIL, GIT_NAME

from scaffold import registry


def next_steps(output: str) -> list[str]:
    return [line.strip() for line in output.split("Next steps:", 1)[1].splitlines() if line]


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


@pytest.mark.parametrize("installer", ["uv", "pip"])
def test_relative_dest_installs_into_the_projects_own_venv(user, installer):
    """the venv lands in my-site/.venv, and the printed steps work as printed."""
    result = user.run(
        "new", "my-site", "--need", "none", "--defaults", "--install", "--check",
        "--installer", installer,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "The project's own tests pass" in result.stdout
    assert (user.cwd / "my-site" / ".venv" / "bin" / "python").is_file()
    assert not (user.cwd / "my-site" / "my-site").exists()
    steps = next_steps(result.stdout)
    assert steps[:2] == ["cd my-site", ". .venv/bin/activate"]
    followed = user.shell(" && ".join([*steps[:2], "flask --app my_site routes"]))
    assert followed.returncode == 0, followed.stderr
    assert "/healthz" in followed.stdout


def test_dot_renders_into_the_current_folder_without_replacing_it(user):
    """the user's shell stays in the same folder, and git can commit there."""
    here = user.cwd / "tea-shop"
    here.mkdir()
    inode = here.stat().st_ino
    result = user.run("new", ".", "--template", "flask-minimal", "--defaults", cwd=here)
    assert result.returncode == 0, result.stderr
    assert here.stat().st_ino == inode
    assert (here / "tea_shop" / "__init__.py").is_file()
    assert "Made the initial git commit." in result.stdout
    assert git("status", "--porcelain", cwd=here).stdout == ""
    assert not any(step.startswith("cd ") for step in next_steps(result.stdout))
    assert not [p for p in here.iterdir() if "scaffold-partial" in p.name]


def test_an_empty_folder_stays_empty_when_rendering_is_refused(user):
    here = user.cwd / "empty"
    here.mkdir()
    inode = here.stat().st_ino
    result = user.run(
        "new", "empty", "-t", "flask-minimal", "--defaults", "--data", "author_email=nope"
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: that is not an email address (set it with --data author_email=...)"
    )
    assert here.stat().st_ino == inode and list(here.iterdir()) == []


def test_an_empty_destination_is_refused(user):
    """ "" is a mistake, not the current folder."""
    result = user.run("new", "", "--template", "flask-minimal", "--defaults")
    assert result.returncode == 2
    assert "is empty; name a folder, or . for the current one" in result.stderr
    assert list(user.cwd.iterdir()) == []


def test_ctrl_c_during_install_says_what_exists_and_how_to_finish(user):
    """a real SIGINT to the job's process group, as a terminal sends it."""
    job = user.popen("new", "x", "--template", "django-full", "--defaults", "--install")
    venv = user.cwd / "x" / ".venv"
    deadline = time.monotonic() + 120
    while not (venv / "bin" / "python").exists():
        assert job.poll() is None, job.communicate()
        assert time.monotonic() < deadline, "the install never started"
        time.sleep(0.05)
    os.killpg(job.pid, signal.SIGINT)
    _, err = job.communicate(timeout=120)
    assert job.returncode == 130, err
    assert "nothing was written" not in err
    message = err.strip().splitlines()[-1]
    assert message.startswith("Interrupted while installing the project into .venv: ")
    assert "x holds the complete project, committed to git, no .venv." in message
    assert not venv.exists()
    assert git("log", "--format=%s", cwd=user.cwd / "x").stdout.strip() == (
        "Start from scaffold's django-full template"
    )
    finish = message.split("To finish: ", 1)[1]
    assert finish == "cd x && python -m venv .venv && .venv/bin/pip install -e '.[dev]'"
    assert user.shell(finish).returncode == 0
    tests = user.shell("cd x && .venv/bin/python -m pytest -q -p no:cacheprovider")
    assert tests.returncode == 0, tests.stdout[-3000:]


def test_generated_and_exported_trees_hold_no_bytecode(user, installed_venv):
    """pip compiled the templates' .py files; none of it reaches a project or export."""
    packaged = list(installed_venv.glob("lib/python*/site-packages/scaffold/templates/**/*.pyc"))
    assert packaged, "pip compiled nothing: this test would prove nothing"
    for name in ("flask-minimal", "flask-full", "django-full"):
        assert user.run("new", name, "-t", name, "--defaults", "--no-git").returncode == 0
        assert user.run("export", name, f"{name}-ck").returncode == 0
    leftovers = [
        path.relative_to(user.cwd)
        for path in user.cwd.rglob("*")
        if path.name == "__pycache__" or path.suffix in (".pyc", ".pyo")
    ]
    assert leftovers == []


def test_defaults_come_from_the_folder_name_and_gits_identity(user):
    """tea-shop is called tea-shop, and the author is the one git knows."""
    result = user.run("new", "tea-shop", "-t", "flask-full", "--defaults", "--no-git")
    assert result.returncode == 0, result.stderr
    project = user.cwd / "tea-shop"
    assert (project / "tea_shop" / "__init__.py").is_file()
    answers = (project / ".copier-answers.yml").read_text()
    assert "project_name: tea-shop" in answers
    assert f"author_name: {GIT_NAME}" in answers and f"author_email: {GIT_EMAIL}" in answers
    assert f'{{ name = "{GIT_NAME}", email = "{GIT_EMAIL}" }}' in (
        (project / "pyproject.toml").read_text()
    )
    named = user.run(
        "new", "other", "-t", "flask-minimal", "--defaults", "--no-git",
        "--data", "project_name=Tea Shop",
    )  # fmt: skip
    assert named.returncode == 0 and (user.cwd / "other" / "tea_shop").is_dir()


@pytest.mark.parametrize("default_branch", [None, "trunk"], ids=["git-default", "trunk"])
@pytest.mark.parametrize("template", ["flask-minimal", "flask-full", "django-full"])
def test_projects_start_on_main_where_ci_runs(user, template, default_branch):
    """Whatever the user's git calls a new repository's branch (nothing set: git's own
    default; or their init.defaultBranch), the project starts on main, where its workflow
    runs on pushes, and it runs on pull requests too."""
    config = f"[user]\n\tname = {GIT_NAME}\n\temail = {GIT_EMAIL}\n"
    if default_branch:
        config += f"[init]\n\tdefaultBranch = {default_branch}\n"
    (user.home / ".gitconfig").write_text(config)
    result = user.run("new", "tea-shop", "-t", template, "--defaults")
    assert result.returncode == 0, result.stderr
    project = user.cwd / "tea-shop"
    branches = user.shell("git branch --format='%(refname:short)'", cwd=project).stdout.split()
    assert sorted(branches) == ["main", "scaffold/template"]
    assert user.shell("git branch --show-current", cwd=project).stdout.strip() == "main"
    workflow = yaml.safe_load((project / ".github" / "workflows" / "ci.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true.
    assert "main" in triggers["push"]["branches"], triggers
    # Every pull request, whatever branch it targets.
    assert "pull_request" in triggers and not triggers["pull_request"], triggers


def test_a_folder_name_that_cannot_be_a_package_says_how_to_name_it(user):
    result = user.run("new", "site", "-t", "flask-minimal", "--defaults")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: 'site' would shadow site of Python's standard library; choose another, "
        "such as my_site (set it with --data package_name=...)"
    )
    assert list(user.cwd.iterdir()) == []


def test_compare_with_an_unknown_template_is_a_usage_error(user):
    """a typo is the user's to fix, not a bug to report."""
    result = user.run("compare", "nonexist")
    assert result.returncode == 2
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    assert "django-full, flask-full, flask-minimal" in result.stderr


def test_new_with_an_unknown_template_is_a_usage_error(user):
    result = user.run("new", "x", "-t", "rails", "--defaults")
    assert result.returncode == 2
    assert re.search(
        r"unknown template 'rails'; choose one of: django-full, flask-full", result.stderr
    )
    assert list(user.cwd.iterdir()) == []


def test_pretend_piped_into_head_ends_quietly(user):
    """the reader leaves early; no "Broken pipe" error."""
    result = user.shell("scaffold new x -t django-full --defaults --pretend | head -n 0")
    assert result.returncode == 0
    assert result.stderr == ""
    result = user.shell("scaffold new x -t django-full --defaults --pretend | head -n 1")
    assert result.stdout == "x/.copier-answers.yml\n" and result.stderr == ""
    assert list(user.cwd.iterdir()) == []


def test_the_distribution_is_not_named_like_someone_elses(installed_venv):
    """`scaffold` on PyPI is another project; ours installs as scaffold-web."""
    shown = subprocess.run(
        [installed_venv / "bin" / "pip", "show", "scaffold-web"], capture_output=True, text=True
    )
    assert shown.returncode == 0 and "Name: scaffold-web" in shown.stdout
    assert (installed_venv / "bin" / "scaffold").is_file()


def test_failing_tests_under_check_say_what_exists(user):
    """A step after rendering fails: the project and its venv stay, and the message says so."""
    template = user.cwd / "broken-template"
    shutil.copytree(registry.get("flask-minimal").path, template)
    (template / "template" / "tests" / "test_broken.py").write_text(
        "def test_broken():\n    assert 1 == 2\n"
    )
    result = user.run("new", "x", "--template", "./broken-template", "--defaults", "--check")
    assert result.returncode == 1
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("Error while running the project's own tests: ")
    assert "1 failed" in message
    assert message.endswith(
        "x holds the complete project, committed to git, with its .venv. "
        "To finish: cd x && .venv/bin/python -m pytest"
    )
    assert (user.cwd / "x" / ".venv" / "bin" / "python").is_file()


def test_next_steps_are_quoted_for_the_shell_they_are_pasted_into(user):
    """a folder with a space: the printed `cd` and activation run as printed, in /bin/sh."""
    result = user.run("new", "my site", "--template", "flask-minimal", "--defaults", "--no-git")
    assert result.returncode == 0, result.stderr
    steps = next_steps(result.stdout)
    assert steps[:3] == ["cd 'my site'", "python -m venv .venv", ". .venv/bin/activate"]
    ran = user.shell(" && ".join([*steps[:3], "pwd", "command -v python"]))
    assert ran.returncode == 0, ran.stderr
    folder, python = ran.stdout.splitlines()
    assert folder == str(user.cwd / "my site")
    assert python == str(user.cwd / "my site" / ".venv" / "bin" / "python")


def test_the_command_that_finishes_a_stopped_job_is_quoted_and_runs(user, monkeypatch):
    """post.Outcome's "To finish:" line, for a project whose folder has a space and a quote."""
    from scaffold import post

    project = user.cwd / "Zoë's blog"
    project.mkdir()
    (project / "README.md").write_text("# Zoë's blog\n")
    monkeypatch.chdir(user.cwd)
    stop = post.Outcome(project, commit=True, install=False, check=False).stopped("Error", 1)
    finish = stop.message.split("To finish: ", 1)[1]
    assert finish.startswith("cd 'Zoë'\"'\"'s blog' && git init")
    assert user.shell(finish).returncode == 0
    assert git("log", "--format=%s", cwd=project).stdout.strip() == "Start"


def test_explain_separates_what_was_said_from_what_was_assumed(user):
    assumed = user.run("new", "--explain", "--kind", "site")
    assert assumed.returncode == 0, assumed.stderr
    assert assumed.stdout.splitlines()[:4] == [
        "Template: django-full",
        "  you said: a content or data-driven site (--kind site)",
        "  assumed:  a database, user accounts and an admin panel, as a content or data-driven "
        "site usually needs; --need says otherwise (any of database,accounts,admin, or none)",
        "  assumed:  you follow conventions (a team project, security first), scaffold's "
        "default; --prefer components says otherwise (Flask)",
    ]
    said = user.run("new", "--explain", "--kind", "site", "--need", "none")
    assert said.stdout.splitlines()[:3] == [
        "Template: flask-minimal",
        "  you said: a content or data-driven site (--kind site)",
        "  you said: it needs no database, accounts or admin (--need none)",
    ]
    assert "assumed" not in said.stdout
