"""The compare report of the workshop's two projects, as HTML for a projector.

It is ``scaffold compare FLASK DJANGO --format html`` run on the two project
folders as they are generated (before the exercises are added), with the
flask-full ladder, in large type.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scaffold.compare import ladder
from scaffold.compare.projects import load
from scaffold.compare.report import Comparison, html_report


def write(path: Path, flask_project: Path, django_project: Path, project_name: str) -> None:
    with tempfile.TemporaryDirectory(prefix="scaffold-workshop-compare-") as scratch:
        workspace = Path(scratch)
        flask = load(str(flask_project), workspace, {})
        django = load(str(django_project), workspace, {})
        comparison = Comparison(projects=[flask, django])
        comparison.ladder = ladder.climb(workspace, {"project_name": project_name}, django)
        path.write_text(html_report.render(comparison, large_type=True), encoding="utf-8")
