"""--data pairs checked against the template's questions before Copier sees them."""

import pytest

from scaffold import registry
from scaffold.answers import AnswerError, as_pairs, parse_answer, parse_data
from scaffold.registry import Question, Template


@pytest.fixture
def minimal():
    return registry.get("flask-minimal")


@pytest.fixture
def with_options(tmp_path):
    """A template with a bool and a choice question, as the full templates have."""
    (tmp_path / "copier.yml").write_text(
        "use_admin:\n  type: bool\n  default: true\n"
        "database:\n  type: str\n  choices: [sqlite, postgresql]\n  default: sqlite\n"
    )
    return Template(name="options", path=tmp_path)


def test_pairs_become_answers(minimal):
    assert parse_data(minimal, ["project_name=Tea Shop", "description=a=b"]) == {
        "project_name": "Tea Shop",
        "description": "a=b",
    }


@pytest.mark.parametrize("pair", ["project_name", "=x"])
def test_a_pair_without_key_or_equals_sign_is_refused(minimal, pair):
    with pytest.raises(AnswerError, match="is not KEY=VALUE"):
        parse_data(minimal, [pair])


def test_unknown_key_suggests_the_closest(minimal):
    with pytest.raises(AnswerError, match="no question 'author'; did you mean 'author_name'\\?"):
        parse_answer(minimal, "author", "x")


def test_unknown_key_with_nothing_close_points_at_the_listing(minimal):
    with pytest.raises(AnswerError, match="scaffold list --format json"):
        parse_answer(minimal, "zzz", "x")


@pytest.mark.parametrize(("word", "value"), [("yes", True), ("False", False), ("1", True)])
def test_bool_answers_read_naturally(with_options, word, value):
    assert parse_answer(with_options, "use_admin", word) is value


def test_bool_answer_that_is_not_one_is_refused(with_options):
    with pytest.raises(AnswerError, match="use_admin takes true or false, not 'maybe'"):
        parse_answer(with_options, "use_admin", "maybe")


def test_value_outside_the_choices_lists_them(with_options):
    with pytest.raises(AnswerError, match="database must be one of: sqlite, postgresql"):
        parse_answer(with_options, "database", "mysql")


def test_questions_keep_their_type_and_choices(with_options):
    assert with_options.questions["database"] == Question(
        name="database", type="str", default="sqlite", help="",
        choices=("sqlite", "postgresql"), when=True,
    )  # fmt: skip


def test_answers_written_back_as_pairs_parse_to_the_same_answers(with_options):
    answers = {"use_admin": False, "database": "postgresql"}
    assert as_pairs(answers) == ["use_admin=false", "database=postgresql"]
    assert parse_data(with_options, as_pairs(answers)) == answers
