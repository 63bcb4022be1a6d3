"""The web app: its API through gradio_client, and a person's path through it in Chromium.

The app runs as a real server on loopback, on an index of the seeds built with the fake model.
Browser tests drive Debian's Chromium (/usr/bin/chromium) with Playwright; where it is not
installed they skip with the reason. Screenshots of every tab go to tests/artifacts/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from semdpa.library import Library

from .conftest import REFERENCE, ROOT, SEEDS, seed, write_pdf

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    index = tmp_path_factory.mktemp("app") / "index"
    library = Library(index, model="fake")
    library.add_files([REFERENCE], reference=True)
    library.add_files([p for p in SEEDS if p != REFERENCE and not p.name.startswith("004")])
    port = _free_port()
    network_log = index.parent / "network.log"
    # The app runs under a guard that refuses (and logs) any connection off this machine.
    env = {**os.environ, "SEMDPA_MODEL": "fake", "SEMDPA_NETGUARD_LOG": str(network_log),
           "PYTHONPATH": f"{ROOT / 'tests' / 'netguard'}{os.pathsep}{ROOT}"}
    env.pop("GRADIO_SERVER_NAME", None)
    env.pop("GRADIO_ANALYTICS_ENABLED", None)  # the app must switch analytics off itself
    process = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--index", str(index), "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"app exited: {process.stdout.read()}")
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("app did not start in 90 s")
    yield url, index, network_log
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server[0], verbose=False)


def test_api_search_with_topic_filter(client):
    html, _ = client.predict("binnen welke termijn meldt de verwerker een datalek", 3, [], ["breach"], ["nl"],
                             api_name="/search")
    assert html.count("semdpa-result") == 3
    assert "<mark>" in html and " · breach" in html


def test_api_compare_uploaded_file_and_reports(client):
    from gradio_client import handle_file

    body, html_file, md_file, csv_file, json_file, _ = client.predict(
        handle_file(str(seed("004"))), None, REFERENCE.name, api_name="/compare")
    assert "Summary by topic" in body and "<ins>" in body
    import json

    data = json.loads(Path(json_file).read_text())
    liability = next(t for t in data["topics"] if t["topic"] == "liability")
    assert liability["severity"] == "high"
    assert Path(html_file).read_text().startswith("<!DOCTYPE html>")
    assert Path(md_file).read_text().startswith("# 004_2976386c00bad38d.txt compared with")
    assert Path(csv_file).read_text().startswith("vendor,vendor_clause")


def test_api_library_add_mark_remove(client, tmp_path):
    from gradio_client import handle_file

    evil = tmp_path / "..%2F..%2Fevil name.txt"
    shutil.copyfile(seed("003"), evil)
    status, *_ = client.predict([handle_file(str(evil))], False, api_name="/add")
    assert "..%2F" not in status and ("indexed" in status or "unchanged" in status)
    names = [d["name"] for d in client.predict(api_name="/documents")]
    added = [n for n in names if "evil" in n]
    assert added and "/" not in added[0] and not added[0].startswith(".")
    status, *_ = client.predict(added[0], api_name="/set_reference")
    assert "now a reference DPA" in status
    status, *_ = client.predict(added[0], api_name="/remove")
    assert status.startswith("Removed ")
    assert added[0] not in [d["name"] for d in client.predict(api_name="/documents")]


def test_api_errors_are_plain_words(client, tmp_path):
    from gradio_client import handle_file

    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(Exception) as error:
        client.predict(handle_file(str(broken)), None, REFERENCE.name, api_name="/compare")
    assert "scan.pdf" in str(error.value) and "PDF" in str(error.value)
    html, _ = client.predict("audit", 2, [], [], [], api_name="/search")  # the app keeps running
    assert "semdpa-result" in html


def test_app_listens_on_loopback_only_by_default():
    sys.path.insert(0, str(ROOT))
    import app

    assert app.parse_args([]).host == "127.0.0.1"
    assert app.parse_args(["--auth", "officer:secret"]).auth == "officer:secret"
    assert os.environ.get("GRADIO_ANALYTICS_ENABLED") == "False"


@pytest.fixture(scope="module")
def page(server):
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed (apt-get install -y chromium); browser tests skipped")
    playwright = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport={"width": 1366, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.goto(server[0])
        page.wait_for_selector("text=Clause or question")
        yield page
        browser.close()


@pytest.mark.browser
def test_browser_lookup_and_open_in_article(page):
    page.get_by_label("Clause or question (Dutch or English)").fill("binnen welke termijn meldt de verwerker een datalek")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector(".semdpa-result")
    assert page.locator(".semdpa-result").count() == 5
    page.get_by_label("1. ", exact=False).first.check()
    page.wait_for_selector(".semdpa-selected")
    assert page.locator(".semdpa-article h3").count() == 1
    page.screenshot(path=str(ARTIFACTS / "lookup.png"), full_page=True)


@pytest.mark.browser
def test_browser_compare_uploaded_pdf_and_download(page, tmp_path):
    pdf = write_pdf(tmp_path / "vendor-004.pdf", seed("004").read_text())
    page.get_by_role("tab", name="Compare").click()
    page.locator("input[type=file]").first.set_input_files(str(pdf))
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Compare").click()
    page.wait_for_selector(".semdpa-report table.summary", timeout=120_000)
    summary = page.locator(".semdpa-report table.summary").inner_text()
    assert "Liability" in summary and "high" in summary and "Breach notification" in summary
    assert page.locator(".semdpa-report ins").count() > 0 and page.locator(".semdpa-report del").count() > 0
    page.set_viewport_size({"width": 1366, "height": 1400})
    page.screenshot(path=str(ARTIFACTS / "compare.png"))
    with page.expect_download() as download:
        page.locator("a[download='semdpa-vendor-004.html']").first.click()
    saved = tmp_path / "report.html"
    download.value.save_as(saved)
    assert saved.read_text().startswith("<!DOCTYPE html>")


def clause_count(path) -> int:
    from semdpa.ingest import read_document
    from semdpa.segment import segment_clauses

    return len(segment_clauses(read_document(path)))


@pytest.mark.browser
def test_browser_library_tab(page):
    page.get_by_role("tab", name="Library").click()
    page.wait_for_selector("text=Indexed agreements")
    cell = page.get_by_text(REFERENCE.name, exact=True).filter(visible=True).first
    cell.wait_for(timeout=15_000)
    row = cell.evaluate("e => e.closest('[role=row], tr').innerText").split()
    assert row[:4] == [REFERENCE.name, "nl", str(clause_count(REFERENCE)), "yes"]  # marked as the reference
    page.screenshot(path=str(ARTIFACTS / "library.png"), full_page=True)


def test_twenty_concurrent_lookups_all_succeed(server):
    from concurrent.futures import ThreadPoolExecutor

    from gradio_client import Client

    queries = ["datalek melden", "audit kosten", "aansprakelijkheid beperkt", "subverwerker bezwaar",
               "personal data breach", "Nederlands recht", "bewaartermijn verwijderen", "geheimhouding"]

    def lookup(n: int) -> str:
        client = Client(server[0], verbose=False)
        html, _ = client.predict(queries[n % len(queries)], 3, [], [], [], api_name="/search")
        return html

    started = time.time()
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lookup, range(20)))
    assert len(answers) == 20 and all(a.count("semdpa-result") == 3 for a in answers)
    assert time.time() - started < 120


def test_the_app_made_no_connection_off_this_machine(server):
    log = server[2]
    assert not log.exists() or log.read_text() == "", log.read_text()
