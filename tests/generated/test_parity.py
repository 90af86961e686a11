"""The two full templates implement the same reference app, and show it the same way."""

import re
from pathlib import Path

import pytest

from scaffold import registry
from scaffold.compare.features import FEATURES

FULL_TEMPLATES = ["flask-full", "django-full"]
PARITY_LIST = Path(__file__).resolve().parents[2] / "docs" / "parity.md"


def built_parity_ids() -> list[str]:
    """The ids docs/parity.md marks as built, lower-cased as test names spell them."""
    rows = re.findall(r"^\| (P\d\d) \|.*\| (\w+) \|$", PARITY_LIST.read_text(), re.M)
    return [pid.lower() for pid, status in rows if status == "built"]


def test_the_parity_list_marks_p01_to_p28_and_p32_to_p35_as_built():
    built = [*range(1, 29), *range(32, 36)]
    assert built_parity_ids() == [f"p{number:02d}" for number in built]


@pytest.mark.parametrize("name", FULL_TEMPLATES)
def test_the_generated_suite_names_every_parity_id(render_template, name):
    project = render_template(name)
    names = " ".join(
        test
        for path in Path(project, "tests").glob("test_*.py")
        for test in re.findall(r"^def (test_\w+)", path.read_text(), re.M)
    )
    assert [pid for pid in built_parity_ids() if f"test_{pid}_" not in names] == []


def test_both_full_templates_declare_the_same_features():
    declared = [sorted(registry.get(name).metadata["features"]) for name in FULL_TEMPLATES]
    assert declared[0] == declared[1] == sorted(FEATURES)
