"""Legacy encodings and scripts, served from a local server through the real fetch path."""

from __future__ import annotations

import dataclasses
import re

import pytest

from factcheck.config import Settings
from factcheck.extract import decode, extract
from factcheck.fetch import fetch_all
from siteserver import SITES, Page

PAGES = SITES / "encodings"
HTML = "text/html"
CASES = [
    # (file, Content-Type served, a phrase the text must hold)
    ("utf8-stray-byte.html", "text/html; charset=utf-8", "Die Standardausführung ist weiß lackiert"),
    ("utf8-stray-byte.html", HTML, "Die Standardausführung ist weiß lackiert"),  # <meta charset=utf-8>
    ("utf8-undeclared-stray.html", HTML, "Die Standardausführung ist weiß lackiert"),
    ("utf8-unlabelled.html", "text/html; charset=ISO-8859-1", "Wisła jest najdłuższą rzeką"),  # wrong label
    ("utf8-unlabelled.html", HTML, "Wisła jest najdłuższą rzeką"),
    ("gbk-labelled.html", HTML, "马斯克在2015年共同创立了OpenAI"),
    ("gbk-labelled.html", "text/html; charset=ISO-8859-1", "马斯克在2015年共同创立了OpenAI"),  # wrong label
    ("gbk-unlabelled.html", HTML, "马斯克在2015年共同创立了OpenAI"),
    ("big5.html", HTML, "臺灣的高速鐵路於二零零七年通車"),
    ("shift-jis.html", HTML, "東京スカイツリーは二〇一二年に開業した電波塔です"),
    ("koi8-r.html", HTML, "Московский метрополитен открылся в 1935 году"),
    ("windows-1250.html", HTML, "Źródła rzeki leżą w Beskidzie Śląskim"),
    ("windows-1252.html", HTML, "des brioches – pour 2 €"),
    ("cp1252-labelled-latin1.html", "text/html; charset=iso-8859-1", "Œuvres d’art et écrivains"),
    ("iso-8859-7.html", HTML, "Ο Παρθενώνας είναι αφιερωμένος στη θεά Αθηνά"),
    ("euc-kr.html", HTML, "서울 지하철은 1974년에 처음 개통되었습니다"),
    ("utf16-bom.html", HTML, "Größere Modelle gibt es auf Anfrage"),
]
#: The same legacy pages with their <meta charset> removed: nothing declares the encoding.
UNLABELLED = [
    ("koi8-r.html", "Московский метрополитен открылся в 1935 году"),
    ("shift-jis.html", "東京スカイツリーは二〇一二年に開業した電波塔です"),
    ("windows-1250.html", "Źródła rzeki leżą w Beskidzie Śląskim"),
    ("windows-1252.html", "des brioches – pour 2 €"),
    ("iso-8859-7.html", "Ο Παρθενώνας είναι αφιερωμένος στη θεά Αθηνά"),
    ("euc-kr.html", "서울 지하철은 1974년에 처음 개통되었습니다"),
    ("big5.html", "臺灣的高速鐵路於二零零七年通車"),
]
MOJIBAKE = ("Ã", "Â", "Ð", "â€", "�\ufffd")


def local_settings(**options: object) -> Settings:
    """Fetch settings for the suite's 127.0.0.1 server (private addresses allowed, once the
    fetcher refuses them by default)."""
    if any(f.name == "allow_private" for f in dataclasses.fields(Settings)):
        options["allow_private"] = True
    return Settings(**options)  # type: ignore[arg-type]


@pytest.fixture
def served(site, tmp_path):
    """Serve every case (each under its own path) and fetch them all at once."""
    urls = []
    for number, (name, ctype, _) in enumerate(CASES):
        urls.append(site.add(f"/{number}/{name}", Page((PAGES / name).read_bytes(), 200, ctype)))
    settings = local_settings(cache_dir=tmp_path / "cache", retries=0, host_interval=0.0, robots=False)
    return dict(zip(urls, fetch_all(urls, settings)))


def test_every_legacy_page_decodes_to_its_text(served):
    wrong = []
    for (url, fetch), (name, ctype, phrase) in zip(served.items(), CASES):
        doc = extract(fetch)
        text = doc.text if doc else ""
        if phrase not in text or any(bad in text for bad in MOJIBAKE):
            wrong.append((name, ctype, text[:80]))
    assert wrong == []


@pytest.mark.parametrize("name,phrase", UNLABELLED)
def test_an_unlabelled_legacy_page_is_detected(site, tmp_path, name, phrase):
    body = re.sub(rb'<meta charset="[^"]+">', b"", (PAGES / name).read_bytes())
    assert b"charset" not in body
    url = site.add(f"/bare/{name}", Page(body, 200, HTML))
    fetch = fetch_all([url], local_settings(cache_dir=tmp_path / "cache", retries=0, robots=False))[0]
    doc = extract(fetch)
    assert doc is not None and phrase in doc.text


def test_a_stray_byte_is_replaced_not_the_page_misread():
    body = (PAGES / "utf8-stray-byte.html").read_bytes()
    text = decode(body, "text/html; charset=utf-8")
    assert "Standardausführung, " not in text and "Die Standardausführung ist weiß" in text
    assert text.count("\ufffd") == 1 and "<p>\ufffd</p>" in text


def test_a_latin1_page_labelled_utf8_is_not_read_as_utf8():
    body = "<p>Café crème, à la française, très chère.</p>".encode("cp1252")
    assert decode(body, "text/html; charset=utf-8") == "<p>Café crème, à la française, très chère.</p>"


def test_scripts_without_latin_punctuation_are_cut_into_units(site):
    def units(name: str) -> list[str]:
        url = site.add(f"/{name}", Page((PAGES / name).read_bytes(), 200, HTML))
        fetch = fetch_all([url], local_settings(retries=0, robots=False))[0]
        doc = extract(fetch)
        assert doc is not None
        for unit in doc.sentences:
            assert doc.text[unit.start:unit.end] == unit.text
        return [u.text for u in doc.sentences]

    assert {"ताजमहल आगरा में स्थित है।", "इसे शाहजहाँ ने बनवाया था।"} <= set(units("hindi.html"))
    assert "هل تعرف متى بنيت الأهرامات؟" in units("arabic.html")
    thai = units("thai.html")
    assert len(thai) >= 3 and max(len(u) for u in thai) <= 400
