"""Every program scaffold runs: stdin closed, a Ctrl-C passed on, a failure quoted in one line."""

import sys

import pytest

from scaffold import processes


def python(code):
    return processes.run([sys.executable, "-c", code])


def test_a_failure_is_quoted_by_its_last_line_that_says_anything():
    failed = python("import sys; print('working'); sys.exit('first\\n  the reason  \\n\\n')")
    assert failed.returncode == 1
    assert processes.failure_line(failed) == "the reason"


def test_without_stderr_the_last_line_of_stdout_is_quoted():
    failed = python("print('= 1 failed ='); raise SystemExit(3)")
    assert processes.failure_line(failed) == "= 1 failed ="


def test_a_program_that_says_nothing_is_quoted_as_no_output():
    assert processes.failure_line(python("raise SystemExit(2)")) == "no output"
    assert processes.last_line(b"  \n") == "no output"


def test_stdin_is_closed_unless_input_is_given():
    assert python("import sys; print(repr(sys.stdin.read()))").stdout == "''\n"
    given = processes.run([sys.executable, "-c", "print(input())"], input="typed\n")
    assert given.stdout == "typed\n"


def test_a_program_killed_by_ctrl_c_is_a_keyboard_interrupt():
    with pytest.raises(KeyboardInterrupt):
        python("import os, signal; os.kill(os.getpid(), signal.SIGINT)")
