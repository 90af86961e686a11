"""The files a team sets up first, in every generated project, each checked by its own tool.

Every template is rendered with every option combination Copier accepts. The
workflows go through check-jsonschema (GitHub's workflow schema) and zizmor,
the Dockerfiles through hadolint; then pre-commit runs the hooks of a fresh
project of each template, installed in its own virtual environment.
"""

import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from projects import install_project
from test_export import option_combinations

from scaffold import registry
from scaffold.answers import AnswerError

TOOLS = Path(sys.executable).parent
WORKFLOW = ".github/workflows/ci.yml"
# A full commit hash, then the release it is, as the workflow's comment says.
PINNED_STEP = re.compile(r"uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def run_tool(name: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """One of the checkers installed beside this Python (our dev extra)."""
    return subprocess.run(
        [str(TOOLS / name), *map(str, args)], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def variants(rendered_template):
    """(template name, answers, project folder) for each combination Copier renders."""
    rendered = []
    for template in registry.available():
        for data in option_combinations(template):
            try:
                dest = rendered_template(template.name, project_name="Team Blog", **data)
            except AnswerError:
                continue  # a combination the template refuses (a rung without the one below)
            rendered.append((template.name, data, dest))
    return rendered


def uses_postgresql(name: str, data: dict) -> bool:
    return data.get("database") == "postgresql" and data.get("use_database", True)


def test_every_template_and_the_postgresql_variants_are_covered(variants):
    names = {name for name, _, _ in variants}
    assert names == {template.name for template in registry.available()}
    assert {name for name, data, _ in variants if uses_postgresql(name, data)} == {
        "flask-full",
        "django-full",
    }


def test_workflows_follow_githubs_schema(variants):
    result = run_tool(
        "check-jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        *(path / WORKFLOW for _, _, path in variants),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_higher(variants):
    result = run_tool(
        "zizmor",
        "--offline",
        "--min-severity",
        "medium",
        *(path / WORKFLOW for _, _, path in variants),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_workflows_read_only_pinned_and_complete(variants):
    for name, data, path in variants:
        text = (path / WORKFLOW).read_text()
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {"contents": "read"}, path
        # YAML 1.1 reads the key `on` as true.
        assert set(workflow[True]) == {"push", "pull_request"}
        for job in workflow["jobs"].values():
            assert "permissions" not in job, f"{path}: a job widens the token's permissions"
            for step in job["steps"]:
                if "uses" not in step:
                    continue
                if step["uses"].startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
        uses_lines = [line.strip() for line in text.splitlines() if "uses:" in line]
        assert uses_lines and all(PINNED_STEP.search(line) for line in uses_lines), uses_lines

        runs = "\n".join(
            step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]
        )
        for command in ("pip install -e '.[dev]'", "ruff check", "ruff format --check", "pytest"):
            assert command in runs, f"{path}: no `{command}`"
        if name == "django-full":
            assert "manage.py check --deploy --fail-level WARNING" in runs
            assert "makemigrations --check" in runs
        services = {
            job_name: job["services"]
            for job_name, job in workflow["jobs"].items()
            if "services" in job
        }
        if uses_postgresql(name, data):
            assert list(services) == ["postgresql"]
            assert services["postgresql"]["postgres"]["image"].startswith("postgres:")
            assert "DATABASE_URL" in workflow["jobs"]["postgresql"]["env"]
        else:
            assert services == {}, f"{path}: a PostgreSQL job without database=postgresql"


def programs_run(workflow: dict) -> set[str]:
    """The programs the workflow's `run` steps start, ``python -m X`` counted as X."""
    programs = set()
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for line in step.get("run", "").splitlines():
                words = shlex.split(line, comments=True)
                while words and "=" in words[0]:
                    words = words[1:]  # NAME=VALUE before a command, or on its own
                if not words or words[0] == "export":
                    continue
                if words[0] == "python" and words[1] == "-m":
                    programs.add(words[2])
                elif words[0] == "python" and words[1].endswith(".py"):
                    continue  # the project's own script (manage.py)
                else:
                    programs.add(words[0])
    return programs


def test_every_tool_ci_runs_is_pinned_to_one_version(variants):
    """A new release of ruff or pytest alone must not turn a project's CI red: each tool
    CI runs is a dev dependency pinned with ==, unless the app itself depends on it (flask)."""
    for _, _, path in variants:
        project = tomllib.loads((path / "pyproject.toml").read_text())["project"]
        dev = [Requirement(line) for line in project["optional-dependencies"]["dev"]]
        for requirement in dev:
            (specifier,) = requirement.specifier
            assert specifier.operator == "==" and "*" not in specifier.version, requirement
        pinned = {requirement.name for requirement in dev}
        runtime = {Requirement(line).name for line in project["dependencies"]}
        workflow = yaml.safe_load((path / WORKFLOW).read_text())
        # pip is the installer setup-python brings, not a tool of the project.
        tools = programs_run(workflow) - {"pip"}
        assert {"ruff", "pytest"} <= tools, tools
        assert tools <= pinned | runtime, f"{path}: {tools - pinned - runtime} not pinned"
        assert tools & runtime <= {"flask"}, tools & runtime


def test_dockerfiles_pass_hadolint_without_a_warning(variants):
    result = run_tool("hadolint", *(path / "Dockerfile" for _, _, path in variants))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_dockerfiles_build_in_two_stages_and_run_unprivileged(variants):
    for name, _, path in variants:
        dockerfile = (path / "Dockerfile").read_text()
        stages = re.findall(r"^FROM (\S+)", dockerfile, re.M)
        assert stages == ["${PYTHON_IMAGE}", "${PYTHON_IMAGE}"], path
        runtime = dockerfile.split("\nFROM ")[-1]
        assert "COPY --from=build /opt/venv /opt/venv" in runtime
        (user,) = re.findall(r"^USER (\S+)$", runtime, re.M)
        assert user.isdigit() and int(user) > 0, f"{path}: runs as {user}"
        assert re.search(r"^HEALTHCHECK .*\n\s+CMD .*/healthz", runtime, re.M), path
        assert re.search(r'^CMD \["gunicorn", "--bind", "0\.0\.0\.0:8000", ', runtime, re.M)
        assert ("manage.py collectstatic" in dockerfile) == (name == "django-full")

        secret = re.search(r"^SECRET_KEY=(\S+)$", (path / ".env").read_text(), re.M)[1]
        assert secret not in dockerfile
        ignored = (path / ".dockerignore").read_text().splitlines()
        assert {".env", ".venv/", ".git/"} <= set(ignored), path


def test_readmes_say_how_to_use_each_file(variants):
    for _, _, path in variants:
        readme = (path / "README.md").read_text()
        for words in (
            ".github/workflows/ci.yml",
            ".pre-commit-config.yaml",
            "pre-commit install",
            "docker build -t team-blog .",
            "docker run --rm -p 8000:8000",
            ".dockerignore",
        ):
            assert words in readme, f"{path}/README.md does not mention {words}"


@pytest.mark.install
@pytest.mark.parametrize("name", [t.name for t in registry.available()])
def test_pre_commit_hooks_pass_offline_then_catch_a_mistake(render_template, tmp_path, name):
    project = install_project(render_template(name, project_name="Hooked Blog"))
    project.run("git", "init", "--quiet")
    project.run("git", "add", "--all")
    # Its own store, so that nothing outside the test is read or written.
    hooks = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    passed = project.run("pre-commit", "run", "--all-files", env=hooks)
    expected = ["ruff check", "ruff format"]
    if name == "django-full":
        expected.append("migrations match the models")
    for hook in expected:
        assert re.search(rf"^{hook}\.+Passed$", passed.stdout, re.M), passed.stdout

    (project.path / "tests" / "test_sloppy.py").write_text("def test_sloppy( ):\n    assert 1==1\n")
    if name == "django-full":
        models = project.path / "blog" / "models.py"
        models.write_text(
            models.read_text().replace(
                "class Post(models.Model):\n",
                "class Post(models.Model):\n    subtitle = models.CharField(max_length=200)\n",
            )
        )
    project.run("git", "add", "--all")
    failed = subprocess.run(
        ["pre-commit", "run", "--all-files"],
        cwd=project.path,
        env=project.env(**hooks),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"^ruff format\.+Failed$", failed.stdout, re.M), failed.stdout
    if name == "django-full":
        assert re.search(r"^migrations match the models\.+Failed$", failed.stdout, re.M)
        assert "subtitle" in failed.stdout


@pytest.mark.install
@pytest.mark.parametrize("name", [t.name for t in registry.available()])
def test_git_commit_runs_the_hooks_without_the_venv_on_path(render_template, tmp_path, name):
    """No venv activated: the hooks find the project's .venv, pass a clean commit and still
    refuse a file ruff refuses."""
    project = install_project(render_template(name, project_name="Hooked Blog"))
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[user]\n\tname = Ada\n\temail = ada@example.com\n")
    # A shell with no venv: the system's programs only, none of them ruff or Django.
    path = "/usr/bin:/bin"
    assert shutil.which("ruff", path=path) is None and shutil.which("pre-commit", path=path) is None
    env = {"HOME": str(home), "PATH": path, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=project.path, env=env, capture_output=True, text=True, timeout=300
        )

    assert git("init", "--quiet", "-b", "main").returncode == 0
    installed = subprocess.run(
        [project.venv / "bin" / "pre-commit", "install"],
        cwd=project.path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    git("add", "--all")
    clean = git("commit", "--quiet", "-m", "Start")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    expected = ["ruff check", "ruff format"] + (
        ["migrations match the models"] if name == "django-full" else []
    )
    for hook in expected:
        assert re.search(rf"^{hook}\.+Passed$", clean.stdout + clean.stderr, re.M), clean

    (project.path / "tests" / "test_sloppy.py").write_text(
        "import os\n\n\ndef test_x():\n    pass\n"
    )
    git("add", "--all")
    refused = git("commit", "--quiet", "-m", "Sloppy")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    said = refused.stdout + refused.stderr  # git commit shows the hooks' output on stderr
    assert re.search(r"^ruff check\.+Failed$", said, re.M), said
    assert "F401" in said  # ruff's own finding, so ruff ran
    assert git("rev-list", "--count", "HEAD").stdout.strip() == "1"
