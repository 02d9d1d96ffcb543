"""Drive a local headless Chromium from the tests, without any browser download.

The binary is ``$CHROMIUM`` or the first of ``chromium``, ``chromium-browser``,
``google-chrome`` on the PATH (Debian: ``apt-get install chromium``; ``.ci/run``
installs it). Each run gets a new profile directory and no network features.
Console messages (errors included) are read from Chromium's log on stderr.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

import attrs

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
    "--enable-logging=stderr",
    "--v=0",
)

_CONSOLE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)")


def find_chromium() -> Optional[str]:
    """The path of a Chromium binary, or None."""
    given = os.environ.get("CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@attrs.frozen
class Run:
    """What one Chromium run gave: stdout (the DOM for --dump-dom) and the console."""

    stdout: str
    console: tuple[str, ...]
    stderr: str


def run_chromium(url: str, *extra: str, budget_ms: int = 3000, timeout: float = 90) -> Run:
    """Load ``url`` headless with ``extra`` flags (``--dump-dom``, ``--screenshot=...``)."""
    binary = find_chromium()
    assert binary is not None, "no Chromium (see find_chromium)"
    with tempfile.TemporaryDirectory(prefix="timeline-chromium-") as profile:
        completed = subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}", *extra, url],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    console = tuple(m.group(1) for m in map(_CONSOLE.search, completed.stderr.splitlines()) if m)
    assert completed.returncode == 0, f"chromium exited {completed.returncode}: {completed.stderr[-2000:]}"
    return Run(stdout=completed.stdout, console=console, stderr=completed.stderr)


def dump_dom(page: Path, fragment: str = "") -> Run:
    """The page's DOM after its scripts ran (``fragment`` is appended to the URL, '#...')."""
    return run_chromium(page.resolve().as_uri() + fragment, "--dump-dom")


def screenshot(page: Path, png: Path, width: int = 1200, height: int = 800) -> Run:
    """A PNG screenshot of the page at that window size."""
    return run_chromium(page.resolve().as_uri(), f"--screenshot={png}", f"--window-size={width},{height}", "--hide-scrollbars")
