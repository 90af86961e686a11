"""The two full templates implement the same reference app, and show it the same way."""

import re
from pathlib import Path

import pytest

from scaffold import templates
from scaffold.compare.features import FEATURES

FULL_TEMPLATES = ["flask-full", "django-full"]
PARITY_IDS = [f"p{number:02d}" for number in range(1, 29)]


@pytest.mark.parametrize("name", FULL_TEMPLATES)
def test_the_generated_suite_names_every_parity_id(render_template, name):
    project = render_template(name)
    names = " ".join(
        test
        for path in Path(project, "tests").glob("test_*.py")
        for test in re.findall(r"^def (test_\w+)", path.read_text(), re.M)
    )
    assert [pid for pid in PARITY_IDS if f"test_{pid}_" not in names] == []


def test_both_full_templates_declare_the_same_features():
    declared = [sorted(templates.get(name).metadata["features"]) for name in FULL_TEMPLATES]
    assert declared[0] == declared[1] == sorted(FEATURES)
