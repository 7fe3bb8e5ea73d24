"""Where the event clustering loses B-cubed F1 on labelled headlines: precision or recall,
which gold stories split and which predicted events mix stories, and why.

    python bench/clustering_diagnose.py --data /work/shared/bench/story-clustering --seed 7

Same shuffle and times as bench/clustering_bench.py. B-cubed loss is split exactly: recall loss
per gold story (its items' missing share of their story), precision loss per predicted event
(its items' share of other stories), and both by the size band of the item's predicted event;
two gold oracles bound what a rule on events of 5+ (40+) members could gain: each such event
split into its gold stories, or merged with those whose majority story is its own. For each
split story, its fragments beyond the largest are described: how many share fewer than the
link's minimum of words with every article of the largest fragment (no member can link them),
and the best cosine of a fragment article with the largest fragment's centroid (final document
frequencies; the join threshold applies to a blend of this and the best link).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from clustering_bench import bcubed, load_records

from load.stories import cluster_records
from transform import events as ev
from wirehouse.settings import load_settings


def _loss_by_group(items: dict[str, str], other: dict[str, str]) -> dict[str, float]:
    """Per group of ``items``, the B-cubed loss (1 - share of the item's group in the other
    labelling's group, summed over the group's items): recall loss when ``items`` is the
    gold labelling, precision loss when it is the predicted one."""
    size = Counter(items.values())
    both = Counter((items[i], other[i]) for i in items)
    loss: dict[str, float] = defaultdict(float)
    for i, group in items.items():
        loss[group] += 1.0 - both[(group, other[i])] / size[group]
    return loss


_SIZE_BANDS = (1, 2, 4, 10, 30, 80)  # lower bounds of the event-size bands losses are split by


def _size_band(size: int) -> int:
    return max(b for b in _SIZE_BANDS if b <= size)


def _loss_by_event_size(
    gold: dict[str, str], predicted: dict[str, str]
) -> tuple[dict[int, float], dict[int, float]]:
    """Precision and recall loss (each summed over items) by the size band of the item's
    predicted event: where the B-cubed weight goes, large mixed events or small fragments."""
    size, gold_size = Counter(predicted.values()), Counter(gold.values())
    both = Counter((gold[i], predicted[i]) for i in gold)
    precision: dict[int, float] = defaultdict(float)
    recall: dict[int, float] = defaultdict(float)
    for i, event in predicted.items():
        band, shared = _size_band(size[event]), both[(gold[i], event)]
        precision[band] += 1.0 - shared / size[event]
        recall[band] += 1.0 - shared / gold_size[gold[i]]
    return precision, recall


def _bounds(gold: dict[str, str], predicted: dict[str, str], least: int) -> tuple[str, str]:
    """Two gold oracles that bound what a rule on events of ``least`` members or more can
    gain: every such event split into its gold stories (a perfect precision guard), and every
    such event merged with the others whose majority story is its own (perfect event-to-event
    merges)."""
    size = Counter(predicted.values())
    split = {i: f"{e}|{gold[i]}" if size[e] >= least else e for i, e in predicted.items()}
    majority: dict[str, tuple[str, int]] = {}
    for (event, story), count in Counter((e, gold[i]) for i, e in predicted.items()).items():
        if count > majority.get(event, ("", 0))[1]:
            majority[event] = (story, count)
    merged = {
        i: f"story {majority[e][0]}" if size[e] >= least and 2 * majority[e][1] >= size[e] else e
        for i, e in predicted.items()
    }
    split_text, merged_text = (
        "P={:.3f} R={:.3f} F1={:.3f}".format(*bcubed(gold, labels)) for labels in (split, merged)
    )
    return split_text, merged_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stories", type=int, default=12, help="split stories to describe")
    parser.add_argument("--examples", type=int, default=4, help="fragment headlines per story")
    args = parser.parse_args(argv)
    settings = load_settings()
    records, gold = load_records(args.data, args.seed)
    predicted = dict(cluster_records(records, settings))
    n = len(records)
    p, r, f1 = bcubed(gold, predicted)
    print(f"{n} headlines, seed {args.seed}: B3 P={p:.3f} R={r:.3f} F1={f1:.3f}")

    recall_loss = _loss_by_group(gold, predicted)
    precision_loss = _loss_by_group(predicted, gold)
    print(
        f"recall loss {sum(recall_loss.values()) / n:.3f}, "
        f"precision loss {sum(precision_loss.values()) / n:.3f} (of 1.000)"
    )

    by_precision, by_recall = _loss_by_event_size(gold, predicted)
    for name, losses in (("precision", by_precision), ("recall", by_recall)):
        print(
            f"{name} loss by the item's event size: "
            + ", ".join(f"{band}+ {losses[band] / n:.3f}" for band in sorted(losses))
        )
    for least in (5, 40):
        split, merged = _bounds(gold, predicted, least)
        print(f"oracle, events of {least}+: split by gold {split}; merged by story {merged}")

    by_id = {rec["id"]: rec for rec in records}
    arrival = {rec["id"]: position for position, rec in enumerate(records)}  # time order
    terms = {i: ev.article_terms(rec["title"], rec["text"]) for i, rec in by_id.items()}
    counts: Counter = Counter()
    for vector in terms.values():
        counts.update(vector.keys())
    weighted = {i: ev.weigh(v, counts, n) for i, v in terms.items()}
    members: dict[str, list[str]] = defaultdict(list)
    for i, event in predicted.items():
        members[event].append(i)

    sizes = Counter(predicted.values())
    singletons = sum(1 for s in sizes.values() if s == 1)
    print(
        f"predicted events {len(sizes)} (singletons {singletons}), gold stories "
        f"{len(set(gold.values()))}"
    )
    in_singletons = Counter(gold[i] for i in predicted if sizes[predicted[i]] == 1)
    print(f"articles alone in their event: {sum(in_singletons.values())}")

    print("\n== recall: stories losing most (loss share of all items) ==")
    stories: dict[str, list[str]] = defaultdict(list)
    for i, story in gold.items():
        stories[story].append(i)
    for story, loss in sorted(recall_loss.items(), key=lambda kv: -kv[1])[: args.stories]:
        items = stories[story]
        fragments = Counter(predicted[i] for i in items)
        largest_event, largest = fragments.most_common(1)[0]
        core = [i for i in items if predicted[i] == largest_event]
        centroid: dict[str, float] = {}
        for i in core:
            centroid = ev.combine(centroid, weighted[i])
        rest = [i for i in items if predicted[i] != largest_event]
        unlinkable = sum(
            1
            for i in rest
            if all(
                ev.shared_words(terms[i], terms[j]) < settings.event_min_shared_words for j in core
            )
        )
        cosines = sorted(ev.cosine(weighted[i], centroid) for i in rest)
        median = cosines[len(cosines) // 2] if cosines else 0.0
        print(
            f"\nstory {story[:10]} size {len(items)}: {len(fragments)} fragments, largest "
            f"{largest}, {sum(1 for c in fragments.values() if c == 1)} alone; loss "
            f"{loss / n:.4f}; rest {len(rest)}: {unlinkable} share < "
            f"{settings.event_min_shared_words} words with all of the largest; median "
            f"centroid cosine {median:.3f}"
        )
        print("   core:", " | ".join(by_id[i]["title"][:70] for i in core[: args.examples]))
        for i in rest[: args.examples]:
            print(
                f"   rest ({fragments[predicted[i]]:3d}, cos {ev.cosine(weighted[i], centroid):.2f})"
                f": {by_id[i]['title'][:90]}"
            )

    print("\n== precision: events mixing stories most ==")
    for event, loss in sorted(precision_loss.items(), key=lambda kv: -kv[1])[: args.stories]:
        mix = Counter(gold[i] for i in members[event])
        print(
            f"event {event} size {sizes[event]}: loss {loss / n:.4f}, stories "
            f"{[c for _, c in mix.most_common(5)]}"
        )
        for story, _ in mix.most_common(3):
            sample = next(i for i in members[event] if gold[i] == story)
            print(f"   {story[:10]}: {by_id[sample]['title'][:90]}")
        for line in _first_strays(members[event], gold, arrival, by_id, args.examples):
            print(line)
    return 0


def _first_strays(
    event_members: list[str],
    gold: dict[str, str],
    arrival: dict[str, int],
    by_id: dict[str, dict],
    shown: int,
) -> list[str]:
    """How an event came to mix stories, read from the final events alone: for each story
    beside its majority one, the first of its headlines to arrive and the event's members
    that arrived before it, of any story (the headlines it could link to, unless it came in
    by a merge). A story's first stray after one or two members of another is a chain that
    starts small (a "files for bankruptcy" headline of one firm after another's)."""
    ordered = sorted(event_members, key=arrival.__getitem__)
    majority = Counter(gold[i] for i in ordered).most_common(1)[0][0]
    lines = []
    for story in dict.fromkeys(gold[i] for i in ordered):
        if story == majority:
            continue
        first = next(i for i in ordered if gold[i] == story)
        before = ordered[: ordered.index(first)]
        if not before:
            continue  # the event's first headline: the others' story joined it
        earlier = " | ".join(by_id[i]["title"][:50] for i in before[:shown])
        lines.append(
            f"   first of {story[:10]} came {len(before) + 1}. "
            f"({by_id[first]['title'][:60]}) after: {earlier}"
        )
    return lines[:shown]


if __name__ == "__main__":
    raise SystemExit(main())
