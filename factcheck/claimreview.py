"""schema.org ClaimReview JSON-LD, for the claims a person has reviewed.

Fact-checkers publish their verdicts as ``ClaimReview`` objects and search
engines read them. ``claim_reviews(data)`` takes the report data with reviews
(``reviews.annotate``) and returns one object per claim whose review is current;
unreviewed claims and reviews gone out of date are left out, because a
machine's verdict is not a fact-check. The rating is mapped from the verdict
on a 1-5 scale (5: the cited sources support the claim); ``unverifiable`` has
no number, only its name, as schema.org allows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["claim_reviews", "render_claimreview", "RATINGS"]

#: verdict -> (ratingValue, alternateName); bestRating 5, worstRating 1.
RATINGS: dict[str, tuple[int | None, str]] = {
    "supported": (5, "Supported by the cited sources"),
    "partially_supported": (3, "Partly supported by the cited sources"),
    "not_supported": (2, "Not supported by the cited sources"),
    "contradicted": (1, "Contradicted by the cited sources"),
    "unverifiable": (None, "Unverifiable: no usable copy of the cited sources"),
}


def claim_reviews(data: Mapping[str, Any], *, article_url: str | None = None,
                  language: str | None = None) -> list[dict[str, Any]]:
    """One ClaimReview per claim with a current review, in file order."""
    out = []
    for claim in data.get("claims", ()):
        review = claim.get("review") or {}
        if review.get("state") != "reviewed" or not review.get("reviewer"):
            continue
        out.append(_claim_review(claim, review, article_url, language))
    return out


def _claim_review(claim: Mapping[str, Any], review: Mapping[str, Any], article_url: str | None,
                  language: str | None) -> dict[str, Any]:
    verdict = str(review.get("reviewed_verdict") or review["verdict"])
    value, name = RATINGS[verdict]
    rating: dict[str, Any] = {"@type": "Rating", "bestRating": 5, "worstRating": 1, "alternateName": name}
    if value is not None:
        rating["ratingValue"] = value
    item: dict[str, Any] = {"@type": "Claim", "identifier": claim["id"]}
    if article_url and article_url.startswith(("http://", "https://")):
        item["appearance"] = {"@type": "CreativeWork", "url": article_url}
    if language:
        item["inLanguage"] = language
    person = {"@type": "Person", "name": review["reviewer"]}
    obj: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "claimReviewed": claim.get("translation") or claim["text"],
        "datePublished": str(review.get("reviewed_at", ""))[:10],
        "author": person, "reviewRating": rating, "itemReviewed": item,
        "isBasedOn": [{"@type": "CreativeWork", "url": s["url"]} for s in claim.get("sources", ())],
    }
    if claim.get("translation"):
        item["text"] = claim["text"]  # the claim as the article says it; claimReviewed is its translation
    if review.get("note"):
        obj["reviewBody"] = review["note"]
    return obj


def render_claimreview(objects: list[dict[str, Any]]) -> str:
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
