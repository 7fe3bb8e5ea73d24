"""What the event-scoring tests' hand-made vectors share: the policy they are scored under and
the weights of an entity term named in a title (MAIN) or once (ONCE)."""

from __future__ import annotations

import math

from transform import event_scoring as scoring

POLICY = scoring.EventPolicy(
    similarity_threshold=0.2,
    merge_threshold=0.2,
    link_share=0.5,
    min_shared_words=2,
    identity_terms=4,
    identity_share=0.5,
)
W = 1.5  # the entity weight of the hand-made vectors
MAIN = W * (2 + math.log(2))  # named in a title and once more
ONCE = W
