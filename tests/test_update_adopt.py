"""`scaffold update --adopt` when the project's history holds no render of scaffold's to start from.

(A project whose first commit is scaffold's render, as every release's `scaffold new`
makes it, is adopted from that commit: tests/test_update_releases.py.)
"""

import subprocess

import pytest


def git(*args, cwd):
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def listed(output: str) -> dict[str, str]:
    """The report's lines: path -> what happened to it."""
    return {
        line.split(maxsplit=1)[1]: line.split()[0]
        for line in output.splitlines()
        if line.startswith("  ")
    }


@pytest.fixture
def loose(user):
    """A flask-minimal project made with --no-git, its folder edited before git ever saw it."""
    made = user.run("new", "loose", "-t", "flask-minimal", "--defaults", "--no-git")
    assert made.returncode == 0, made.stderr
    project = user.cwd / "loose"
    readme = project / "README.md"
    readme.write_text(readme.read_text().replace("A small [Flask]", "A tiny [Flask]", 1))
    (project / "Dockerfile").unlink()
    return project


def commit_everything(project, message="My project"):
    git("init", "--quiet", cwd=project)
    git("add", "--all", cwd=project)
    git("commit", "--quiet", "-m", message, cwd=project)


def test_a_project_of_an_unknown_release_is_merged_with_no_base(user, loose):
    """No first render, and a template digest that is not today's: an earlier release's."""
    answers = loose / ".copier-answers.yml"
    text = answers.read_text()
    digest = text.split("template_digest: ")[1].split()[0]
    answers.write_text(text.replace(digest, "0123456789abcdef"))
    commit_everything(loose)

    result = user.run("update", "--adopt", cwd=loose)
    assert result.returncode == 1, result.stderr
    assert "today's template is merged with no base" in result.stdout
    changes = listed(result.stdout)
    # The file the template has and the project lacks comes back; the difference is a conflict.
    assert changes["Dockerfile"] == "added" and (loose / "Dockerfile").is_file()
    assert changes["README.md"] == "conflicted"
    assert "deleted" not in changes.values()
    readme = (loose / "README.md").read_text()
    assert "<<<<<<<" in readme and "A tiny [Flask]" in readme and "A small [Flask]" in readme
    # Only the lines that differ are in conflict, not the whole file.
    assert readme.count("<<<<<<<") == 1 and readme.startswith("# loose")

    git("merge", "--abort", cwd=loose)
    assert git("status", "--porcelain", cwd=loose) == ""
    assert not (loose / "Dockerfile").exists()


def test_a_project_without_an_answers_file_names_its_template(user, loose):
    (loose / ".copier-answers.yml").unlink()
    (loose / "README.md").write_text((loose / "README.md").read_text().replace("tiny", "small"))
    commit_everything(loose)

    refused = user.run("update", "--adopt", cwd=loose)
    assert refused.returncode == 1
    assert "has no .copier-answers.yml to say which template made it; pass --template" in (
        refused.stderr
    )
    result = user.run("update", "--adopt", "--template", "flask-minimal", cwd=loose)
    assert result.returncode == 0, result.stdout + result.stderr
    assert listed(result.stdout) == {".copier-answers.yml": "added", "Dockerfile": "added"}
    assert "template: flask-minimal" in (loose / ".copier-answers.yml").read_text()
