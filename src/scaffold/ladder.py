"""flask-full's ladder: its rungs, bottom first, each the answers that render it and what it adds.

The ladder is declared once, as data, in flask-full's ``scaffold.toml``
(``[[ladder]]``): ``scaffold compare`` counts what each rung adds and sets it
against the same features in django-full, the twin; ``scaffold workshop``
climbs it in git, a tag per rung, and its guide names the twin's files for
each rung.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scaffold import registry

LADDER_TEMPLATE = "flask-full"
# Ships every feature of the ladder built in; each rung is set against it.
TWIN_TEMPLATE = "django-full"


@dataclass(frozen=True)
class Rung:
    name: str  # as scaffold.toml says it: "minimal", "+database", ...
    data: dict[str, Any]  # the answers that render it
    # What it adds to the rung below, as both templates' feature maps name it.
    features: tuple[str, ...]

    @property
    def tag(self) -> str:
        """The git tag of this rung in a workshop's Flask app."""
        return f"rung-{self.name.lstrip('+')}"


def rungs() -> list[Rung]:
    """The rungs flask-full declares, bottom first."""
    declared = registry.get(LADDER_TEMPLATE).metadata.get("ladder", [])
    return [
        Rung(name=step["name"], data=dict(step["data"]), features=tuple(step["features"]))
        for step in declared
    ]
