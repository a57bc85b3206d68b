"""The HTML report as text: self-contained, escaped, a CSP that allows only its own script.

tests/browser/ opens the same pages in a real browser.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

from factcheck.claimreview import claim_reviews
from factcheck.html_report import evidence_context, render_html, safe_href

HOSTILE = '</style></script><script>window.pwned=1</script><img src=x onerror="window.pwned=2">'


def sample(hostile: str = "") -> dict:
    page = "https://news.example.org/story"
    text = ("The lab opened in San Francisco. Elon Musk and Sam Altman co-founded OpenAI in 2015 as a nonprofit. "
            f"It promised to share its research. {hostile} Later years brought a feud.")
    quote = "Elon Musk and Sam Altman co-founded OpenAI in 2015 as a nonprofit."
    start = text.index(quote)
    claims = [
        {"id": "ok-claim", "text": "Musk co-founded OpenAI in 2015" + hostile, "translation": None, "verdict": "supported",
         "score": 0.91, "missing": [], "needs_review": False,
         "sources": [{"url": page, "verdict": "supported", "score": 0.91, "explanation": hostile,
                      "evidence": [{"text": quote, "start": start, "end": start + len(quote), "score": 0.9}]}]},
        {"id": "bad-claim", "text": "Musk planted a garden.", "translation": "Musk planted a garden.",
         "verdict": "not_supported", "score": 0.1, "missing": ["garden"], "needs_review": True,
         "sources": [{"url": "javascript:alert(1)", "verdict": "not_supported", "score": 0.1,
                      "evidence": [{"text": hostile or "nothing", "start": 0, "end": 1, "score": 0.1}]}]},
    ]
    sources = [{"url": page, "title": "Story " + hostile, "status": "ok", "reason": "HTTP 200", "http_status": 200,
                "archived_at": "2026-12-01T00:00:00Z", "archive_sha256": "a" * 64},
               {"url": "javascript:alert(1)", "title": None, "status": "dead", "reason": hostile, "http_status": 404,
                "wayback_url": "javascript:alert(2)"}]
    return {"schema": "factcheck-report/1", "claims_file": "claims/x.yaml", "title": "X " + hostile,
            "generated_at": "2026-12-01T00:00:00Z", "claims": claims, "sources": sources, "notes": [hostile]}, \
        {page: text}


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_data(self, data):
        if self._in == "script" and self.tags[-1][1].get("type") is None:
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in = None


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_csp_allows_exactly_the_inline_script_and_style():
    data, texts = sample()
    page = parse(render_html(data, texts=texts))
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert len(page.scripts) == 1 and len(page.styles) == 1
    assert f"script-src {digest(page.scripts[0])};" in csp
    assert f"style-src {digest(page.styles[0])};" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "connect-src 'none'" in csp


def test_nothing_external_is_loaded():
    data, texts = sample()
    page = parse(render_html(data, texts=texts))
    for tag, attrs in page.tags:
        assert tag not in ("img", "iframe", "object", "embed", "link", "base", "form") or tag == "form" \
            and "action" not in attrs, tag
        assert "src" not in attrs, (tag, attrs)


def test_hostile_text_stays_text():
    data, texts = sample(HOSTILE)
    html = render_html(data, texts=texts, claim_reviews=[{"claimReviewed": HOSTILE}])
    page = parse(html)
    assert len(page.scripts) == 1  # the report's own; the hostile one is text
    assert not any(t == "img" for t, _ in page.tags)
    assert "&lt;/style&gt;&lt;/script&gt;&lt;script&gt;window.pwned=1" in html
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)  # the CSP would block it anyway
        if "href" in attrs:
            assert attrs["href"].startswith(("https://", "http://", "#")), attrs["href"]
    ld = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in ld and json.loads(ld)[0]["claimReviewed"] == HOSTILE


def test_javascript_urls_are_never_links():
    assert safe_href("javascript:alert(1)") is None
    assert safe_href(" JavaScript:alert(1)") is None
    assert safe_href("data:text/html,x") is None
    assert safe_href("http://") is None
    assert safe_href("https://e.org/a?b=1") == "https://e.org/a?b=1"
    data, texts = sample()
    html = render_html(data, texts=texts)
    assert 'href="javascript' not in html.lower()
    assert "javascript:alert(1)</code> (not a web link)" in html


def test_evidence_is_highlighted_inside_its_sentences():
    data, texts = sample()
    html = render_html(data, texts=texts)
    assert ("The lab opened in San Francisco. <mark>Elon Musk and Sam Altman co-founded OpenAI in 2015 as a "
            "nonprofit.</mark> It promised to share its research.") in html
    assert "#:~:text=Elon%20Musk%20and%20Sam,2015%20as%20a%20nonprofit." in html
    # without the archived text: the quote alone
    assert "<div class=\"ctx\"><mark>Elon Musk" in render_html(data)


def test_context_is_cut_to_a_few_sentences():
    text = "".join(f"Sentence {i} is here. " for i in range(100))
    start = text.index("Sentence 50")
    end = start + len("Sentence 50 is here.")
    before, after = evidence_context(text, start, end)
    assert (before, after) == ("Sentence 49 is here. ", " Sentence 51 is here.")
    inside = text.index("50 is")  # a quote in the middle of a sentence: the rest of it, and one more
    before, after = evidence_context(text, inside, inside + 5)
    assert (before, after) == ("Sentence 49 is here. Sentence ", " here. Sentence 51 is here.")
    far = evidence_context(text, start, end, limit=15)
    assert far[0].startswith("…") and far[1].endswith("…")
    zh = "第一句。第二句。第三句说了证据。第四句。第五句。"
    s = zh.index("第三句")
    before, after = evidence_context(zh, s, s + 8)
    assert before == "第二句。" and after == "第四句。"


def test_problems_come_first_with_a_table_of_contents():
    data, texts = sample()
    html = render_html(data, texts=texts)
    assert html.index('id="c-2"') < html.index('id="c-1"')  # the problem (claim 2) first
    toc = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    assert toc.index("Problems (1)") < toc.index('href="#c-2"') < toc.index("The rest (1)") < toc.index('href="#c-1"')
    assert 'data-person="unreviewed person unsure"' in html


def test_reviewed_verdict_shown_beside_the_matchers():
    data, texts = sample()
    data["claims"][1]["review"] = {"state": "reviewed", "verdict": "supported", "reviewed_verdict": "supported",
                                   "confirmed": False, "reviewer": "Ada <b>", "reviewed_at": "2026-12-01T04:00:00Z",
                                   "note": "the PDF says so", "matcher_verdict_then": "not_supported"}
    html = render_html(data, texts=texts)
    article = html.split('id="c-2"', 1)[1].split("</article>", 1)[0]
    assert 'data-verdict="supported"' in html.split('id="c-2"', 1)[0].rsplit("<article", 1)[1] + 'data-verdict="supported"'
    assert "matcher: not supported 0.10" in article
    assert "by Ada &lt;b&gt; on 2026-12-01" in article and "the PDF says so" in article
    assert re.search(r"who set it \(the matcher then said not supported\)", article)
    objects = claim_reviews(data)
    assert len(objects) == 1 and objects[0]["reviewRating"]["ratingValue"] == 5
