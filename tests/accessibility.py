"""axe-core, the accessibility checker, run in a page that Playwright drives.

axe-core comes from the npm registry, installed by npm into a cache folder of
this checkout the first time a test needs it (later runs reuse it).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

AXE_VERSION = "4.14.1"
CACHE = Path(__file__).resolve().parents[1] / ".cache" / f"axe-core-{AXE_VERSION}"
SCRIPT = CACHE / "node_modules" / "axe-core" / "axe.min.js"
# What every page must meet: nothing serious or critical.
BLOCKING = {"serious", "critical"}


def axe_script() -> Path:
    """axe.min.js, installed with npm into CACHE unless it is there already."""
    if SCRIPT.is_file():
        return SCRIPT
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is missing: apt-get install npm (.ci/run does)", pytrace=False)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    # Installed beside the cache, then renamed into place: parallel test workers never see half.
    staging = Path(tempfile.mkdtemp(prefix=f"{CACHE.name}.", dir=CACHE.parent))
    try:
        install = subprocess.run(
            [npm, "install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
             "--prefix", str(staging), f"axe-core@{AXE_VERSION}"],
            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if install.returncode != 0:
            pytest.fail(f"npm install axe-core failed:\n{install.stderr[-3000:]}", pytrace=False)
        try:
            os.rename(staging, CACHE)
        except OSError:
            if not SCRIPT.is_file():  # not another worker's finished install: a real failure
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SCRIPT


def blocking_violations(page) -> list[str]:
    """Run axe-core on the page as it is now; one line per serious or critical violation."""
    page.add_script_tag(path=str(axe_script()))
    results = page.evaluate("async () => await axe.run(document)")
    return [
        f"{page.url}: {violation['impact']} {violation['id']}: "
        f"{[node['target'] for node in violation['nodes']][:5]}"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]
