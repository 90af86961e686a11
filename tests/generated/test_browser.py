"""The same user journey in a real browser, for both full templates.

Debian's chromium driven by Playwright, against the project served by
gunicorn with DEBUG off. Screenshots of each step go to test-artifacts/. Script
errors, failed loads and Content-Security-Policy violations fail the journey.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect
from serving import ADMIN_PASSWORD, USER_PASSWORD, serve

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass(frozen=True)
class Pages:
    """Where each framework puts things, as a person would find them."""

    register: dict[str, str]
    admin_posts: str
    admin_edit_link: str
    admin_title_field: str
    admin_save: str


PAGES = {
    "flask-full": Pages(
        register={"#username": "joe", "#email": "joe@example.com",
                  "#password": USER_PASSWORD, "#confirm": USER_PASSWORD},
        admin_posts="/admin/post/",
        admin_edit_link="a[title='Edit Record']",
        admin_title_field="#title",
        admin_save="input[type=submit][value=Save]",
    ),
    "django-full": Pages(
        register={"#id_username": "joe", "#id_email": "joe@example.com",
                  "#id_password1": USER_PASSWORD, "#id_password2": USER_PASSWORD},
        admin_posts="/admin/blog/post/",
        admin_edit_link="#result_list tbody th a",
        admin_title_field="#id_title",
        admin_save="input[name=_save]",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_user_journey(browser, installed_template, tmp_path, name):
    pages = PAGES[name]
    shots = ARTIFACTS / "journey" / name
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    project = installed_template(name, project_name="Prod Blog")
    # Plain HTTP on 127.0.0.1, which browsers treat as a secure context for Secure cookies.
    no_proxy = {"BEHIND_PROXY": "false", "SECURE_SSL_REDIRECT": "false"}
    with serve(project, name, tmp_path / "journey.sqlite3", **no_proxy) as port:
        base = f"http://127.0.0.1:{port}"
        page = browser.new_page()
        # Script errors, and any stylesheet, script or image that failed to load. Pages
        # refused on purpose (403) and the favicon a browser asks Django's admin for are not.
        problems = []
        page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and response.request.resource_type != "document"
                and not response.url.endswith("/favicon.ico")
                and problems.append(f"{response.status} {response.url}")
            ),
        )

        # Anything the Content-Security-Policy blocked (P35), reported by the page itself.
        page.expose_function(
            "cspViolation", lambda where, what: problems.append(f"CSP: {where}: {what}")
        )
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', (event) => window.cspViolation("
            "location.pathname, `${event.effectiveDirective} ${event.blockedURI}`))"
        )

        def shot(step: str) -> None:
            page.screenshot(path=shots / f"{step}.png", full_page=True)

        page.goto(f"{base}/accounts/register/")
        for selector, value in pages.register.items():
            page.fill(selector, value)
        shot("01-register")
        page.click("main button[type=submit]")
        assert page.url == f"{base}/"
        expect(page.get_by_text("Log out joe")).to_be_visible()

        page.goto(f"{base}/posts/new/")
        page.fill("[name=title]", "Hello from the browser")
        page.fill("[name=slug]", "hello-from-the-browser")
        page.fill("[name=body]", "Written in Chromium.")
        page.select_option("[name=status]", "published")
        shot("02-new-post")
        page.click("main button[type=submit]")
        assert page.url == f"{base}/posts/hello-from-the-browser/"

        page.goto(f"{base}/")
        expect(page.get_by_role("link", name="Hello from the browser")).to_be_visible()
        shot("03-home")
        # Through the page's own request context (its cookies), not a navigation:
        # the browser would ask a JSON document for a /favicon.ico the site has no need of.
        api = page.request.get(f"{base}/api/posts").json()
        assert [post["slug"] for post in api["posts"]] == ["hello-from-the-browser"]

        page.goto(f"{base}/admin/")
        assert "/admin/login/" in page.url or page.get_by_text("Forbidden").is_visible()
        shot("04-admin-refused")

        page.goto(f"{base}/")
        page.click("text=Log out joe")
        # The log-out answers with a redirect to the page it was on, so the URL does not
        # change: expect() waits for the new page, where is_visible() would read the old one.
        expect(page.get_by_role("link", name="Log in")).to_be_visible()

        page.goto(f"{base}/accounts/login/?next=/admin/")
        page.fill("[name=username]", "boss")
        page.fill("[name=password]", ADMIN_PASSWORD)
        page.click("main button[type=submit]")
        page.goto(f"{base}{pages.admin_posts}")
        shot("05-admin-posts")
        page.click(pages.admin_edit_link)
        page.fill(pages.admin_title_field, "Edited by the admin")
        shot("06-admin-edit")
        page.click(pages.admin_save)

        page.goto(f"{base}/posts/hello-from-the-browser/")
        expect(page.get_by_role("heading", name="Edited by the admin")).to_be_visible()
        shot("07-edited")
        page.close()
        assert problems == []
