from __future__ import annotations

import numpy as np
import pytest
from story_texts import SYNDICATED_COPY, WIRE_STORY

from transform.fingerprint import (
    FingerprintError,
    band_keys,
    content_hash,
    estimated_jaccard,
    lsh_threshold,
    minhash_signature,
    normalize_text,
    shingles,
    signature_from_bytes,
    signature_to_bytes,
)
from wirehouse.settings import Settings

SETTINGS = Settings()

ORIGINAL, SYNDICATED = WIRE_STORY, SYNDICATED_COPY

# A second outlet's own report of the same strike: same facts, its own words.
OTHER_OUTLET = """Thousands of people who rely on the Port Alder ferries were left looking for other ways
to get to work on Monday after crews stopped sailing in a row over pay for night shifts.

Harbour board chair Miriam Oduya described the stoppage as premature, pointing out that a meeting
with union officials was already planned for Thursday. The union wants a written pay offer before then.

Extra buses were laid on across the Kestrel Bridge, but passengers at the north pier reported waits
of more than an hour. Several cafe owners near the water said the morning was their quietest in years.
Crews last struck five years ago, when a nine-day dispute ended with a modest rise."""


def _jaccard(a: str, b: str) -> float:
    sa = minhash_signature(a, SETTINGS.minhash_permutations, SETTINGS.shingle_size)
    sb = minhash_signature(b, SETTINGS.minhash_permutations, SETTINGS.shingle_size)
    return estimated_jaccard(sa, sb)


def test_normalize_folds_case_whitespace_and_punctuation() -> None:
    assert (
        normalize_text("  The Harbour-Board's   OFFER!\n(Revised) ")
        == "the harbour board s offer revised"
    )


def test_content_hash_is_stable_under_formatting_changes() -> None:
    reformatted = ORIGINAL.upper().replace("\n", "  ").replace(",", " ,")
    assert content_hash(reformatted) == content_hash(ORIGINAL)
    assert content_hash(ORIGINAL) != content_hash(SYNDICATED)
    assert len(content_hash("x")) == 64


def test_shingles_are_word_ngrams() -> None:
    assert shingles("One two three four five", 4) == {"one two three four", "two three four five"}
    assert shingles("Short text", 4) == {"short text"}
    assert shingles("  ", 4) == set()


def test_signature_is_deterministic_and_round_trips_through_bytes() -> None:
    signature = minhash_signature(ORIGINAL, 128, 4)
    assert signature.dtype == np.uint32 and signature.size == 128
    assert np.array_equal(signature, minhash_signature(ORIGINAL, 128, 4))
    blob = signature_to_bytes(signature)
    assert len(blob) == 512
    assert np.array_equal(signature_from_bytes(blob, 128), signature)
    with pytest.raises(FingerprintError):
        signature_from_bytes(blob, 64)


def test_syndicated_copy_passes_the_near_duplicate_threshold() -> None:
    assert _jaccard(ORIGINAL, SYNDICATED) >= SETTINGS.near_duplicate_threshold


def test_another_outlets_report_of_the_same_event_is_not_a_duplicate() -> None:
    assert _jaccard(ORIGINAL, OTHER_OUTLET) < 0.2
    assert _jaccard(SYNDICATED, OTHER_OUTLET) < SETTINGS.near_duplicate_threshold


def test_estimated_jaccard_tracks_the_true_jaccard() -> None:
    a, b = shingles(ORIGINAL, 4), shingles(SYNDICATED, 4)
    true = len(a & b) / len(a | b)
    assert abs(_jaccard(ORIGINAL, SYNDICATED) - true) < 0.12


def test_band_keys_shared_by_copies_and_not_by_other_reports() -> None:
    p, b = SETTINGS.minhash_permutations, SETTINGS.minhash_bands
    keys = set(band_keys(minhash_signature(ORIGINAL, p, SETTINGS.shingle_size), b))
    copy = set(band_keys(minhash_signature(SYNDICATED, p, SETTINGS.shingle_size), b))
    other = set(band_keys(minhash_signature(OTHER_OUTLET, p, SETTINGS.shingle_size), b))
    assert len(keys) == b
    assert keys & copy
    assert not keys & other
    assert all(-(2**63) <= bucket < 2**63 for _, bucket in keys)


def test_band_count_must_divide_permutations() -> None:
    with pytest.raises(FingerprintError):
        band_keys(minhash_signature(ORIGINAL, 128, 4), 30)


def test_lsh_threshold_sits_below_the_verification_threshold() -> None:
    # Candidates must be found well before the verified Jaccard threshold is reached.
    assert lsh_threshold(128, 32) < SETTINGS.near_duplicate_threshold
    assert lsh_threshold(128, 32) == pytest.approx((1 / 32) ** 0.25)
