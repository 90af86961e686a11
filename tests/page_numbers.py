"""Page numbers an attacker types into a served full project's lists (P32).

Used on SQLite (tests/generated/test_hostile.py) and PostgreSQL
(tests/generated/test_postgresql.py): the answers must be 404, or a JSON 400/404
from the API, never a 500, whatever the database.
"""

from serving import ADMIN_PASSWORD, SETUPS, Browser

# Past what a 64-bit OFFSET holds, the largest page whose OFFSET still fits in one
# (the database is asked; there is no such page), below 1, and not a number.
BAD_PAGES = ["99999999999999999999", "922337203685477580", "-1", "0", "abc", "1e3"]
# Each admin's lists and the name of their page parameter (Flask-Admin counts from 0).
ADMIN_LISTS = {
    "flask-full": ["/admin/post/?page=", "/admin/user/?page="],
    "django-full": ["/admin/blog/post/?p=", "/admin/blog/user/?p="],
}


def answers_to_bad_pages(port: int, name: str) -> dict[str, tuple[int, str]]:
    """Each attacked path, with the status and content type it got."""
    staff = Browser(port)
    login = {"username": "boss", "password": ADMIN_PASSWORD}
    response, _ = staff.post_form("/accounts/login/", SETUPS[name].csrf_field, login)
    assert response.status == 302, "boss could not log in"
    paths = []
    for page in BAD_PAGES:
        paths += [f"/?page={page}", f"/api/posts?page={page}"]
        paths += [f"{prefix}{page}" for prefix in ADMIN_LISTS[name] if page != "0"]
    answers = {}
    for path in paths:
        response, _ = staff.request("GET", path)
        answers[path] = (response.status, response.headers.get("Content-Type", ""))
    return answers


def expected_answer(path: str) -> tuple[int, str]:
    """404 everywhere; under /api/ JSON, and 400 for a page that is not a whole number."""
    if not path.startswith("/api/"):
        return 404, "text/html; charset=utf-8"
    not_a_number = path.endswith(("abc", "1e3"))
    return (400 if not_a_number else 404), "application/json"
