"""The Jinja filters Copier's templates use, for Cookiecutter: regex_search and regex_replace.

Copier gets them from jinja2-ansible-filters; this exported template carries
its own copy so that its users need nothing but Cookiecutter. They behave as
the ansible filters do for the templates' uses.
"""

import re

from jinja2.ext import Extension


def regex_search(value, pattern, ignorecase=False, multiline=False):
    flags = (re.I if ignorecase else 0) | (re.M if multiline else 0)
    match = re.search(pattern, str(value), flags)
    return match.group() if match else None


def regex_replace(value, pattern="", replacement="", ignorecase=False, multiline=False):
    flags = (re.I if ignorecase else 0) | (re.M if multiline else 0)
    return re.compile(pattern, flags).sub(replacement, str(value))


class CopierFilters(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["regex_search"] = regex_search
        environment.filters["regex_replace"] = regex_replace
