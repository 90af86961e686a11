"""Generated projects' images, built and run with podman on this machine.

No registry here serves a base image, so the tests make one: mmdebstrap
installs a minimal Debian with its python3 from the mirrors apt already uses,
and podman imports that tree. The machine's CA bundle goes into it, so that pip
in the build trusts what the machine's own pip trusts. The Dockerfiles take
the base through their PYTHON_IMAGE build argument. podman runs containers
with runc and publishes ports through netavark, which needs iptables.
"""

from __future__ import annotations

import fcntl
import os
import resource
import shutil
import ssl
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

BASE_IMAGE = "localhost/scaffold-test-python:bookworm"
SUITE = "bookworm"
COMMANDS = ("podman", "runc", "iptables", "mmdebstrap")
PACKAGES = "podman runc netavark iptables mmdebstrap"
APT_SOURCES = [Path("/etc/apt/sources.list.d/debian.sources"), Path("/etc/apt/sources.list")]
CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


def require_podman() -> None:
    """Skip without the tools, except in CI (.ci/run installs them), where that fails."""
    missing = [command for command in COMMANDS if shutil.which(command) is None]
    if not missing:
        return
    reason = f"{', '.join(missing)} missing: apt-get install {PACKAGES} (.ci/run does)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def limits() -> list[str]:
    """--ulimit flags within this process's own limits.

    podman asks for more open files and processes than a machine without
    CAP_SYS_RESOURCE may grant (the container fails to start), so the tests ask
    for no more than they have.
    """
    flags = []
    for name, kind in (("nofile", resource.RLIMIT_NOFILE), ("nproc", resource.RLIMIT_NPROC)):
        _, hard = resource.getrlimit(kind)
        value = 4096 if hard == resource.RLIM_INFINITY else min(hard, 4096)
        flags += ["--ulimit", f"{name}={value}:{value}"]
    return flags


def podman(*args: str | Path, timeout: float = 120, check: bool = True):
    """Run podman with runc, which works whatever cgroup layout the machine has (crun
    refuses a hybrid one); fail the test with podman's output if ``check`` and it fails."""
    command = ["podman", "--runtime", "runc", *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {result.returncode}\n"
            f"--- stdout ---\n{result.stdout[-6000:]}\n--- stderr ---\n{result.stderr[-6000:]}",
            pytrace=False,
        )
    return result


@contextmanager
def _machine_lock(name: str):
    """One builder at a time across pytest-xdist's workers."""
    with open(Path(tempfile.gettempdir()) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def base_image() -> str:
    """A Debian image with python3 and venv, made once per machine and kept in podman's store."""
    with _machine_lock("scaffold-test-python-base"):
        if podman("image", "exists", BASE_IMAGE, check=False).returncode == 0:
            return BASE_IMAGE
        sources = next(path for path in APT_SOURCES if path.is_file())
        ca_bundle = Path(ssl.get_default_verify_paths().openssl_cafile).resolve()
        with tempfile.TemporaryDirectory(prefix="scaffold-base-") as work:
            tarball = Path(work) / "base.tar"
            copy_ca = f'mkdir -p "$1/etc/ssl/certs" && cp {ca_bundle} "$1{CA_BUNDLE}"'
            built = subprocess.run(
                ["mmdebstrap", "--quiet", "--variant=minbase",
                 "--include=python3,python3-venv,python-is-python3",
                 f"--customize-hook={copy_ca}", SUITE, tarball, sources],
                capture_output=True, text=True, timeout=900,
            )  # fmt: skip
            if built.returncode != 0:
                pytest.fail(f"mmdebstrap failed:\n{built.stderr[-6000:]}", pytrace=False)
            podman("import", "--change", f"ENV PIP_CERT={CA_BUNDLE}", tarball, BASE_IMAGE)
    return BASE_IMAGE


def build(context: Path, tag: str, base: str) -> None:
    """Build the project's Dockerfile; Docker's image format keeps its HEALTHCHECK."""
    podman(
        "build", "--format", "docker", "--layers=false", *limits(),
        "--build-arg", f"PYTHON_IMAGE={base}", "--tag", tag, context,
        timeout=900,
    )  # fmt: skip
