"""`scaffold update` with real git, as people run it: a project, their edits, a newer template.

The template is a copy the test can change (`scaffold new --template PATH`),
so each test plays both sides: the template's authors and the project's.
"""

import shutil
import subprocess

import pytest
from projects import install_project

from scaffold import registry


def git(*args, cwd, check=True):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


def commit_all(cwd, message):
    git("add", "--all", cwd=cwd)
    git("commit", "--quiet", "-m", message, cwd=cwd)


def state(project):
    """What the user would notice changing: HEAD, branches, the files, the object store."""
    return (
        git("rev-parse", "HEAD", cwd=project).stdout,
        git("for-each-ref", cwd=project).stdout,
        git("status", "--porcelain", "--ignored", cwd=project).stdout,
        git("count-objects", "-v", cwd=project).stdout,
        sorted(p.relative_to(project) for p in project.rglob("*") if ".git" not in p.parts),
    )


@pytest.fixture
def own_template(user):
    """A team's own copy of flask-minimal, in the user's folder, that they keep changing."""
    folder = user.cwd / "team-template"
    shutil.copytree(registry.get("flask-minimal").path, folder)
    return folder


@pytest.fixture
def project(user, own_template):
    made = user.run("new", "blog", "--template", "./team-template", "--defaults")
    assert made.returncode == 0, made.stderr
    return user.cwd / "blog"


def edit(path, old, new):
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def test_new_keeps_the_pristine_render_on_the_template_branch(project):
    assert git("branch", "--list", "scaffold/template", cwd=project).stdout.strip()
    assert (
        git("rev-parse", "scaffold/template", cwd=project).stdout
        == git("rev-parse", "HEAD", cwd=project).stdout
    )


def test_a_template_change_and_a_user_edit_are_both_merged(user, own_template, project):
    module = project / "blog" / "__init__.py"
    edit(module, "def create_app(", "# The blog's own note.\ndef create_app(")
    commit_all(project, "My edit")
    secret = (project / ".env").read_bytes()

    (own_template / "template" / "CHANGELOG.md").write_text("# Changes\n")
    source = own_template / "template" / "{{ package_name }}" / "__init__.py.jinja"
    edit(source, 'return jsonify(status="ok")', 'return jsonify(status="ok", version=1)')

    result = user.run("update", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "added      CHANGELOG.md" in result.stdout
    assert "updated    blog/__init__.py" in result.stdout
    merged = module.read_text()
    assert "# The blog's own note." in merged and "version=1" in merged
    assert (project / "CHANGELOG.md").is_file()
    assert (project / ".env").read_bytes() == secret
    assert git("status", "--porcelain", cwd=project).stdout == ""

    again = user.run("update", cwd=project)
    assert again.returncode == 0
    assert "Already up to date" in again.stdout


def test_a_file_the_template_renames_is_listed_once_under_both_names(user, own_template, project):
    folder = own_template / "template" / "tests"
    (folder / "test_app.py.jinja").rename(folder / "test_pages.py.jinja")

    for pretend in (["--pretend"], []):
        result = user.run("update", *pretend, cwd=project)
        assert result.returncode == 0, result.stderr
        listed = [line.split() for line in result.stdout.splitlines() if line.startswith("  ")]
        assert listed == [["renamed", "tests/test_app.py", "->", "tests/test_pages.py"]], (
            result.stdout
        )
    assert (project / "tests" / "test_pages.py").is_file()
    assert not (project / "tests" / "test_app.py").exists()


def test_the_same_line_changed_on_both_sides_is_a_git_conflict(user, own_template, project):
    readme = project / "README.md"
    edit(readme, "A small [Flask]", "A tiny [Flask]")
    commit_all(project, "My wording")
    before = git("rev-parse", "HEAD", cwd=project).stdout
    edit(own_template / "template" / "README.md.jinja", "A small [Flask]", "A compact [Flask]")

    result = user.run("update", cwd=project)
    assert result.returncode == 1
    assert "conflicted README.md" in result.stdout
    assert "git merge --abort" in result.stdout and "git commit" in result.stdout
    assert "UU README.md" in git("status", "--porcelain", cwd=project).stdout
    assert "<<<<<<<" in readme.read_text()
    assert not list(project.rglob("*.rej")) and not list(project.rglob("*.orig"))

    git("merge", "--abort", cwd=project)
    assert git("rev-parse", "HEAD", cwd=project).stdout == before
    assert git("status", "--porcelain", cwd=project).stdout == ""
    assert "A tiny [Flask]" in readme.read_text()


def test_pretend_reports_the_merge_and_changes_nothing(user, own_template, project):
    readme = project / "README.md"
    edit(readme, "A small [Flask]", "A tiny [Flask]")
    commit_all(project, "My wording")
    edit(own_template / "template" / "README.md.jinja", "A small [Flask]", "A compact [Flask]")
    (own_template / "template" / "NEW.txt").write_text("new\n")
    before = state(project)

    pretend = user.run("update", "--pretend", cwd=project)
    assert pretend.returncode == 1
    assert state(project) == before
    assert "conflicted README.md" in pretend.stdout and "added      NEW.txt" in pretend.stdout

    real = user.run("update", cwd=project)
    assert real.returncode == 1
    listed = [line for line in real.stdout.splitlines() if line.startswith("  ")]
    assert listed == [line for line in pretend.stdout.splitlines() if line.startswith("  ")]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("echo change >> README.md", "uncommitted changes (README.md)"),
        ("git branch -D scaffold/template", "no scaffold/template branch"),
        ("rm -rf .git", "is not a git repository"),
    ],
)
def test_refusals_say_what_to_do_and_change_nothing(user, project, setup, message):
    assert user.shell(setup, cwd=project).returncode == 0
    files = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and ".git" not in p.parts}
    result = user.run("update", cwd=project)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in files} == files


@pytest.mark.parametrize("setup", ["true", "git init --quiet"], ids=["folder", "repository"])
def test_a_folder_that_is_no_project_is_refused_without_git_advice(user, setup):
    folder = user.cwd / "notes"
    folder.mkdir()
    (folder / "todo.txt").write_text("buy tea\n")
    assert user.shell(setup, cwd=folder).returncode == 0
    result = user.run("update", "notes")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: notes is not a project made by scaffold (it has no .copier-answers.yml); "
        "run scaffold update in the project's own folder\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["todo.txt", *([".git"] if "git" in setup else [])]
    )


def test_a_merge_in_progress_is_refused(user, own_template, project):
    edit(project / "README.md", "A small [Flask]", "A tiny [Flask]")
    commit_all(project, "My wording")
    edit(own_template / "template" / "README.md.jinja", "A small [Flask]", "A compact [Flask]")
    assert user.run("update", cwd=project).returncode == 1
    again = user.run("update", cwd=project)
    assert again.returncode == 1
    assert "a merge is in progress; finish it" in again.stderr


def test_a_project_made_without_git_can_adopt_a_template_branch(user, own_template):
    made = user.run("new", "loose", "-t", "./team-template", "--defaults", "--no-git")
    assert made.returncode == 0
    project = user.cwd / "loose"
    refused = user.run("update", cwd=project)
    assert "git init" in refused.stderr and "--adopt" in refused.stderr
    git("init", "--quiet", cwd=project)
    edit(project / "README.md", "A small [Flask]", "A tiny [Flask]")
    commit_all(project, "Start, with my wording")
    adopted = user.run("update", "--adopt", cwd=project)
    assert adopted.returncode == 0, adopted.stderr
    assert "updated    README.md" in adopted.stdout  # the difference counted as the user's edit
    assert "A tiny [Flask]" in (project / "README.md").read_text()

    (own_template / "template" / "NEW.txt").write_text("new\n")
    updated = user.run("update", cwd=project)
    assert updated.returncode == 0, updated.stderr
    assert (project / "NEW.txt").is_file()
    assert "A tiny [Flask]" in (project / "README.md").read_text()


def test_invalid_answers_are_refused_as_scaffold_new_refuses_them(user):
    made = user.run("new", "blog", "-t", "flask-full", "--defaults", "--data", "use_admin=false")
    assert made.returncode == 0, made.stderr
    new_says = user.run(
        "new", "other", "-t", "flask-full", "--defaults", "--data", "use_database=false",
        "--data", "use_accounts=true",
    )  # fmt: skip
    update_says = user.run(
        "update", "--data", "use_database=false", "--data", "use_accounts=true",
        cwd=user.cwd / "blog",
    )  # fmt: skip
    assert update_says.returncode == new_says.returncode == 1
    assert update_says.stderr == new_says.stderr
    unknown = user.run("update", "--data", "use_admn=true", cwd=user.cwd / "blog")
    assert "did you mean 'use_admin'" in unknown.stderr


def test_the_answers_file_says_what_made_the_project(user):
    # Not "blog": django-full's app is blog/, and the package may not collide with it.
    assert user.run("new", "team-blog", "-t", "django-full", "--defaults").returncode == 0
    answers = (user.cwd / "team-blog" / ".copier-answers.yml").read_text()
    assert "_src_path" not in answers
    assert "template: django-full" in answers
    assert "scaffold_version:" in answers and "template_digest:" in answers


def test_adding_the_admin_merges_it_with_the_users_edits(user):
    made = user.run("new", "blog", "-t", "flask-full", "--defaults", "--data", "use_admin=false")
    assert made.returncode == 0, made.stderr
    project = user.cwd / "blog"
    assert not (project / "blog" / "admin.py").exists()
    edit(project / "README.md", "# blog", "# blog\n\nOur team's blog.")
    commit_all(project, "Our README")

    result = user.run("update", "--data", "use_admin=true", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "added      blog/admin.py" in result.stdout
    assert "Our team's blog." in (project / "README.md").read_text()
    assert "flask-admin" in (project / "pyproject.toml").read_text()
    assert "use_admin: true" in (project / ".copier-answers.yml").read_text()
    built = install_project(project)
    built.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    built.run("ruff", "check", ".")
