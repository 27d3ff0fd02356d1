"""The chat page in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright):
interview -> first draft -> revision -> download."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.server import Server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.server
# Flags that keep Chromium from reaching for Google services on a closed network.
_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(tmp_path / "data").start()
    yield srv
    srv.stop()


def test_interview_draft_revise_download(server: Server, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: apt-get install -y chromium (see .ci/run).")
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=_ARGS)
        page = browser.new_page(accept_downloads=True)
        page.goto(server.url + "/")
        expect(page.locator("#messages li.assistant").first).to_contain_text("Tell me about your business")

        def say(text: str) -> None:
            count = page.locator("#messages li.assistant").count()
            page.fill("#input", text)
            page.click("#send")
            expect(page.locator("#messages li.assistant")).to_have_count(count + 1, timeout=30_000)

        say("We are a bakery in Leipzig, Germany with 9 staff. We throw away too much bread.")
        say("About 12,000 EUR")
        say("A SumUp till and Excel spreadsheets")
        expect(page.locator("#roadmap h2").first).to_be_visible(timeout=30_000)
        expect(page.locator("#roadmap")).to_contain_text("The nine stages")
        expect(page.locator("#gantt .bar")).to_have_count(9)
        expect(page.locator("#versions option")).to_have_count(1)

        say("Actually our budget is €8k")
        expect(page.locator("#versions option")).to_have_count(2, timeout=30_000)
        expect(page.locator("#findings-count")).to_contain_text("(")

        with page.expect_download() as download_info:
            page.click("#download-json")
        saved = tmp_path / "roadmap.json"
        download_info.value.save_as(saved)
        roadmap = json.loads(saved.read_text())
        assert roadmap["budget"]["total"] <= 8000 and len(roadmap["stages"]) == 9

        with page.expect_download() as md_info:
            page.click("#download-md")
        md_path = tmp_path / "roadmap.md"
        md_info.value.save_as(md_path)
        assert "## Budget" in md_path.read_text()
        page.screenshot(path=str(tmp_path / "chat.png"), full_page=False)
        shutil.copy(tmp_path / "chat.png", "/tmp/chat.png")
        browser.close()
