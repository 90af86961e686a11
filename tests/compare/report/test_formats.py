"""Every format of the report: what each promises about its shape."""

import json
import re
from html.parser import HTMLParser

import pytest

from scaffold.compare.measure import FIGURES, Measured
from scaffold.compare.projects import load
from scaffold.compare.report import Comparison, html_report, json_report, markdown, table
from scaffold.compare.serving import Settings
from scaffold.compare.spread import Spread

THREE = ("flask-minimal", "flask-full", "django-full")
TEMPLATE_KEYS = {
    "name", "template", "feature_source", "files", "lines", "python_lines", "html_lines",
    "config_lines", "test_lines", "dependencies", "resolved_dependencies", "features", "skeleton",
    "protections", "tree",
}  # fmt: skip
FEATURE_KEYS = {
    "summary", "lines", "python_lines", "files", "parts", "dependencies", "own_choice_lines",
    "own_choices",
}  # fmt: skip
RUNG_KEYS = {
    "rung", "features", "files", "python_lines", "dependencies", "added_files",
    "added_python_lines", "added_dependencies", "django_full",
}  # fmt: skip
SECTIONS = ("Size", "Where each feature lives", "Dependencies", "The flask-full ladder",
            "Files by role")  # fmt: skip


@pytest.fixture(scope="module")
def outputs(compare):
    return {fmt: compare(*THREE, "--format", fmt) for fmt in ("table", "markdown", "html")}


def test_json_keeps_its_schema(three_report):
    assert set(three_report) == {"schema", "meaning", "templates", "ladder", "claims"}
    for entry in three_report["templates"]:
        assert set(entry) == TEMPLATE_KEYS
        assert set(entry["resolved_dependencies"]) == {"names", "unresolved", "source", "complete"}
        assert all(set(found) == FEATURE_KEYS for found in entry["features"].values())
    for rung in three_report["ladder"]:
        assert set(rung) == RUNG_KEYS


def test_json_keys_are_sorted(compare):
    text = compare(*THREE, "--format", "json")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("output_format", ["table", "markdown", "html"])
def test_every_format_says_what_its_counts_mean(outputs, three_report, output_format):
    text = " ".join(outputs[output_format].split()).replace("&#x27;", "'")
    for key, meaning in three_report["meaning"].items():
        if key in ("measured", "bare"):
            continue  # sections shown with --measure only
        assert " ".join(meaning.split()) in text, key


def test_the_table_fits_a_100_column_terminal(outputs):
    table = outputs["table"]
    assert max(len(line) for line in table.splitlines()) <= 100
    for section in SECTIONS:
        assert section in table


def test_markdown_tables_are_well_formed(outputs):
    markdown = outputs["markdown"]
    for section in SECTIONS:
        assert f"## {section}" in markdown
    for block in re.split(r"\n## ", markdown):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        widths = {row.count(" | ") for row in rows}
        assert len(widths) <= 1, block.splitlines()[0]


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.tags, self.urls = set(), [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        self.urls += [attributes[key] for key in ("src", "href") if key in attributes]


def test_html_is_one_file_that_fetches_nothing(outputs):
    page = Collector()
    page.feed(outputs["html"])
    assert {"size", "features", "dependencies", "ladder", "tree", "code"} <= page.ids
    assert "script" not in page.tags and "svg" in page.tags
    # Links within the page, and the empty favicon that stops the browser asking for one.
    assert all(url.startswith("#") or url == "data:," for url in page.urls)
    assert "@import" not in outputs["html"] and "url(" not in outputs["html"]


def test_html_shows_each_features_code_highlighted(outputs):
    html = outputs["html"]
    for feature in ("database", "admin", "tests"):
        assert f'id="code-{feature}"' in html
    assert 'class="hl"' in html and '<span class="k">class</span>' in html


def test_html_feature_view_is_the_code_of_that_feature_alone(compare):
    html = compare("--feature", "admin", "--format", "html")
    assert 'id="code-admin" open' in html and 'id="code-database"' not in html
    assert "PostAdmin" in html


def test_measured_figures_show_in_every_format_with_their_ratio(rendered, tmp_path):
    first, second = (load(str(rendered(name)), tmp_path, {}) for name in ("flask-minimal",) * 2)
    second.name = "twice-as-slow"
    figures = {key: Spread.of([10.0]) for key, *_ in FIGURES}
    comparison = Comparison(
        projects=[first, second],
        measured={
            first.name: Measured(figures, ("flask",), ("gunicorn",)),
            second.name: Measured(
                {k: Spread.of([v.median * 2]) for k, v in figures.items()}, ("flask",), ()
            ),
        },
        settings=Settings(runs=3),
        installer="uv",
    )
    data = json.loads(json_report.render(comparison))
    assert data["measure"] == {
        "runs": 3, "installer": "uv", "load": Settings(runs=3).load, "bare": {},
        "cache": "warm: each timed install follows an install of the same packages",
        "configuration": {}, "command": None,
    }  # fmt: skip
    assert set(data["templates"][1]["measured"]["ratio"].values()) == {2.0}
    for text in (markdown.render(comparison), table.render(comparison)):
        assert "Measured" in text and "(2.00x)" in text and "Medians of 3 runs" in text
    assert 'id="measured"' in html_report.render(comparison)


def test_figures_of_several_runs_show_their_median_and_range_in_every_format(rendered, tmp_path):
    """A figure as --measure writes it for several runs: the median, then the lowest-highest."""
    first, second = (load(str(rendered(name)), tmp_path, {}) for name in ("flask-minimal",) * 2)
    second.name = "twice-as-slow"
    runs = {"median": 2950.0, "min": 2786.0, "max": 3112.0, "runs": [2786.0, 3112.0, 2950.0]}
    figures: dict[str, Spread | None] = {key: Spread.of([2786, 3112, 2950]) for key, *_ in FIGURES}
    doubled: dict[str, Spread | None] = {key: Spread.of([5572, 6224, 5900]) for key, *_ in FIGURES}
    comparison = Comparison(
        projects=[first, second],
        measured={
            first.name: Measured(figures, ("flask",), ()),
            second.name: Measured(doubled, ("flask",), ()),
        },
        settings=Settings(runs=3),
        installer="pip",
    )
    data = json.loads(json_report.render(comparison))
    assert data["templates"][0]["measured"]["requests_per_second"] == runs
    assert data["templates"][1]["measured"]["ratio"]["requests_per_second"] == 2.0
    page = html_report.render(comparison)
    for text in (markdown.render(comparison), table.render(comparison), page):
        assert "2950 (2786-3112)" in text and "5900 (5572-6224) (2.00x)" in text
