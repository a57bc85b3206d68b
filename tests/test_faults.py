"""Fault injection: hostile and broken servers on 127.0.0.1.

Every fault must end as a status with a reason and a stable tag, within the
configured time (total timeout) and size (max_bytes) bounds, and a run over
all of them together must finish and report the good page as usual.

All faults are fetched in one ``fetch_all`` (module fixture), so the slow ones
(trickle, hang) cost one short total timeout between them, not one each.
"""

from __future__ import annotations

import functools
import json
import socket
import struct
import threading
import zlib

import pytest
from conftest import invoke
from siteserver import Page, SiteServer, trickle

from factcheck.config import Settings
from factcheck.extract import extract
from factcheck.fetch import fetch_all

CAP = 256 * 1024  # max_bytes in these tests
TOTAL = 1.5  # total timeout per attempt, seconds
BIG = 50 * 1024 * 1024

GBK_TEXT = "马斯克和奥尔特曼于2015年共同创立了非营利组织OpenAI。"
LATIN_TEXT = "Café Müller served crème brûlée to the Zürich délégation."
LATIN_MORE = "Ein Straßenfest in München, Grüße aus Köln, with “quotes” and € signs."
GOOD_TEXT = "Elon Musk and Sam Altman co-founded OpenAI in December 2015 as a nonprofit research lab."


class HangServer:
    """Accepts connections and never answers a byte."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.conns: list[socket.socket] = []
        self.stopped = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)

    def stop(self) -> None:
        self.stopped = True
        self.sock.close()
        for conn in self.conns:
            conn.close()


def reset_mid_body(handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.wfile.write(b"<html><body><p>" + b"half a page " * 50)
    handler.wfile.flush()
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.close_connection = True
    handler.rfile.close()  # drop the makefile() reference so close() really closes
    handler.connection.close()  # with SO_LINGER 0: RST, not FIN


class Sent:
    """Counts bytes a handler managed to send before the client hung up."""

    def __init__(self) -> None:
        self.bytes = 0


def huge_body(sent: Sent):
    chunk = b"<p>" + b"a" * 65530 + b"</p>"

    def handler(h) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(BIG))
        h.end_headers()
        try:
            while sent.bytes < BIG:
                h.wfile.write(chunk)
                sent.bytes += len(chunk)
        except OSError:
            pass

    return handler


@functools.lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    # 200 MB of zeros -> ~200 KB on the wire; decompressed it would be 800x the cap.
    out = bytearray()
    z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1 << 20)
    for _ in range(200):
        out += z.compress(block)
    out += z.flush()
    return bytes(out)


GOOD_HTML = f"<html><head><title>Good</title></head><body><article><p>{GOOD_TEXT}</p></article></body></html>"
JS_ONLY = ("<!doctype html><html><head><title>App</title><script src='/app.js'></script></head>"
           "<body><div id='root'></div><script>document.getElementById('root').innerHTML="
           "'<p>rendered by script only</p>';fetch('/api').then(r=>r.json())</script>"
           "<noscript>You need to enable JavaScript to run this app.</noscript></body></html>")
BROKEN_HTML = (f"<html><head><title>Broken</title><body><div><p>{GOOD_TEXT}<p>Second paragraph <b>never "
               "closed <i>nested <table><tr><td>cell</div></span></html></html><p>after the end &bogus; &#99999999;"
               "<div <p class=>>>< /p><!-- unclosed comment")


def build_site(site: SiteServer, hang: HangServer, sent: Sent) -> dict[str, str]:
    latin1_body = (f"<html><body><article><p>{LATIN_TEXT}</p><p>{LATIN_MORE}</p></article></body></html>"
                   .encode("cp1252"))
    gbk_page = (f"<html><head><meta charset='gbk'><title>新闻</title></head><body><article><p>{GBK_TEXT}</p>"
                f"<p>{GBK_TEXT}</p></article></body></html>").encode("gbk")
    return {
        "good": site.add("/good", GOOD_HTML),
        "trickle": site.add("/trickle", trickle),
        "hang": f"http://127.0.0.1:{hang.port}/never",
        "reset": site.add("/reset", reset_mid_body),
        "gzip_bomb": site.add("/bomb", Page(gzip_bomb(), headers={"Content-Encoding": "gzip"})),
        "huge": site.add("/huge", huge_body(sent)),
        "loop": site.redirect("/loop-a", site.url("/loop-b")) and site.redirect("/loop-b", site.url("/loop-a"))
        and site.url("/loop-a"),
        "to_file": site.redirect("/to-file", "file:///etc/passwd"),
        "to_ftp": site.redirect("/to-ftp", "ftp://127.0.0.1/pub/file.txt"),
        "to_data": site.redirect("/to-data", "data:text/html,<p>hi</p>"),
        "wrong_charset": site.add("/wrong-charset", Page(latin1_body, content_type="text/html; charset=utf-8")),
        "no_charset": site.add("/no-charset", Page(latin1_body, content_type="text/html")),
        "gbk": site.add("/gbk", Page(gbk_page, content_type="text/html; charset=gbk")),
        "gbk_undeclared": site.add("/gbk-undeclared", Page(gbk_page.replace(b"<meta charset='gbk'>", b""),
                                                            content_type="text/html")),
        "gbk_as_latin1": site.add("/gbk-as-latin1", Page(gbk_page.replace(b"<meta charset='gbk'>", b""),
                                                          content_type="text/html; charset=iso-8859-1")),
        "utf8_as_latin1": site.add("/utf8-as-latin1", Page(gbk_page.decode("gbk").replace("charset='gbk'", "")
                                                            .encode("utf-8"),
                                                            content_type="text/html; charset=ISO-8859-1")),
        "binary": site.add("/binary", Page(bytes(range(256)) * 64, content_type="text/html")),
        "broken_html": site.add("/broken", BROKEN_HTML),
        "empty": site.add("/empty", Page(b"", content_type="text/html")),
        "js_only": site.add("/js-only", JS_ONLY),
    }


SETTINGS = Settings(allow_private=True, total_timeout=TOTAL, read_timeout=5.0, connect_timeout=2.0, max_bytes=CAP, retries=0,
                    backoff=0.01, concurrency=32, per_host=32)


@pytest.fixture(scope="module")
def faults():
    site = SiteServer().start()
    hang = HangServer()
    sent = Sent()
    urls = build_site(site, hang, sent)
    fetches = fetch_all(list(urls.values()), SETTINGS)
    results = dict(zip(urls, fetches))
    yield urls, results, sent
    hang.stop()
    site.stop()


EXPECTED = {
    # fault: (status, tag)
    "good": ("ok", "http-200"),
    "trickle": ("timeout", "timeout-total"),
    "hang": ("timeout", "timeout-total"),
    "reset": ("network_error", "connection-reset"),
    "gzip_bomb": ("unsupported", "content-too-large"),
    "huge": ("unsupported", "content-too-large"),
    "loop": ("dead", "redirect-loop"),
    "to_file": ("unsupported", "redirect-bad-scheme"),
    "to_ftp": ("unsupported", "redirect-bad-scheme"),
    "to_data": ("unsupported", "redirect-bad-url"),  # httpx cannot even parse it as a URL
    "wrong_charset": ("ok", "http-200"),
    "no_charset": ("ok", "http-200"),
    "gbk": ("ok", "http-200"),
    "gbk_undeclared": ("ok", "http-200"),
    "gbk_as_latin1": ("ok", "http-200"),
    "utf8_as_latin1": ("ok", "http-200"),
    "binary": ("unsupported", "binary-as-html"),
    "broken_html": ("ok", "http-200"),
    "empty": ("soft_404", "empty-body"),
    "js_only": ("unsupported", "javascript-only"),
}


@pytest.mark.parametrize("fault", sorted(EXPECTED))
def test_each_fault_ends_as_a_status_with_a_reason_and_tag(faults, fault):
    _, results, _ = faults
    fetch = results[fault]
    assert (fetch.status, fetch.tag) == EXPECTED[fault], fetch.reason
    assert fetch.reason.strip()


@pytest.mark.parametrize("fault", ["trickle", "hang"])
def test_slow_servers_are_cut_by_the_total_timeout_not_the_read_timeout(faults, fault):
    _, results, _ = faults
    assert "within 1.5 s" in results[fault].reason
    assert results[fault].transient  # a later re-check may try again


def test_gzip_bomb_is_cut_at_the_decompressed_size_cap(faults):
    _, results, _ = faults
    bomb = results["gzip_bomb"]
    assert bomb.body is None
    assert f"{CAP:,} bytes" in bomb.reason and "decompression" in bomb.reason


def test_gzip_bomb_decompression_never_holds_more_than_the_cap():
    import tracemalloc

    site = SiteServer().start()
    try:
        url = site.add("/bomb", Page(gzip_bomb(), headers={"Content-Encoding": "gzip"}))
        tracemalloc.start()
        [fetch] = fetch_all([url], SETTINGS)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        site.stop()
    assert fetch.tag == "content-too-large"
    assert peak < 8 * CAP + 4 * 1024 * 1024  # not 200 MB


def test_huge_body_is_capped_without_reading_it_all(faults):
    _, results, sent = faults
    assert results["huge"].body is None
    assert sent.bytes < BIG  # the client hung up long before 50 MB


@pytest.mark.parametrize("fault", ["to_file", "to_ftp", "to_data"])
def test_redirects_to_other_schemes_are_never_followed(faults, fault):
    _, results, _ = faults
    fetch = results[fault]
    assert fetch.redirects and not (fetch.final_url or "").startswith("http")
    assert "only http and https" in fetch.reason or "not a valid http(s) URL" in fetch.reason


def test_redirect_loop_records_its_chain(faults):
    urls, results, _ = faults
    loop = results["loop"]
    assert loop.redirects[0] == urls["loop"] and len(loop.redirects) == 2


@pytest.mark.parametrize("fault,text", [
    ("wrong_charset", LATIN_TEXT), ("no_charset", LATIN_TEXT),
    ("no_charset", LATIN_MORE), ("gbk", GBK_TEXT), ("gbk_undeclared", GBK_TEXT), ("gbk_as_latin1", GBK_TEXT),
    ("utf8_as_latin1", GBK_TEXT), ("broken_html", GOOD_TEXT),
])
def test_pages_with_bad_encodings_or_markup_still_extract_their_text(faults, fault, text):
    _, results, _ = faults
    doc = extract(results[fault])
    assert doc is not None and text in doc.text


def test_javascript_only_page_yields_no_script_text(faults):
    _, results, _ = faults
    doc = extract(results["js_only"])
    text = doc.text if doc else ""
    assert "getElementById" not in text and "fetch(" not in text


def test_a_run_over_every_fault_finishes_and_reports_each(faults, workdir, runner, monkeypatch):
    urls, _, _ = faults
    for key, value in {"TOTAL_TIMEOUT": str(TOTAL), "READ_TIMEOUT": "5", "MAX_BYTES": str(CAP),
                       "RETRIES": "0", "PER_HOST": "32", "CONCURRENCY": "32"}.items():
        monkeypatch.setenv(f"FACTCHECK_{key}", value)
    lines = ["sources:"] + [f"  {name.replace('_', '-')}: {url}" for name, url in urls.items()]
    lines += ["claims:", "  - id: good", f"    text: {GOOD_TEXT}", "    sources: [good]"]
    for name in urls:
        if name != "good":
            lines += [f"  - id: {name.replace('_', '-')}", "    text: Musk founded xAI in 2023.",
                      f"    sources: [{name.replace('_', '-')}]"]
    (workdir / "faults.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke(runner, ["run", "faults.yaml"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.stdout  # (server threads may log resets on stderr)
    data = json.loads((workdir / "reports" / "faults.json").read_text())
    by_url = {s["url"]: s for s in data["sources"]}
    for name, url in urls.items():
        assert (by_url[url]["status"], by_url[url]["tag"]) == EXPECTED[name]
        assert by_url[url]["reason"]
    claims = {c["id"]: c for c in data["claims"]}
    assert claims["good"]["verdict"] in ("supported", "partially_supported")
    assert claims["gzip-bomb"]["verdict"] == "unverifiable"
    md = (workdir / "reports" / "faults.md").read_text()
    assert "content-too-large" in md or "larger than" in md
