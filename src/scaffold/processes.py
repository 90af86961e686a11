"""Run a program as scaffold runs every program, and say in its own words why it failed.

:func:`run` captures the output as text and closes stdin, so nothing waits for
input that will never come; a Ctrl-C in a terminal reaches the child too, and
when the child dies of it first, :func:`run` raises the ``KeyboardInterrupt``
the rest of scaffold expects. A failure is quoted by :func:`failure_line`: the
program's last line that says anything, or "no output".
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path


def run(
    command: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` to its end; its exit code is the caller's to judge.

    ``input`` is written to its stdin; without it, stdin is closed.
    ``subprocess.TimeoutExpired`` goes on to the caller.
    """
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        input=input,
        stdin=subprocess.DEVNULL if input is None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode == -signal.SIGINT:
        raise KeyboardInterrupt
    return result


def failure_line(result: subprocess.CompletedProcess[str]) -> str:
    """Why ``result`` failed, as it said it: the last line of its stderr, else of its stdout."""
    return last_line(result.stderr or result.stdout)


def last_line(output: str | bytes | None) -> str:
    """The last line of ``output`` that is not blank, stripped; "no output" when there is none."""
    if isinstance(output, bytes):
        output = output.decode(errors="replace")
    lines = [line.strip() for line in (output or "").splitlines() if line.strip()]
    return lines[-1] if lines else "no output"
