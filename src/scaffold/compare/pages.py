"""The real pages ``--measure`` loads, and the data both full templates are seeded with.

A page of a blog with no post measures an empty query. Before serving, each
full template is given the same blog: ``POSTS`` published posts by ``AUTHORS``
authors, the same titles, slugs, bodies and dates, written through the app's
own models (SQLAlchemy's session for flask-full, Django's ORM for django-full),
as the app itself would write them. Then both serve the same four pages: the
list, one post, the API's list and the health check.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from scaffold.compare.steps import run_step

AUTHORS = 5
POSTS = 60
# The post whose page is loaded: one from the middle of the blog, not the newest.
POST = 30
FULL_PAGES = ("/", f"/posts/post-{POST}/", "/api/posts", "/healthz")
# A project scaffold cannot seed still has its health check.
OTHER_PAGES = ("/healthz",)
BODY = (
    "Measured pages need something to show. This post is one of {posts}, written by "
    "{author} for scaffold compare, so that both blogs list, render and serialise the "
    "same rows.\n\n" + "A paragraph of the post's body, long enough to be a real one. " * 8
)

# Each script runs in the project's venv, in its folder, with the serving environment
# (its database), and reads the blog to write as JSON on stdin.
FLASK_SEED = """
import importlib, json, sys
from datetime import datetime

package = sys.argv[1]
blog = json.load(sys.stdin)
app = importlib.import_module(package).create_app()
db = importlib.import_module(package + ".extensions").db
models = importlib.import_module(package + ".models")
with app.app_context():
    # Nobody logs in as a seeded author: a password hash no password matches.
    authors = {a["username"]: models.User(password_hash="!", **a) for a in blog["authors"]}
    db.session.add_all(authors.values())
    for post in blog["posts"]:
        db.session.add(models.Post(
            title=post["title"], slug=post["slug"], body=post["body"],
            author=authors[post["author"]], status=models.Status.PUBLISHED,
            created_at=datetime.fromisoformat(post["published_at"]),
            published_at=datetime.fromisoformat(post["published_at"]),
        ))
    db.session.commit()
"""
DJANGO_SEED = """
import json, os, sys
from datetime import UTC, datetime

os.environ.setdefault("DJANGO_SETTINGS_MODULE", sys.argv[1])
import django

django.setup()
from django.contrib.auth import get_user_model
from blog.models import Post

blog = json.load(sys.stdin)
authors = {}
for author in blog["authors"]:
    user = get_user_model()(**author)
    user.set_unusable_password()  # nobody logs in as a seeded author
    user.save()
    authors[user.username] = user
for post in blog["posts"]:
    published = datetime.fromisoformat(post["published_at"]).replace(tzinfo=UTC)
    Post.objects.create(
        title=post["title"], slug=post["slug"], body=post["body"],
        author=authors[post["author"]], status=Post.Status.PUBLISHED,
        created_at=published, published_at=published,
    )
"""


def blog() -> dict[str, Any]:
    """The blog both templates are seeded with: the same rows, whatever the framework."""
    authors = [
        {"username": f"author{n}", "email": f"author{n}@example.com"} for n in range(1, AUTHORS + 1)
    ]
    start = datetime(2026, 1, 1, 9, 0)
    posts = []
    for n in range(1, POSTS + 1):
        author = authors[(n - 1) % AUTHORS]["username"]
        posts.append(
            {
                "title": f"Post {n}: what a measured page shows",
                "slug": f"post-{n}",
                "body": BODY.format(posts=POSTS, author=author),
                "author": author,
                "published_at": (start + timedelta(hours=n)).isoformat(),
            }
        )
    return {"authors": authors, "posts": posts}


def seedable(template: str | None) -> bool:
    return template in ("flask-full", "django-full")


def pages(template: str | None) -> tuple[str, ...]:
    return FULL_PAGES if seedable(template) else OTHER_PAGES


def seed(
    name: str, template: str, root: Path, venv: Path, env: dict[str, str], package: str
) -> None:
    """Write ``blog()`` into the project's database through its own models.

    ``package`` is the project's Python package: Flask's app factory, Django's settings.
    """
    script = DJANGO_SEED if template == "django-full" else FLASK_SEED
    module = f"{package}.settings" if template == "django-full" else package
    command = [str(venv / "bin" / "python"), "-c", script, module]
    run_step(name, command, root, env, stdin=json.dumps(blog()))
