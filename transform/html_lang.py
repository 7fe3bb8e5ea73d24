"""Language of a text: declared codes normalized, or guessed from writing system and stopwords.

The guesser is deliberately small: a script check for languages with their own alphabet, then
profiles of very frequent function words for the Latin-script languages most news is in. It
answers None rather than guess on little evidence.
"""

from __future__ import annotations

import re
from collections import Counter

_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
# ISO 639-2/3 codes that pages use where a 639-1 code exists.
_THREE_TO_TWO = {
    "eng": "en",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "nld": "nl",
    "dut": "nl",
    "rus": "ru",
    "pol": "pl",
    "swe": "sv",
    "dan": "da",
    "nor": "no",
    "nob": "nb",
    "fin": "fi",
    "tur": "tr",
    "jpn": "ja",
    "zho": "zh",
    "chi": "zh",
    "kor": "ko",
    "ara": "ar",
    "ukr": "uk",
}

# Function words, written for this project from common usage; overlap between languages is fine,
# only the share of hits matters.
_PROFILES: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for it was on with as he she they are be at by this "
        "have from or had not but his her which were their has been would will who said",
        "de": "der die und das ist nicht ein eine zu den von mit sich auf dem des für im auch "
        "es an werden aus er hat dass sie nach wird bei einer um noch wie über so zum",
        "fr": "le la les de des et est un une du en que qui dans pour pas sur au avec il elle "
        "ce sont par plus ne se aux été cette mais ont nous vous leur être",
        "es": "el la los las de del y que en un una es por con para no se lo al como más pero "
        "sus su le ha fue este esta son entre también desde muy sobre",
        "it": "il lo la gli le di del della che e un una è per non in con si sono da al anche "
        "più ma come questo nel alla ha dei delle degli stato essere",
        "pt": "o a os as de do da dos das e que em um uma é para com não se por mais como mas "
        "foi ao no na nos seu sua ele ela são está também pelo pela",
        "nl": "de het een en van in is dat op te zijn niet met voor die er aan ook als bij door "
        "maar om worden naar dan was heeft wordt nog deze",
        "sv": "och i att det som en på är av för med till den har de inte om ett var jag men "
        "så kan från eller han hon sig vid efter också",
        "da": "og i at det er en til på af for med den har de ikke som et var jeg men så kan "
        "fra eller han hun sig efter også blev være",
        "no": "og i at det er en til på av for med den har de ikke som et var jeg men så kan "
        "fra eller han hun seg etter også ble være",
        "pl": "i w na z że do się nie to jest o jak po a od przez za ale co tak jego które był "
        "oraz dla tym czy jej już są ich",
        "tr": "ve bir bu da de için ile olarak çok daha gibi en ama olan ne var sonra kadar "
        "değil ise her şey olduğunu ya mi",
        "fi": "ja on ei se että oli hän kun mutta myös tai ovat joka sen niin kuin vain jo "
        "nyt ole mukaan hänen",
        "id": "yang dan di dengan untuk ini itu dari dalam tidak akan pada juga ke ada oleh "
        "karena atau bisa telah sudah mereka",
    }.items()
}
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = (
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\uac00-\ud7af]"), "ko"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
    (re.compile(r"[\u0900-\u097f]"), "hi"),
    (re.compile(r"[\u0590-\u05ff]"), "he"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
    (re.compile(r"[\u0370-\u03ff]"), "el"),
    (re.compile(r"[\u0400-\u04ff]"), "ru"),
)
# Every script above at once: when all of them together make up too little of the sample, none
# of them alone can, and the per-script counts are skipped.
_ANY_SCRIPT = re.compile("[" + "".join(pattern.pattern[1:-1] for pattern, _ in _SCRIPTS) + "]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_SAMPLE_CHARS = 6000
_MIN_HITS = 5


def function_words(language: str | None) -> frozenset[str]:
    """The language's most frequent function words (its profile above); empty for a language
    without one."""
    return _PROFILES.get(language or "", frozenset())


def normalize_language(code: str | None) -> str | None:
    """``en-US`` -> ``en``; None for values that are not language codes."""
    if not code:
        return None
    match = _CODE.match(code.strip().split(",")[0].strip())
    if not match:
        return None
    primary = match.group(1).lower()
    if len(primary) == 3:
        return _THREE_TO_TWO.get(primary)
    return primary


def detect_language(text: str) -> str | None:
    """Guess the ISO 639-1 language of ``text``; None when the evidence is thin."""
    sample = text[:_SAMPLE_CHARS]
    letters = sum(map(str.isalpha, sample))
    if letters < 20:
        return None
    if len(_ANY_SCRIPT.findall(sample)) > letters * 0.3:
        for pattern, lang in _SCRIPTS:
            if len(pattern.findall(sample)) > letters * 0.3:
                if lang == "ru" and _UKRAINIAN.search(sample):
                    return "uk"
                return lang
    words = _WORD.findall(sample.lower())
    counts = Counter(words)
    best, best_hits = None, 0
    for lang, profile in _PROFILES.items():
        hits = sum(counts[w] for w in profile.intersection(counts))
        if hits > best_hits:
            best, best_hits = lang, hits
    if best_hits < _MIN_HITS or best_hits < len(words) * 0.08:
        return None
    return best


__all__ = ["detect_language", "normalize_language"]
