"""README.md and docs/compare.md quote one run of ``scaffold compare --measure``, and agree.

docs/compare.md's "A real run" is the one source: the tables, verdicts and
duration the README quotes must be the ones it shows, and every duration
either file gives for ``--measure`` must be that run's.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs" / "compare.md"
DURATION = re.compile(
    r"\d+ min \d+ s|\d+ min\b|\d+(?:\.\d+)? ?(?:to|-|\u2013) ?\d+(?:\.\d+)? ?min\w*|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten)(?: to \w+)? minutes"
)


def real_run() -> str:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("## A real run")
    end = text.find("\n## ", start + 1)
    return text[start:] if end == -1 else text[start:end]


def the_runs_duration() -> str:
    found = re.search(r"the whole run took (\d+ min \d+ s)", " ".join(real_run().split()))
    assert found, "docs/compare.md's real run says how long it took"
    return found.group(1)


def sentences_on_measure(path: Path) -> list[str]:
    """The sentences a reader sees: publish_compare's markers are HTML comments, not shown."""
    text = " ".join(re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8")).split())
    return [s for s in re.split(r"(?<=[.;:])\s+", text) if "--measure" in s]


def test_every_duration_given_for_measure_is_the_real_runs():
    duration = the_runs_duration()
    for path in (README, DOCS):
        quoted = [d for sentence in sentences_on_measure(path) for d in DURATION.findall(sentence)]
        assert quoted, f"{path.name} says how long --measure takes"
        assert set(quoted) == {duration}, path.name


def table_rows(text: str, after: str) -> list[list[str]]:
    """The rows of the first Markdown table after ``after``, header and rule left out."""
    rest = text[text.index(after) :]
    lines = rest[rest.index("\n|") + 1 :].split("\n\n")[0].splitlines()
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]


def test_the_readmes_tables_are_the_real_runs():
    readme = README.read_text(encoding="utf-8")
    run = real_run()
    for readme_after, docs_after in [
        ("lines are lines of code: no blank lines", "### Size"),
        ("so the rows add up to the total:", "### Where each feature lives"),
        ("one rung at a time, against the same features", "### The flask-full ladder"),
    ]:
        assert table_rows(readme, readme_after) == table_rows(run, docs_after), docs_after
    verdicts = table_rows(readme, "has the figures and every rule:")
    checked = table_rows(run, "### The claims, checked")
    assert verdicts == [[row[0], row[2]] for row in checked]
    assert len(verdicts) >= 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "error: the following arguments are required: RUN.json (see --help)"),
        (["missing.json"], "error: missing.json: not a report of `scaffold compare --format json`"),
    ],
)
def test_publishing_refuses_a_wrong_argument_in_one_line(args, message, tmp_path):
    publish = ROOT / "benchmarks" / "publish_compare.py"
    result = subprocess.run([sys.executable, str(publish), *args, "--root", str(tmp_path)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60)  # fmt: skip
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(message)


def test_both_files_quote_the_runs_kept_beside_them():
    """docs/compare-run-1.json and -2.json are the runs: what both files quote is made from them."""
    publish = ROOT / "benchmarks" / "publish_compare.py"
    runs = [str(ROOT / "docs" / f"compare-run-{number}.json") for number in (1, 2)]
    result = subprocess.run([sys.executable, str(publish), *runs, "--check"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
