"""The optional LLM judge: the default matcher retrieves, a language model decides.

Off by default. Configure an OpenAI-compatible chat completions API (Ollama,
llama.cpp server, vLLM, a hosted one) with ``llm_url`` (the base URL, e.g.
``http://127.0.0.1:11434/v1``), ``llm_model`` and, when the endpoint wants
one, ``llm_api_key`` (``FACTCHECK_LLM_*`` variables). The key is sent as a
``Bearer`` header and nowhere else.

For one claim and one source:

1. The default matcher analyses the pair as usual: its verdict, evidence and
   ranking of the source's sentences by retrieval score.
2. The candidates are the best ``N_CANDIDATES`` sentences of that ranking, the
   default's evidence, and the neighbours of the best three, in document
   order, numbered [1], [2], ... The model gets the claim (its text, the
   translation and context when given) and these sentences, and must answer
   with JSON only: ``{"verdict", "evidence": [numbers], "missing": [...],
   "explanation"}`` (temperature 0).
3. The answer becomes a ``Verdict``: the model's verdict; as evidence the
   numbered sentences it cited that exist (invented numbers are dropped), each
   sliced from ``document.text`` by its offsets; when it cites none, the
   default's evidence. Score: ``0.75 * P[verdict] + 0.25 * default score``
   with P = supported 0.9, partially_supported 0.5, not_supported 0.1,
   contradicted 0.02, then capped at 0.2 for contradicted (as the default
   does). So the score orders verdicts first and the default's confidence
   within a verdict; it is not fitted on data.

Failures never stop a run: an answer that is not the JSON asked for is asked
once more, then the pair gets the default matcher's verdict with
"LLM judge unavailable (reason)" in its explanation; so does a pair whose
request fails (network, timeout, HTTP error). After ``MAX_FAILURES``
requests in a row fail to get any answer the judge is not asked again in
this process. What is wrong before any work (no URL or model, a URL that is
not http(s)) is a ``MatcherError`` when the matcher loads (exit 4).

Privacy: the claim (text, translation, context) and the candidate sentences
of its source are sent to the configured endpoint.

``translate_claims`` uses the same endpoint to fill the ``translation:`` of
drafted claims (``factcheck extract --translate``).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from ..config import Settings
from ..errors import MatcherError
from .llm_http import post_json
from ..models import Claim, Document, Evidence, Verdict

__all__ = ["LLMMatcher", "translate_claims", "check_settings", "parse_answer"]

N_CANDIDATES = 8  # best sentences by retrieval shown to the model, besides evidence and neighbours
MAX_SENTENCES = 14  # numbered sentences in one prompt, at most
MAX_SENTENCE_CHARS = 600  # a longer sentence is cut in the prompt (the evidence keeps it whole)
MAX_FAILURES = 3  # requests in a row without an answer before the judge is given up for the run
VERDICT_PRIOR = {"supported": 0.9, "partially_supported": 0.5, "not_supported": 0.1, "contradicted": 0.02}
LLM_WEIGHT = 0.75

SYSTEM = (
    "You are a careful fact-checker. You decide whether numbered sentences from a cited source "
    "support a claim. Use only the sentences given, not your own knowledge. Answer with one JSON "
    "object and nothing else."
)
INSTRUCTIONS = """Answer with JSON only, in this form:
{"verdict": "supported" | "partially_supported" | "not_supported" | "contradicted",
 "evidence": [numbers of the sentences you used],
 "missing": [parts of the claim the sentences do not state],
 "explanation": "one short sentence"}
supported: the sentences state everything the claim says. partially_supported: they state some of it.
not_supported: they do not state it. contradicted: they state something incompatible (another number,
date, name, or the opposite)."""


def check_settings(settings: Settings, what: str = "the LLM judge") -> None:
    """Raise ``MatcherError`` unless the endpoint is configured (nothing is sent)."""
    missing = [name for name, value in (("FACTCHECK_LLM_URL", settings.llm_url),
                                        ("FACTCHECK_LLM_MODEL", settings.llm_model)) if not value.strip()]
    if missing:
        raise MatcherError(f"{what} needs an OpenAI-compatible endpoint: set {' and '.join(missing)} "
                           "(e.g. FACTCHECK_LLM_URL=http://127.0.0.1:11434/v1 FACTCHECK_LLM_MODEL=qwen2.5:7b)")
    if not re.match(r"^https?://[^/\s]+", settings.llm_url.strip(), re.I):
        raise MatcherError(f"FACTCHECK_LLM_URL={settings.llm_url!r} is not an http(s) URL "
                           "(e.g. http://127.0.0.1:11434/v1)")


class _Client:
    """Chat completions at ``<llm_url>/chat/completions``, with the give-up rule."""

    def __init__(self, settings: Settings) -> None:
        check_settings(settings)
        self.settings = settings
        self.url = settings.llm_url.strip().rstrip("/") + "/chat/completions"
        self.failures = 0
        self.down = ""  # why the judge was given up, once it is

    def ask(self, system: str, user: str) -> str:
        """The model's answer text. ``MatcherError`` when there is none."""
        if self.down:
            raise MatcherError(self.down)
        headers = {"Authorization": f"Bearer {self.settings.llm_api_key}"} if self.settings.llm_api_key else {}
        payload = {
            "model": self.settings.llm_model, "temperature": 0, "stream": False,
            "response_format": {"type": "json_object"},
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
        }
        try:
            data = post_json(self.url, payload, self.settings, headers=headers)
        except MatcherError as exc:
            key = self.settings.llm_api_key
            if key and key in exc.message:  # a server that echoes the key must not put it in a report
                exc = MatcherError(exc.message.replace(key, "***"))
            self.failures += 1
            if self.failures >= MAX_FAILURES:
                self.down = f"not asked again after {self.failures} failed requests; last: {exc.message}"
            raise exc from None
        self.failures = 0
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise MatcherError("the answer has no choices[0].message.content") from exc
        if not isinstance(content, str):
            raise MatcherError("the answer's message content is not text")
        return content


def _json_object(text: str) -> dict | None:
    """The JSON object in ``text`` (also inside a ```json fence or after some words), or None."""
    text = text.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fenced:
        text = fenced.group(1).strip()
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        data = json.loads(text[start:end + 1])
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def parse_answer(text: str, n: int) -> tuple[str, list[int], list[str], str] | None:
    """(verdict, evidence numbers 1..n that exist, missing, explanation), or None if unusable."""
    data = _json_object(text)
    if data is None:
        return None
    verdict = str(data.get("verdict", "")).strip().lower().replace(" ", "_").replace("-", "_")
    if verdict not in VERDICT_PRIOR:
        return None
    raw = data.get("evidence") or []
    numbers: list[int] = []
    for item in raw if isinstance(raw, list) else [raw]:
        try:
            k = int(str(item).strip().strip("[]"))
        except ValueError:
            continue
        if 1 <= k <= n and k not in numbers:
            numbers.append(k)
    missing_raw = data.get("missing") or []
    missing = [str(m) for m in (missing_raw if isinstance(missing_raw, list) else [missing_raw]) if str(m).strip()]
    explanation = " ".join(str(data.get("explanation") or "").split())[:400]
    return verdict, numbers, missing, explanation


class LLMMatcher:
    """``match(claim, document)``: the default matcher's retrieval, a language model's verdict."""

    name = "llm"

    def __init__(self, settings: Settings, store=None) -> None:
        from . import load_matcher

        self.client = _Client(settings)
        self.default = load_matcher("default", store=store)

    def match(self, claim: Claim, document: Document) -> Verdict:
        analysis = self.default.analyse(claim, document)
        base = self.default.verdict_of(claim, document, analysis)
        if not document.sentences or not base.evidence:
            return base  # nothing to show the model: no text, or a claim with nothing to look for
        ids = self.candidates(analysis, len(document.sentences))
        prompt = self.prompt(claim, document, ids)
        reason = ""
        for _attempt in range(2):
            try:
                answer = self.client.ask(SYSTEM, prompt)
            except MatcherError as exc:
                reason = exc.message
                break
            parsed = parse_answer(answer, len(ids))
            if parsed is not None:
                return self.verdict(document, ids, parsed, base)
            reason = "the model's answer was not the JSON asked for, twice"
        return replace(base, explanation=f"LLM judge unavailable ({reason}); the default matcher's verdict: "
                                         + base.explanation)

    @staticmethod
    def candidates(analysis, n: int) -> list[int]:
        """Sentence indices shown to the model, in document order."""
        chosen = list(dict.fromkeys([*analysis.ranked[:N_CANDIDATES], *analysis.evidence]))
        for i in analysis.ranked[:3]:
            for j in (i - 1, i + 1):
                if 0 <= j < n and j not in chosen:
                    chosen.append(j)
        return sorted(chosen[:MAX_SENTENCES])

    @staticmethod
    def prompt(claim: Claim, document: Document, ids: list[int]) -> str:
        lines = [f"Claim: {claim.text}"]
        if claim.translation:
            lines.append(f"Claim in English: {claim.translation}")
        if claim.context:
            lines.append(f"Context of the claim (for names and pronouns): {claim.context}")
        lines.append("")
        lines.append("Sentences from the source" + (f" \"{document.title}\"" if document.title else "")
                     + f" ({document.url}):")
        for k, i in enumerate(ids, 1):
            text = " ".join(document.sentences[i].text.split())
            if len(text) > MAX_SENTENCE_CHARS:
                text = text[:MAX_SENTENCE_CHARS] + " …"
            lines.append(f"[{k}] {text}")
        lines += ["", INSTRUCTIONS]
        return "\n".join(lines)

    def verdict(self, document: Document, ids: list[int], parsed, base: Verdict) -> Verdict:
        verdict, numbers, missing, explanation = parsed
        evidence = []
        for k in sorted(numbers):
            s = document.sentences[ids[k - 1]]
            evidence.append(Evidence(document.text[s.start:s.end], s.start, s.end, 1.0))
        note = ""
        if not evidence and verdict != "not_supported":
            evidence = list(base.evidence)
            note = " (the model cited no sentence; evidence from retrieval)"
        score = LLM_WEIGHT * VERDICT_PRIOR[verdict] + (1 - LLM_WEIGHT) * base.score
        if verdict == "contradicted":
            score = min(score, 0.2)
        text = f"LLM judge ({self.client.settings.llm_model}): {explanation or verdict}{note}"
        return Verdict(verdict, round(score, 4), tuple(evidence), text, tuple(missing),  # type: ignore[arg-type]
                       self.name)


LANGUAGE_NAMES = {"en": "English", "zh": "Chinese", "de": "German", "fr": "French", "es": "Spanish",
                  "ja": "Japanese", "ko": "Korean", "ru": "Russian", "pt": "Portuguese", "it": "Italian"}


def translate_claims(texts: list[str], target_language: str, settings: Settings) -> list[str]:
    """Each text translated into ``target_language`` (a code such as ``en``, or a name) by the model.

    A text already in that language (as ``extract.guess_language`` tells) is
    not sent and gets "". ``MatcherError`` when the endpoint is not configured
    or a request fails (nothing half-done is worth writing then); an answer
    that is not the JSON asked for is asked once more, then that text gets "".
    """
    from ..extract import guess_language

    check_settings(settings, "--translate")
    code = target_language.strip().lower()
    name = LANGUAGE_NAMES.get(code, target_language.strip())
    client = _Client(settings)
    system = ("You translate claims from an article for a fact-checker. Translate faithfully: keep every "
              "name, number, date and quote; add nothing. Answer with one JSON object and nothing else.")
    out: list[str] = []
    for text in texts:
        if not text.strip() or guess_language(text) == code:
            out.append("")
            continue
        user = f'Translate this claim into {name}.\nClaim: {text}\n\nAnswer with JSON only: {{"translation": "..."}}'
        result = ""
        for _attempt in range(2):
            data = _json_object(client.ask(system, user))
            value = data.get("translation") if data else None
            if isinstance(value, str) and value.strip():
                result = " ".join(value.split())
                break
        out.append(result)
    return out
