"""The command line, in process through Click's CliRunner and as a real subprocess."""

import json
import os
import re
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from scaffold import __version__
from scaffold.cli import main
from scaffold.compare.command import compare
from scaffold.new import new
from scaffold.update_command import update
from scaffold.workshop.command import workshop
from scaffold.workshop.practice_command import exercise


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, [str(arg) for arg in args], input=input, prog_name="scaffold")

    return invoke


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_list_shows_each_template_with_what_it_includes(cli):
    result = cli("list")
    assert result.exit_code == 0
    assert "flask-minimal" in result.output
    assert "JSON API" in result.output


def test_list_json_is_for_scripts(cli):
    result = cli("list", "--format", "json")
    assert result.exit_code == 0
    listing = json.loads(result.output)["templates"]
    minimal = next(t for t in listing if t["name"] == "flask-minimal")
    assert minimal["framework"] == "flask"
    assert "project_name" in minimal["options"]
    assert minimal["includes"]


def test_new_with_defaults_renders_and_prints_next_steps(cli, tmp_path):
    dest = tmp_path / "tea-shop"
    result = cli("new", dest, "--template", "flask-minimal", "--defaults")
    assert result.exit_code == 0, result.output
    assert (dest / "tea_shop" / "__init__.py").is_file()
    assert "flask --app tea_shop run --debug" in result.output


def test_new_takes_answers_from_data(cli, tmp_path):
    dest = tmp_path / "site"
    result = cli(
        "new", dest, "-t", "flask-minimal", "--defaults",
        "--data", "project_name=Tea Shop", "--data", "author_name=Ada",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (dest / "tea_shop" / "__init__.py").is_file()
    assert 'authors = [{ name = "Ada"' in (dest / "pyproject.toml").read_text()


def test_pretend_lists_files_and_writes_nothing(cli, tmp_path):
    dest = tmp_path / "demo"
    result = cli("new", dest, "-t", "flask-minimal", "--defaults", "--pretend")
    assert result.exit_code == 0, result.output
    assert str(dest / "pyproject.toml") in result.output
    assert not dest.exists()
    assert list(tmp_path.iterdir()) == []


def test_unknown_data_key_suggests_the_closest(cli, tmp_path):
    result = cli("new", tmp_path / "x", "-t", "flask-minimal", "--defaults", "-d", "projct_name=A")
    assert result.exit_code != 0
    assert "did you mean 'project_name'" in result.output
    assert not (tmp_path / "x").exists()


def test_unknown_template_lists_the_valid_ones(cli, tmp_path):
    result = cli("new", tmp_path / "x", "-t", "rails", "--defaults")
    assert result.exit_code != 0
    assert "flask-minimal" in result.output


def test_existing_non_empty_folder_is_refused_and_untouched(cli, tmp_path):
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine")
    result = cli("new", dest, "-t", "flask-minimal", "--defaults")
    assert result.exit_code != 0
    assert "not empty" in result.output
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]
    assert (dest / "notes.txt").read_text() == "mine"


def test_existing_empty_folder_is_used(cli, tmp_path):
    dest = tmp_path / "demo"
    dest.mkdir()
    assert cli("new", dest, "-t", "flask-minimal", "--defaults").exit_code == 0
    assert (dest / "pyproject.toml").is_file()


def test_invalid_answer_is_one_clear_line_and_leaves_nothing(cli, tmp_path):
    result = cli("new", tmp_path / "x", "-t", "flask-minimal", "--defaults", "-d", "project_name=")
    assert result.exit_code != 0
    assert "must not be empty" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def imported_by(*args: str, among: tuple[str, ...]) -> list[str]:
    """Which of the modules ``among`` a fresh interpreter has imported after ``scaffold ARGS``."""
    code = (
        "import json, sys\n"
        "from scaffold.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted(m for m in {among!r} if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_help_does_not_import_copier_or_rich():
    assert imported_by("--help", among=("copier", "rich", "yaml")) == []


def test_help_loads_the_commands_and_none_of_their_work():
    """The start-up figure in docs/performance.md depends on it: pathlib alone adds 9%."""
    work = ("scaffold.choose", "scaffold.registry", "scaffold.render", "scaffold.post",
            "scaffold.update", "scaffold.git", "pathlib", "subprocess", "dataclasses")  # fmt: skip
    assert imported_by("--help", among=work) == []


def test_a_command_loads_no_other_commands_module():
    commands = (
        "scaffold.new",
        "scaffold.compare.command",
        "scaffold.update_command",
        "scaffold.workshop.command",
        "scaffold.workshop.practice_command",
    )
    assert imported_by("list", "--format", "json", among=commands) == []
    assert imported_by("new", "--help", among=commands) == ["scaffold.new"]


# Each lazily loaded command, imported from its module as an eager group would hold it.
EAGER = {
    "compare": compare,
    "exercise": exercise,
    "new": new,
    "update": update,
    "workshop": workshop,
}


def test_the_group_lists_every_command_with_its_line_of_help(cli):
    help_text = cli("--help").output
    listed = main.list_commands(click.Context(main))
    assert listed == sorted([*main.commands, *EAGER])
    for name in listed:
        command = main.get_command(click.Context(main), name)
        first_words = command.get_short_help_str().split("...")[0][:40]
        assert re.search(rf"^  {name} +{re.escape(first_words)}", help_text, re.M), name


@pytest.mark.parametrize("name", sorted(EAGER))
def test_each_lazy_commands_help_is_the_eager_commands(cli, name):
    eager = click.Group(
        "scaffold", commands={name: EAGER[name]}, context_settings=main.context_settings
    )
    expected = CliRunner().invoke(eager, [name, "--help"], prog_name="scaffold").output
    shown = cli(name, "--help").output
    assert shown == expected
    for parameter in EAGER[name].params:
        for flag in parameter.opts if isinstance(parameter, click.Option) else ():
            assert flag in shown, flag


@pytest.mark.parametrize(
    "name", ["compare", "exercise", "export", "list", "new", "update", "workshop"]
)
def test_each_commands_help_loads_in_a_fresh_process(name):
    """Click's advice for lazy groups: a command whose module fails to import fails here."""
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", name, "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: python -m scaffold {name} [OPTIONS]")


def test_errors_from_a_real_process_have_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", "new", str(tmp_path / "x"), "-t", "flask-minimal",
         "--defaults", "-d", "project_name={{ 7*7 }}"],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "49" not in result.stderr
    assert "the project name may not hold '{' or '}'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_explain_prints_the_decision_and_writes_nothing(cli, tmp_path):
    result = cli(
        "new", tmp_path / "x", "--need", "database,accounts,admin", "--prefer", "conventions",
        "--explain",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Template: django-full" in result.output
    assert "Django ships them built in" in result.output
    assert list(tmp_path.iterdir()) == []


def test_explain_needs_no_destination(cli):
    result = cli("new", "--explain", "--kind", "prototype")
    assert result.exit_code == 0
    assert "Template: flask-minimal" in result.output


def test_kind_alone_uses_its_typical_needs(cli):
    assert "Template: django-full" in cli("new", "--explain", "--kind", "site").output
    result = cli("new", "--explain", "--kind", "site", "--prefer", "components")
    assert "Template: flask-full" in result.output


def test_need_none_means_nothing_to_store(cli, tmp_path):
    result = cli("new", tmp_path / "x", "--need", "none", "--defaults", "--no-git")
    assert result.exit_code == 0, result.output
    assert "Template: flask-minimal" in result.output
    assert (tmp_path / "x" / "pyproject.toml").is_file()


def test_template_always_wins_over_the_chooser(cli, tmp_path):
    result = cli(
        "new", tmp_path / "x", "-t", "flask-minimal", "--need", "admin", "--defaults", "--no-git"
    )
    assert result.exit_code == 0, result.output
    assert "the chooser was not asked" in result.output
    assert (tmp_path / "x" / "x").is_dir()


def test_unknown_need_lists_the_valid_ones(cli):
    result = cli("new", "--explain", "--need", "database,cache")
    assert result.exit_code == 2
    assert "unknown need 'cache'" in result.output
    assert "database, accounts, admin" in result.output


def test_missing_answers_without_a_terminal_name_the_flags(cli, tmp_path):
    result = cli("new", tmp_path / "x", "-t", "flask-minimal", "-d", "project_name=A")
    assert result.exit_code == 2
    assert "--defaults" in result.output and "author_email" in result.output
    assert list(tmp_path.iterdir()) == []


def test_git_makes_an_initial_commit_without_the_env_file(cli, tmp_path):
    dest = tmp_path / "x"
    assert cli("new", dest, "-t", "flask-minimal", "--defaults", "--git").exit_code == 0
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=dest, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "pyproject.toml" in tracked and ".env" not in tracked and ".env.example" in tracked
    log = subprocess.run(["git", "log", "--format=%s"], cwd=dest, capture_output=True, text=True)
    assert log.stdout.strip() == "Start from scaffold's flask-minimal template"


def test_no_git_leaves_no_repository(cli, tmp_path):
    assert (
        cli("new", tmp_path / "x", "-t", "flask-minimal", "--defaults", "--no-git").exit_code == 0
    )
    assert not (tmp_path / "x" / ".git").exists()


def test_unexpected_errors_are_one_line_unless_debug():
    import click

    from scaffold.cli import FriendlyGroup

    @click.group(cls=FriendlyGroup)
    @click.option("--debug", is_flag=True)
    @click.pass_context
    def group(ctx, debug):
        ctx.meta["scaffold.debug"] = debug

    @group.command()
    def boom():
        raise RuntimeError("the unexpected")

    runner = CliRunner()
    quiet = runner.invoke(group, ["boom"])
    assert quiet.exit_code == 1
    assert quiet.output.strip() == (
        "Error: unexpected RuntimeError: the unexpected "
        "(run `scaffold --debug ...` for the traceback, and report it)"
    )
    loud = runner.invoke(group, ["--debug", "boom"])
    assert isinstance(loud.exception, RuntimeError)


@pytest.mark.install
def test_install_and_check_end_with_the_project_tests_passing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", "new", str(tmp_path / "x"), "--need", "none",
         "--defaults", "--install", "--check"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"The project's own tests pass: \d+ passed", result.stdout)
    assert (tmp_path / "x" / ".venv" / "bin" / "flask").is_file()


@pytest.fixture
def full_disk(tmp_path):
    """A real filesystem with almost no room: a 12 KiB tmpfs (needs root, as CI is)."""
    mount_point = tmp_path / "full"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", str(mount_point)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def test_disk_full_is_one_line_and_leaves_nothing(full_disk):
    result = subprocess.run(
        [sys.executable, "-m", "scaffold", "new", str(full_disk / "x"), "-t", "flask-minimal",
         "--defaults", "--no-git"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: cannot write {full_disk / 'x'}: No space left on device; nothing was written"
    )
    assert list(full_disk.iterdir()) == []


def test_export_writes_a_cookiecutter_template(cli, tmp_path):
    result = cli("export", "flask-minimal", tmp_path / "ck", "--format", "cookiecutter")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ck" / "cookiecutter.json").is_file()
    assert f"cookiecutter {tmp_path / 'ck'}" in result.output


def test_list_says_which_templates_export_to_cookiecutter(cli):
    listing = json.loads(cli("list", "--format", "json").output)["templates"]
    assert next(t for t in listing if t["name"] == "flask-minimal")["exports"] == ["cookiecutter"]
