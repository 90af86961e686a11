"""Rendering: all or nothing, and nothing of Copier's syntax left behind."""

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from scaffold import registry, render

# Jinja's delimiters; `${{` is GitHub Actions' own expression syntax, kept in workflows.
COPIER_SYNTAX = re.compile(r"(?<!\$)\{\{|\{%|\{#")


@pytest.fixture
def broken_template(tmp_path):
    """A template whose second file fails to render, after the first was written."""
    root = tmp_path / "broken"
    (root / "template").mkdir(parents=True)
    (root / "copier.yml").write_text("_subdirectory: template\nname:\n  default: x\n")
    (root / "template" / "a_first.txt.jinja").write_text("{{ name }}\n")
    (root / "template" / "b_second.txt.jinja").write_text("{{ name | no_such_filter }}\n")
    return root


def test_failure_half_way_leaves_nothing(tmp_path, broken_template):
    dest = tmp_path / "out" / "deeper" / "project"
    with pytest.raises(Exception, match="no_such_filter"):
        render.render(broken_template, dest, {}, defaults=True)
    assert not (tmp_path / "out").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken"]


def test_failure_keeps_an_existing_empty_destination_empty(tmp_path, broken_template):
    dest = tmp_path / "project"
    dest.mkdir()
    with pytest.raises(Exception, match="no_such_filter"):
        render.render(broken_template, dest, {}, defaults=True)
    assert dest.is_dir() and not any(dest.iterdir())
    assert not list(tmp_path.glob(f"*{render.STAGING_SUFFIX}"))


def test_interrupt_leaves_nothing(tmp_path):
    """A real Ctrl-C (SIGINT) delivered while Copier is rendering."""
    dest = tmp_path / "project"
    script = (
        "import os, signal, sys\n"
        "import copier._main as main\n"
        "from scaffold import registry, render\n"
        "original = main.Worker._render_file\n"
        "def render_then_interrupt(self, *args, **kwargs):\n"
        "    original(self, *args, **kwargs)\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "main.Worker._render_file = render_then_interrupt\n"
        "try:\n"
        "    render.render(registry.get('flask-minimal').path, sys.argv[1], {}, defaults=True)\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(130)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(dest)], capture_output=True)
    assert result.returncode == 130, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unwritable_parent_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    with pytest.raises(render.RenderError, match=r"cannot write to .*file"):
        render.render(registry.get("flask-minimal").path, blocker / "project", {}, defaults=True)
    assert blocker.read_text() == "in the way"


def rendered_files(template, answers):
    """Map each source file to where rendering puts it; excluded files map to nothing."""
    environment = jinja2.Environment()
    context = {**answers, "_copier_conf": {"answers_file": ".copier-answers.yml"}}
    source_root = template.path / "template"
    mapping = {}
    for source in sorted(source_root.rglob("*")):
        if not source.is_file():
            continue
        parts = [
            environment.from_string(part).render(context)
            for part in source.relative_to(source_root).parts
        ]
        if all(parts):
            target = Path(*parts)
            mapping[source] = target.with_suffix("") if target.suffix == ".jinja" else target
    return mapping


@pytest.mark.parametrize("template", registry.available(), ids=lambda t: t.name)
def test_no_template_syntax_left_and_verbatim_files_unchanged(tmp_path, template):
    dest = tmp_path / "project"
    answers = render.render(template.path, dest, {}, defaults=True)
    mapping = rendered_files(template, answers)
    written = sorted(p.relative_to(dest) for p in dest.rglob("*") if p.is_file())
    assert written == sorted(mapping.values())
    for source, target in mapping.items():
        text = (dest / target).read_text(encoding="utf-8")
        if source.suffix == ".jinja":
            assert not COPIER_SYNTAX.search(text), f"template syntax left in {target}"
        else:
            assert text == source.read_text(encoding="utf-8"), f"{target} was not copied verbatim"


def test_the_copier_command_recognises_a_generated_project(tmp_path):
    """`copier copy` over a project takes its recorded answers and keeps its secret."""
    template = registry.get("flask-minimal").path
    dest = tmp_path / "project"
    render.render(template, dest, {"project_name": "Tea"}, defaults=True)
    secret = (dest / ".env").read_text()
    (dest / "README.md").write_text("changed")
    copier = Path(sys.executable).parent / "copier"
    subprocess.run(
        [copier, "copy", "--defaults", "--overwrite", "--quiet", template, dest],
        check=True, capture_output=True,
    )  # fmt: skip
    assert (dest / "tea" / "__init__.py").is_file()
    assert (dest / "README.md").read_text().startswith("# Tea")
    assert (dest / ".env").read_text() == secret


def test_each_project_gets_its_own_secret(tmp_path):
    path = registry.get("flask-minimal").path
    secrets = set()
    for name in ("one", "two"):
        render.render(path, tmp_path / name, {}, defaults=True)
        env_lines = (tmp_path / name / ".env").read_text().splitlines()
        (line,) = [entry for entry in env_lines if entry.startswith("SECRET_KEY=")]
        secrets.add(line.removeprefix("SECRET_KEY="))
    assert len(secrets) == 2
    assert all(re.fullmatch(r"[0-9a-f]{64}", secret) for secret in secrets)
    assert all(len(set(secret)) > 8 for secret in secrets)


def test_a_rendered_folder_gets_the_mode_the_umask_gives_any_new_folder(tmp_path):
    """Not the private 0700 of the staging folder it was built in: a class copies it around."""
    dest = tmp_path / "project"
    render.render(registry.get("flask-minimal").path, dest, {}, defaults=True)
    current = os.umask(0o022)
    os.umask(current)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o777 & ~current
