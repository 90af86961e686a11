"""What each template wrote to be secure by default, and what Django's own deployment check says.

A template declares in ``scaffold.toml``, for each protection of the list
below, what it had to add for it: code (entries as in the feature map),
settings it sets, dependencies it installs. A protection with none of the three
is the framework's own. Every named part and setting is checked against the
rendered project, so the declaration cannot claim what the code does not do.
"""

from __future__ import annotations

import ast
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaffold import processes
from scaffold.compare.features import FeatureMapError, Part, ProjectLines, entries, rendered
from scaffold.compare.metrics import ProjectMetrics, role_of
from scaffold.compare.serving import MeasureError
from scaffold.compare.steps import COMMAND_TIMEOUT
from scaffold.registry import Template

PROTECTIONS = {
    "csrf": "CSRF protection on every form",
    "secure_cookies": "secure, HTTP-only session cookies",
    "security_headers": "security headers (framing, content sniffing, HTTPS)",
    "session_revocation": "logging out ends every copy of the session",
    "password_hashing": "password hashing",
    "open_redirect": "login's ?next= stays on the site",
    "request_limits": "request size and field length limits",
    "login_throttling": "password guessing throttled",
    "constant_time_login": "logging in takes as long for an unknown user",
    "content_security_policy": "a Content-Security-Policy on every page",
    "https_behind_proxy": "HTTPS behind a proxy (redirect, HSTS, the proxy's scheme trusted)",
    "json_api_errors": "every API error as JSON",
}
ISSUES = re.compile(r"System check identified (no|\d+) issues?")


@dataclass(frozen=True)
class Protection:
    name: str
    parts: tuple[Part, ...]
    settings: tuple[str, ...]
    dependencies: tuple[str, ...]

    @property
    def lines(self) -> int:
        return sum(part.lines for part in self.parts)

    @property
    def how(self) -> str:
        """built in, settings, code (written here) or extension (a package, and its setup)."""
        if self.dependencies:
            return "extension"
        if self.parts:
            return "code"
        return "settings" if self.settings else "built in"


def protections(
    template: Template | None, answers: dict[str, Any], root: Path, metrics: ProjectMetrics
) -> dict[str, Protection]:
    """The protections a project declares, each checked against its code."""
    if template is None:
        return {}
    declared = template.metadata.get("protections", {})
    lines = ProjectLines(root, {stat.path for stat in metrics.files})
    found_settings = settings_set(root, metrics)
    shown = {}
    for name in PROTECTIONS:
        spec = declared.get(name)
        if spec is None or not rendered(spec, answers):
            continue
        parts = []
        for entry in entries({"paths": spec.get("parts", [])}, answers):
            parts += lines.parts(entry.format(**answers), f"protection {name!r}")
        missing = [s for s in spec.get("settings", []) if s not in found_settings]
        if missing:
            raise FeatureMapError(
                f"protection {name!r} names the setting {missing[0]}, which the project never sets"
            )
        shown[name] = Protection(
            name=name,
            parts=tuple(parts),
            settings=tuple(spec.get("settings", [])),
            dependencies=tuple(spec.get("dependencies", [])),
        )
    return shown


def settings_set(root: Path, metrics: ProjectMetrics) -> set[str]:
    """Every setting name the project's code assigns: ``NAME = ...`` (Django's settings),
    ``{"NAME": ...}``, ``config["NAME"] = ...`` or ``update(NAME=...)`` (Flask's config)."""
    names: set[object] = set()  # dict keys and subscripts of any constant, strings kept below
    for stat in metrics.files:
        if not stat.path.endswith(".py") or role_of(stat.path) == "tests":
            continue
        try:
            tree = ast.parse((root / stat.path).read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names.update(t.id for t in targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.Dict):
                names.update(k.value for k in node.keys if isinstance(k, ast.Constant))
            elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
                names.add(node.slice.value)
            elif isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)
    return {name for name in names if isinstance(name, str) and name.isupper()}


def deploy_check_issues(name: str, root: Path, venv: Path, env: dict[str, str]) -> int:
    """How many issues ``manage.py check --deploy`` finds with production settings."""
    production = {
        **env,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.com",
    }
    production.pop("SECURE_SSL_REDIRECT", None)  # the project's production default, not ours
    command = [str(venv / "bin" / "python"), "manage.py", "check", "--deploy"]
    # Warnings go to stderr and leave the exit code 0; an error exits 1 and is counted too.
    result = processes.run(command, cwd=root, env=production, timeout=COMMAND_TIMEOUT)
    found = ISSUES.search(result.stdout + result.stderr)
    if found is None:
        raise MeasureError(f"{name}: manage.py check --deploy: {processes.failure_line(result)}")
    return 0 if found.group(1) == "no" else int(found.group(1))
