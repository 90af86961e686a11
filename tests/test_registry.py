"""The template registry: what is packaged and what each template declares."""

import re
import tomllib

import pytest
import yaml

from scaffold import registry

COMMON_QUESTIONS = ("project_name", "package_name", "description", "author_name", "author_email")


def test_every_template_folder_is_found():
    names = [template.name for template in registry.available()]
    assert "flask-minimal" in names
    folders = sorted(
        path.name for path in registry.templates_root().iterdir() if (path / "copier.yml").is_file()
    )
    assert names == folders


@pytest.mark.parametrize("template", registry.available(), ids=lambda t: t.name)
def test_metadata_is_complete(template):
    assert template.description
    assert template.framework in {"flask", "django"}
    assert template.includes
    assert template.next_steps[0] == "cd {dest}"


@pytest.mark.parametrize("template", registry.available(), ids=lambda t: t.name)
def test_copier_settings_follow_the_conventions(template):
    config = yaml.safe_load((template.path / "copier.yml").read_text())
    assert config["_subdirectory"] == "template"
    assert config["_templates_suffix"] == ".jinja"
    assert config["_answers_file"] == ".copier-answers.yml"
    assert ".env" in config["_skip_if_exists"]
    assert config["_envops"]["trim_blocks"] and config["_envops"]["lstrip_blocks"]
    assert (template.path / "template" / "{{ _copier_conf.answers_file }}.jinja").is_file()


def test_common_questions_are_the_same_in_every_template():
    def common(template):
        config = yaml.safe_load((template.path / "copier.yml").read_text())
        block = {name: dict(config[name]) for name in COMMON_QUESTIONS}
        block["project_name"].pop("default")
        block["description"].pop("default")
        return block

    blocks = {template.name: common(template) for template in registry.available()}
    reference = blocks["flask-minimal"]
    for name, block in blocks.items():
        assert block == reference, f"{name}'s common questions differ from flask-minimal's"


def test_questions_are_read_from_copier_yml():
    questions = registry.get("flask-minimal").questions
    assert set(COMMON_QUESTIONS) <= set(questions)
    assert questions["project_name"].default == "My Flask App"


def test_unknown_template_lists_the_known_ones():
    with pytest.raises(registry.UnknownTemplateError) as error:
        registry.get("flask-maximal")
    assert "flask-minimal" in str(error.value)


def test_closest_question_suggests_a_near_miss():
    template = registry.get("flask-minimal")
    assert template.closest_question("project_nam") == "project_name"
    assert template.closest_question("zzz") is None


def test_scaffold_toml_is_valid_toml_everywhere():
    for template in registry.available():
        with (template.path / "scaffold.toml").open("rb") as file:
            assert tomllib.load(file)["description"]


def test_next_steps_follow_the_answers():
    template = registry.get("flask-full")
    answers = {"package_name": "blog", "use_database": True, "use_accounts": False}
    steps = template.next_steps_for(answers, "site", activate=". .venv/bin/activate")
    assert steps[0] == "cd site"
    assert steps[1:3] == ["python -m venv .venv", ". .venv/bin/activate"]
    assert "flask --app blog db upgrade" in steps
    assert "flask --app blog create-admin" not in steps
    assert "flask --app blog create-admin" in template.next_steps_for(
        {**answers, "use_accounts": True}, "site", activate=". .venv/bin/activate"
    )


@pytest.mark.parametrize("template", registry.available(), ids=lambda t: t.name)
def test_readmes_give_windows_commands_beside_posix_ones(render_template, template):
    """Activation, and each variable set for a command; deploying is for a server, not Windows."""
    readme = (render_template(template.name) / "README.md").read_text()
    assert readme.count("On Linux or macOS:") == readme.count("On Windows (PowerShell):") >= 1
    assert ". .venv/bin/activate" in readme and ".venv\\Scripts\\Activate.ps1" in readme
    # NAME=value at the start of a command, as POSIX shells take it for that command only.
    for name in set(re.findall(r"(?:^|`)([A-Z][A-Z_]+)=[^\s`]* [a-z]", readme, re.M)):
        assert f"$env:{name} = " in readme, f"{template.name}: no PowerShell line sets {name}"
    deploy = readme.split("\n## Deploy\n", 1)[1].split("\n## ", 1)[0]
    assert "gunicorn does not run on Windows" in " ".join(deploy.split())
