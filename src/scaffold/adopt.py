"""``scaffold update --adopt``: which commit a project without a template branch merges from.

A three-way merge needs a base, the render the project started from. An
earlier release's template is not at hand (the wheel ships the template of its
own version only), and the answers file's ``_src_path`` may point anywhere, so
the base is looked for in the project itself:

- ``first render``: the project's first commit is scaffold's own render (the
  commit ``scaffold new`` makes, in every release: "Start from scaffold's ...
  template"). That commit is the exact base: the template branch starts there
  and today's render is committed on it, so the merge brings every change of
  the template since, keeps every edit the user made, and calls a file deleted
  only where the user deleted it.
- ``same template``: no such commit, but the answers file records the digest
  of the very template scaffold ships today (a project made with ``--no-git``
  by this release, or by a copy of the template given as a path, which has no
  releases): today's render is the base, and every difference is the user's edit.
- ``none``: neither. Today's render is merged as an unrelated history, with no
  base: files the project lacks are added, and every line where the project
  and the template differ is a conflict for the user to settle.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import git
from scaffold.registry import Template

ANSWERS_FILE = ".copier-answers.yml"
# The subject of the first commit `scaffold new` makes, in every release so far.
FIRST_COMMIT = "Start from scaffold's "


@dataclass(frozen=True)
class Base:
    kind: str  # "first render", "same template" or "none"
    commit: str | None = None  # the first render's commit


def base(project: Path, recorded: Mapping[str, Any], template: Template) -> Base:
    first = first_render(project)
    if first is not None:
        return Base("first render", first)
    if same_template(recorded, template):
        return Base("same template")
    return Base("none")


def first_render(project: Path) -> str | None:
    """The first commit of HEAD's history, if it is scaffold's render of the template."""
    roots = git.run("rev-list", "--max-parents=0", "HEAD", cwd=project).stdout.split()
    for root in roots:
        subject = git.run("log", "-1", "--format=%s", root, cwd=project).stdout
        answers = git.run("cat-file", "-e", f"{root}:{ANSWERS_FILE}", cwd=project, check=False)
        if subject.startswith(FIRST_COMMIT) and answers.returncode == 0:
            return root
    return None


def same_template(recorded: Mapping[str, Any], template: Template) -> bool:
    """Whether the answers say the project was rendered from the template as it is today."""
    if not template.packaged:
        return True  # a template given as a path has no releases to tell apart
    made_by = recorded.get("_scaffold")
    return isinstance(made_by, dict) and made_by.get("template_digest") == template.digest


def release(recorded: Mapping[str, Any]) -> str | None:
    """The scaffold release that last rendered the project, as its answers file says.

    Releases from 0.2.0 record it in ``_scaffold``; 0.1.0 recorded Copier's
    ``_src_path`` instead (the template inside its virtual environment).
    """
    made_by = recorded.get("_scaffold")
    if isinstance(made_by, dict) and made_by.get("scaffold_version"):
        return str(made_by["scaffold_version"])
    return "0.1.0" if recorded.get("_src_path") else None
