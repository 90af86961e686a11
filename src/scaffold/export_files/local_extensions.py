"""The Jinja filters Copier's templates use, for Cookiecutter: regex_search and regex_replace.

Copier gets them from jinja2-ansible-filters; this exported template carries
its own copy so that its users need nothing but Cookiecutter. They behave as
the ansible filters do for the templates' uses.

Cookiecutter loads this module into its own process, which also lets it keep
a refusal by the pre-generation hook to the hook's one line (see below).
"""

from __future__ import annotations

import logging
import re

from jinja2 import Environment
from jinja2.ext import Extension


def regex_search(
    value: object, pattern: str, ignorecase: bool = False, multiline: bool = False
) -> str | None:
    flags = (re.I if ignorecase else 0) | (re.M if multiline else 0)
    match = re.search(pattern, str(value), flags)
    return match.group() if match else None


def regex_replace(
    value: object,
    pattern: str = "",
    replacement: str = "",
    ignorecase: bool = False,
    multiline: bool = False,
) -> str:
    flags = (re.I if ignorecase else 0) | (re.M if multiline else 0)
    return re.compile(pattern, flags).sub(replacement, str(value))


class RefusalWithoutTraceback(logging.Filter):
    """Drop Cookiecutter's traceback when the pre-generation hook refuses the answers.

    That hook is this template's validator: it has already printed, on one line,
    what is wrong and how to fix it. Cookiecutter logs every failed hook with a
    traceback of its own code, which would bury that line; its closing
    "Hook script failed" still follows.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre_gen_project hook script didn't exit successfully" not in record.getMessage()


class CopierFilters(Extension):
    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["regex_search"] = regex_search
        environment.filters["regex_replace"] = regex_replace
        hooks_log = logging.getLogger("cookiecutter.hooks")
        if not any(isinstance(f, RefusalWithoutTraceback) for f in hooks_log.filters):
            hooks_log.addFilter(RefusalWithoutTraceback())
