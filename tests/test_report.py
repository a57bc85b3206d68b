from __future__ import annotations

import json
import re
from urllib.parse import unquote

from factcheck.models import Claim, ClaimResult, Evidence, Report, SourceHealth, SourceRef, SourceResult, Verdict
from factcheck.report import md_code, md_escape, render_json, render_markdown, text_fragment_url


def sample_report(quote="Musk co-founded OpenAI in 2015.") -> Report:
    url = "https://news.example.org/story"
    claim = Claim(id="c1", text="马斯克2015年共同创立OpenAI", sources=(SourceRef(url=url),),
                  translation="Musk co-founded OpenAI in 2015.")
    verdict = Verdict("supported", 0.91, (Evidence(quote, 10, 10 + len(quote), 0.9),), "ok", (), "lexical")
    return Report(
        claims_file="claims/x.yaml", generated_at="2026-01-01T00:00:00Z",
        claims=(ClaimResult(claim, verdict, (SourceResult(url, verdict),)),),
        sources=(SourceHealth(url=url, status="ok", reason="HTTP 200", tag="http-200",
                              checked_at="2026-01-01T00:00:00Z", http_status=200, final_url=url,
                              archived_at="2026-01-01T00:00:00Z"),),
        title="X",
    )


def test_json_has_the_documented_keys():
    data = json.loads(render_json(sample_report()))
    assert data["schema"] == "factcheck-report/1"
    assert data["summary"] == {"claims": 1, "supported": 1, "partially_supported": 0, "not_supported": 0,
                               "contradicted": 0, "unverifiable": 0}
    claim = data["claims"][0]
    assert {"id", "text", "translation", "verdict", "score", "sources"} <= set(claim)
    assert {"url", "verdict", "score", "evidence"} <= set(claim["sources"][0])
    assert {"text", "start", "end"} <= set(claim["sources"][0]["evidence"][0])
    assert {"url", "status", "reason", "http_status", "final_url", "checked_at", "archived_at"} <= set(data["sources"][0])


def test_markdown_summary_then_claims_then_health():
    md = render_markdown(sample_report())
    assert md.index("## Summary") < md.index("## Claims") < md.index("## Source health")
    assert "| ✅ supported | 1 |" in md
    assert "Sources: 1 cited, 1 alive, 0 dead." in md


def test_text_fragment_link_round_trips_the_quote():
    url = text_fragment_url("https://e.org/a#top", "Musk co-founded OpenAI, in 2015.")
    assert url.startswith("https://e.org/a#:~:text=")
    directive = url.split("#:~:text=")[1]
    assert "," not in directive and "-" not in directive  # both are syntax in text fragments
    assert unquote(directive) == "Musk co-founded OpenAI, in 2015."
    long = text_fragment_url("https://e.org/a", " ".join(f"w{i}" for i in range(20)))
    start, end = long.split("#:~:text=")[1].split(",")
    assert unquote(start) == "w0 w1 w2 w3" and unquote(end) == "w16 w17 w18 w19"


def test_escaping_keeps_hostile_text_inert():
    hostile = "| a | b\n# head <script>x</script> [l](javascript:y) `tick` *b*"
    out = md_escape(hostile)
    assert "\n" not in out and "<script>" not in out
    assert not re.search(r"(?<!\\)[|`*\[\]]", out)
    assert md_code("a`b") == "``a`b``"


def test_hostile_quote_in_a_full_report():
    md = render_markdown(sample_report(quote="x | y <b>bold</b> ` z"))
    evidence_lines = [line for line in md.splitlines() if line.startswith("  > ")]
    assert evidence_lines and "<b>" not in evidence_lines[0] and "\\|" in evidence_lines[0]
