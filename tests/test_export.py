"""The Cookiecutter export bakes the same project as `scaffold new`, byte for byte.

Both sides run as people run them: the installed `scaffold` (new and export)
and the `cookiecutter` command, answers typed as strings on their command
lines (`use_admin=no`, `0`, `False`), for every option combination.
"""

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from scaffold import export, registry, render

# What may differ: Copier's answers file, and the secret each generation draws.
SECRET_PREFIX = "SECRET_KEY="
COOKIECUTTER = Path(sys.executable).parent / "cookiecutter"
# How people type yes and no; each combination below uses another spelling.
SPELLINGS = {True: ["true", "yes", "1", "y", "True"], False: ["false", "no", "0", "n", "False"]}


def option_combinations(template):
    """Every combination of the template's bool and choice questions."""
    options = {
        name: [True, False] if question.type == "bool" else list(question.choices)
        for name, question in template.questions.items()
        if question.type == "bool" or question.choices
    }
    return [
        dict(zip(options, values, strict=True)) for values in itertools.product(*options.values())
    ]


def combinations():
    for template in registry.available():
        if export.unsupported(template):
            continue
        for index, data in enumerate(option_combinations(template)):
            typed = {
                key: SPELLINGS[value][index % 5] if isinstance(value, bool) else value
                for key, value in data.items()
            }
            label = ",".join(f"{k}={v}" for k, v in typed.items()) or "defaults"
            yield pytest.param(template.name, typed, id=f"{template.name}[{label}]")


def tree(root: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".copier-answers.yml" not in path.name:
            lines = path.read_bytes().splitlines(keepends=True)
            files[path.relative_to(root).as_posix()] = b"".join(
                line for line in lines if not line.startswith(SECRET_PREFIX.encode())
            )
    return files


@pytest.fixture(scope="module")
def exports(installed_venv, tmp_path_factory):
    """Each template exported once by the installed `scaffold export`."""
    folder = tmp_path_factory.mktemp("exports")
    cache = {}

    def get(name):
        if name not in cache:
            subprocess.run(
                [installed_venv / "bin" / "scaffold", "export", name, name],
                cwd=folder, check=True, capture_output=True,
            )  # fmt: skip
            cache[name] = folder / name
        return cache[name]

    return get


def bake(export_path: Path, out: Path, answers: dict[str, str]):
    out.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [COOKIECUTTER, "--no-input", export_path, *(f"{k}={v}" for k, v in answers.items())],
        cwd=out, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip


@pytest.mark.parametrize(("name", "typed"), list(combinations()))
def test_cookiecutter_bakes_what_scaffold_new_writes(user, exports, name, typed):
    # scaffold new takes the author from git; Cookiecutter cannot, so both are told.
    answers = {
        "project_name": "Parity Check",
        "author_name": "Ada",
        "author_email": "ada@example.com",
        **typed,
    }
    data = [arg for key, value in answers.items() for arg in ("--data", f"{key}={value}")]
    new = user.run("new", "parity_check", "-t", name, "--defaults", "--no-git", *data)
    baked = bake(exports(name), user.cwd / "baked", answers)
    if new.returncode != 0:
        assert baked.returncode != 0, "scaffold new refuses these answers but the export took them"
        message = new.stderr.strip().removeprefix("Error: ").split(" (set it with")[0]
        assert message in baked.stderr
        assert "Traceback" not in baked.stderr
        assert not (user.cwd / "baked" / "parity_check").exists()
        return
    assert baked.returncode == 0, baked.stderr
    copier_tree = tree(user.cwd / "parity_check")
    baked_tree = tree(user.cwd / "baked" / "parity_check")
    assert sorted(baked_tree) == sorted(copier_tree)
    for path, content in copier_tree.items():
        assert baked_tree[path] == content, f"{path} differs between Copier and Cookiecutter"
    for project in (user.cwd / "parity_check", user.cwd / "baked" / "parity_check"):
        (secret,) = [
            line
            for line in (project / ".env").read_text().splitlines()
            if line.startswith(SECRET_PREFIX)
        ]
        assert len(secret.removeprefix(SECRET_PREFIX)) == 64


def test_a_refusal_is_one_line_without_cookiecutters_traceback(exports, tmp_path):
    baked = bake(exports("flask-full"), tmp_path, {"project_name": "flask"})
    assert baked.returncode != 0
    assert baked.stderr.splitlines()[0] == (
        "Error: 'flask' would shadow flask, which the project depends on; choose another, "
        "such as flask_site (set it with package_name=... on the cookiecutter command line)"
    )
    assert "Traceback" not in baked.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_export_refuses_the_names_scaffold_new_refuses(exports, tmp_path):
    baked = bake(exports("django-full"), tmp_path, {"project_name": "blog"})
    assert baked.returncode != 0
    assert baked.stderr.splitlines()[0] == (
        "Error: 'blog' would collide with blog/, which django-full makes beside the package; "
        "choose another, such as blog_site "
        "(set it with package_name=... on the cookiecutter command line)"
    )
    assert list(tmp_path.iterdir()) == []


def test_cookiecutter_makes_the_same_package_from_a_display_name(user, exports):
    answers = {
        "project_name": 'Zoë\'s "Café"',
        "author_name": "Ada",
        "author_email": "ada@example.com",
    }
    data = [arg for key, value in answers.items() for arg in ("--data", f"{key}={value}")]
    new = user.run("new", "zoe_s_cafe", "-t", "flask-full", "--defaults", "--no-git", *data)
    assert new.returncode == 0, new.stderr
    baked = bake(exports("flask-full"), user.cwd / "baked", answers)
    assert baked.returncode == 0, baked.stderr
    assert tree(user.cwd / "baked" / "zoe_s_cafe") == tree(user.cwd / "zoe_s_cafe")


def test_yes_no_questions_are_asked_as_yes_no(exports, tmp_path):
    """Interactively, `n` to the admin question leaves the admin out."""
    child = pexpect.spawn(
        str(COOKIECUTTER), [str(exports("flask-full"))], cwd=tmp_path, encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"}, timeout=30, dimensions=(40, 200),
    )  # fmt: skip
    for _text in ("project's name", "package name", "One sentence", "Your name", "email"):
        child.expect(r"\): ")
        child.send("\r")
    for question, answer in (("database", ""), ("accounts", ""), ("Forms", ""), ("admin", "n")):
        child.expect(question)
        child.expect(r"\[y/n\] \(y\):")
        child.send(f"{answer}\r")
    child.expect("Which database")
    child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    project = tmp_path / "my_blog"
    assert (project / "my_blog" / "forms.py").is_file()
    assert not (project / "my_blog" / "admin.py").exists()
    assert "flask-admin" not in (project / "pyproject.toml").read_text()


def test_export_is_deterministic(tmp_path):
    template = registry.get("flask-minimal")
    export.export_cookiecutter(template, tmp_path / "one")
    export.export_cookiecutter(template, tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_export_refuses_a_folder_that_holds_anything(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(render.RenderError, match="not empty"):
        export.export_cookiecutter(registry.get("flask-minimal"), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_a_failed_export_leaves_no_folder_behind_and_says_so_in_one_line(user):
    """The export fails on the template's second file, with a/b/c made for it: all go."""
    broken = user.cwd / "broken"
    (broken / "template").mkdir(parents=True)
    (broken / "copier.yml").write_text(
        "_subdirectory: template\nproject_name:\n  type: str\n  default: Blog\n"
    )
    (broken / "template" / "README.md.jinja").write_text("# {{ project_name }}\n")
    (broken / "template" / "setup.cfg.jinja").write_text("name = {{ project_name ! }}\n")
    result = user.run("export", "broken", "out/a/b/c")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: template/setup.cfg.jinja, line 1: unexpected char '!' at 23; "
        "fix the template (nothing was written)\n"
    )
    assert sorted(path.name for path in user.cwd.iterdir()) == ["broken"]


def test_names_are_rewritten_only_where_jinja_reads_them():
    source = (
        "project_name {{ project_name.upper() }} {{ x.project_name }} "
        "{% if use_db %}db{% endif %}\n"
    )
    assert export.rewrite_names(source, {"project_name", "use_db"}) == (
        "project_name {{ cookiecutter.project_name.upper() }} {{ x.project_name }} "
        "{% if cookiecutter.use_db %}db{% endif %}\n"
    )


def test_copier_only_variables_cannot_be_exported():
    with pytest.raises(export.ExportError, match="_copier_python"):
        export.rewrite_names("{{ _copier_python }}", set())
