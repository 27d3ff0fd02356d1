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


PHONE = {"width": 390, "height": 844}
SALON = "We run a hair salon in Leeds, UK with 6 staff and many no-shows. Budget £6,000. We use Fresha."


def _read_back(fmt: str, path: Path) -> str:
    """The downloaded file's text through its own library (which fails on a file of the wrong type)."""
    import csv
    import io

    from docx import Document
    from icalendar import Calendar
    from openpyxl import load_workbook
    from pypdf import PdfReader

    data = path.read_bytes()
    if fmt == "docx":
        return " ".join(c.text for t in Document(io.BytesIO(data)).tables for r in t.rows for c in r.cells)
    if fmt == "pdf":
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    if fmt == "xlsx":
        return " ".join(load_workbook(io.BytesIO(data)).sheetnames)
    if fmt == "csv":
        return " ".join(next(csv.reader(io.StringIO(data.decode()))))
    if fmt == "ics":
        return " ".join(str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT"))
    if fmt == "json":
        return str(json.loads(data)["use_cases"][0]["name"])
    return data.decode()


EXPECTED = {
    "docx": "Laws that apply",
    "pdf": "Go/no-go gates",
    "xlsx": "Tasks Budget KPIs Risks",
    "csv": "Summary Description Start Date Due Date",
    "ics": "Go/no-go gate 1",
    "md": "## The nine stages",
    "json": "",
}


def test_phone_layout_downloads_print_and_a_failed_send(server: Server, tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: apt-get install -y chromium (see .ci/run).")
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=_ARGS)
        page = browser.new_page(accept_downloads=True, viewport=PHONE, device_scale_factor=2)
        page.goto(server.url + "/")
        expect(page.locator("#messages li.assistant").first).to_contain_text("Tell me about your business")

        # A send that fails keeps the typed text in the box.
        page.route("**/messages", lambda route: route.fulfill(status=503, body='{"message": "Try again."}'))
        page.fill("#input", SALON)
        page.click("#send")
        expect(page.locator("#status")).to_contain_text("Not sent")
        expect(page.locator("#input")).to_have_value(SALON)
        page.unroute("**/messages")

        page.click("#send")
        expect(page.locator("#roadmap-badge")).to_be_visible(timeout=60_000)
        assert not page.locator("#roadmap-panel").is_visible()  # on a phone the roadmap sits behind its tab
        page.click("#tab-roadmap")
        expect(page.locator("#roadmap h2").first).to_be_visible()
        assert page.locator("#tab-roadmap").bounding_box()["y"] < PHONE["height"]  # type: ignore[index]

        # Gantt: nine bars, month labels, every gate drawn, no stage name cut, nothing wider than the screen.
        expect(page.locator("#gantt .bar")).to_have_count(9)
        gates = page.evaluate(
            "fetch(`/v1/sessions/${sessionStorage.getItem('roadmap-session')}/roadmap`)"
            ".then(r => r.json()).then(d => d.roadmap.timeline.go_no_go_months)"
        )
        expect(page.locator("#gantt .gate-mark")).to_have_count(len(gates))
        assert page.locator("#gantt .gantt-months span").count() >= 4
        assert "2027" in page.locator("#gantt").inner_text()
        cut = page.evaluate(
            "[...document.querySelectorAll('.gantt-label')].filter(e => e.scrollWidth > e.clientWidth + 1).length"
        )
        assert cut == 0
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than a 390px screen"
        versions = page.locator("#versions").bounding_box()
        assert versions is not None and versions["x"] + versions["width"] <= PHONE["width"]
        page.screenshot(path=str(tmp_path / "phone.png"), full_page=False)
        shutil.copy(tmp_path / "phone.png", "/tmp/exports_390.png")

        # Each download button yields a file of its type.
        for fmt, expected in EXPECTED.items():
            with page.expect_download() as info:
                page.click(f"#download-{fmt}")
            download = info.value
            assert download.suggested_filename.endswith(f"roadmap.{fmt}"), download.suggested_filename
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            assert expected in " ".join(_read_back(fmt, saved).split()), fmt

        # Printing gives the roadmap, not the chat.
        page.click("#tab-chat")
        page.emulate_media(media="print")
        assert not page.locator("#chat-panel").is_visible() and not page.locator("header").is_visible()
        expect(page.locator("#roadmap h2").first).to_be_visible()
        browser.close()
