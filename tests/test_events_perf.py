"""The story step's faster forms (perf): each gives exactly what the plain form it replaced
gives, written out here as the reference, on texts and vectors that reach every branch."""

from __future__ import annotations

import heapq
import itertools
import math

from scoring_vectors import POLICY, W

from load.stories import _Weighed
from transform import event_scoring as scoring
from transform import events as ev
from transform.entity_words import german_spelling

TEXTS = (
    (
        "ROME, Nov 20 (Reuters) - Samsung's T-Mobile deal: l'accord qu'il a signé à Sölden.\n"
        "The Oetztaler Ache flooded Soelden; officials said 1,200 people left. Don't panic."
    ),
    "Flooded Streets In Porto After Storm Hits Coast",  # a headline in title case
    "« Le maire a dit : l'eau monte. » Jusqu'à 3,5 m à Lyon! Et puis? O'Neill s'en va.",
    "",
    "a b c MH370 PS4 e-cigarette planned falling cities movies x",
)


def _content_words_reference(text: str) -> list[tuple[str, str]]:
    out = []
    for match in ev._WORD_RE.finditer(text):
        written = ev._written(match.group())
        word = written.lower()
        if len(word) < 2 or word in ev.STOPWORDS:
            continue
        if written[:1].isupper():
            word = german_spelling(word)
        out.append((word, ev.stem(word)))
    return out


def test_content_words_are_the_uncached_reading_of_each_word() -> None:
    for text in TEXTS:
        assert list(ev._content_words(text)) == _content_words_reference(text)
        assert ev.words(text) == [s for _, s in _content_words_reference(text)]
    assert ("sölden", ev.stem("sölden")) in ev._content_words("Soelden")  # German spelling
    assert list(ev._content_words("the of s")) == []  # stopwords and letters
    # the cache is keyed by the token as written: case is part of the key
    assert ev._content_word("Soelden") != ev._content_word("soelden")


def _surface_forms_reference(*texts: str) -> dict[str, str]:
    seen: dict[str, dict[str, int]] = {}
    capitalized: dict[str, bool] = {}
    written_as: dict[str, str] = {}
    for text in texts:
        cased = not ev._is_title_case(text, [m.group() for m in ev._TOKEN_RE.finditer(text)])
        previous_end = 0
        for match in ev._WORD_RE.finditer(text):
            gap, previous_end = text[previous_end : match.start()], match.end()
            written = ev._written(match.group())
            word = written.lower()
            if len(word) < 2 or word in ev.STOPWORDS:
                continue
            forms = seen.setdefault(ev.stem(word), {})
            forms[word] = forms.get(word, 0) + 1
            key = ev.stem(word) + " " + word
            opens = match.start() == 0 or any(c in ev._SENTENCE_END or c == "\n" for c in gap)
            if cased and not opens:
                capitalized[key] = capitalized.get(key, True) and written[:1].isupper()
                written_as.setdefault(key, written)
    out = {}
    for stemmed, forms in seen.items():
        word = max(forms, key=forms.__getitem__)
        key = stemmed + " " + word
        out[stemmed] = written_as[key] if capitalized.get(key) else word
    return out


def test_surface_forms_read_each_word_as_before() -> None:
    for text in TEXTS:
        assert ev.surface_forms(text) == _surface_forms_reference(text)
    assert ev.surface_forms(*TEXTS) == _surface_forms_reference(*TEXTS)
    forms = ev.surface_forms("Rain hit Thistlecombe. In Thistlecombe the warnings held.")
    assert forms[ev.stem("thistlecombe")] == "Thistlecombe"
    assert forms[ev.stem("warnings")] == "warnings"


def _entities_reference(text: str) -> list[str]:
    """transform.events.entities as it read a sentence start (gap by gap)."""
    tokens = list(ev._TOKEN_RE.finditer(text))
    if ev._is_title_case(text, [m.group() for m in tokens]):
        return []
    found: list[str] = []
    run: list[str] = []
    starts = False
    previous_end = -1
    for match in tokens:
        token = match.group()
        gap = text[previous_end : match.start()] if previous_end >= 0 else "."
        start = previous_end < 0 or any(ch in ev._SENTENCE_END for ch in gap) or "\n" in gap
        capitalized = token[0].isupper() and not token.isdigit()
        if (
            capitalized
            and token.lower() not in ev.STOPWORDS
            or (capitalized and run and not start and token.lower() in ("of", "the"))
        ):
            if run and (start or any(ch in ",()" for ch in gap)):
                if not (starts and len(run) == 1):
                    phrase = " ".join(german_spelling(w.lower()) for w in run)
                    if phrase not in ev.STOPWORDS:
                        found.append(phrase)
                run.clear()
            if not run:
                starts = start
            run.append(token)
        else:
            if run and not (starts and len(run) == 1):
                phrase = " ".join(german_spelling(w.lower()) for w in run)
                if phrase not in ev.STOPWORDS:
                    found.append(phrase)
            run.clear()
        previous_end = match.end()
    if run and not (starts and len(run) == 1):
        phrase = " ".join(german_spelling(w.lower()) for w in run)
        if phrase not in ev.STOPWORDS:
            found.append(phrase)
    return found


def test_entities_and_numbers_unchanged() -> None:
    for text in TEXTS:
        assert ev.entities(text) == _entities_reference(text)
    text = "Charles Plosser said.\nBank Of England: 1,200 and 3.5% of $1.8bn; ²; MH370 in 2027."
    assert ev.entities(text) == _entities_reference(text)
    for sample in (*TEXTS, text, "U.S. 4x4 and 48GB, ³ and ½", "Le 3,5 % de 1.200"):
        for language in ("en", "fr", "de"):
            assert ev.numbers(sample, language) == _numbers_reference(sample, language)
    assert "1200" in ev.numbers(text)


def _numbers_reference(text: str, language: str) -> list[str]:
    primary = language if language in ev._SCALES else "en"
    found = []
    for match in ev._FIGURE_RE.finditer(text):
        token = match.group()
        if not any(c.isdigit() for c in token):
            continue
        term = ev._figure(token, text[match.end() : match.end() + 24], primary)
        if term is not None:
            found.append(term)
    return found


def _term_factors_reference(terms: list[str], counts: dict[str, int], documents: int) -> dict:
    return {
        t: None if t.startswith(ev.ROLE_ONLY_PREFIXES) else ev.idf(counts.get(t, 0), documents)
        for t in terms
    }


def test_term_factors_are_each_terms_idf() -> None:
    terms = ["flood", "river", "o:acme", "p:ana lopez", "q:acme", "g:es:place:x", "unseen"]
    counts = {"flood": 4, "river": 4, "o:acme": 2, "p:ana lopez": 1, "g:es:place:x": 9}
    for documents in (0, 9, 10_001):
        factors = ev.term_factors(iter(terms), counts, documents)
        assert factors == _term_factors_reference(terms, counts, documents)
    assert ev.term_factors([], counts, 5) == {}


def test_strongest_keeps_heapq_order_and_ties() -> None:
    vector = {f"t{i}": float(i % 4) for i in range(40)}  # many equal weights
    for count in (1, 3, 10, 39):
        expected = dict(heapq.nlargest(count, vector.items(), key=lambda kv: kv[1]))
        found = ev.strongest(vector, count)
        assert list(found.items()) == list(expected.items())
    assert ev.strongest(vector, 40) is vector


def test_norm_and_cosine_sum_in_the_same_order() -> None:
    a = {f"t{i}": 0.1 * i + 1e-9 * i * i for i in range(1, 60)}
    b = {f"t{i}": 0.3 / i for i in range(30, 90)}
    assert ev.norm(a) == math.sqrt(sum(v * v for v in a.values()))
    small, large = (b, a) if len(b) < len(a) else (a, b)
    dot = sum(v * large[t] for t, v in small.items() if t in large)
    assert ev.cosine(a, b) == dot / (ev.norm(small) * ev.norm(large))
    assert ev.cosine(a, {"other": 1.0}) == 0.0


def test_names_is_any_same_person() -> None:
    names = ["p:lopez", "p:ana lopez", "p:marc lopez", "p:ana", "p:lopez garcia", "p:obama"]
    for size in (0, 1, 2, 3):
        for people in itertools.combinations(names, size):
            for in_play_size in (0, 2):
                for in_play in itertools.combinations(names, in_play_size):
                    for actor in names:
                        expected = actor in people or any(
                            scoring.same_person(actor, p, frozenset(in_play)) for p in people
                        )
                        found = scoring._names(actor, frozenset(people), frozenset(in_play))
                        assert found == expected, (actor, people, in_play)


def test_weighed_members_are_weighed_once_when_read() -> None:
    raw = {1: {"flood": 2.0, "o:acme": 1.0}, 2: {"river": 1.0}, 3: {}}
    counts = {"flood": 3, "river": 1}
    calls: list[int] = []

    def weigh(vectors: list) -> list[dict[str, float]]:
        calls.append(len(vectors))
        return [ev.weigh(v, counts, 10) for v in vectors]

    members = _Weighed([2, 1, 3], raw, weigh)
    assert list(members) == [2, 1, 3] and len(members) == 3
    assert not calls  # nothing weighed until read
    assert members[1] == ev.weigh(raw[1], counts, 10)
    assert members[1] is members[1] and calls == [1]  # weighed once
    assert members[3] == {}
    assert dict(members.items()) == {i: ev.weigh(raw[i], counts, 10) for i in raw}


def test_best_links_read_no_member_held_apart() -> None:
    vector = {"flood": 1.0, "river": 1.0, "rain": 1.0}
    here = scoring.roles({"p:ana lopez": 3 * W}, W)
    there = scoring.roles({"p:marc dupont": 3 * W}, W)
    read: list[int] = []

    def weigh(vectors: list) -> list[dict[str, float]]:
        read.append(len(vectors))
        return [dict(v) for v in vectors]

    members = _Weighed([1, 2], {1: dict(vector), 2: dict(vector)}, weigh)
    roles = {1: here, 2: there}
    best = scoring.best_links(vector, members, {1: 10, 2: 20}, POLICY, here, roles)
    eager = scoring.best_links(vector, {1: vector, 2: vector}, {1: 10, 2: 20}, POLICY, here, roles)
    assert best == eager
    assert best[20] == 0.0 < best[10]  # the stranger is held apart
    assert read == [1]  # and its vector never weighed
