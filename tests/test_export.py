"""The Cookiecutter export bakes the same project as `scaffold new`, byte for byte.

Baked with pytest-cookies, compared with Copier's rendering (through our own
render module, which calls copier.run_copy) for every option combination.
"""

import itertools
import subprocess
from pathlib import Path

import pytest
from projects import install_project, uv_binary

from scaffold import export, render, templates

# What may differ: Copier's answers file, and the secret each generation draws.
SECRET_PREFIX = "SECRET_KEY="


def option_combinations(template):
    """Every combination of the template's bool and choice questions."""
    options = {
        name: [True, False] if question.type == "bool" else list(question.choices)
        for name, question in template.questions.items()
        if question.type == "bool" or question.choices
    }
    names = sorted(options)
    return [
        dict(zip(names, values, strict=True)) for values in itertools.product(*options.values())
    ]


def combinations():
    for template in templates.available():
        if export.unsupported(template):
            continue
        for data in option_combinations(template):
            label = ",".join(f"{k}={v}" for k, v in data.items()) or "defaults"
            yield pytest.param(template, data, id=f"{template.name}[{label}]")


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
def exports(tmp_path_factory):
    cache = {}

    def get(template):
        if template.name not in cache:
            dest = tmp_path_factory.mktemp("export") / template.name
            export.export_cookiecutter(template, dest)
            cache[template.name] = dest
        return cache[template.name]

    return get


@pytest.fixture
def exported(exports, monkeypatch):
    """The export of a template, its local extension importable.

    pytest-cookies renders the context itself before calling cookiecutter,
    outside the import path cookiecutter sets up for a template's
    local_extensions.py; the cookiecutter command needs no help
    (test_cookiecutter_alone_bakes_a_project_that_passes_its_tests).
    """

    def get(template):
        path = exports(template)
        monkeypatch.syspath_prepend(str(path))
        return path

    return get


@pytest.mark.parametrize(("template", "data"), list(combinations()))
def test_baked_tree_is_identical_to_scaffold_new(cookies, exported, tmp_path, template, data):
    answers = {"project_name": "Parity Check", **data}
    copier_dest = tmp_path / "copier"
    try:
        render.render(template.path, copier_dest, answers, defaults=True)
    except ValueError:
        refused_by_copier = True
    else:
        refused_by_copier = False

    baked = cookies.bake(extra_context=answers, template=str(exported(template)))
    if refused_by_copier:
        assert baked.exit_code != 0, "Copier refuses these answers but the export accepted them"
        return
    assert baked.exit_code == 0, baked.exception
    copier_tree, baked_tree = tree(copier_dest), tree(baked.project_path)
    assert sorted(baked_tree) == sorted(copier_tree)
    for path, content in copier_tree.items():
        assert baked_tree[path] == content, f"{path} differs between Copier and Cookiecutter"
    for project in (copier_dest, baked.project_path):
        (secret,) = [
            line
            for line in (project / ".env").read_text().splitlines()
            if line.startswith(SECRET_PREFIX)
        ]
        assert len(secret.removeprefix(SECRET_PREFIX)) == 64


@pytest.mark.parametrize(
    "template",
    [t for t in templates.available() if not export.unsupported(t)],
    ids=lambda t: t.name,
)
def test_validation_messages_match_scaffold_new(cookies, exported, template):
    baked = cookies.bake(extra_context={"project_name": "flask"}, template=str(exported(template)))
    assert baked.exit_code != 0
    with pytest.raises(ValueError, match="would shadow a package"):
        render.render(
            template.path,
            Path(baked.project_path or "unused") / "x",
            {"project_name": "flask"},
            defaults=True,
        )


def test_export_is_deterministic(tmp_path):
    template = templates.get("flask-minimal")
    export.export_cookiecutter(template, tmp_path / "one")
    export.export_cookiecutter(template, tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_export_refuses_a_folder_that_holds_anything(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(render.RenderError, match="not empty"):
        export.export_cookiecutter(templates.get("flask-minimal"), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


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


@pytest.mark.slow
@pytest.mark.parametrize(
    "template",
    [t for t in templates.available() if not export.unsupported(t)],
    ids=lambda t: t.name,
)
def test_cookiecutter_alone_bakes_a_project_that_passes_its_tests(exports, tmp_path, template):
    """A venv with nothing but cookiecutter: the export must not need scaffold."""
    venv = tmp_path / "cookiecutter-only"
    python = venv / "bin" / "python"
    subprocess.run([uv_binary(), "venv", "--quiet", str(venv)], check=True)
    subprocess.run(
        [uv_binary(), "pip", "install", "--quiet", "--python", str(python), "cookiecutter"],
        check=True,
    )
    out = tmp_path / "out"
    subprocess.run(
        [venv / "bin" / "cookiecutter", "--no-input", exports(template), "-o", out,
         "project_name=Baked App"],
        check=True, capture_output=True,
    )  # fmt: skip
    project = install_project(out / "baked_app")
    project.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    project.run("ruff", "check", ".")
