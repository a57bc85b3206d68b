"""A lexical matcher: content-word and number overlap between claim and sentences.

Honest and fast, but it cannot see paraphrase or cross-language matches
beyond names and numbers. It is the floor the default matcher must beat.
"""

from __future__ import annotations

import re

from ..models import Claim, Document, Evidence, Verdict

STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been being it its
this that these those he she they them his her their we you i not no than then so such into over about
after before also has have had do does did which who whom what when where while will would can could
said says say""".split())
TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+(?:[.,]\d+)*")


def content_words(text: str) -> set[str]:
    return {t.lower().strip("'") for t in TOKEN.findall(text) if t.lower() not in STOP and len(t) > 1}


class LexicalMatcher:
    name = "lexical"

    def match(self, claim: Claim, document: Document) -> Verdict:
        query = claim.query
        words = content_words(query)
        if not words or not document.sentences:
            return Verdict("not_supported", 0.0, (), "nothing to compare", tuple(sorted(words)), self.name)
        scored = []
        for sentence in document.sentences:
            shared = words & content_words(sentence.text)
            if shared:
                scored.append((len(shared) / len(words), sentence))
        scored.sort(key=lambda item: -item[0])
        top = scored[:3]
        found: set[str] = set()
        for _, sentence in top:
            found |= words & content_words(sentence.text)
        coverage = len(found) / len(words)
        missing = tuple(sorted(words - found))
        verdict = "supported" if coverage >= 0.8 else "partially_supported" if coverage >= 0.5 else "not_supported"
        evidence = tuple(Evidence(s.text, s.start, s.end, round(score, 3)) for score, s in top)
        # One scale with the verdict (supported exactly when score >= 0.5): coverage 0.8 maps to 0.5.
        score = 0.5 + (coverage - 0.8) * 2.5 if coverage >= 0.8 else coverage * 0.5 / 0.8 * 0.999
        return Verdict(verdict, round(score, 3), evidence,  # type: ignore[arg-type]
                       f"{len(found)} of {len(words)} content words found", missing, self.name)
