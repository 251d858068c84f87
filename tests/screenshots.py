"""Screenshots of the demo site: `make screenshots` writes tests/screenshots/PAGE-WIDTH-SCHEME.png
for the home page, a post, a docs page and the search page (with results), light and dark,
at 1280x900 and 390x844, as a reader first sees them, beside ../shared/refshots/ to compare
with PaperMod and Material.

It builds the demo into a scratch folder, serves it over HTTP and drives Debian's
Chromium with Playwright (never a downloaded browser). A script, not a test.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PROJECT = Path(__file__).resolve().parents[1]
OUT = PROJECT / "tests" / "screenshots"
PAGES = {"home": "/", "post": "/posts/highlighting-code/", "docs": "/docs/writing/",
         "search": "/search/?q=markdown"}
SIZES = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def build_demo(scratch: Path) -> Path:
    """The demo site, built into ``scratch/build``."""
    subprocess.run([sys.executable, str(PROJECT / "site.py"), "build", "--root", str(PROJECT),
                    "--out", str(scratch / "build")], check=True, capture_output=True)
    return scratch / "build"


def main() -> None:
    """Write every screenshot; print where they are."""
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Chromium is not installed: apt-get install -y chromium")
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        build = build_demo(Path(scratch))
        handler = functools.partial(QuietHandler, directory=str(build))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium,
                                                 args=["--no-sandbox", "--disable-gpu"])
            for scheme in ("light", "dark"):
                for size, viewport in SIZES.items():
                    page = browser.new_page(viewport=viewport, color_scheme=scheme)
                    for name, path in PAGES.items():
                        page.goto(base + path, wait_until="networkidle")
                        if name == "search":  # (results come as the index loads)
                            page.wait_for_selector(".search-results li", timeout=15000)
                        page.wait_for_timeout(300)
                        page.screenshot(path=str(OUT / f"{name}-{size}-{scheme}.png"))
                    page.close()
            browser.close()
        server.shutdown()
    print(f"Wrote {len(PAGES) * len(SIZES) * 2} screenshots into {OUT}")


if __name__ == "__main__":
    main()
