"""Benchmark 4: the generated apps against a bare hello-world of the same framework.

For flask-full and django-full, and for the bare hello worlds that ``scaffold compare
--measure`` also serves (src/scaffold/compare/hello_worlds/{flask,django}_hello.py)
installed with the same framework version:
- import time: a fresh interpreter importing the WSGI application (median of runs);
- resident memory of the one gunicorn worker after it served its first request;
- requests per second on /healthz: gunicorn with one sync worker on 127.0.0.1,
  load from ``wrk`` when it is installed, otherwise from the Python client of
  ``scaffold compare --measure``, whose serving and load this script shares.
The ratio template/bare is the overhead the template adds. The reference
app's /healthz makes a database round trip, so the bare app is also timed
doing the same SQLite query ("bare+db"): that ratio is like for like.
Run from the repository with its venv active: ``python benchmarks/apps.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from timing import tool

from scaffold.compare import bare, serving
from scaffold.compare.loads import requests_per_second
from scaffold.compare.serving import clean_environment, rss_mib

BARE = bare.FOLDER
SECRET = "benchmark-only-" + "x" * 40


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each load run")
    args = parser.parse_args()
    # One sync worker, as served below, and one connection on it: this benchmark's load
    # since its first figures (wrk -t1 -c1).
    settings = serving.Settings(seconds=args.seconds, workers=1, connections_per_worker=1)
    with tempfile.TemporaryDirectory(prefix="scaffold-apps-") as scratch:
        for framework, template, app, bare, bare_db in prepared(Path(scratch)):
            print(f"{template} against bare {framework}, medians of {args.runs}")
            print(f"  load: {settings.load}")
            heading = f"{'figure':<22} {template:>12} {'bare':>9} {'ratio':>6} {'bare+db':>9}"
            print(f"  {heading} {'ratio':>6}")
            for label, figure in (
                ("import time (ms)", lambda s: import_ms(s)),
                ("worker memory (MiB)", lambda s: served(s, lambda port, pid: rss_mib(pid))),
                (
                    "/healthz requests/s",
                    lambda s: served(s, lambda port, pid: requests_per_second(port, settings)),
                ),
            ):
                ours = statistics.median(figure(app) for _ in range(args.runs))
                bare_figure = statistics.median(figure(bare) for _ in range(args.runs))
                db_figure = statistics.median(figure(bare_db) for _ in range(args.runs))
                print(
                    f"  {label:<22} {ours:12.1f} {bare_figure:9.1f} {ours / bare_figure:5.2f}x"
                    f" {db_figure:9.1f} {ours / db_figure:5.2f}x"
                )
            print()


def prepared(root: Path) -> Iterator[tuple[str, str, Subject, Subject, Subject]]:
    """Per full template: its framework, its name, the app, the bare app, the bare app + db."""
    uv = tool("uv")
    for framework, template in (("flask", "flask-full"), ("django", "django-full")):
        app = prepare_template(uv, root, template)
        bare = prepare_bare(uv, root, framework)
        bare_db = bare.with_env(BARE_DATABASE=str(root / "bare.sqlite3"))
        yield framework, template, app, bare, bare_db


class Subject:
    def __init__(self, cwd: Path, venv: Path, module: str, entry: str, env: dict[str, str]):
        self.cwd, self.venv, self.module, self.entry, self.env = cwd, venv, module, entry, env

    def with_env(self, **variables: str) -> Subject:
        return Subject(self.cwd, self.venv, self.module, self.entry, {**self.env, **variables})

    def environ(self) -> dict[str, str]:
        path = f"{self.venv / 'bin'}:{os.environ['PATH']}"
        return {**clean_environment(), **self.env, "PATH": path}


def prepare_template(uv: str, root: Path, template: str) -> Subject:
    project = root / template
    subprocess.run(
        [
            tool("scaffold"),
            "new",
            project,
            "-t",
            template,
            "--defaults",
            "--no-git",
            "--data",
            "project_name=Bench Blog",
        ],
        check=True,
        capture_output=True,
    )
    venv = install(uv, project, ["-e", str(project)])
    env = {
        "SECRET_KEY": SECRET,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
    }
    if template == "flask-full":
        subprocess.run(
            [venv / "bin" / "flask", "--app", "bench_blog", "db", "upgrade"],
            cwd=project,
            env={**clean_environment(), **env},
            check=True,
            capture_output=True,
        )
        return Subject(project, venv, "wsgi", "wsgi:app", env)
    subprocess.run(
        [venv / "bin" / "python", "manage.py", "migrate"],
        cwd=project,
        env={**clean_environment(), **env},
        check=True,
        capture_output=True,
    )
    return Subject(project, venv, "bench_blog.wsgi", "bench_blog.wsgi", env)


def prepare_bare(uv: str, root: Path, framework: str) -> Subject:
    folder = root / f"bare-{framework}"
    folder.mkdir()
    module = f"{framework}_hello"
    shutil.copy(BARE / f"{module}.py", folder)
    version = framework_version(root, framework)
    venv = install(uv, folder, [f"{framework}=={version}", "gunicorn"])
    entry = f"{module}:app" if framework == "flask" else f"{module}:application"
    return Subject(folder, venv, module, entry, {"SECRET_KEY": SECRET})


def framework_version(root: Path, framework: str) -> str:
    template = "flask-full" if framework == "flask" else "django-full"
    python = root / template / ".venv" / "bin" / "python"
    code = f"import importlib.metadata as m; print(m.version('{framework}'))"
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def install(uv: str, folder: Path, requirements: list[str]) -> Path:
    venv = folder / ".venv"
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, venv], check=True)
    # Compiled at install, as pip does and as a deployed app has it: import time
    # is then the import, not the compilation.
    compiled = ["--quiet", "--compile-bytecode", "--python", venv / "bin" / "python"]
    subprocess.run(
        [uv, "pip", "install", *compiled, *requirements],
        cwd=folder,
        check=True,
    )
    return venv


def import_ms(subject: Subject) -> float:
    code = (
        "import time; start = time.perf_counter(); "
        f"import {subject.module}; "
        "print((time.perf_counter() - start) * 1000)"
    )
    out = subprocess.run(
        [subject.venv / "bin" / "python", "-c", code],
        cwd=subject.cwd,
        env=subject.environ(),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def served(subject: Subject, figure: Callable[[int, int | None], float]) -> float:
    """``figure(port, worker pid)`` taken while gunicorn serves the subject, as compare does."""
    with serving.serve(
        subject.entry, subject.cwd, subject.venv, subject.entry, subject.environ()
    ) as (port, worker):
        return figure(port, worker)


if __name__ == "__main__":
    main()
