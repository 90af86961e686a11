"""Export a Copier template as a Cookiecutter template, generated rather than kept by hand.

Both tools speak Jinja, so the export is mostly a rewrite of names: Copier's
``package_name`` becomes Cookiecutter's ``cookiecutter.package_name``. The
rewrite works on Jinja's own token stream, which reproduces the source
exactly, so nothing but those names changes. What Cookiecutter has no word
for is moved into hooks: Copier's validators run in ``pre_gen_project.py``,
files excluded by their name's ``{% if %}`` are removed in
``post_gen_project.py``, and so are the secrets drawn there. Beside the
rendered folder, :mod:`scaffold.export_suite` writes the template's own
pytest-cookies suite.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from scaffold.errors import ScaffoldError
from scaffold.export_suite import write_suite
from scaffold.registry import Template

PROJECT_DIR = "{{cookiecutter.package_name}}"
EXPORT_FILES = Path(__file__).parent / "export_files"
# A path part like "{% if use_admin %}admin.py{% endif %}": Copier skips it when empty.
CONDITIONAL_PART = re.compile(
    r"^\{%-?\s*if\s+(?P<condition>.+?)\s*-?%\}(?P<name>.*)\{%-?\s*endif\s*-?%\}$"
)
# The secret Copier draws with SystemRandom; the post-generation hook draws it instead.
SECRET_EXPRESSION = re.compile(r"\{\{[^}]*ans_random[^}]*\}\}")
COPIER_ONLY = ("_copier_conf", "_copier_answers", "_copier_python", "_folder_name")


class ExportError(ScaffoldError):
    """The template uses something Cookiecutter cannot express."""


@dataclass
class Export:
    """What the walk over the template found, for cookiecutter.json and the hooks."""

    copy_without_render: list[str] = field(default_factory=list)
    conditional_paths: list[tuple[str, str]] = field(default_factory=list)
    secrets: list[tuple[str, str]] = field(default_factory=list)


def export_cookiecutter(template: Template, dest: Path) -> None:
    """Write the Cookiecutter version of ``template`` into ``dest``, all or nothing.

    The export is built in :func:`scaffold.render.staged`'s hidden folder, so a
    failure leaves nothing behind, not even the parent folders made for ``dest``.
    """
    from scaffold.render import staged

    with staged(dest) as staging:
        _write(template, staging)


def _write(template: Template, out: Path) -> None:
    import jinja2
    import yaml

    config = yaml.safe_load((template.path / "copier.yml").read_text(encoding="utf-8"))
    names = set(template.questions)
    export = Export()
    source_root = template.path / config.get("_subdirectory", "")
    suffix = config.get("_templates_suffix", ".jinja")
    answers_file = config.get("_answers_file", ".copier-answers.yml")
    for source in sorted(p for p in source_root.rglob("*") if p.is_file()):
        relative = source.relative_to(source_root).as_posix()
        if "_copier_conf.answers_file" in relative or relative == answers_file:
            continue
        if template.excluded(relative):
            continue
        try:
            _write_file(source, relative, out, suffix, names, export)
        except jinja2.TemplateSyntaxError as error:
            raise ExportError(
                f"{source.relative_to(template.path).as_posix()}, line {error.lineno}: "
                f"{error.message}; fix the template (nothing was written)"
            ) from error
    context = _context(template, config, names, export)
    (out / "cookiecutter.json").write_text(json.dumps(context, indent=2) + "\n", encoding="utf-8")
    shutil.copyfile(EXPORT_FILES / "local_extensions.py", out / "local_extensions.py")
    (out / "hooks").mkdir()
    (out / "hooks" / "pre_gen_project.py").write_text(
        _pre_gen_hook(template, names), encoding="utf-8"
    )
    (out / "hooks" / "post_gen_project.py").write_text(_post_gen_hook(export), encoding="utf-8")
    write_suite(template, config, out)


def _write_file(
    source: Path, relative: str, out: Path, suffix: str, names: set[str], export: Export
) -> None:
    """One file of the template, its names rewritten; a verbatim file is copied as it is."""
    target = _export_path(relative, suffix, names, export)
    destination = out / PROJECT_DIR / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix == suffix:
        text = source.read_text(encoding="utf-8")
        text = _take_secrets(text, target, export)
        destination.write_text(rewrite_names(text, names), encoding="utf-8")
    else:
        shutil.copyfile(source, destination)
        export.copy_without_render.append(_literal_pattern(target))


def rewrite_names(source: str, names: set[str]) -> str:
    """Prefix each reference to a question with ``cookiecutter.``; change nothing else."""
    import jinja2

    lexer = jinja2.Environment(keep_trailing_newline=True)
    tokens = list(lexer.lex(source))
    pieces = []
    previous = None
    for _, kind, value in tokens:
        if kind == "name" and value in COPIER_ONLY:
            raise ExportError(f"Cookiecutter has no equivalent of Copier's {value}")
        if kind == "name" and value in names and previous != ".":
            value = f"cookiecutter.{value}"
        pieces.append(value)
        if kind != "whitespace":
            previous = value
    return "".join(pieces)


def _export_path(relative: str, suffix: str, names: set[str], export: Export) -> str:
    parts: list[str] = []
    for index, part in enumerate(PurePosixPath(relative).parts):
        match = CONDITIONAL_PART.match(part)
        if match:
            part = match["name"]
            condition = rewrite_names(f"{{{{ {match['condition']} }}}}", names)[3:-3]
            where = "/".join([*parts, rewrite_names(part, names)])
            if index == len(PurePosixPath(relative).parts) - 1 and where.endswith(suffix):
                where = where[: -len(suffix)]
            # Each file under a conditional folder names the folder again.
            if (where, condition) not in export.conditional_paths:
                export.conditional_paths.append((where, condition))
        parts.append(rewrite_names(part, names))
    path = "/".join(parts)
    return path[: -len(suffix)] if path.endswith(suffix) else path


def _take_secrets(text: str, target: str, export: Export) -> str:
    """Leave ``KEY=`` where Copier draws a secret; the post-generation hook fills it."""
    lines = []
    for line in text.splitlines(keepends=True):
        if SECRET_EXPRESSION.search(line):
            key = line.split("=", 1)[0].strip()
            export.secrets.append((target, key))
            line = SECRET_EXPRESSION.sub("", line)
        lines.append(line)
    return "".join(lines)


def _literal_pattern(path: str) -> str:
    """An fnmatch pattern matching exactly ``path``."""
    return "".join(f"[{char}]" if char in "*?[]" else char for char in path)


def _context(
    template: Template, config: dict[str, Any], names: set[str], export: Export
) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for name, question in template.questions.items():
        default = question.default
        if question.type == "bool":
            default = _fixed_bool(default, context)
        elif isinstance(default, str):
            default = rewrite_names(default, names).strip()
        if question.choices:
            choices = [choice for choice in question.choices if choice != default]
            default = [default, *choices]
        context[name] = default
    envops = config.get("_envops", {})
    context["__prompts__"] = {
        name: question.help for name, question in template.questions.items() if question.help
    }
    context["_copy_without_render"] = export.copy_without_render
    # Cookiecutter always keeps the trailing newline, as Copier's envops ask.
    context["_jinja2_env_vars"] = {
        key: envops[key] for key in ("trim_blocks", "lstrip_blocks") if key in envops
    }
    context["_extensions"] = ["local_extensions.CopierFilters"]
    return context


def _fixed_bool(default: Any, earlier: dict[str, Any]) -> bool:
    """A yes/no default as Cookiecutter needs it: a JSON boolean, never a template.

    Only a boolean makes Cookiecutter ask yes/no and read ``no``, ``n``, ``0``
    or ``false`` typed on its command line as False. It cannot make one
    default follow another answer, as Copier's ``{{ use_database }}`` does, so
    such a default is fixed at what it gives with the earlier defaults.
    """
    if isinstance(default, bool):
        return default
    import jinja2

    rendered = jinja2.Environment().from_string(str(default)).render(**earlier).strip()
    return rendered.lower() in ("true", "yes", "1")


def _pre_gen_hook(template: Template, names: set[str]) -> str:
    """Copier's validators, rendered by Cookiecutter and checked before anything is written."""
    import yaml

    config = yaml.safe_load((template.path / "copier.yml").read_text(encoding="utf-8"))
    checks = []
    for name in template.questions:
        validator = config[name].get("validator") if isinstance(config[name], dict) else None
        if validator:
            checks.append(
                f"{{% set message %}}{rewrite_names(validator, names)}{{% endset %}}\n"
                f"    ({json.dumps(name)}, {{{{ message | tojson }}}}),\n"
            )
    # The package names scaffold new refuses, refused by the export alike: the
    # validators read them as Copier's do, from a variable set before them.
    from scaffold import names as package_names

    reserved = json.dumps(package_names.reserved(template), sort_keys=True)
    checks.insert(0, f"{{% set {package_names.RESERVED_KEY} = {reserved} %}}\n")
    body = (EXPORT_FILES / "pre_gen_project.py").read_text(encoding="utf-8")
    return body.replace("    # CHECKS\n", "".join(checks))


def _post_gen_hook(export: Export) -> str:
    conditional = "".join(
        f"    ({_python_string(path)}, "
        f"{_python_string(f'{{% if {condition} %}}True{{% else %}}False{{% endif %}}')}),\n"
        for path, condition in export.conditional_paths
    )
    secrets = "".join(
        f"    ({json.dumps(path)}, {json.dumps(key)}),\n" for path, key in export.secrets
    )
    body = (EXPORT_FILES / "post_gen_project.py").read_text(encoding="utf-8")
    return body.replace("    # CONDITIONAL PATHS\n", conditional).replace(
        "    # SECRETS\n", secrets
    )


def _python_string(text: str) -> str:
    """``text`` as a Python string literal, before Cookiecutter renders its Jinja and after.

    The Jinja inside cannot hold a backslash escape, so the quote chosen is one
    that ``text`` does not use.
    """
    for quote in ('"', "'"):
        if quote not in text and "\\" not in text:
            return f"{quote}{text}{quote}"
    raise ExportError(
        f"{text!r} holds both kinds of quote or a backslash, which the post-generation hook "
        "cannot carry; use one kind of quote in the template's file names"
    )


def unsupported(template: Template) -> list[str]:
    """What keeps ``template`` from exporting to Cookiecutter; empty when nothing does."""
    reasons = []
    copier_yml = (template.path / "copier.yml").read_text(encoding="utf-8")
    for setting in ("_tasks", "_migrations", "_jinja_extensions", "_external_data"):
        if re.search(rf"^{setting}\s*:", copier_yml, re.M):
            reasons.append(f"uses Copier's {setting}")
    source_root = template.path / "template"
    for source in sorted(source_root.rglob("*.jinja")):
        if "_copier_conf.answers_file" in source.name:
            continue
        text = source.read_text(encoding="utf-8")
        for name in COPIER_ONLY:
            if name in text:
                reasons.append(f"{source.relative_to(source_root)} uses {name}")
    return reasons
