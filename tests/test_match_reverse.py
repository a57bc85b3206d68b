"""The reverse bridge: an English claim on a Chinese page, its candidates picked by the page's glossed words
(factcheck/match/retrieve.py, ``DocIndex.glossed``), and the English renderings of the Chinese news set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MemoryStore

from factcheck.match.batch import document_exact
from factcheck.match.retrieve import K_REVERSE, build_index, prepare_claim, reverse_order
from factcheck.models import Claim, SourceRef

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from eval_data import EVAL_ONLY, LOSO_GROUPS, DataError, load_sets  # noqa: E402

FOUNDING = "马斯克与奥尔特曼共同创立了这家人工智能公司。"
OFFICES = "该公司的总部位于旧金山。"
CLAIM = "Musk and Altman co-founded the artificial intelligence company."


def claim(text: str) -> Claim:
    return Claim(id="c1", text=text, sources=(SourceRef(url="https://example.org/page"),))


def _long_chinese_page(stating: dict[int, str], n: int = 160) -> tuple[str, list[str]]:
    """``n`` filler sentences about other things, with ``stating[i]`` at position i."""
    things = ["老桥", "图书馆", "果园", "港口", "博物馆", "铁路", "体育场", "市场", "花园", "钟楼"]
    acts = ["重新粉刷", "打扫干净", "参观", "拍摄", "测量", "检查", "描述", "绘制"]
    crowds = ["志愿者", "学生", "游客", "工程师"]
    sents = [stating.get(i) or f"那座{things[i % 10]}在一个安静的早晨被{crowds[i // 80 % 4]}{acts[i // 10 % 8]}了。"
             for i in range(n)]
    return "".join(sents), sents


def test_the_glossed_words_rank_the_stating_sentence_of_a_long_chinese_page_first():
    text, sents = _long_chinese_page({131: FOUNDING, 57: OFFICES})
    idx = build_index(document_exact("", text))
    assert idx.n == len(sents) and idx.cjk
    assert reverse_order(prepare_claim(claim(CLAIM), True), idx)[0] == 131
    assert reverse_order(prepare_claim(claim("The company's headquarters are in San Francisco."), True), idx)[0] == 57


def test_an_english_claim_finds_a_sentence_deep_in_a_long_chinese_page_without_embedding_it_all():
    from factcheck.match.default import DefaultMatcher

    text, sents = _long_chinese_page({131: FOUNDING, 57: OFFICES})
    page = document_exact("", text)
    assert len(page.sentences) == len(sents)
    store = MemoryStore()
    verdict = DefaultMatcher(store=store).match(claim(CLAIM), page)
    assert FOUNDING in [e.text for e in verdict.evidence]
    filled = store.filled()
    assert filled[131] and filled.sum() < len(sents) // 4  # the stating sentence, and few others, embedded


def test_a_short_chinese_page_is_embedded_whole():
    from factcheck.match.default import DefaultMatcher

    text, sents = _long_chinese_page({3: FOUNDING}, n=K_REVERSE)
    store = MemoryStore()
    verdict = DefaultMatcher(store=store).match(claim(CLAIM), document_exact("", text))
    assert FOUNDING in [e.text for e in verdict.evidence]
    assert store.filled().all()


# ---------------------------------------------------------------- the English renderings (bench/data/zh)
def _native_row(i: int, label: str = "supported") -> dict:
    return {"id": f"zhnews-00{i}", "claim": "上海发布通知称地铁25号线开通", "source_text": f"新闻{i}\n2020-11-30 正文",
            "label": label, "label_fine": label, "phenomena": ["dateline"], "rationale": "r", "author": "a",
            "published": "2020-11-30"}


def _write(path: Path, rows: list) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_english_renderings_take_source_date_and_fold_from_the_chinese_pair(tmp_path):
    _write(tmp_path / "zh" / "zh_native.jsonl", [_native_row(1), _native_row(2, "not_supported")])
    _write(tmp_path / "zh" / "zh_native_en.jsonl", [
        {"id": "zhnewsen-002", "zh_id": "zhnews-002", "claim": "Line 25 opened.", "label": "not_supported",
         "label_fine": "not_supported"},
        {"id": "zhnewsen-001", "zh_id": "zhnews-001", "claim": "Line 25 holed through.", "label": "supported"}])
    sets = load_sets(("zh_native", "zh_native_en"), data=tmp_path)
    native = {p.id[-1]: p for p in sets["zh_native"]}
    for pair in sets["zh_native_en"]:
        twin = native[pair.id[-1]]
        assert (pair.source_text, pair.published, pair.group) == (twin.source_text, twin.published, twin.group)
    assert [p.claim for p in sets["zh_native_en"]] == ["Line 25 opened.", "Line 25 holed through."]
    assert LOSO_GROUPS["zh_native_en"] == LOSO_GROUPS["zh_native"] and "zh_native_en" in EVAL_ONLY


def test_an_english_rendering_of_an_unknown_chinese_pair_is_an_error_naming_the_line(tmp_path):
    _write(tmp_path / "zh" / "zh_native.jsonl", [_native_row(1)])
    _write(tmp_path / "zh" / "zh_native_en.jsonl", [
        {"id": "zhnewsen-001", "zh_id": "zhnews-001", "claim": "x", "label": "supported"},
        {"id": "zhnewsen-009", "zh_id": "zhnews-009", "claim": "y", "label": "supported"}])
    with pytest.raises(DataError, match=r"zh_native_en.jsonl:2: zh_id 'zhnews-009' is not in"):
        load_sets(("zh_native_en",), data=tmp_path)


def test_the_shipped_renderings_pass_their_checker_and_a_changed_label_fails_it(tmp_path):
    checker = ROOT / "bench" / "data" / "zh" / "check_native_en.py"
    ok = subprocess.run([sys.executable, str(checker)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "216 renderings" in ok.stdout
    lines = (ROOT / "bench" / "data" / "zh" / "zh_native_en.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[0])
    lines[0] = json.dumps({**row, "label": "partially_supported", "label_fine": "partially_supported"},
                          ensure_ascii=False)
    bad = subprocess.run([sys.executable, str(checker), str(_write(tmp_path / "en.jsonl", lines))],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "en.jsonl:1: label differs" in bad.stderr


def test_an_english_negation_is_not_set_against_a_chinese_sentence():
    """"no plans" on a page saying 暂无……计划 was `contradicted`: English negation cues read a Chinese
    sentence as unnegated (zh_native_en, zhnewsen-141, labelled supported)."""
    from factcheck.match.default import DefaultMatcher

    [pair] = [p for p in load_sets(("zh_native_en",))["zh_native_en"] if p.id == "zhnewsen-141"]
    assert "暂无与外资品牌合资建厂的计划" in pair.source_text
    verdict = DefaultMatcher().match(claim(pair.claim), document_exact("", pair.source_text))
    assert verdict.verdict != "contradicted"
    assert "negated" not in verdict.explanation
