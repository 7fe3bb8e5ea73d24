"""Text fingerprints for deduplication: exact content hashes and MinHash/LSH near-duplicates.

The signature is stored per article (``article_signatures``) and its LSH band keys in
``article_bands``, so a new article's candidates are one indexed lookup and verifying each
costs one signature read: the per-article cost does not grow with the warehouse.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datasketch pulls in SciPy (seconds): loaded by the first signature only;
    # NumPy by the first signature read (importing this module for content_hash stays light)
    import numpy as np
    from datasketch import MinHash

_SCHEME = "affine32"  # fixed explicitly: stored signatures must stay comparable across versions
_SEED = 1
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


class FingerprintError(ValueError):
    """A signature does not fit the configured MinHash shape."""


def normalize_text(text: str) -> str:
    """Unicode compatibility forms, case, punctuation and whitespace folded:
    ``"A-b,  c!"`` -> ``"a b c"``."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).replace("_", " ").split())


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the normalized text: equal for texts differing only in case,
    whitespace or punctuation."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[str]:
    """Word ``size``-grams of the normalized text; a text shorter than ``size`` words is one shingle."""
    tokens = normalize_text(text).split()
    if not tokens:
        return set()
    if len(tokens) <= size:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


@lru_cache(maxsize=8)
def _template(permutations: int) -> MinHash:
    from datasketch import MinHash

    return MinHash(num_perm=permutations, seed=_SEED, scheme=_SCHEME)


def minhash_signature(text: str, permutations: int, shingle_size: int) -> np.ndarray:
    """The MinHash signature (uint32 array of ``permutations`` values) of the text's shingles."""
    sketch = _template(permutations).copy()  # the template itself is never updated
    sketch.update_batch([s.encode("utf-8") for s in sorted(shingles(text, shingle_size))])
    return sketch.hashvalues.astype("uint32")


def signature_to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from_bytes(blob: bytes, permutations: int) -> np.ndarray:
    import numpy as np

    signature = np.frombuffer(blob, dtype="<u4")
    if signature.size != permutations:
        raise FingerprintError(
            f"stored signature has {signature.size} values, settings expect {permutations}"
        )
    return signature


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal MinHash slots: an unbiased estimate of the shingle sets' Jaccard."""
    if a.shape != b.shape:
        raise FingerprintError(f"signature shapes differ: {a.shape} vs {b.shape}")
    return float((a == b).sum()) / a.size


def band_keys(signature: np.ndarray, bands: int) -> list[tuple[int, int]]:
    """``(band, bucket)`` LSH keys: each band's slice hashed to a signed 64-bit integer."""
    if signature.size % bands:
        raise FingerprintError(f"{bands} bands do not divide {signature.size} permutations")
    rows = signature.size // bands
    raw = signature.astype("<u4")
    keys = []
    for band in range(bands):
        digest = hashlib.blake2b(raw[band * rows : (band + 1) * rows].tobytes(), digest_size=8)
        keys.append((band, int.from_bytes(digest.digest(), "little", signed=True)))
    return keys


def lsh_threshold(permutations: int, bands: int) -> float:
    """The Jaccard at which a pair becomes a candidate with probability ~1/2: (1/b)^(1/r)."""
    rows = permutations // bands
    return (1.0 / bands) ** (1.0 / rows)


__all__: Sequence[str] = [
    "FingerprintError",
    "band_keys",
    "content_hash",
    "estimated_jaccard",
    "lsh_threshold",
    "minhash_signature",
    "normalize_text",
    "shingles",
    "signature_from_bytes",
    "signature_to_bytes",
]
