"""Security checks every generated project passes, whatever its template."""

import json
import subprocess
import sys

import pytest

from scaffold import registry


@pytest.mark.parametrize("template", registry.available(), ids=lambda t: t.name)
def test_bandit_finds_nothing_of_medium_or_high_severity(render_template, template):
    project = render_template(template.name)
    scan = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", str(project), "-q", "-f", "json",
         "--severity-level", "medium", "--exclude", str(project / ".venv")],
        capture_output=True, text=True,
    )  # fmt: skip
    report = json.loads(scan.stdout)
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
        for r in report["results"]
    ]
    assert findings == [], "\n".join(findings)
    assert report["metrics"]["_totals"]["loc"] > 0


@pytest.mark.parametrize("template", registry.available(), ids=lambda t: t.name)
def test_no_secret_is_written_in_the_template(template):
    """The only secret a project gets is drawn when it is generated, into .env."""
    for path in (template.path / "template").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for line in text.splitlines():
                if line.startswith("SECRET_KEY=") and path.name.startswith(".env"):
                    value = line.removeprefix("SECRET_KEY=")
                    assert value == "" or "ans_random" in value, f"{path}: {line}"


@pytest.mark.parametrize("template", registry.available(), ids=lambda t: t.name)
def test_env_file_is_git_ignored(render_template, template):
    project = render_template(template.name)
    assert ".env" in (project / ".gitignore").read_text().splitlines()
    assert (project / ".env.example").is_file()
