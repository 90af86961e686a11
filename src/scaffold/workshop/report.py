"""The compare report of the workshop's two projects, as HTML for a projector.

It is ``scaffold compare FLASK DJANGO --format html`` run on the two project
folders as they are generated (before the exercises are added), with the
flask-full ladder, in large type. With ``measure``, it is ``scaffold compare
--measure``'s report: each app installed, served and tested, with the figures
the claims need.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scaffold.compare import ladder
from scaffold.compare.projects import load
from scaffold.compare.report import Comparison, html_report


def write(
    path: Path, flask_project: Path, django_project: Path, project_name: str, *, measure: bool
) -> None:
    with tempfile.TemporaryDirectory(prefix="scaffold-workshop-compare-") as scratch:
        workspace = Path(scratch)
        flask = load(str(flask_project), workspace, {})
        django = load(str(django_project), workspace, {})
        comparison = Comparison(projects=[flask, django])
        comparison.ladder = ladder.climb(workspace, {"project_name": project_name}, django)
        if measure:  # as `scaffold compare --measure` does, with its default runs
            from scaffold.compare import measure as measuring
            from scaffold.compare import serving

            comparison.settings = serving.Settings()
            comparison.installer = measuring.installer()
            measured = measuring.measure_all([flask, django], workspace, comparison.settings)
            comparison.measured, comparison.bare = measured.projects, measured.bare
        path.write_text(html_report.render(comparison, large_type=True), encoding="utf-8")
