"""Evidence units: cut on the page's structure and on punctuation, offsets exact, length capped."""

from __future__ import annotations

import pytest

from factcheck.extract import EXTRACTOR_VERSION, extract
from factcheck.models import Fetch
from factcheck.segment import MAX_SENTENCE, MAX_UNIT, split_sentences
from siteserver import SITES


def page(body: bytes, ctype: str = "text/html; charset=utf-8") -> Fetch:
    url = "http://127.0.0.1/a"
    return Fetch(url=url, status="ok", reason="", tag="http-200", fetched_at="2026-01-01T00:00:00Z",
                 http_status=200, final_url=url, content_type=ctype, body=body)


def structured():
    doc = extract(page((SITES / "structured.html").read_bytes()))
    assert doc is not None
    return doc


def test_headings_list_items_cells_and_line_breaks_are_units_of_their_own():
    units = [u.text for u in structured().sentences]
    for expected in ("2015 IIHF Ice Hockey Women's World Championship", "In Malmo, Sweden, 28 March – 4 April 2015",
                     "Group A: USA, Canada, Finland, Russia", "Final: USA 7, Canada 5", "Bronze medal game at 14:00",
                     "Final at 18:00", "Malmo"):
        assert expected in units, expected


def test_no_words_glued_and_no_markers_the_page_does_not_show():
    doc = structured()
    for glued in ("ChampionshipIn", "2015Group", "RussiaGroup", "14:00Final", "HostChampion", "finalUSA"):
        assert glued not in doc.text
    assert not [u.text for u in doc.sentences if u.text.startswith(("- ", "| ", "* ")) or u.text.endswith(" |")]


def test_a_line_without_punctuation_is_capped_and_offsets_stay_exact():
    doc = structured()
    assert max(len(u.text) for u in doc.sentences) <= MAX_UNIT
    assert any("the crowd in Malmo" in u.text for u in doc.sentences)
    for unit in doc.sentences:
        assert doc.text[unit.start:unit.end] == unit.text


@pytest.mark.parametrize("name", sorted(p.name for p in SITES.rglob("*.html")))
def test_every_unit_of_every_test_page_slices_its_text(name):
    path = next(SITES.rglob(name))
    doc = extract(page(path.read_bytes(), "text/html"))
    if doc is None:
        return
    for unit in doc.sentences:
        assert doc.text[unit.start:unit.end] == unit.text and unit.text == unit.text.strip() and unit.text
        assert "\n" not in unit.text
        assert len(unit.text) <= MAX_SENTENCE


def test_punctuation_of_many_scripts():
    cases = {
        "राम घर गया। वह खुश है॥ ठीक": ["राम घर गया।", "वह खुश है॥", "ठीक"],
        "هل جاء؟ نعم جاء.": ["هل جاء؟", "نعم جاء."],
        "Τι κάνεις; Καλά είμαι.": ["Τι κάνεις;", "Καλά είμαι."],
        "東京に行った。楽しかった！また行く？": ["東京に行った。", "楽しかった！", "また行く？"],
        "Am 3. Juli kam er. Dann ging er.": ["Am 3. Juli kam er.", "Dann ging er."],
        "See e.g. Smith. Mr. Musk agreed.": ["See e.g. Smith.", "Mr. Musk agreed."],
        "Он сказал: «Да». Потом ушёл.": ["Он сказал: «Да».", "Потом ушёл."],
        "Research Corp.) is promoting it. He said \"Go.\" Then he left.": [
            "Research Corp.) is promoting it.", "He said \"Go.\"", "Then he left."],
        "It was \"Recommended.\" – Randy Miller": ["It was \"Recommended.\" – Randy Miller"],
        # a full-width full stop ends a sentence, but between full-width digits it is a decimal point
        "ＧＤＰ同比增长５．２％，高于预期．下一句。": ["ＧＤＰ同比增长５．２％，高于预期．", "下一句。"],
    }
    for text, expected in cases.items():
        assert [u.text for u in split_sentences(text)] == expected, text


@pytest.mark.parametrize("text, expected", [
    # a name in mixed case opens a sentence as a capital does: before, "Altman has not commented" and the next
    # sentence were one unit, and "Altman commented on the lawsuit" was supported by it (0.92)
    ("Altman has not commented on the lawsuit. xAI sued OpenAI in September.",
     ["Altman has not commented on the lawsuit.", "xAI sued OpenAI in September."]),
    ("He bought a new phone. iPhone sales rose 5%.", ["He bought a new phone.", "iPhone sales rose 5%."]),
    ("He left at 5 p.m. eBay said so.", ["He left at 5 p.m.", "eBay said so."]),
    # not after an abbreviation, nor a lower-case word
    ("The U.S. xAI unit grew.", ["The U.S. xAI unit grew."]),
    ("See e.g. iOS updates.", ["See e.g. iOS updates."]),
    ("It is 5 ft. tall.", ["It is 5 ft. tall."]),
])
def test_a_name_in_mixed_case_opens_a_sentence(text, expected):
    assert [u.text for u in split_sentences(text)] == expected


def test_text_without_punctuation_or_spaces_is_cut_at_the_cap():
    thai = " ".join(["กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย"] * 40)
    units = split_sentences(thai)
    assert len(units) > 1 and all(len(u.text) <= MAX_UNIT for u in units)
    assert " ".join(u.text for u in units) == thai  # cut at spaces: nothing lost, nothing added
    chinese = "中文没有空格" * 200
    assert "".join(u.text for u in split_sentences(chinese)) == chinese


def test_a_real_long_sentence_is_kept_whole():
    sentence = "The committee, " + ", ".join(f"having heard witness number {i}" for i in range(20)) + ", agreed."
    assert MAX_UNIT < len(sentence) < MAX_SENTENCE
    assert [u.text for u in split_sentences(sentence)] == [sentence]


def test_the_rules_around_a_period_hold_deep_inside_a_long_line():
    # segmentation reads only the words on either side of a period (linear time on long
    # pages): the same cuts must come out far from the start of the line as near it
    prefix = "a long run of words, " * 100
    text = prefix + "See e.g. Smith. Mr. Musk came am 3. Juli to the U.S. Senate. Τι κάνεις; Καλά είμαι."
    units = split_sentences(text)
    ends = [u.text.rsplit(" ", 1)[-1] for u in units]
    assert ends[-4:] == ["Smith.", "Senate.", "κάνεις;", "είμαι."]
    assert units[-3].text == "Mr. Musk came am 3. Juli to the U.S. Senate."
    for unit in units:
        assert text[unit.start:unit.end] == unit.text
    assert " ".join(u.text for u in units) == text


def test_segmentation_is_versioned():
    assert EXTRACTOR_VERSION != "1"  # version 1 cut units differently; its archived texts stay keyed by "1"


def test_texts_of_an_older_extractor_version_stay_as_they_were_made(site, workdir, runner):
    """Reports made on version-1 texts keep valid offsets: the archive keys texts by version."""
    from conftest import invoke
    from factcheck.archive import Archive
    from factcheck.extract import document_from_text
    from factcheck.documents import load_document

    url = site.page_file("/sport/hockey-2015", "structured.html")
    (workdir / "claims.yaml").write_text(
        f"sources:\n  hockey: {url}\nclaims:\n  - {{id: c, text: The United States won in 2015., sources: [hockey]}}\n",
        encoding="utf-8")
    invoke(runner, ["run", "--matcher", "lexical", "claims.yaml"])
    old_text = "- Group A: USA, Canada, Finland, Russia\n| 2015 | Malmo | United States |"
    with Archive(workdir / "cache") as archive:
        record = archive.last_good(url)
        archive.put_document(record.body_sha256, "1", document_from_text(url, old_text))
    invoke(runner, ["run", "--matcher", "lexical", "claims.yaml"])
    with Archive(workdir / "cache") as archive:
        record = archive.last_good(url)
        assert archive.get_document(record.body_sha256, "1", url).text == old_text
        current = load_document(archive, record)
        assert current.text != old_text and "Group A: USA, Canada, Finland, Russia" in current.text
        assert archive.get_document(record.body_sha256, EXTRACTOR_VERSION, url).text == current.text
