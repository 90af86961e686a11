"""The blog --measure seeds: the same rows in both full templates, on SQLite and on PostgreSQL."""

import http.client
import json
from datetime import datetime

import pytest
from projects import require_postgres

from scaffold.compare import databases, pages
from scaffold.compare.measure import entry_point, prepare_commands, serving_environment
from scaffold.compare.serving import clean_environment, serve
from scaffold.compare.steps import run_step

# The projects the generated-project tests install already: nothing is installed again.
ANSWERS = {"project_name": "Prod Blog", "database": "postgresql"}
PACKAGE = "prod_blog"


def api_posts(port: int) -> list[dict[str, str]]:
    """Every post the app's JSON API lists, page after page, its date read as UTC."""
    posts, page = [], 1
    while page:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", f"/api/posts?page={page}")
        response = connection.getresponse()
        assert response.status == 200
        answer = json.loads(response.read())
        connection.close()
        for post in answer["posts"]:
            published = datetime.fromisoformat(post["published_at"]).replace(tzinfo=None)
            posts.append({**post, "published_at": published.isoformat()})
        page = page + 1 if answer["next"] else 0
    return posts


def seeded_and_read(template, installed_template, tmp_path, server: str | None):
    project = installed_template(template, **ANSWERS)
    answers = {"package_name": PACKAGE}
    database = f"sqlite:///{tmp_path / template}.sqlite3"
    if server:
        database = databases.recreate(template, project.venv, server,
                                      databases.scratch_name(f"test_seed_{template}"))  # fmt: skip
    env = serving_environment(clean_environment(), project.venv, database)
    try:
        for command in prepare_commands(project.path, project.venv, answers):
            run_step(template, command, project.path, env)
        pages.seed(template, template, project.path, project.venv, env, PACKAGE)
        entry = entry_point(project.path, answers)
        with serve(template, project.path, project.venv, entry, env) as (port, _):
            return api_posts(port)
    finally:
        if server:
            databases.drop(template, project.venv, server,
                           databases.scratch_name(f"test_seed_{template}"))  # fmt: skip


@pytest.mark.install
@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_both_full_templates_are_seeded_with_the_same_blog_through_their_own_models(
    installed_template, tmp_path, database
):
    server = require_postgres() if database == "postgresql" else None
    flask = seeded_and_read("flask-full", installed_template, tmp_path, server)
    django = seeded_and_read("django-full", installed_template, tmp_path, server)
    assert flask == django
    blog = pages.blog()
    assert len(flask) == pages.POSTS == len(blog["posts"])
    assert {post["author"] for post in flask} == {a["username"] for a in blog["authors"]}
    # Newest first, as both blogs list them; the page --measure loads is among them.
    assert flask[0]["slug"] == f"post-{pages.POSTS}"
    assert f"/posts/{flask[pages.POSTS - pages.POST]['slug']}/" in pages.FULL_PAGES
