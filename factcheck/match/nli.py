"""The NLI tier: an entailment cross-encoder, run with onnxruntime from a local directory.

Off by default (``--matcher nli`` or ``FACTCHECK_MATCHER=nli``); needs the
``nli`` extra (``pip install -e '.[nli]'``: onnxruntime, tokenizers) and a
model directory (``FACTCHECK_NLI_MODEL_DIR``). Nothing is ever downloaded.

The model directory holds:

- ``model.onnx``: a sequence-classification graph whose inputs are some of
  ``input_ids``, ``attention_mask``, ``token_type_ids`` and whose output
  ``logits`` is ``[batch, labels]`` (what ``optimum-cli export onnx --task
  text-classification`` writes for an NLI cross-encoder);
- ``tokenizer.json``: the HuggingFace ``tokenizers`` file of the same model;
- ``config.json`` (optional): its ``id2label`` names the logits, e.g.
  ``{"0": "contradiction", "1": "entailment", "2": "neutral"}``. Label order
  differs between models, so it is never guessed;
- ``factcheck-nli.json`` (optional; required when ``config.json`` is absent or
  its labels are generic like ``LABEL_0``): ``{"labels": ["contradiction",
  "entailment", "neutral"]}`` in logit order, and optionally ``"max_length"``
  (tokens per pair; default the tokenizer's truncation length, else
  ``max_position_embeddings`` capped at 512), ``"threads"`` (onnxruntime
  intra-op threads; default ``min(2, CPUs)``) and ``"output"`` (the logits
  output's name). Its labels win over ``config.json``.

Labels are matched case-insensitively: one containing "entail" (but not
"not"/"non") is entailment, one containing "contradict" is contradiction,
anything else counts as neither. Two-label models (entailment vs not) work;
their contradiction probability is 0.

How a claim is matched: the default matcher retrieves the candidate evidence
(up to three sentences, offsets into ``document.text``). Premises are each
candidate alone and, when there are two or more, all of them joined in page
order; the hypothesis is ``claim.query``. All pairs go through the model in
one ``session.run``; a softmax over the logits gives entailment ``e`` and
contradiction ``c`` per pair. With ``E``/``C`` the maxima over pairs:

- ``supported`` when the score (below) is at least 0.5 and ``E >= C``; the
  evidence is the premise that entails best;
- ``contradicted`` when ``C >= CONTRA_MIN`` and ``C > E``, or when the
  default matcher found a contradiction (a swapped number or date) and the
  model does not entail; the evidence is the premise that contradicts best
  (or the default's contradicting sentence);
- ``partially_supported`` when ``E >= PARTIAL_MIN`` or the default matcher
  found (partial) support;
- ``not_supported`` otherwise.

``score = NLI_WEIGHT * E + (1 - NLI_WEIGHT) * default score`` (still
monotonic in the model's belief, and a tie-breaker from the default matcher's
coverage features); a verdict other than supported keeps its score below 0.5,
so ``supported`` is exactly a score of 0.5 or more. ``needs_review`` when the
model supports what the default matcher does not, or the default flagged it.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np

from ..errors import MatcherError
from ..models import Claim, Document, Evidence, Verdict
from .retrieve import Retriever

__all__ = ["NLIMatcher", "CONTRA_MIN", "PARTIAL_MIN", "NLI_WEIGHT"]

CONTRA_MIN = 0.5  # contradiction probability from which it is contradicted
PARTIAL_MIN = 0.2  # entailment probability from which it is partially supported
NLI_WEIGHT = 0.7  # share of the NLI entailment probability in the score
SUPPORTED = 0.5  # the score from which the verdict is supported (the contract of Verdict.score)
MAX_LENGTH = 512  # tokens per pair when neither the tokenizer nor the config says
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
FIX_EXTRA = "pip install -e '.[nli]'"
FIX_DIR = "set FACTCHECK_NLI_MODEL_DIR to a local directory holding model.onnx and tokenizer.json"
CONFIG_FILE = "factcheck-nli.json"


def _role(label: str) -> str:
    low = str(label).lower()
    if "contradict" in low:
        return "contradiction"
    if "entail" in low and "not" not in low and "non" not in low:
        return "entailment"
    return "neutral" if "neutral" in low else "other"


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MatcherError(f"nli matcher: cannot read {path}: {exc}; fix: make it a valid JSON object") from exc
    if not isinstance(data, dict):
        raise MatcherError(f"nli matcher: {path} is not a JSON object; fix: write {{\"labels\": [...]}}")
    return data


class NLIMatcher:
    """``match(claim, document) -> Verdict`` with an ONNX NLI cross-encoder over the default's evidence.

    Everything is checked here, at load time, so a misconfigured tier stops a
    run before it fetches anything (``MatcherError``, exit 4).
    """

    name = "nli"

    def __init__(self, model_dir: str | os.PathLike | None, store=None, *, threads: int | None = None) -> None:
        if not model_dir:
            raise MatcherError(f"the nli matcher needs a model directory; fix: {FIX_DIR}")
        self.model_dir = Path(model_dir).expanduser()
        if not self.model_dir.is_dir():
            raise MatcherError(f"nli model directory {self.model_dir} does not exist; fix: {FIX_DIR}")
        for needed in ("model.onnx", "tokenizer.json"):
            if not (self.model_dir / needed).is_file():
                raise MatcherError(f"nli model directory {self.model_dir} has no {needed}; fix: {FIX_DIR} "
                                   "(export one with optimum-cli export onnx --task text-classification)")
        try:
            import onnxruntime as ort  # lazy: an optional extra, checked when the tier loads
            from tokenizers import Tokenizer  # lazy: an optional extra, checked when the tier loads
        except ImportError as exc:
            raise MatcherError(f"the nli matcher needs onnxruntime and tokenizers ({exc}); "
                               f"fix: {FIX_EXTRA}") from exc

        extra = _read_json(self.model_dir / CONFIG_FILE) if (self.model_dir / CONFIG_FILE).is_file() else {}
        config = _read_json(self.model_dir / "config.json") if (self.model_dir / "config.json").is_file() else {}
        self.labels = self._labels(extra, config)
        roles = [_role(label) for label in self.labels]
        if "entailment" not in roles:
            raise MatcherError(f"nli model labels {self.labels} name no entailment class; fix: list the labels "
                               f"in logit order in {self.model_dir / CONFIG_FILE} as "
                               "{\"labels\": [\"contradiction\", \"neutral\", \"entailment\"]}")
        self.i_entail = roles.index("entailment")
        self.i_contra = roles.index("contradiction") if "contradiction" in roles else None

        try:
            self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises plain Exception on a bad file
            raise MatcherError(f"nli matcher: cannot load {self.model_dir / 'tokenizer.json'}: {exc}; "
                               "fix: use the tokenizer.json exported with the model") from exc
        trunc = self.tokenizer.truncation or {}
        max_length = extra.get("max_length") or trunc.get("max_length") or min(
            MAX_LENGTH, int(config.get("max_position_embeddings") or MAX_LENGTH))
        self.max_length = int(max_length)
        self.tokenizer.no_padding()  # padded here, to the longest pair of a batch
        self.tokenizer.enable_truncation(self.max_length, strategy="longest_first")
        padding = self.tokenizer.padding or {}
        self.pad_id = padding.get("pad_id")
        if self.pad_id is None:
            ids = [self.tokenizer.token_to_id(t) for t in ("[PAD]", "<pad>")]
            self.pad_id = next((i for i in ids if i is not None), 0)

        options = ort.SessionOptions()
        threads = threads or extra.get("threads") or min(2, os.cpu_count() or 1)
        options.intra_op_num_threads = int(threads)
        options.inter_op_num_threads = 1
        try:
            self.session = ort.InferenceSession(str(self.model_dir / "model.onnx"), sess_options=options,
                                                providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
            raise MatcherError(f"nli matcher: onnxruntime cannot load {self.model_dir / 'model.onnx'}: "
                               f"{str(exc).splitlines()[0] if str(exc) else exc}; "
                               "fix: export the model again with optimum-cli export onnx") from exc
        self.inputs: dict[str, type] = {}
        for arg in self.session.get_inputs():
            if arg.name not in INPUTS:
                raise MatcherError(f"nli model.onnx wants an input {arg.name!r}; factcheck feeds only "
                                   f"{', '.join(INPUTS)}; fix: export a text-classification graph")
            self.inputs[arg.name] = np.int32 if arg.type == "tensor(int32)" else np.int64
        if "input_ids" not in self.inputs:
            raise MatcherError("nli model.onnx has no input_ids input; fix: export a text-classification graph")
        outputs = {o.name: o for o in self.session.get_outputs()}
        self.output = str(extra.get("output") or "logits")
        if self.output not in outputs:
            raise MatcherError(f"nli model.onnx has no {self.output!r} output (it has {', '.join(outputs)}); "
                               f"fix: export with --task text-classification, or name the logits output in "
                               f"{CONFIG_FILE} as {{\"output\": \"NAME\"}}")
        width = outputs[self.output].shape[-1] if outputs[self.output].shape else None
        if isinstance(width, int) and width != len(self.labels):
            raise MatcherError(f"nli model.onnx gives {width} logits but {len(self.labels)} labels are named "
                               f"({self.labels}); fix: correct the labels in config.json or {CONFIG_FILE}")

        from .default import DefaultMatcher  # lazy: load only the matcher asked for

        self.retriever: Retriever = DefaultMatcher(store=store)

    def _labels(self, extra: dict, config: dict) -> list[str]:
        labels = extra.get("labels")
        if labels is not None:
            if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels) or len(labels) < 2:
                raise MatcherError(f"nli matcher: \"labels\" in {self.model_dir / CONFIG_FILE} must be a list of "
                                   "two or more strings in logit order")
            return labels
        id2label = config.get("id2label")
        if isinstance(id2label, dict) and id2label:
            try:
                by_id = {int(k): str(v) for k, v in id2label.items()}
            except ValueError as exc:
                raise MatcherError(f"nli matcher: id2label in {self.model_dir / 'config.json'} has non-numeric "
                                   "keys; fix: list the labels in " + CONFIG_FILE) from exc
            if sorted(by_id) == list(range(len(by_id))):
                return [by_id[i] for i in range(len(by_id))]
        raise MatcherError(f"nli model directory {self.model_dir} does not say which logit is which: no config.json "
                           f"with id2label; fix: write {self.model_dir / CONFIG_FILE} as "
                           "{\"labels\": [\"contradiction\", \"neutral\", \"entailment\"]} in logit order")

    # -- model -----------------------------------------------------------
    def probabilities(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Softmax over the model's logits for (premise, hypothesis) pairs, one session.run."""
        encodings = self.tokenizer.encode_batch(pairs)
        width = max(len(e.ids) for e in encodings)
        feeds = {}
        for name, fetch in (("input_ids", "ids"), ("attention_mask", "attention_mask"),
                            ("token_type_ids", "type_ids")):
            if name not in self.inputs:
                continue
            pad = self.pad_id if name == "input_ids" else 0
            array: np.ndarray = np.full((len(encodings), width), pad, dtype=self.inputs[name])
            for row, encoding in enumerate(encodings):
                values = getattr(encoding, fetch)
                array[row, :len(values)] = values
            feeds[name] = array
        logits = np.asarray(self.session.run([self.output], feeds)[0], dtype=np.float64)
        if logits.ndim != 2 or logits.shape != (len(pairs), len(self.labels)):
            raise MatcherError(f"nli model.onnx returned logits of shape {logits.shape}, expected "
                               f"({len(pairs)}, {len(self.labels)}); fix: export a text-classification graph")
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    # -- matching --------------------------------------------------------
    def match(self, claim: Claim, document: Document) -> Verdict:
        base = self.retriever.candidates(claim, document).verdict
        sentences = sorted({(e.start, e.end) for e in base.evidence})
        if not sentences:
            return Verdict(base.verdict, base.score, (), f"no candidate evidence for the NLI model; "
                           f"{base.explanation}", base.missing, self.name)
        texts = [document.text[s:e] for s, e in sentences]
        premises: list[list[int]] = [[i] for i in range(len(sentences))]
        if len(sentences) > 1:
            premises.append(list(range(len(sentences))))
        probs = self.probabilities([(" ".join(texts[i] for i in p), claim.query) for p in premises])
        ent = probs[:, self.i_entail]
        con = probs[:, self.i_contra] if self.i_contra is not None else np.zeros(len(premises))
        best_e, best_c = int(ent.argmax()), int(con.argmax())
        e, c = float(ent[best_e]), float(con[best_c])

        def evidence(members: list[int]) -> tuple[Evidence, ...]:
            return tuple(Evidence(texts[i], sentences[i][0], sentences[i][1], round(float(ent[i]), 4))
                         for i in members)

        used = list(range(len(sentences)))
        score = NLI_WEIGHT * e + (1 - NLI_WEIGHT) * float(base.score)
        if score >= SUPPORTED and e >= c:
            verdict, used = "supported", premises[best_e]
        elif c >= CONTRA_MIN and c > e:
            verdict, used = "contradicted", premises[best_c]
        elif base.verdict == "contradicted":
            verdict = "contradicted"
        elif e >= PARTIAL_MIN or base.verdict in ("supported", "partially_supported"):
            verdict = "partially_supported"
        else:
            verdict = "not_supported"
        if verdict != "supported" and score >= SUPPORTED:
            score = math.nextafter(SUPPORTED, 0.0)  # the model does not entail: not the support the score says
        explanation = (f"NLI over {len(premises)} premise(s): entailment {e:.2f}, contradiction {c:.2f}; "
                       f"default matcher {base.verdict} ({base.score:.2f})")
        if verdict == "contradicted" and base.verdict == "contradicted" and not c >= CONTRA_MIN:
            explanation += f"; {base.explanation}"
        missing = () if verdict == "supported" else base.missing
        review = verdict == "supported" and base.verdict != "supported" or base.needs_review
        return Verdict(verdict, round(score, 4) if verdict == "supported" else min(round(score, 4), 0.4999),  # type: ignore[arg-type]
                       evidence(used), explanation, missing, self.name, needs_review=review)
