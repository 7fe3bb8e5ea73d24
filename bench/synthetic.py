"""Synthetic news: articles with known events and syndicated copies, for scale benchmarks.

Texts are drawn from a Zipf-like vocabulary (pseudo-words, or a given list of real words in
rank order); each event has its own pseudo-word topic words, names and figures, so event
membership is known and recoverable. Publication times have a constant density
(``per_day``), as a warehouse that grows over time, not in density.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

_CONSONANTS = "bcdfghjklmnprstvz"
_VOWELS = "aeiou"


@dataclass(frozen=True)
class SyntheticArticle:
    key: str
    event: int
    title: str
    text: str
    published_at: datetime
    source: str
    copy_of: str | None = None  # key of the article this one republishes


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(syllables))


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add(_word(rng, rng.randint(2, 4)))
    return sorted(words)


@dataclass(frozen=True)
class _Event:
    topic: tuple[str, ...]
    names: tuple[str, ...]
    figures: tuple[str, ...]
    start: datetime


def _sentence(rng: random.Random, event: _Event, common: list[str], cumulative: list[float]) -> str:
    parts = rng.choices(common, cum_weights=cumulative, k=rng.randint(12, 20))
    for position in range(len(parts)):
        roll = rng.random()
        if roll < 0.25:
            parts[position] = rng.choice(event.topic)
        elif roll < 0.32:
            parts[position] = rng.choice(event.names)
        elif roll < 0.35:
            parts[position] = rng.choice(event.figures)
    return parts[0].capitalize() + " " + " ".join(parts[1:]) + "."


def generate(
    count: int,
    *,
    seed: int = 1,
    start: datetime,
    per_day: float = 300.0,
    copy_share: float = 0.1,
    mean_event_size: int = 6,
    sources: int = 40,
    common_words: Sequence[str] = (),
) -> list[SyntheticArticle]:
    """``count`` articles in published order: originals of events plus syndicated copies
    (the last paragraph cut, a credit line added). ``common_words``, most frequent first,
    replaces the pseudo-word vocabulary of the running text when given."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 6000)
    common, topical = list(common_words) or vocabulary[:4000], vocabulary[4000:]
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(common))))
    span_days = count / per_day
    events: list[_Event] = []
    articles: list[SyntheticArticle] = []
    originals: list[SyntheticArticle] = []
    while len(articles) < count:
        if not events or rng.random() < 1.0 / mean_event_size:
            names = tuple(
                f"{_word(rng, 2).capitalize()} {_word(rng, 3).capitalize()}" for _ in range(3)
            )
            events.append(
                _Event(
                    topic=tuple(rng.sample(topical, 12)),
                    names=names,
                    figures=tuple(str(rng.randint(10, 99999)) for _ in range(2)),
                    # events begin in creation order: the timeline fills at a steady rate
                    start=start + timedelta(days=span_days * len(articles) / count),
                )
            )
        key = f"a{len(articles)}"
        source = f"outlet{rng.randrange(sources)}.example"
        if originals and rng.random() < copy_share:
            original = rng.choice(originals[-200:])
            paragraphs = original.text.split("\n\n")
            text = "\n\n".join(paragraphs[:-1] + [f"First published by {original.source}."])
            articles.append(
                SyntheticArticle(
                    key,
                    original.event,
                    original.title,
                    text,
                    original.published_at + timedelta(hours=rng.uniform(0.5, 12)),
                    source,
                    copy_of=original.key,
                )
            )
            continue
        index = rng.randrange(max(0, len(events) - 30), len(events))
        event = events[index]
        title_words = rng.sample(event.topic, 4) + [rng.choice(event.names)]
        rng.shuffle(title_words)
        paragraphs = [
            " ".join(_sentence(rng, event, common, cumulative) for _ in range(2)) for _ in range(5)
        ]
        article = SyntheticArticle(
            key,
            index,
            " ".join(title_words).capitalize(),
            "\n\n".join(paragraphs),
            event.start + timedelta(hours=rng.uniform(0, 36)),
            source,
        )
        articles.append(article)
        originals.append(article)
    articles.sort(key=lambda a: (a.published_at, a.key))
    return articles


__all__ = ["SyntheticArticle", "generate"]
