"""The evaluation harness (bench/evaluate.py): data loading, folds, the overlap floor, a full run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import evaluate  # noqa: E402
from eval_data import DataError, load_sets, load_zh_native  # noqa: E402
from eval_protocols import group_folds, set_weights  # noqa: E402
from eval_systems import OverlapSystem, get_system, word_overlap  # noqa: E402


def write_lines(path: Path, rows: list[dict | str]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


ZH_ROW = {"id": "zh-1", "claim": "上海11月30日发布通知", "source_text": "新华社上海11月30日电 上海市今天发布通知。",
          "label": "supported", "label_fine": "supported", "published": "2020-11-30"}


def test_loader_names_file_and_line_of_a_bad_label(tmp_path):
    path = write_lines(tmp_path / "zh_native.jsonl", [ZH_ROW, {**ZH_ROW, "id": "zh-2", "label": "true"}])
    with pytest.raises(DataError, match=r"zh_native.jsonl:2: label 'true'"):
        load_zh_native(path)


def test_loader_rejects_a_fine_label_that_does_not_refine_the_label(tmp_path):
    path = write_lines(tmp_path / "zh_native.jsonl", [{**ZH_ROW, "label_fine": "contradicted"}])
    with pytest.raises(DataError, match=r":1: label_fine 'contradicted' does not refine label 'supported'"):
        load_zh_native(path)


def test_loader_names_the_line_that_is_not_json(tmp_path):
    path = write_lines(tmp_path / "zh_native.jsonl", [ZH_ROW, "{oops"])
    with pytest.raises(DataError, match=r"zh_native.jsonl:2: not valid JSON"):
        load_zh_native(path)


def test_a_missing_set_is_skipped_with_a_note_and_renderings_take_the_wice_source(tmp_path, capsys):
    wice = {"id": "dev1", "claim": "Arnold directs Media Play News.", "source_text": "Media Play News.\nArnold.",
            "label": "supported", "claim_title": "Roger Hedgecock", "claim_context": "Early years."}
    (tmp_path / "wice").mkdir()
    (tmp_path / "zh").mkdir()
    write_lines(tmp_path / "wice" / "dev.jsonl", [wice])
    write_lines(tmp_path / "zh" / "wice_zh.jsonl", [{"id": "wicezh-dev1", "wice_id": "dev1", "claim": "阿诺德执掌该刊。",
                                                     "label": "supported", "claim_context": "Early years."}])
    sets = load_sets(("wice", "wice_zh", "zh_native"), data=tmp_path)
    assert list(sets) == ["wice", "wice_zh"]
    assert "zh_native: " in capsys.readouterr().err
    (w,), (z,) = sets["wice"], sets["wice_zh"]
    assert z.source_text == w.source_text and z.group == w.group
    assert z.context == w.context == "Roger Hedgecock\nEarly years."
    assert z.label_fine == "supported" and z.translation is None


def test_a_rendering_of_an_unknown_wice_claim_is_an_error(tmp_path):
    (tmp_path / "wice").mkdir()
    (tmp_path / "zh").mkdir()
    write_lines(tmp_path / "wice" / "dev.jsonl", [])
    write_lines(tmp_path / "zh" / "wice_zh.jsonl", [{"id": "x", "wice_id": "dev9", "claim": "某事。", "label": "supported"}])
    with pytest.raises(DataError, match=r"wice_zh.jsonl:1: wice_id 'dev9' is not in"):
        load_sets(("wice_zh",), data=tmp_path)


def test_pairs_sharing_a_source_share_a_group(tmp_path):
    path = write_lines(tmp_path / "zh_native.jsonl", [ZH_ROW, {**ZH_ROW, "id": "zh-2", "claim": "上海发布通知"},
                                                      {**ZH_ROW, "id": "zh-3", "source_text": "另一篇报道。"}])
    a, b, c = load_zh_native(path)
    assert a.group == b.group != c.group


def test_group_folds_keep_each_group_whole_and_cover_every_pair_once():
    groups = ["a", "a", "a", "b", "b", "c", "d", "e", "e", "f", "g", "h"]
    y3 = np.array([0, 0, 1, 2, 2, 0, 1, 2, 0, 0, 2, 1])
    folds = group_folds(groups, y3, k=3, seed=1)
    assert sorted(np.concatenate(folds).tolist()) == list(range(len(groups)))
    for fold in folds:
        for g in {groups[i] for i in fold}:
            assert all(i in fold for i, h in enumerate(groups) if h == g)
    assert len(folds) == 3


def test_group_folds_spread_the_labels():
    groups = [str(i) for i in range(30)]
    y3 = np.array([0] * 10 + [1] * 10 + [2] * 10)
    for fold in group_folds(groups, y3, k=5, seed=0):
        assert np.bincount(y3[fold], minlength=3).tolist() == [2, 2, 2]


def test_each_training_set_gets_the_same_total_weight():
    w = set_weights([300, 100])
    assert w[:300].sum() == pytest.approx(w[300:].sum())
    assert w.mean() == pytest.approx(1.0)


def test_word_overlap_counts_claim_content_words_found_in_the_source():
    # claim tokens: musk, bought, twitter, 2022 (stop word "in" dropped); 3 found
    assert word_overlap("Musk bought Twitter in 2022", "Twitter was bought by Musk.") == pytest.approx(0.75)


def test_word_overlap_reads_chinese_by_character_bigrams():
    # 上海发布: bigrams 上海, 海发, 发布; the source has 上海 and 发布 but not 海发
    assert word_overlap("上海发布", "上海市今天发布通知") == pytest.approx(2 / 3)


def test_overlap_floor_fits_its_cut_on_the_training_pairs_only():
    system = OverlapSystem()
    X = np.array([[0.9], [0.8], [0.3], [0.2]])
    model = system.fit(X, np.array([0, 0, 2, 2]), np.array([0, 0, 2, 2]), np.ones(4))
    assert model["t"] == pytest.approx(0.8)
    score, verdict, review = system.predict(model, np.array([[0.85], [0.5], [0.8]]))
    assert verdict.tolist() == ["supported", "not_supported", "supported"]
    assert ((score >= 0.5) == (verdict == "supported")).all()
    assert not review.any()


class HalfOverlap:
    """A toy system plugged in by module:attr: supported when half the claim's words are in the source."""

    name = "toy"
    version = "1"

    def features(self, pairs):
        return np.array([[word_overlap(p.claim, p.source_text)] for p in pairs])

    def fit(self, X, y3, y_fine, weights):
        return 0.5

    def predict(self, model, X):
        score = X[:, 0]
        verdict = np.where(score >= model, "supported", "not_supported").astype(object)
        return score, verdict, score < 0.2


def test_a_full_run_scores_a_plugged_in_system_beside_both_floors(tmp_path, capsys):
    assert get_system("test_eval_harness:HalfOverlap").name == "toy"
    out = tmp_path / "eval.json"
    code = evaluate.main(["--system", "test_eval_harness:HalfOverlap", "--sets", "wice,factcheckgpt",
                          "--limit", "40", "--folds", "3", "--json", str(out), "--cache", str(tmp_path / "cache"),
                          "--predictions", str(tmp_path / "preds.jsonl")])
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["format"] == "factcheck-eval/1"
    assert result["runs"] == ["toy/insets", "toy/loso", "lexical", "overlap/insets", "overlap/loso"]
    fcgpt = result["sets"]["factcheckgpt"]
    assert fcgpt["n"] == 40 and fcgpt["loso_group"] == "factcheckgpt"
    toy = fcgpt["runs"]["toy/loso"]
    assert 0.0 < toy["needs_review_share"] < 1.0
    assert toy["score_verdict_mismatches"] == 0
    pooled = result["pooled"]["toy/loso"]
    assert pooled["n"] == 80 and pooled["contradicted_sets"] == ["factcheckgpt"]  # WiCE labels no contradictions
    assert pooled["needs_review_share"] == pytest.approx(
        (toy["needs_review_share"] * 40 + result["sets"]["wice"]["runs"]["toy/loso"]["needs_review_share"] * 40) / 80)
    printed = capsys.readouterr().out
    assert "| factcheckgpt | 40 | toy, LOSO |" in printed
    assert "| wice | 40 | overlap, in-set CV |" in printed
    preds = [json.loads(line) for line in (tmp_path / "preds.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(preds) == 2 * 40 * 5  # two sets, five runs
    loso = {p["id"]: p for p in preds if p["run"] == "toy/loso" and p["set"] == "factcheckgpt"}
    assert all((p["score"] >= 0.5) == (p["verdict"] == "supported") for p in loso.values())
    cached = {p.name: p.read_text(encoding="utf-8").count("\n") for p in (tmp_path / "cache").iterdir()}
    assert cached["toy-1.jsonl"] == 80  # every pair once: 40 per set
    assert len(cached) == 3  # toy, lexical, overlap


# ---------------------------------------------------------------- bench/augment.py: near copies, one number changed
def _pair(claim: str, source: str, label: str = "supported"):
    from eval_data import Pair

    return Pair("wice", "p1", claim, source, label, label, None, None, "g1")


def test_a_derived_claim_changes_one_number_to_a_value_the_source_does_not_state():
    from augment import number_changed

    source = "The band was founded in 1996 in Oslo. It sold 40 million records by 1999."
    claims = {"The band was founded in 1996 in Oslo.": "1996", "It sold 40 million records.": "40"}
    for claim, token in claims.items():
        (derived,) = number_changed([_pair(claim, source)])
        assert derived.label == "not_supported" and derived.label_fine == "contradicted"
        assert token not in derived.claim and derived.set == "wice+num"
        new = derived.claim.split()[[w.strip(".") for w in claim.split()].index(token)].strip(".")
        assert new.isdigit() and new not in source and new != token
        assert derived.claim.replace(new, token) == claim  # nothing else changed


def test_no_claim_is_derived_from_a_pair_that_is_not_supported_or_states_no_number_of_its_source():
    from augment import number_changed

    source = "The band was founded in 1996 in Oslo."
    assert number_changed([_pair("The band was founded in 1996 in Oslo.", source, "not_supported")]) == []
    assert number_changed([_pair("The band was founded in Oslo.", source)]) == []
    assert number_changed([_pair("The band was founded in 1997.", source)]) == []  # 1997: not the source's


def test_the_pages_check_swaps_names_not_the_word_that_opens_a_sentence():
    import random

    from augment import renamed

    source = ("Follow us to stay up to date. Delgado said that Velázquez would back the plan. "
              "Mayor Adams spoke later. Yesterday Roxanne Delgado met Velázquez and Maria Delgado.")
    text = "Delgado said that Velázquez would back the plan."
    seen = {renamed(text, source, ["Mayor Adams"], random.Random(seed), elsewhere=True) for seed in range(40)}
    # only Velázquez is swapped: "Delgado" opens the sentence, where a capitalised word need be no name
    assert seen - {None} == {"Delgado said that Mayor Adams would back the plan."}, seen
    assert renamed("Follow us to stay up to date.", source, ["Mayor Adams"], random.Random(0), elsewhere=True) is None
    # a name that shares a word with the one it replaces may be the same person: not swapped for it
    met = "Yesterday Roxanne Delgado met Velázquez."
    seen = {renamed(met, source, ["Maria Delgado"], random.Random(seed), elsewhere=True) for seed in range(40)}
    assert seen == {None, "Yesterday Roxanne Delgado met Maria Delgado."}, seen
    # the derived training pairs are made as before (any name the claim parts read, the first word too)
    loose = {renamed("Follow us to stay up to date.", source, ["Mayor Adams"], random.Random(s), elsewhere=True,
                     strict=False) for s in range(5)}
    assert loose == {"Mayor Adams us to stay up to date."}, loose


def test_recast_copies_swap_one_name_for_another_the_source_states():
    from augment import recast_copies

    source = ("The board met on Monday in Palo Alto. Elon Musk left the board of OpenAI in 2018 after a dispute. "
              "Sam Altman became chief executive of OpenAI in 2019 after the reshuffle.")
    out = recast_copies([_pair("Musk left OpenAI.", source), _pair("Altman led OpenAI.", source)])
    assert len(out) == 2, out  # one source: one copy and its recast
    copy, recast = out
    assert copy.claim in source and copy.label == "supported" and recast.label == "not_supported"
    assert recast.set == copy.set == "wice+recast"
    gone = [w for w in copy.claim.split() if w not in recast.claim.split()]
    new = [w for w in recast.claim.split() if w not in copy.claim.split()]
    assert gone and new and all(w.strip(".") in source for w in new), (copy.claim, recast.claim)


def test_distractors_put_the_pairs_own_text_among_others_of_its_set():
    import dataclasses

    import distractors

    pairs = load_sets(("zh_native",))["zh_native"]
    texts = sorted({p.source_text for p in pairs})
    for i, pair in enumerate(pairs[:20]):
        out = distractors.padded(pair, i, texts, 4)
        parts = out.source_text.split("\n\n")
        assert parts.count(pair.source_text) == 1 and parts.index(pair.source_text) == 2
        assert len(parts) == 5 and len(set(parts)) == 5 and set(parts) <= set(texts)
        assert dataclasses.replace(out, source_text=pair.source_text) == pair  # label and claim untouched


def test_claims_on_a_page_in_another_language_get_a_review_band_of_their_own():
    from fit_matcher import CROSS_MIN, review_bands

    from factcheck.match.features import FEATURES

    # same-language pairs are wrong at 0.3; cross-language pairs are right below 0.5 and wrong at 0.6
    n = CROSS_MIN
    p = np.array([0.1] * n + [0.3] * 10 + [0.9] * n + [0.1] * n + [0.3] * n + [0.6] * 10 + [0.9] * n)
    y = np.array([False] * n + [True] * 10 + [True] * n + [False] * (2 * n) + [False] * 10 + [True] * n)
    X = np.zeros((len(p), len(FEATURES) + 3))
    X[2 * n + 10:, FEATURES.index("cross_lingual")] = 1.0
    bands = review_bands(p, y, X, np.zeros(len(p), bool), target=0.99)
    inside = lambda band, x: band[0] <= x < band[1]  # noqa: E731
    assert inside(bands["review"], 0.3), bands
    assert inside(bands["review_cross"], 0.6) and not inside(bands["review_cross"], 0.3), bands
    # too few pairs across languages for a band of their own: one band for all
    few = np.r_[np.arange(2 * n + 10), np.arange(2 * n + 10, 2 * n + 20)]
    assert set(review_bands(p[few], y[few], X[few], np.zeros(len(few), bool), target=0.99)) == {"review"}


def test_the_review_band_holds_each_set_that_can_be_held_and_counts_pieced_verdicts_as_flagged():
    from fit_matcher import review_band

    # set a is right 8 times in 10 with nothing flagged, wrong at both 0.7s; set b is right everywhere
    p = np.array([0.1, 0.1, 0.2, 0.3, 0.9, 0.9, 0.95, 0.7, 0.7, 0.55] + [0.1] * 5 + [0.9] * 5)
    y = np.array([False] * 4 + [True] * 3 + [False, False, True] + [False] * 5 + [True] * 5)
    sets = np.array(["a"] * 10 + ["b"] * 10)
    w = set_weights([10, 10])
    inside = lambda band, x: band[0] <= x < band[1]  # noqa: E731
    pooled = review_band(p, y, w, target=0.85)  # (80% + 100%) / 2 >= 85% with nothing flagged
    held = review_band(p, y, w, target=0.85, sets=sets)  # set a can reach 85% flagging 3 in 10: held to it
    assert not inside(pooled, 0.7) and inside(held, 0.7) and not inside(held, 0.9), (pooled, held)
    # verdicts flagged anyway count as inside: with the 0.7s flagged, set a needs no band
    assert not inside(review_band(p, y, w, target=0.85, sets=sets, flagged=p == 0.7), 0.55)
