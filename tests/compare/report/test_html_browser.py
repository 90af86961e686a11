"""The HTML report in a real browser: Debian's chromium, driven by Playwright, offline.

The page is opened from a file with every network request refused, so a
reference to anything outside the file would show up as a failed request.
"""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "compare"
HEADINGS = [
    "The claims, checked", "Size", "Where each feature lives (lines of code, in files)",
    "Dependencies", "The flask-full ladder, rung by rung", "Files by role (lines)",
    "The code of each feature",
]  # fmt: skip


def test_the_report_renders_with_every_section_and_no_error(browser, compare):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / "report.html"
    report.write_text(compare("flask-full", "django-full", "--format", "html"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.route("http*://**", lambda route: route.abort())
    page.goto(report.as_uri())

    assert page.locator("h2").all_inner_texts() == HEADINGS
    chart = page.locator("#ladder svg")
    assert chart.is_visible() and chart.locator("rect").count() >= 9
    assert page.locator("#size table tbody tr").count() == 8
    verdicts = page.locator("#claims table tbody tr td:nth-child(3)").all_inner_texts()
    assert len(verdicts) >= 6 and set(verdicts) <= {"supported", "not supported", "mixed",
                                                    "not measured"}  # fmt: skip
    admin = page.locator("#code-admin")
    admin.locator("summary").click()
    columns = admin.locator(".side > div")
    assert columns.count() == 2
    assert "PostAdmin" in columns.nth(0).inner_text() and "PostAdmin" in columns.nth(1).inner_text()
    # The two columns sit side by side, not one under the other.
    left, right = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert left["x"] < right["x"] and abs(left["y"] - right["y"]) < 1
    page.screenshot(path=ARTIFACTS / "report.png", full_page=True)
    assert problems == []
