"""The comparison as JSON: the data model itself, keys sorted, for scripts and tests."""

from __future__ import annotations

import json

from scaffold.compare.report import Comparison, as_data


def render(comparison: Comparison) -> str:
    return json.dumps(as_data(comparison), indent=2, sort_keys=True) + "\n"
