"""Screenshots of the public pages for the README (`make screenshots`).

Starts the product exactly as the browser tests do (a fresh SQLite database with the reference
data, in a temporary directory; see tests/browser/server.py), opens the pages in Debian's headless
Chromium and writes PNGs into docs/screenshots/: 1280 pixels wide, at most 1400 high.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from tests.browser.server import CHROMIUM, launch_chromium, running_server  # noqa: E402

CHART = "/en/treaties/cets-201/chart/"
MAX_HEIGHT = 1400

# (file name, path, viewport width, element the picture starts at or None for the top)
SHOTS = [
    ("home", "/en/", 1280, None),
    ("chart-2010-07-01", f"{CHART}?as_of=2010-07-01", 1280, None),
    ("chart-today", CHART, 1280, None),
    ("state-tunisia", "/en/states/TN/", 1280, None),
    ("chart-fr", "/fr/treaties/cets-201/chart/", 1280, None),
    ("join", "/en/join/", 1280, None),
    ("convention", "/en/treaties/cets-201/", 1280, None),
    # On a phone the table comes after the form: start there, so that the table shows.
    ("chart-375", f"{CHART}?as_of=2023-05-31", 375, "#list-form"),
    ("map-world", "/en/map/?as_of=2020-02-01", 1280, "#map-form"),
    ("map-europe", "/en/map/?view=europe&as_of=2012-06-01", 1280, ".map-head"),
    ("parties-over-time", "/en/timeline/", 1280, "#parties-title"),
    ("data-quality", "/en/treaties/cets-201/data-quality/", 1280, None),
    ("committee-fr", "/fr/committee/meetings/", 1280, None),
    ("access-request-fr", "/fr/access/request/", 1280, None),
    ("home-375", "/fr/", 375, None),
]


def shoot(
    browser: Any, base_url: str, path: str, width: int, start: str | None, target: Path
) -> None:
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 900}, locale="en-GB"
    )
    # Only the product itself: anything else would make the pictures depend on the network.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(base_url)
            else route.abort("blockedbyclient")
        ),
    )
    page = context.new_page()
    page.goto(path)
    page.wait_for_load_state("networkidle")
    top = 0
    if start:
        box = page.locator(start).first.bounding_box()
        top = max(0, int(box["y"]) - 16) if box else 0
    page_height = page.evaluate("() => document.documentElement.scrollHeight")
    height = min(MAX_HEIGHT, page_height - top)
    page.screenshot(
        path=target,
        full_page=True,
        clip={"x": 0, "y": top, "width": width, "height": height},
        animations="disabled",
        caret="hide",
    )
    context.close()
    shrink(target)


def shrink(target: Path) -> None:
    """A 256-colour palette, undithered: a third of the size, and text stays crisp. Needs Pillow
    (installed with WeasyPrint); without it the full-colour PNG is kept."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(target) as image:
        palette = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
    palette.save(target, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("names", nargs="*", help="only these screenshots (default: all)")
    options = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: install Debian's chromium first.", file=sys.stderr)
        return 1
    options.out.mkdir(parents=True, exist_ok=True)
    wanted = [shot for shot in SHOTS if not options.names or shot[0] in options.names]
    with running_server() as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, path, width, start in wanted:
            target = options.out / f"{name}.png"
            shoot(browser, base_url, path, width, start, target)
            print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KiB")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
