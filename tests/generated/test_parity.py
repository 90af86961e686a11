"""The two full templates implement the same reference app, and show it the same way."""

import json
import re
from pathlib import Path

import pytest

from scaffold import registry
from scaffold.compare.features import FEATURES

FULL_TEMPLATES = ["flask-full", "django-full"]
PARITY_LIST = Path(__file__).resolve().parents[2] / "docs" / "parity.md"


def built_parity_ids() -> list[str]:
    """The ids docs/parity.md marks as built, lower-cased as test names spell them."""
    rows = re.findall(r"^\| (P\d\d) \|.*\| (\w+) \|$", PARITY_LIST.read_text(), re.M)
    return [pid.lower() for pid, status in rows if status == "built"]


def test_the_parity_list_marks_p01_to_p35_as_built():
    assert built_parity_ids() == [f"p{number:02d}" for number in range(1, 36)]


@pytest.mark.parametrize("name", FULL_TEMPLATES)
def test_the_generated_suite_names_every_parity_id(render_template, name):
    project = render_template(name)
    names = " ".join(
        test
        for path in Path(project, "tests").glob("test_*.py")
        for test in re.findall(r"^def (test_\w+)", path.read_text(), re.M)
    )
    assert [pid for pid in built_parity_ids() if f"test_{pid}_" not in names] == []


def test_both_full_templates_declare_the_same_features():
    declared = [sorted(registry.get(name).metadata["features"]) for name in FULL_TEMPLATES]
    assert declared[0] == declared[1] == sorted(FEATURES)


# Each app's URL routes, printed as JSON by the installed project's own Python. The
# admin's own pages (Flask-Admin's views, Django's admin site) differ by design and
# are left aside below /admin/; static files are served apart from the routes.
FLASK_ROUTES = """
import json
from prod_blog import create_app

app = create_app({"SECRET_KEY": "routes", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
print(json.dumps([rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]))
"""
DJANGO_ROUTES = """
import json
import django
from django.urls import URLResolver, get_resolver

django.setup()


def routes(patterns, prefix="/"):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                yield route
            else:
                yield from routes(pattern.url_patterns, route)
        else:
            yield route


print(json.dumps(list(routes(get_resolver().url_patterns))))
"""
ROUTE_LISTERS = {
    "flask-full": ["python", "-c", FLASK_ROUTES],
    "django-full": ["python", "-c", DJANGO_ROUTES],
}


def normalised(route: str) -> str:
    """``/posts/<slug:slug>/`` in either framework's syntax as ``/posts/<>/``; admin pages aside."""
    if route.startswith("/admin/"):
        return "/admin/"
    return re.sub(r"<[^>]*>", "<>", route)


def test_p29_both_apps_have_the_same_pages(installed_template):
    pages = {}
    for name, command in ROUTE_LISTERS.items():
        project = installed_template(name, project_name="Prod Blog")
        env = {"SECRET_KEY": "routes", "DJANGO_SETTINGS_MODULE": "prod_blog.settings"}
        listed = json.loads(project.run(*command, env=env).stdout)
        pages[name] = {normalised(route) for route in listed}
    flask, django = pages["flask-full"], pages["django-full"]
    only = {"flask-full": sorted(flask - django), "django-full": sorted(django - flask)}
    assert only == {"flask-full": [], "django-full": []}
    assert {"/accounts/password_change/", "/accounts/password_change/done/"} <= flask
