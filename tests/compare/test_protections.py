"""What each full template declares it wrote for each protection, and Django's deployment check."""

import shutil
import sys
from pathlib import Path

import pytest

from scaffold import registry
from scaffold.compare.features import FeatureMapError, answers_of
from scaffold.compare.metrics import measure
from scaffold.compare.projects import load
from scaffold.compare.security import PROTECTIONS, deploy_check_issues, protections, settings_set
from scaffold.compare.serving import clean_environment
from scaffold.registry import Template


@pytest.mark.parametrize("name", ["flask-full", "django-full"])
def test_every_declared_part_and_setting_is_in_the_rendered_project(rendered, tmp_path, name):
    root = rendered(name)
    project = load(str(root), tmp_path, {})
    declared = registry.get(name).metadata["protections"]
    assert set(project.protections) == set(declared) <= set(PROTECTIONS)
    set_here = settings_set(root, measure(name, root))
    for protection in project.protections.values():
        assert set(protection.settings) <= set_here
        assert all(part.lines > 0 for part in protection.parts), protection.name


def test_what_each_template_wrote_reads_as_its_code_does(rendered, tmp_path):
    flask = load(str(rendered("flask-full")), tmp_path, {}).protections
    django = load(str(rendered("django-full")), tmp_path, {}).protections
    assert flask["csrf"].how == "extension" and flask["csrf"].dependencies == ("flask-wtf",)
    assert flask["open_redirect"].how == "code"
    assert [p.symbol for p in flask["open_redirect"].parts] == ["safe_next"]
    assert flask["security_headers"].parts[0].symbol == "create_app.security_headers"
    assert django["password_hashing"].how == "built in"
    assert django["secure_cookies"].how == "settings"
    # The protections of issue 24, each as the templates do it.
    assert flask["content_security_policy"].how == "code"
    assert django["content_security_policy"].how == "extension"
    assert django["content_security_policy"].dependencies == ("django-csp",)
    assert (flask["https_behind_proxy"].how, django["https_behind_proxy"].how) == (
        "code",
        "settings",
    )
    assert (flask["json_api_errors"].how, django["json_api_errors"].how) == ("code", "code")
    assert django["constant_time_login"].how == "built in"


def test_a_setting_the_project_never_sets_is_an_error_that_names_it(rendered, tmp_path):
    folder = tmp_path / "django-full"
    shutil.copytree(registry.get("django-full").path, folder)
    toml = (folder / "scaffold.toml").read_text()
    head = toml[: toml.index("[protections.")]
    (folder / "scaffold.toml").write_text(
        head + '[protections.secure_cookies]\nsettings = ["SESSION_COOKIE_SECURED"]\n'
    )
    root = rendered("django-full")
    with pytest.raises(FeatureMapError, match="setting SESSION_COOKIE_SECURED, which the project"):
        protections(Template("django-full", folder), answers_of(root), root, measure("d", root))


def test_check_deploy_counts_the_issues_django_finds(rendered, tmp_path):
    """The real manage.py check --deploy, in this environment (which has Django installed)."""
    project = tmp_path / "site"
    shutil.copytree(rendered("django-full"), project)
    env = {**clean_environment(), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    assert deploy_check_issues("site", project, Path(sys.prefix), env) == 0
    settings = project / answers_of(project)["package_name"] / "settings.py"
    text = settings.read_text()
    without_hsts = text.replace("    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365\n", "")
    assert without_hsts != text
    settings.write_text(without_hsts)
    assert deploy_check_issues("site", project, Path(sys.prefix), env) >= 1
