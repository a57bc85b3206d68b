"""The optional NLI tier, against a tiny ONNX model and tokenizer built here (nothing downloaded).

The model: an embedding table (Gather) with one hand-set row per "cue" word,
summed over the premise tokens only (attention_mask * (1 - token_type_ids)),
plus a bias that favours neutral. "yes" in the premise drives entailment,
"no" drives contradiction, anything else leaves it neutral. The label order in
config.json is deliberately not the common one, so a matcher that assumed an
order would fail.
"""

from __future__ import annotations

import json
import sys

import pytest

onnx = pytest.importorskip("onnx", reason="the nli tests build their model with onnx: pip install -e '.[nli]'")
pytest.importorskip("onnxruntime", reason="the nli tier needs onnxruntime: pip install -e '.[nli]'")
pytest.importorskip("tokenizers", reason="the nli tier needs tokenizers: pip install -e '.[nli]'")

import numpy as np  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from factcheck.config import Settings  # noqa: E402
from factcheck.errors import MatcherError  # noqa: E402
from factcheck.match import load_matcher  # noqa: E402
from factcheck.match.batch import document_exact  # noqa: E402
from factcheck.models import Claim, SourceRef  # noqa: E402

from conftest import invoke  # noqa: E402

WORDS = ("the company said yes to merger board voted no on plan agreed rejected weather was fine "
         "report long deal approved . ,").split()
LABELS = ["ENTAILMENT", "Neutral", "contradiction"]  # logit order of the tiny model (read from config.json)


def build_model(model_dir, *, token_types=True, output="logits", labels=LABELS, config=True):
    """Write model.onnx, tokenizer.json and (optionally) config.json into ``model_dir``."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    model_dir.mkdir(parents=True, exist_ok=True)
    vocab = {"[PAD]": 0, "[CLS]": 1, "[SEP]": 2, "[UNK]": 3}
    for word in WORDS:
        vocab.setdefault(word, len(vocab))
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Whitespace()])
    from tokenizers import normalizers

    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", 1), ("[SEP]", 2)])
    tokenizer.save(str(model_dir / "tokenizer.json"))

    n = len(labels)
    entail, contra = 0, 2
    table = np.zeros((len(vocab), n), dtype=np.float32)
    table[vocab["yes"], entail] = 6.0
    table[vocab["no"], contra] = 6.0
    bias = np.zeros(n, dtype=np.float32)
    bias[1] = 2.0  # neutral unless a cue word is in the premise

    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
              helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])]
    nodes = [helper.make_node("Gather", ["table", "input_ids"], ["emb"]),  # [b, s, n]
             helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT)]
    if token_types:
        inputs.append(helper.make_tensor_value_info("token_type_ids", TensorProto.INT64, ["batch", "seq"]))
        nodes += [helper.make_node("Cast", ["token_type_ids"], ["types_f"], to=TensorProto.FLOAT),
                  helper.make_node("Sub", ["one", "types_f"], ["premise_f"]),
                  helper.make_node("Mul", ["mask_f", "premise_f"], ["weight"])]
    else:
        nodes.append(helper.make_node("Identity", ["mask_f"], ["weight"]))
    nodes += [helper.make_node("Unsqueeze", ["weight", "last"], ["weight3"]),
              helper.make_node("Mul", ["emb", "weight3"], ["masked"]),
              helper.make_node("ReduceSum", ["masked", "seq_axis"], ["summed"], keepdims=0),
              helper.make_node("Add", ["summed", "bias"], [output])]
    graph = helper.make_graph(
        nodes, "tiny-nli", inputs,
        [helper.make_tensor_value_info(output, TensorProto.FLOAT, ["batch", n])],
        initializer=[numpy_helper.from_array(table, "table"), numpy_helper.from_array(bias, "bias"),
                     numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one"),
                     numpy_helper.from_array(np.array([-1], dtype=np.int64), "last"),
                     numpy_helper.from_array(np.array([1], dtype=np.int64), "seq_axis")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(model_dir / "model.onnx"))
    if config:
        (model_dir / "config.json").write_text(json.dumps(
            {"id2label": {str(i): label for i, label in enumerate(labels)}, "max_position_embeddings": 64}))
    return model_dir


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    return build_model(tmp_path_factory.mktemp("nli") / "tiny")


@pytest.fixture(scope="module")
def matcher(model_dir):
    return load_matcher("nli", settings=Settings(nli_model_dir=str(model_dir)))


DOC = ("The report was long. The board voted on the plan in March. The company said yes to the merger. "
       "The weather was fine.")


def claim(text: str) -> Claim:
    return Claim(id="c", text=text, sources=(SourceRef(url="pair:c"),))


def test_model_reads_label_order_from_config(matcher):
    probs = matcher.probabilities([("the company said yes", "the company agreed"),
                                   ("the board voted no", "the board agreed"),
                                   ("the weather was fine", "the company agreed"),
                                   ("the weather was fine", "yes yes yes")])  # a cue in the hypothesis is ignored
    assert probs.shape == (4, 3)
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert [matcher.labels[i] for i in probs.argmax(axis=1)] == ["ENTAILMENT", "contradiction", "Neutral", "Neutral"]
    assert matcher.i_entail == 0 and matcher.i_contra == 2


def test_entailment_gives_supported_with_exact_offsets(matcher):
    document = document_exact("pair:c", DOC)
    verdict = matcher.match(claim("The company agreed to the merger."), document)
    assert verdict.matcher == "nli"
    assert verdict.verdict == "supported"
    assert verdict.evidence and any("said yes" in e.text for e in verdict.evidence)
    for e in verdict.evidence:
        assert DOC[e.start:e.end] == e.text
    assert "entailment 0.9" in verdict.explanation
    assert verdict.score > 0.6


def test_contradiction_gives_contradicted(matcher):
    text = "The report was long. The board voted no on the merger plan. The weather was fine."
    verdict = matcher.match(claim("The board approved the merger plan."), document_exact("pair:c", text))
    assert verdict.verdict == "contradicted"
    assert verdict.score < 0.5  # below the supported cut (the 0.2 cap on contradicted scores is gone)
    assert any("voted no" in e.text for e in verdict.evidence)
    for e in verdict.evidence:
        assert text[e.start:e.end] == e.text
    assert "contradiction 0.9" in verdict.explanation


def test_neutral_evidence_is_not_supported(matcher):
    text = "The report was long. The board met about the merger plan. The weather was fine."
    verdict = matcher.match(claim("The weather was wet on the day of the merger."), document_exact("pair:c", text))
    assert verdict.verdict in ("not_supported", "partially_supported")
    assert verdict.score < 0.5


def test_model_without_token_type_ids_and_labels_from_sidecar(tmp_path):
    model = build_model(tmp_path / "m", token_types=False, labels=["LABEL_0", "LABEL_1", "LABEL_2"])
    with pytest.raises(MatcherError, match="factcheck-nli.json"):
        load_matcher("nli", settings=Settings(nli_model_dir=str(model)))
    (model / "factcheck-nli.json").write_text(json.dumps({"labels": ["entailment", "neutral", "contradiction"],
                                                        "threads": 1}))
    nli = load_matcher("nli", settings=Settings(nli_model_dir=str(model)))
    assert set(nli.inputs) == {"input_ids", "attention_mask"}
    verdict = nli.match(claim("The company agreed to the merger."), document_exact("pair:c", DOC))
    assert verdict.verdict == "supported"


@pytest.mark.parametrize("problem", ["unset", "no-dir", "no-model", "no-tokenizer", "no-logits", "no-labels"])
def test_misconfiguration_is_a_matcher_error_with_a_fix(tmp_path, problem):
    model = tmp_path / "m"
    if problem == "no-logits":
        build_model(model, output="hidden")
    elif problem == "no-labels":
        build_model(model, config=False)
    elif problem != "no-dir":
        build_model(model)
    if problem == "no-model":
        (model / "model.onnx").unlink()
    if problem == "no-tokenizer":
        (model / "tokenizer.json").unlink()
    settings = Settings(nli_model_dir=None if problem == "unset" else str(model))
    with pytest.raises(MatcherError) as info:
        load_matcher("nli", settings=settings)
    assert info.value.exit_code == 4
    assert "fix:" in info.value.message and "\n" not in info.value.message
    expected = {"unset": "FACTCHECK_NLI_MODEL_DIR", "no-dir": "does not exist", "no-model": "no model.onnx",
                "no-tokenizer": "no tokenizer.json", "no-logits": "no 'logits' output",
                "no-labels": "which logit is which"}[problem]
    assert expected in info.value.message


def test_missing_onnxruntime_says_how_to_install(model_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime now raises ImportError
    with pytest.raises(MatcherError, match=r"pip install -e '\.\[nli\]'"):
        load_matcher("nli", settings=Settings(nli_model_dir=str(model_dir)))


def test_match_command_with_nli(workdir, runner, model_dir, monkeypatch):
    pairs = workdir / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(p) for p in [
        {"id": "yes", "claim": "The company agreed to the merger.", "source_text": DOC},
        {"id": "no", "claim": "The board approved the merger plan.",
         "source_text": "The report was long. The board voted no on the merger plan."},
    ]) + "\n", encoding="utf-8")
    result = invoke(runner, ["match", "--matcher", "nli", "--input", pairs, "--output", "preds.jsonl", "--quiet"])
    assert result.exit_code == 4
    assert "FACTCHECK_NLI_MODEL_DIR" in result.output
    assert not (workdir / "preds.jsonl").exists()
    result = invoke(runner, ["match", "--matcher", "nli", "--workers", "2", "--input", pairs, "--output",
                             "preds.jsonl", "--quiet"])
    assert result.exit_code == 4  # checked in the parent, before any worker starts

    monkeypatch.setenv("FACTCHECK_NLI_MODEL_DIR", str(model_dir))
    result = invoke(runner, ["match", "--matcher", "nli", "--input", pairs, "--output", "preds.jsonl", "--quiet"])
    assert result.exit_code == 0, result.output
    preds = [json.loads(line) for line in (workdir / "preds.jsonl").read_text().splitlines()]
    assert [(p["id"], p["verdict"]) for p in preds] == [("yes", "supported"), ("no", "contradicted")]
    assert DOC[preds[0]["evidence"][0]["start"]:preds[0]["evidence"][0]["end"]] == preds[0]["evidence"][0]["text"]


def test_run_with_a_misconfigured_nli_tier_fails_before_fetching(workdir, runner, site):
    url = site.add("/page", "<html><body><p>The company said yes to the merger.</p></body></html>")
    (workdir / "claims.yaml").write_text(
        f"claims:\n  - id: merger\n    text: The company agreed to the merger.\n    sources: [{url}]\n")
    result = invoke(runner, ["run", "--matcher", "nli", "claims.yaml"])
    assert result.exit_code == 4
    assert "FACTCHECK_NLI_MODEL_DIR" in result.output
    assert site.hits == {}


def test_run_with_nli(workdir, runner, site, model_dir, monkeypatch):
    url = site.add("/page", "<html><head><title>Merger</title></head><body><article><p>The report was long. "
                            "The company said yes to the merger after a long debate about the deal.</p>"
                            "</article></body></html>")
    (workdir / "claims.yaml").write_text(
        f"claims:\n  - id: merger\n    text: The company agreed to the merger.\n    sources: [{url}]\n")
    monkeypatch.setenv("FACTCHECK_NLI_MODEL_DIR", str(model_dir))
    result = invoke(runner, ["run", "--matcher", "nli", "--exit-zero", "claims.yaml"])
    assert result.exit_code == 0, result.output
    report = json.loads(next((workdir / "reports").glob("*.json")).read_text())
    assert "supported" in json.dumps(report)
    assert '"nli"' in json.dumps(report)
