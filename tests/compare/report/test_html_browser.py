"""The HTML report in a real browser: Debian's chromium, driven by Playwright, offline.

The page is opened from a file with every network request refused, so a
reference to anything outside the file would show up as a failed request. It
is read as on a projector (1280x720) and a small laptop window (800x600): the
verdicts first, no sideways scroll, and axe-core finds nothing at any impact.
"""

from pathlib import Path

import pytest
from accessibility import axe_violations

from scaffold.compare import claims
from scaffold.compare.bare import Bare
from scaffold.compare.measure import FIGURES, Measured
from scaffold.compare.projects import load
from scaffold.compare.report import Comparison, html_report
from scaffold.compare.serving import Settings
from scaffold.compare.spread import Spread

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "compare"
HEADINGS = [
    "The claims, in short", "The claims, checked", "Size",
    "Where each feature lives (lines of code, in files)", "Dependencies",
    "The flask-full ladder, rung by rung", "Files by role (lines)", "The code of each feature",
]  # fmt: skip
SCREENS = [(1280, 720), (800, 600)]


def opened(browser, report: Path, width=1400, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.route("http*://**", lambda route: route.abort())
    page.goto(report.as_uri())
    return page, problems


def test_the_report_renders_with_every_section_and_no_error(browser, compare):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / "report.html"
    report.write_text(compare("flask-full", "django-full", "--format", "html"), encoding="utf-8")
    page, problems = opened(browser, report)

    assert page.locator("h2").all_inner_texts() == HEADINGS
    chart = page.locator("#ladder svg")
    assert chart.is_visible() and chart.locator("rect").count() >= 9
    assert page.locator("#size table tbody tr").count() == 8
    page.locator("#claims summary").click()
    verdicts = page.locator("#claims table tbody tr td:nth-child(3)").all_inner_texts()
    assert len(verdicts) >= 6 and set(verdicts) <= set(claims.VERDICTS)
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


def spread(value):
    return Spread.of([value * 0.97, value, value * 1.04])


@pytest.fixture(scope="module")
def measured_report(rendered, tmp_path_factory):
    """The two full templates with every claim measured (figures of three runs each)."""
    workspace = tmp_path_factory.mktemp("measured-report")
    projects = [load(str(rendered(name)), workspace, {}) for name in claims.FULL]
    for project, name in zip(projects, claims.FULL, strict=True):
        project.name = name  # the folder is called "project"
    figures = {key: spread(10.0) for key, *_ in FIGURES}
    faster = {**figures, "requests_per_second": spread(2950.0), "import_ms": spread(800.0)}
    comparison = Comparison(
        projects=projects,
        measured={
            "flask-full": Measured(faster, ("flask",), (), None, "3.1"),
            "django-full": Measured(figures, ("django",), (), 0, "5.2"),
        },
        bare={name: Bare(name, "1", figures) for name in ("flask", "django")},
        settings=Settings(runs=3),
        installer="pip",
    )
    report = workspace / "measured.html"
    report.write_text(html_report.render(comparison), encoding="utf-8")
    return report


def unplaced(page) -> list[str]:
    """Elements reaching past the viewport's right edge: what makes a page scroll sideways."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
            .slice(0, 5).map(e => e.outerHTML.slice(0, 120))"""
    )


@pytest.mark.parametrize(("width", "height"), SCREENS)
@pytest.mark.parametrize("kind", ["plain", "measured"])
def test_on_a_projector_and_a_laptop_the_verdicts_come_first_and_nothing_scrolls_sideways(
    browser, compare, measured_report, tmp_path, kind, width, height
):
    report = measured_report
    if kind == "plain":
        report = tmp_path / "plain.html"
        report.write_text(compare("flask-full", "django-full", "--format", "html"))
    page, problems = opened(browser, report, width, height)
    page.screenshot(path=tmp_path / f"{kind}-{width}x{height}.png")

    # The first screen: one line per claim, each with its verdict, the unmeasured ones folded.
    rows = page.locator("#summary tr:has(td)")
    shown = [row for row in rows.all() if row.is_visible()]
    folded = page.locator("#summary details > summary")
    if kind == "measured":
        assert len(shown) == len(claims.CLAIMS) and folded.count() == 0
    else:
        assert 0 < len(shown) < len(claims.CLAIMS)
        assert "--measure" in folded.inner_text()
        assert (folded.bounding_box()["y"] + folded.bounding_box()["height"]) <= height
    # On the projector every line is on the first screen; in the small window, the first ones.
    for row in shown if width == 1280 else shown[:1]:
        box = row.bounding_box()
        assert box["y"] + box["height"] <= height, row.inner_text()
    for row in shown:
        assert row.locator("td.verdict").inner_text() in claims.VERDICTS

    # The ladder chart's labels are inside it (the measured report here has no ladder).
    if kind == "plain":
        chart = page.locator("#ladder svg").bounding_box()
        for label in page.locator("#ladder svg text").all():
            box = label.bounding_box()
            assert box["x"] + box["width"] <= chart["x"] + chart["width"] + 0.5, label.inner_text()

    assert axe_violations(page) == []

    assert page.evaluate("document.documentElement.scrollWidth") == width, unplaced(page)
    # Everything unfolded (every claim's figures, every feature's code): still no sideways scroll.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate("document.documentElement.scrollWidth") == width, unplaced(page)
    page.screenshot(path=tmp_path / f"{kind}-{width}x{height}-unfolded.png", full_page=True)
    assert problems == []
