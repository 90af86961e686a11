"""The accessibility and HTML checkers the browser tests run on every page.

axe-core, the accessibility checker, runs in a page that Playwright drives; the
Nu HTML checker (vnu.jar, the W3C validator, run by Java) reads the HTML the
server sent. Both come from the npm registry, installed by npm into a cache
folder of this checkout the first time a test needs them (later runs reuse it).
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CACHE = Path(__file__).resolve().parents[1] / ".cache"
AXE_VERSION = "4.14.1"
VNU_VERSION = "26.9.27"


def npm_file(package: str, version: str, path: str) -> Path:
    """``path`` inside the npm package, installed into .cache/ unless it is there already."""
    folder = CACHE / f"{package}-{version}"
    wanted = folder / "node_modules" / package / path
    if wanted.is_file():
        return wanted
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is missing: apt-get install npm (.ci/run does)", pytrace=False)
    CACHE.mkdir(parents=True, exist_ok=True)
    # Installed beside the cache, then renamed into place: parallel test workers never see half.
    staging = Path(tempfile.mkdtemp(prefix=f"{folder.name}.", dir=CACHE))
    try:
        install = subprocess.run(
            [npm, "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
             "--prefix", str(staging), f"{package}@{version}"],
            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if install.returncode != 0:
            pytest.fail(f"npm install {package} failed:\n{install.stderr[-3000:]}", pytrace=False)
        try:
            os.rename(staging, folder)
        except OSError:
            if not wanted.is_file():  # not another worker's finished install: a real failure
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return wanted


def axe_violations(page) -> list[str]:
    """Run axe-core on the page as it is now; one line per violation, whatever its impact."""
    page.add_script_tag(path=str(npm_file("axe-core", AXE_VERSION, "axe.min.js")))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{page.url}: {violation['impact']} {violation['id']}: "
        f"{[node['target'] for node in violation['nodes']][:5]}"
        for violation in results["violations"]
    ]


def html_errors(pages: dict[str, str]) -> list[str]:
    """The Nu HTML checker's errors in each page (its path -> the HTML served); one line each.

    Its warnings ("consider adding...") are advice and left out. All pages go to one
    run: starting Java costs seconds, checking a page a few milliseconds.
    """
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: apt-get install default-jre-headless (.ci/run does)")
    vnu = npm_file("vnu-jar", VNU_VERSION, "build/dist/vnu.jar")
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        files = {Path(folder, f"page-{number}.html"): path for number, path in enumerate(pages)}
        for file, path in files.items():
            file.write_text(pages[path], encoding="utf-8")
        check = subprocess.run(
            [java, "-jar", str(vnu), "--format", "json", "--exit-zero-always", *map(str, files)],
            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    if check.returncode != 0 or not check.stderr.strip():
        pytest.fail(f"vnu.jar did not run:\n{check.stdout[-2000:]}{check.stderr[-2000:]}")
    messages = json.loads(check.stderr)["messages"]  # vnu writes its report to stderr
    # vnu names a file as java.io.File does: file:/tmp/..., not file:///tmp/...
    shown = {f"file:{file}": path for file, path in files.items()}
    return [
        f"{shown.get(message.get('url', ''), message.get('url'))}:{message.get('lastLine')}: "
        f"{message['message']} ({message.get('extract', '').strip()!r})"
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]
