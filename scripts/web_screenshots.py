"""Screenshots of `parting serve` for the docs: the bundled example at a phone's width
(390x844) and a desktop's (1280x800): opened, with a mistake beside its line, with the
letter edited and checked; the form view, with a mistake beside its field; and the send dry
run on the desktop.

    python scripts/web_screenshots.py [OUT]   # default docs/screenshots/

Needs Debian's chromium and Playwright (the dev extra); never `playwright install`."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CASE = "harbor-foods.yaml"


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))  # this tree's parting, as the server runs it
    from playwright.sync_api import expect, sync_playwright

    from parting.web.running import Served

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cases"
        shutil.copytree(ROOT / "examples", folder)
        with Served(folder) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)

            def shot(page: Any, name: str) -> None:
                page.screenshot(path=str(out / name))
                print(out / name)

            for label, width, height in (("phone", 390, 844), ("desktop", 1280, 800)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(server.url.replace("/?token=", f"/case/{CASE}?token="))
                page.wait_for_load_state("load")
                page.get_by_role("tab", name="YAML").click()  # the form is shown first
                shot(page, f"serve-{label}.png")
                # a mistake, beside its line
                text = page.locator("#text")
                text.fill(text.input_value().replace("hourly_rate: 95", 'hourly_rate: "abc"'))
                expect(page.locator("#problems li")).to_have_count(1, timeout=20_000)
                page.locator("#problems button.goto").click()
                expect(page.locator("#notes .line-note")).to_have_count(1, timeout=20_000)
                page.evaluate("window.scrollTo(0, 0)")
                shot(page, f"serve-{label}-error.png")
                text.fill(text.input_value().replace('hourly_rate: "abc"', "hourly_rate: 95"))
                expect(page.locator("#problems li")).to_have_count(0, timeout=20_000)
                # the letter, edited and checked as it is typed
                letter = page.locator("#letter")
                letter.fill(letter.input_value().replace(
                    "I've decided to end our work together",
                    "I was wondering if maybe we could end our work together",
                ).replace("$1,782.50", "$1,900.00"))
                expect(page.locator("#letter-marks mark").first).to_be_attached(timeout=30_000)
                letter.evaluate("t => { t.scrollTop = 0; t.dispatchEvent(new Event('scroll')); }")
                page.locator("#letter-source").scroll_into_view_if_needed()
                page.evaluate("document.getElementById('letter-source').scrollIntoView()")
                shot(page, f"serve-{label}-letter.png")
                # the form view: opened, then a mistake beside its field
                page.evaluate("window.scrollTo(0, 0)")
                page.get_by_role("tab", name="Form").click()
                rate = page.locator('#form-view [data-path="contract.hourly_rate"]')
                expect(rate).to_have_value("95", timeout=20_000)
                shot(page, f"serve-{label}-form.png")
                rate.fill("abc")
                expect(page.locator("#f-contract-hourly_rate-error")).to_contain_text(
                    "expected", timeout=20_000)
                rate.evaluate("e => e.scrollIntoView({block: 'center'})")
                if label == "desktop":  # the form scrolls inside its box: the page at its top
                    page.evaluate("window.scrollTo(0, 0)")
                shot(page, f"serve-{label}-form-error.png")
                page.locator('#form-view fieldset[data-path="time_entries"]').evaluate(
                    "e => e.scrollIntoView({block: 'start'})")
                if label == "desktop":
                    page.evaluate("window.scrollTo(0, 0)")
                shot(page, f"serve-{label}-form-table.png")
                rate.fill("95")
                expect(page.locator("#money")).to_have_text("$1,782.50", timeout=20_000)
                page.get_by_role("tab", name="YAML").click()
                if label == "desktop":
                    page.get_by_role("button", name="Show what would be sent (dry run)").click()
                    expect(page.locator("#dry-run-report")).to_contain_text(
                        "Attachments", timeout=30_000)
                    page.locator("#dry-run-report").scroll_into_view_if_needed()
                    shot(page, "serve-desktop-send.png")
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
