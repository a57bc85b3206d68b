from __future__ import annotations

from factcheck.extract import decode, document_from_text, extract, guess_language, split_sentences
from factcheck.models import Fetch
from siteserver import SITES


def page(body: bytes, ctype: str = "text/html; charset=utf-8", url: str = "http://127.0.0.1/a") -> Fetch:
    return Fetch(url=url, status="ok", reason="", tag="http-200", fetched_at="2026-01-01T00:00:00Z",
                 http_status=200, final_url=url, content_type=ctype, body=body)


def test_article_text_without_boilerplate():
    doc = extract(page((SITES / "article.html").read_bytes()))
    assert doc is not None
    assert "co-founded OpenAI in December 2015" in doc.text
    assert "$97.4 billion" in doc.text
    for junk in ("ADVERTISEMENT", "cookie policy", "All rights reserved", "Ten gadgets"):
        assert junk not in doc.text, junk
    assert doc.title and doc.title.startswith("How OpenAI began")
    assert doc.date == "2025-08-14"


def test_sentence_offsets_slice_the_text_exactly():
    doc = extract(page((SITES / "article.html").read_bytes()))
    assert len(doc.sentences) >= 8
    for sentence in doc.sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text


def test_english_and_chinese_sentences_split():
    text = ('Mr. Musk met Dr. Smith in the U.S. on Jan. 5. They talked for an hour! Was it useful? '
            '2015年他们共同创立了OpenAI。马斯克投入了数千万美元；奥尔特曼出任CEO。')
    parts = [s.text for s in split_sentences(text)]
    assert parts == [
        "Mr. Musk met Dr. Smith in the U.S. on Jan. 5.", "They talked for an hour!", "Was it useful?",
        "2015年他们共同创立了OpenAI。", "马斯克投入了数千万美元；", "奥尔特曼出任CEO。",
    ]


def test_gbk_page_is_decoded_from_its_meta_charset():
    html = '<html><head><meta charset="gbk"><title>测试</title></head><body><article><p>马斯克在2015年共同创立了OpenAI。' \
           '这是一段足够长的中文文字，用来测试抽取是否正确。</p></article></body></html>'
    doc = extract(page(html.encode("gbk"), ctype="text/html"))
    assert doc is not None and "马斯克在2015年共同创立了OpenAI" in doc.text


def test_declared_charset_wins_and_undeclared_falls_back():
    assert decode("café".encode("latin-1"), "text/html; charset=ISO-8859-1") == "café"
    assert decode("naïve".encode("utf-8"), None) == "naïve"


def test_javascript_only_page_has_no_text():
    html = b"<html><head><script>document.write('hello')</script></head><body><script>app()</script></body></html>"
    assert extract(page(html)) is None


def test_plain_text_and_broken_html():
    doc = extract(page(b"First line here. Second sentence here.", ctype="text/plain"))
    assert [s.text for s in doc.sentences] == ["First line here.", "Second sentence here."]
    broken = b"<html><body><p>Unclosed paragraph about OpenAI in 2015<div><p>Another one"
    doc = extract(page(broken))
    assert doc is not None and "OpenAI in 2015" in doc.text


def test_document_from_text_normalises_whitespace_and_hashes():
    a = document_from_text("u", "One.\r\n\r\n\r\nTwo   three.")
    assert a.text == "One.\n\nTwo three."
    assert a.sha256 == document_from_text("u", "One.\n\nTwo three.").sha256


def test_title_and_date_are_the_ones_trafilatura_finds():
    # extraction asks trafilatura for the title and date only, not its whole metadata;
    # on every test page they must be what its whole metadata extraction gives
    from trafilatura.metadata import extract_metadata

    from factcheck.extract.html import parse
    from factcheck.extract.meta import title_and_date

    pages = sorted(SITES.rglob("*.html"))
    pages_with_meta = 0
    for path in pages:
        url = f"http://127.0.0.1/{path.name}"
        html = decode(path.read_bytes(), "text/html")
        ours, theirs = title_and_date(parse(html).tree, url), extract_metadata(parse(html).tree, url)
        assert (ours.title, ours.date) == (theirs.title, theirs.date), path.name
        pages_with_meta += bool(ours.title and ours.date)
    assert pages_with_meta >= 3


def test_fallback_reads_the_page_blocks_without_boilerplate():
    from factcheck.extract.html import parse, soup_text, tree_text

    html = ("<html><head><title> The  page </title><script>var x = 1;</script></head><body>"
            "<nav><li>Home</li></nav><header><p>Site name</p></header>"
            "<ul><li>First item<br>second line</li><li>Outer<ul><li>Inner</li></ul></li></ul>"
            "<table><tr><td>Cell <b>bold</b> text</td></tr></table><form><p>Sign up</p></form>"
            "<p>Kept <aside>not this</aside>tail</p><footer><p>Imprint</p></footer></body></html>")
    title, text = tree_text(parse(html).tree)
    assert title == "The page"
    assert text.split("\n") == ["First item", "second line", "Inner", "Cell bold text", "Kept tail"]
    assert soup_text(html) == (title, text)  # the fallback for pages lxml cannot read whole


def test_fallback_text_skipped_only_when_it_cannot_win():
    from factcheck.extract.html import FALLBACK_SHARE, parse, tree_text

    html = "<html><head><title>T</title></head><body>" + "<p>Block   of\ttext.</p>" * 50 + "</body></html>"
    full = tree_text(parse(html).tree)[1]
    assert full.count("\n") == 49
    bound = int(FALLBACK_SHARE * len(full))  # a main text this long loses to the fallback: it is built
    assert tree_text(parse(html).tree, main=bound - 1) == ("T", full)
    skipped = tree_text(parse(html).tree, main=len(html))  # more than a fifth of twice the page's text
    assert skipped == ("T", "")  # it could not win: not built, the title still is


def test_clean_lines_output_needs_no_normalising():
    import random

    from factcheck.extract.html import clean_lines

    rng = random.Random(7)
    alphabet = "ab \t\n\r\f\v\u00a0\u2028\x85\x0b\u200b.。"
    for _ in range(5000):
        text = clean_lines("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))))
        assert document_from_text("u", text).text == text, repr(text)  # normalising leaves it as it is


def test_a_page_nested_deeper_than_lxml_reads_still_has_its_text():
    deep = b"<html><body>" + b"<div>" * 3000 + b"Text nested very deep in the page. " * 10 + b"</body></html>"
    doc = extract(page(deep, ctype="text/html"))
    assert doc is not None and "Text nested very deep in the page." in doc.text


def test_a_page_with_an_xml_declaration_or_only_a_fragment_has_text():
    xml = ("<?xml version='1.0' encoding='iso-8859-1'?>\n<html><head><title>Café</title></head><body><article>"
           "<p>" + "Le café est très bon à Paris depuis 1900. " * 5 + "</p></article></body></html>")
    doc = extract(page(xml.encode("latin-1"), ctype="text/html"))
    assert doc is not None and doc.title == "Café" and "très bon à Paris" in doc.text
    fragment = (b"<p>Just a fragment of text about OpenAI, founded in 2015 by several people.</p>"
                b"<p>A second paragraph about the same topic.</p>")
    doc = extract(page(fragment, ctype="text/html"))
    assert doc is not None and doc.text.split("\n")[1] == "A second paragraph about the same topic."


def test_the_characters_dropped_before_parsing_and_in_lines_are_exactly_the_classes_ones():
    from factcheck.extract import html

    for pattern, chars in ((html._INVALID_XML, html.INVALID_XML_CHARS), (html._CONTROL, html.CONTROL_CHARS)):
        assert set(chars) == {chr(c) for c in range(0x10000) if pattern.match(chr(c))}
    page = "<html><body><p>Fine\x0b text\ufeff and a\x00 null\u200b.</p></body></html>"
    document = extract(Fetch(url="https://example.org/c", status="ok", reason="", tag="", fetched_at="",
                             http_status=200, content_type="text/html", body=page.encode("utf-8")))
    assert document is not None and document.text == "Fine text and a null."


STORY = ("<p>The storm brought heavy rain and strong winds to the coastal towns overnight, and officials "
         "said the damage was still being counted. Roads were closed along the shore until the morning.</p>") * 4


def _headed_page(h1: str, title: str, lead: str = "") -> Fetch:
    return page((f"<html><head><title>{title}</title></head><body><div class='top'><h1>{h1}</h1></div>"
                 f"<article>{lead}{STORY}</article></body></html>").encode())


def test_the_headline_trafilatura_leaves_out_is_the_first_line_with_exact_offsets():
    from factcheck.extract import ExtractOptions

    fetch = _headed_page("Big  storm hits the coast", "Big storm hits the coast | Example News")
    assert not extract(fetch, ExtractOptions(headline=False)).text.startswith("Big storm")  # left out
    doc = extract(fetch)
    assert doc.text.startswith("Big storm hits the coast\nThe storm brought heavy rain")
    assert doc.sentences[0].text == "Big storm hits the coast" and doc.sentences[0].start == 0
    assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
    assert doc.text.count("Big storm hits the coast") == 1


def test_no_headline_line_when_no_h1_is_the_title_or_the_text_holds_it():
    # a section name before the title's separator is no headline ("Section - Headline")
    for h1, title in (("Weather", "Weather - Big storm hits the coast tonight across the region"),
                      ("Example News", "Big storm hits the coast | Example News")):
        assert extract(_headed_page(h1, title)).text.startswith("The storm brought"), h1
    held = extract(_headed_page("Big storm hits the coast", "Big storm hits the coast",
                                lead="<p>Big storm hits the coast, say forecasters.</p>"))
    assert held.text.count("Big storm hits the coast") == 1


def test_japanese_is_told_from_chinese_by_its_kana():
    assert guess_language("政府は秋に新たな選挙を行うと発表した。警察は負傷者の報告はないとした。") == "ja"
    assert guess_language("ソニーグループはミラーレスカメラの新モデルを発表した。") == "ja"
    assert guess_language("政府宣布将在秋季举行新的选举。警方没有报告人员受伤。") == "zh"
    assert guess_language("埃隆・马斯克起诉了OpenAI，称其背离了非营利的初衷。") == "zh"  # a middle dot is no kana
    assert guess_language("The government announced new elections for the autumn.") == "en"
