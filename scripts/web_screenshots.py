"""Screenshots of `parting serve` for the docs: the bundled example at a phone's width
(390x844) and a desktop's (1280x800), and the desktop with an invalid edit.

    python scripts/web_screenshots.py [OUT]   # default docs/screenshots/

Needs Debian's chromium and Playwright (the dev extra); never `playwright install`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CASE = "harbor-foods.yaml"


def main() -> None:
    from playwright.sync_api import expect, sync_playwright

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cases"
        shutil.copytree(ROOT / "examples", folder)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        server = subprocess.Popen(
            [sys.executable, "-c", "from parting.launch import main; main()",
             "serve", str(folder), "--no-browser"],
            stdout=subprocess.PIPE, text=True, env=env,
        )
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                for label, width, height in (("phone", 390, 844), ("desktop", 1280, 800)):
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(url.replace("/?token=", f"/case/{CASE}?token="))
                    page.wait_for_load_state("load")
                    page.screenshot(path=str(out / f"serve-{label}.png"))
                    print(out / f"serve-{label}.png")
                    if label == "desktop":
                        text = page.locator("#text")
                        text.fill(text.input_value().replace("hourly_rate: 95",
                                                             "hourly_rate: -5"))
                        expect(page.locator("#problems li")).to_have_count(1, timeout=20_000)
                        line = int(page.locator("#problems li").get_attribute("data-line")
                                   or 1)
                        page.locator("#problems button.goto").click()
                        assert line > 1
                        page.screenshot(path=str(out / "serve-desktop-error.png"))
                        print(out / "serve-desktop-error.png")
                    page.close()
                browser.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
