"""The interactive path, driven through a real pseudo-terminal."""

import os
import subprocess
import sys

import pexpect

DOWN = "\x1b[B"


def new_in_a_terminal(cwd, dest: str) -> pexpect.spawn:
    """``scaffold new DEST --no-git`` in a 100x40 terminal, its questions left to the test."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}
    # pexpect's terminal never answers a cursor position request; without this,
    # prompt_toolkit waits for each answer before drawing a question (seconds a test).
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    return pexpect.spawn(
        sys.executable,
        ["-m", "scaffold", "new", dest, "--no-git"],
        cwd=cwd,
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )


def test_whole_interactive_new_without_a_template(tmp_path):
    child = new_in_a_terminal(tmp_path, "site")
    child.expect("What are you building")
    child.send(DOWN + "\r")  # a small API or service
    child.expect("Does it need a database")
    child.expect(r"\(Y/n\)")  # an API usually needs one: the default says so
    child.send("n")
    child.expect("Does it need user accounts")
    child.send("n")
    child.expect("Does it need an admin panel")
    child.send("n")
    child.expect("Template: flask-minimal")
    child.expect("a small API or service with no database")
    child.expect("Use flask-minimal")
    child.send("\r")
    child.expect("project's name")
    child.send("\x15Café Démo\r")  # Ctrl-U clears the default the prompt shows
    child.expect("package name")
    child.expect("cafe_demo")  # the default, made from the name without its accents
    child.send("\r")
    for _question in ("One sentence", "Your name", "email"):
        child.expect(_question)
        child.send("\r")
    child.expect("Created flask-minimal project")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert (tmp_path / "site" / "cafe_demo" / "__init__.py").is_file()


def test_no_terminal_fails_fast_naming_the_flags(tmp_path):
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"{sys.executable} -m scaffold new site < /dev/null"],
        cwd=tmp_path,
        encoding="utf-8",
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "--need database,accounts,admin" in child.before
    assert "--template" in child.before
    assert list(tmp_path.iterdir()) == []


def test_enter_at_every_question_gives_what_the_flags_give(tmp_path):
    """a site with no stated preference is django-full, asked or not."""
    child = new_in_a_terminal(tmp_path, "blog")
    child.expect("What are you building")
    child.send(DOWN + DOWN + "\r")  # a content or data-driven site
    for question in ("database", "user accounts", "admin panel"):
        child.expect(question)
        child.send("\r")
    child.expect("How do you like to work")
    child.send("\r")
    child.expect("Template: django-full")
    child.expect("Use django-full")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []

    flags = subprocess.run(
        [sys.executable, "-m", "scaffold", "new", "--explain", "--kind", "site"],
        capture_output=True,
        text=True,
    )
    assert "Template: django-full" in flags.stdout


def test_a_full_folder_is_refused_before_any_question(tmp_path):
    """nothing is asked for a project that could not be written."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "notes.txt").write_text("mine\n")
    child = new_in_a_terminal(tmp_path, "site")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert child.before.strip() == (
        "Error: site already exists and is not empty; choose a new folder or empty this one"
    )
