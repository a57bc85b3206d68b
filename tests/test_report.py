from __future__ import annotations

import json
import re
from urllib.parse import unquote

from factcheck.models import Claim, ClaimResult, Evidence, Report, SourceHealth, SourceRef, SourceResult, Verdict
from factcheck.report import (
    SHOWN_CHARS, excerpt, fragment_directive, md_code, md_escape, render_json, render_markdown, text_fragment_url,
)


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


def _unsure(verdict: Verdict) -> Verdict:
    """A verdict the matcher flags for review (``Verdict.needs_review``, once the matcher has it)."""
    from dataclasses import dataclass, fields, replace

    if any(f.name == "needs_review" for f in fields(Verdict)):
        return replace(verdict, needs_review=True)  # type: ignore[call-arg]

    @dataclass(frozen=True)
    class Flagged(Verdict):
        needs_review: bool = True

    return Flagged(verdict.verdict, verdict.score, verdict.evidence, verdict.explanation, verdict.missing,
                   verdict.matcher)


def mixed_report() -> Report:
    url = "https://news.example.org/story"
    quote = Evidence("Musk co-founded OpenAI in 2015.", 0, 31, 0.9)
    rows = [  # file order: 1 supported, 2 not supported, 3 unsure, 4 evidence lost, 5 contradicted
        ("fine", Verdict("supported", 0.91, (quote,), "ok"), False),
        ("absent", Verdict("not_supported", 0.12, (quote,), "no"), False),
        ("unsure", _unsure(Verdict("supported", 0.55, (quote,), "maybe")), False),
        ("lost", Verdict("supported", 0.8, (quote,), "archived copy"), True),
        ("wrong", Verdict("contradicted", 0.05, (quote,), "says 2016"), False),
    ]
    claims = tuple(
        ClaimResult(Claim(id=cid, text=f"claim {cid} | <b>", sources=(SourceRef(url=url),)), v,
                    (SourceResult(url, v, evidence_lost=lost),))
        for cid, v, lost in rows)
    return Report(claims_file="claims/x.yaml", generated_at="2026-01-01T00:00:00Z", claims=claims,
                  sources=(SourceHealth(url=url, status="ok", reason="HTTP 200", tag="http-200",
                                        checked_at="2026-01-01T00:00:00Z"),))


def test_markdown_puts_problems_first_then_unsure_then_the_rest():
    md = render_markdown(mixed_report())
    headings = re.findall(r"^#### (\d+)\. .* · `(\w+)`$", md, flags=re.M)
    assert [cid for _, cid in headings] == ["wrong", "absent", "lost", "unsure", "fine"]
    assert [n for n, _ in headings] == ["5", "2", "4", "3", "1"]  # numbers stay those of the file
    contents = md[md.index("## Contents"):md.index("## Claims")]
    for number in range(1, 6):
        assert f"](#claim-{number})" in contents and f'<a id="claim-{number}"></a>' in md
    assert contents.index("#claim-5") < contents.index("#claim-2") < contents.index("#claim-3") < contents.index("#claim-1")
    assert "<b>" not in md  # hostile claim text stays escaped in the contents too
    assert "· **needs review** · `unsure`" in md


def test_json_keeps_file_order_and_says_what_needs_review():
    data = json.loads(render_json(mixed_report()))
    assert [c["id"] for c in data["claims"]] == ["fine", "absent", "unsure", "lost", "wrong"]
    assert [c["needs_review"] for c in data["claims"]] == [False, False, True, False, False]
    assert [c["sources"][0]["needs_review"] for c in data["claims"]] == [False, False, True, False, False]
    assert [c["group"] for c in data["claims"]] == ["rest", "problems", "unsure", "problems", "problems"]
    assert data["extractor_version"]


def test_a_long_unit_is_shown_around_the_words_that_matched():
    filler = " ".join(f"filler{i}" for i in range(120))
    unit = f"{filler} In 2015 Musk co-founded OpenAI with Altman. {filler}"
    shown = excerpt(unit, "Musk co-founded OpenAI in 2015")
    assert "In 2015 Musk co-founded OpenAI with Altman." in shown
    assert shown.startswith("… ") and shown.endswith(" …") and len(shown) <= SHOWN_CHARS + 4
    md = render_markdown(sample_report(quote=unit))
    line = next(line for line in md.splitlines() if line.startswith("  > "))
    assert "co\\-founded OpenAI" in line or "co-founded OpenAI" in line
    start, end = unquote(line.split("#:~:text=")[1].rstrip(")")).split(",")
    assert start == "filler0 filler1 filler2 filler3" and end == "filler116 filler117 filler118 filler119"


def test_fragments_carry_the_text_as_the_page_shows_it():
    assert unquote(fragment_directive("- Musk   co-founded OpenAI")) == "Musk co-founded OpenAI"
    assert unquote(fragment_directive("| 2015 | Malmo |")) == "2015 | Malmo"
    directive = fragment_directive("Fish & chips, 5-10 pounds")
    assert "&" not in directive and "," not in directive and "-" not in directive
    chinese = "马斯克在2015年共同创立了OpenAI，并承诺投入十亿美元。这家公司最初是一个非营利组织，总部设在旧金山。"
    start, end = (unquote(p) for p in fragment_directive(chinese).split(","))
    assert chinese.startswith(start) and chinese.endswith(end) and len(start) < 20


def test_displayed_score_agrees_with_verdict_in_a_real_run(site, workdir, runner):
    from conftest import invoke

    urls = {"article": site.page_file("/news/openai-history", "article.html"),
            "hockey": site.page_file("/sport/hockey-2015", "structured.html")}
    claims = "\n".join([
        "title: Scores", "sources:", *(f"  {sid}: {url}" for sid, url in urls.items()), "claims:",
        "  - {id: cofounded, text: Musk and Altman co-founded OpenAI in December 2015., sources: [article]}",
        "  - {id: bid, text: Musk offered 97.4 billion dollars for OpenAI in February 2025., sources: [article]}",
        "  - {id: both, text: The United States beat Canada in the 2015 final in Malmo., sources: [hockey, article]}",
        "  - {id: half, text: Canada won the 2015 final in Stockholm against Finland and Japan., sources: [hockey]}",
        "  - {id: none, text: Musk planted a vegetable garden in 2016., sources: [hockey]}",
    ])
    (workdir / "claims.yaml").write_text(claims + "\n", encoding="utf-8")
    result = invoke(runner, ["run", "--matcher", "lexical", "claims.yaml"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads((workdir / "reports" / "claims.json").read_text(encoding="utf-8"))
    md = (workdir / "reports" / "claims.md").read_text(encoding="utf-8")
    verdicts = {c["verdict"] for c in data["claims"]}
    assert "supported" in verdicts and verdicts - {"supported"}  # both sides of 0.5 are exercised
    for claim in data["claims"]:
        assert (claim["verdict"] == "supported") == (claim["score"] >= 0.5), claim["id"]
        deciding = [s for s in claim["sources"] if s["verdict"] == claim["verdict"]]
        assert claim["score"] == max(s["score"] for s in deciding)  # the score of the source that decided
        shown = re.search(rf"^#### \d+\. .* · ([0-9.]+) · `{claim['id']}`$", md, flags=re.M)
        assert shown and float(shown.group(1)) == round(claim["score"], 2)


def _two_sources(first: Verdict, second: Verdict) -> ClaimResult:
    from factcheck.verdicts import combine

    urls = ("https://a.example.org/1", "https://b.example.org/2")
    sources = (SourceResult(urls[0], first), SourceResult(urls[1], second))
    claim = Claim(id="c", text="Musk co-founded OpenAI in 2015.", sources=tuple(SourceRef(u) for u in urls))
    return ClaimResult(claim, combine(sources), sources)


def test_a_claim_is_as_sure_as_what_decides_its_verdict():
    from factcheck.report import claim_group, claim_needs_review

    quote = Evidence("Musk co-founded OpenAI in 2015.", 0, 31, 0.9)
    sure = Verdict("supported", 0.97, (quote,), "stated")
    weak = _unsure(Verdict("supported", 0.6, (quote,), "maybe"))
    # one source supports it for sure: a second, weaker supporting source leaves nothing to decide
    both = _two_sources(weak, sure)
    assert both.verdict is sure and not claim_needs_review(both) and claim_group(both) == "rest"
    # supported only by the weak one: a person should look
    assert claim_needs_review(_two_sources(weak, Verdict("not_supported", 0.05, (), "absent")))
    # contradicted by one source, while the other is a flagged partial support: it may be supported
    partial = _unsure(Verdict("partially_supported", 0.45, (quote,), "in part"))
    mixed = _two_sources(Verdict("contradicted", 0.04, (quote,), "says 2016"), partial)
    assert mixed.verdict.verdict == "contradicted" and claim_needs_review(mixed)
    data = json.loads(render_json(Report(claims_file="claims/x.yaml", generated_at="2026-01-01T00:00:00Z",
                                         claims=(both, mixed), sources=())))
    assert [c["needs_review"] for c in data["claims"]] == [False, True]
    assert [[s["needs_review"] for s in c["sources"]] for c in data["claims"]] == [[True, False], [False, True]]


def _three_quote_report(flagged: bool) -> Report:
    url = "https://news.example.org/story"
    quotes = ("Musk led investors in February 2025.", "They offered $97.4 billion for OpenAI.", "The board rejected the bid.")
    evidence = tuple(Evidence(q, 40 * k, 40 * k + len(q), 0.5) for k, q in enumerate(quotes))
    why = "; the evidence is pieced together from 3 sentences: a person should check" if flagged else ""
    verdict = Verdict("supported", 0.85, evidence, "6 of 6 claim parts found" + why, (), "default", needs_review=flagged)
    claim = Claim(id="c1", text="Musk's $97.4 billion bid for OpenAI was rejected.", sources=(SourceRef(url=url),))
    return Report(claims_file="claims/x.yaml", generated_at="2026-01-01T00:00:00Z",
                  claims=(ClaimResult(claim, verdict, (SourceResult(url, verdict),)),), sources=(), title="X")


def test_a_source_whose_verdict_needs_review_shows_every_evidence_quote():
    from factcheck.html_report import render_html

    for flagged in (True, False):
        report = _three_quote_report(flagged)
        md = render_markdown(report)
        html = render_html(json.loads(render_json(report)))
        shown = 3 if flagged else 2  # a person checks a pieced-together verdict on all of its pieces
        assert ("The board rejected the bid." in md) == flagged and md.count("\n  > ") == shown, md
        assert ("The board rejected the bid." in html) == flagged and "They offered $97.4 billion" in html
