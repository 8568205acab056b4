"""Near-duplicate articles: MinHash signatures of the body, banded for lookup in the store.

A syndicated copy (same story, other boilerplate, light edits) becomes `copy_of` the earliest
stored article of its group: an extra source of the same story, not a new story. The index
lives in the store's `article_bands` table, so memory stays flat whatever the input size.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHash

if TYPE_CHECKING:
    from warwatch.models import Article
    from warwatch.store.base import SqlStore

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 Jaccard almost always share a band
ROWS = NUM_PERM // BANDS
SHINGLE = 3  # words
COPY_THRESHOLD = 0.5  # estimated Jaccard of word 3-shingles

_WORD = re.compile(r"\w+")
_SEED_HASHER = MinHash(num_perm=NUM_PERM, seed=7)
# Shingles are hashed with CRC-32 (C speed, stable across processes and machines): signatures
# are stored, so the hash must never depend on the interpreter's per-process seed.
_HASH = zlib.crc32


def minhash_signature(text: str) -> bytes:
    """The body's MinHash signature (NUM_PERM unsigned 32-bit values) as bytes."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        shingles = {" ".join(words).encode()}
    else:
        # UTF-8 of words joined by a space is the words' UTF-8 joined by a space
        encoded = [w.encode() for w in words]
        shingles = set(map(b" ".join, zip(*(encoded[i:] for i in range(SHINGLE)))))
    m = MinHash(num_perm=NUM_PERM, seed=7, hashfunc=_HASH, permutations=_SEED_HASHER.permutations,
                scheme=_SEED_HASHER.scheme)
    m.update_batch(list(shingles))
    return m.hashvalues.astype(np.uint32).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.mean(x == y))


def bands_of(signature: bytes) -> list[str]:
    """The LSH band keys of a signature."""
    width = ROWS * 4
    return [f"{i}:{hashlib.blake2b(signature[i * width:(i + 1) * width], digest_size=8).hexdigest()}"
            for i in range(BANDS)]


class CopyFinder:
    """Finds the stored article a new one copies, through the store's band index."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def find(self, article: Article, signature: bytes) -> str | None:
        """The article id this one is a copy of (the earliest such), or None."""
        exact = self.store.execute(
            "SELECT article_id, copy_of FROM articles WHERE body_hash = ? AND article_id <> ? "
            "ORDER BY article_id LIMIT 1", (article.body_hash, article.article_id)).fetchone()
        if exact:
            return exact[1] or exact[0]
        bands = bands_of(signature)
        marks = ", ".join("?" * len(bands))
        rows = self.store.execute(
            f"SELECT DISTINCT a.article_id, a.copy_of, a.signature FROM article_bands b "
            f"JOIN articles a ON a.article_id = b.article_id WHERE b.band IN ({marks}) AND a.article_id <> ?",
            [*bands, article.article_id]).fetchall()
        best = None
        for article_id, copy_of, other in rows:
            score = similarity(signature, bytes(other))
            if score >= COPY_THRESHOLD and (best is None or (-score, article_id) < (-best[0], best[1])):
                best = (score, copy_of or article_id)
        return best[1] if best else None
