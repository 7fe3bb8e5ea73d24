"""People: the rules that find a person's name in a chunk of capitalised words.

A known first name followed by a surname, a title followed by a name, two capitalised words no
language uses, a word shaped like a family name, a common first name alone where a person
stands (:func:`_lone_name_context`), a name after a verb of saying (:func:`_speaker_in`), and
the one who spoke beside a closed quotation (:func:`_quoted_speaker_in`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from transform.entity_gazetteer import _Lexicon, _named, common_given_names, place_of_note
from transform.entity_tokens import _ABBREVIATIONS, _Candidate, _time_word, _Token
from transform.entity_words import (
    ARTICLES,
    CAPITAL_PARTICLES,
    CONNECTORS,
    DEFINITE,
    DEGREE_WORDS,
    DETERMINERS,
    ENGLISH_PERSONAL_PRONOUNS,
    ENGLISH_REPORTING_VERBS,
    ENGLISH_SUBJECT_SAYING_VERBS,
    FUSED_ARTICLES,
    GERMAN_DETERMINER,
    GERMAN_FUSED_ARTICLES,
    GERMAN_PERSON_NOUN_ENDINGS,
    GERMAN_SETTLEMENT_WORDS,
    HUMAN_RELATIVE_PRONOUNS,
    KIND_VENUE_WORDS_AFTER,
    KINSHIP_NOUNS,
    LANGUAGES,
    LOCATIVES,
    NAME_PARTICLES,
    ORG_WORDS,
    RANK_ABBREVIATIONS,
    RANKS,
    REPORTING_VERBS,
    SAINT_ADJECTIVES,
    SAINT_WORDS,
    SOURCE_BEFORE,
    SOURCE_REACH,
    STREET_NOUNS_AFTER,
    STREET_WORDS,
    TEMPERATURE_SCALES,
    _classifier,
    _is_title,
    _zipf,
    fold,
    legal_form,
)

# a venue's kind word after a name makes the name the venue's ("Shannon Airport"), as a
# street's noun does ("Columbus Avenue"): no surname, however a given name opens it
_VENUE_NOUNS_AFTER = STREET_NOUNS_AFTER | {
    word.casefold() for words in KIND_VENUE_WORDS_AFTER.values() for word in words
}
RARE_ZIPF = 3.0  # below this in every language (absent from every small list), two capitalised
# words side by side are a name
# Opening a sentence, where every word is capitalised, a word after which a person's pronoun
# stands is taken for a name only under this (a surname: "Assange" 3.4, "Prakash" 2.9; not a
# common noun: "Everyone" 5.3, "Critics" 4.3 with its plural's test too)
SENTENCE_START_NAME_ZIPF = 4.0
FUNCTION_WORD_ZIPF = 6.0  # as frequent as a language's pronouns and articles ("sie", "und")


def _is_surname(
    token: _Token, language: str, *, common_ok: bool = False, title_ok: bool = False
) -> bool:
    """Whether a capitalised word may be a surname: no organisation word, legal form or
    title (unless ``title_ok``), and unless ``common_ok`` no frequent word of the language."""
    word = token.text
    if not token.capitalized or word.isupper() and len(word) > 1 or len(word) < 2:
        return False
    if word.casefold() in ORG_WORDS or legal_form(word):
        return False
    if _is_title(word, language) and not title_ok:
        return False
    return common_ok or _zipf(word.casefold(), language) < 5.0


def _titled_surname(token: _Token, lexicon: _Lexicon, language: str) -> bool:
    """A name alone after a title is a surname ("Kanzler Weber", "el alcalde García") unless
    it is a country, a region or a well-known city, a German genitive among them ("Kanzler
    Deutschlands", "Regierungssprecher Berlins"): what the title holder is of."""
    if not _is_surname(token, language):
        return False
    lowered = token.text.casefold()
    names = [lowered]
    if language == "de" and lowered.endswith("s"):
        names.append(lowered[:-1])
    return not any(place_of_note(lexicon, name) for name in names)


# A German word with an umlaut this frequent in German is that word, where it folds to a name
# only without its umlaut (:func:`_first_name`).
UMLAUT_WORD_ZIPF = 3.0


def _first_name(word: str, lexicon: _Lexicon) -> bool:
    """A known first name, with or without its accents ("Olafur" for "Ólafur", "Éric" for
    "Eric"), unless the accented word is a common word that only looks like a name ("Santé"
    is no "Sante"). The lists hold German names with their umlauts ("Jürgen", "Björn"): an
    umlauted word they lack that German writes is a German noun ("Däne", a Dane, no "Dane")."""
    lowered = word.casefold()
    if lowered in lexicon.first_names:
        return True
    if fold(lowered) not in lexicon.folded_first_names:
        return False
    if any(letter in lowered for letter in "äöü") and _zipf(lowered, "de") >= UMLAUT_WORD_ZIPF:
        return False
    return lowered.isascii() or max(_zipf(lowered, lang) for lang in LANGUAGES) < 4.5


def _listed_given_name(chunk: list[_Token], i: int) -> bool:
    """A given name of names-dataset's common ones (:func:`common_given_names`: "Keyner",
    "Jeancarlo", "Raheem", which gender-guesser's list lacks) that no language writes as a word
    (:func:`_rare_name`) and that opens a run of capitalised words: after another one it names
    a thing of that word's ("dem Toyota Yaris Cross"), the long list holding car models and
    brands as given names too."""
    word = chunk[i].text
    return (
        not (i > 0 and chunk[i - 1].capitalized)
        and word.casefold() in common_given_names()
        and _rare_name(word)
    )


def _rank_before_name(rank: str, name: str, lexicon: _Lexicon) -> bool:
    """A rank or office of :data:`RANKS` right before a name word, a first name or a word no
    language uses much: "Sergeant Wystan Greer", not "Officer Training Corps"."""
    return (
        rank.casefold().rstrip(".") in RANKS
        and (_rare_name(name) or _first_name(name, lexicon))
        and name.casefold() not in RANKS
    )


def kinship_before_name(kin: str, name: str, lexicon: _Lexicon) -> bool:
    """A noun of kinship (:data:`KINSHIP_NOUNS`) right before a known first name or, as after
    a rank, a word no language uses much: "ihrem Mann Christophe", "her son Tom", "su madre
    Maritza". Not a common word: "Sohn Gottes" names no relative."""
    return kin.casefold() in KINSHIP_NOUNS and (_first_name(name, lexicon) or _rare_name(name))


# A word in capitals rarer than this in every language may be a surname after a first name
# ("Steffen PACHE", "Jean DUPONT": 3.9); a more frequent one is an acronym ("NATO": 4.5 in
# German, "FIFA", "CDU") or a shouted word.
CAPITALS_SURNAME_ZIPF = 4.0


def _surname_in_capitals(word: str) -> bool:
    """A surname written in capitals after its first name, as French and German bylines and
    lists of authors write it ("Steffen PACHE", "Jean DUPONT"): three letters or more, no
    organisation word or legal form, no frequent word in any language."""
    lowered = word.casefold()
    return (
        word.isupper()
        and len(word) >= 3
        and word.replace("-", "").isalpha()
        and lowered not in ORG_WORDS
        and not legal_form(word)
        and max(_zipf(lowered, other) for other in LANGUAGES) < CAPITALS_SURNAME_ZIPF
    )


def _rare_name(word: str) -> bool:
    """A capitalised word no language uses much: "Kerkeling", "Traore", "Saraki"."""
    if len(word) < 3 or word.isupper() or not word.isalpha() or not word[:1].isupper():
        return False
    lowered = word.casefold()
    return max(_zipf(lowered, language) for language in LANGUAGES) < RARE_ZIPF


# the least letters of a town's name that a German "-er" adjective of its people is read by
TOWN_ADJECTIVE_STEM_LETTERS = 4


def _german_town_adjective(word: str, lexicon: _Lexicon) -> bool:
    """A German adjective of a town's people: the town's name and "-er" ("Cuxhavener
    Trawler", "Eupener Fahrer"). It names the town as the home or owner of the noun after
    it, no person: "Cuxhavener" is no first name, nor a name's first word."""
    stem = word.removesuffix("er")
    return (
        stem != word
        and len(stem) >= TOWN_ADJECTIVE_STEM_LETTERS
        and any(p.rank == 1 for p in lexicon.places.get(stem.casefold(), ()))
    )


# German writes a compound noun as one word, rare as a whole but ending in a common noun
# ("Luxusvilla", "Landarbeiter", "Travestiekünstler"): such a word is no unknown given name.
# The tail is five letters or more, as the name parts of Germanic given names are shorter
# ("Annalena", "Siegmund", "Friedhelm").
COMPOUND_TAIL_LETTERS = 5
COMPOUND_HEAD_LETTERS = 3
COMPOUND_TAIL_ZIPF = 3.5


def _german_compound(word: str, tail_zipf: float = COMPOUND_TAIL_ZIPF) -> bool:
    """A German compound noun: its last five letters or more are a common German word (as
    frequent as ``tail_zipf``)."""
    lowered = word.casefold()
    return any(
        _zipf(lowered[k:], "de") >= tail_zipf
        for k in range(COMPOUND_HEAD_LETTERS, len(lowered) - COMPOUND_TAIL_LETTERS + 1)
    )


# A German noun before a name says what the name is ("Umspannwerk Konjsko", "Logistiker
# Nordfrakt"): a compound whose last four letters are a noun as frequent as "Werk" or "Haus"
# after a head of four letters or more (given names built so, "Siegmund", are known first
# names), or a word with the agent ending "-er" ("Logistik-er").
CLASSIFIER_TAIL_LETTERS = 4
CLASSIFIER_TAIL_ZIPF = 4.8
AGENT_STEM_LETTERS = 5


def _german_classifier(word: str) -> bool:
    """A German common noun of the kind that stands before a name (:data:`CLASSIFIER_TAIL_ZIPF`)."""
    lowered = word.casefold()
    tail = lowered[-CLASSIFIER_TAIL_LETTERS:]
    if len(lowered) - CLASSIFIER_TAIL_LETTERS >= 4 and _zipf(tail, "de") >= CLASSIFIER_TAIL_ZIPF:
        return True
    stem = lowered.removesuffix("er")
    return (
        stem != lowered
        and len(stem) >= AGENT_STEM_LETTERS
        and _zipf(stem, "de") >= COMPOUND_TAIL_ZIPF
    )


# Endings that make a word a family name, whatever the language of the text: Spanish
# patronymics ("Fernández", "Álvarez", and after the silent "u" of "gu" and "qu": "Rodríguez",
# "Vázquez"), South Slavic, Ukrainian, Georgian, Turkish, Greek and
# Romanian family names ("Petrović", "Shevchenko", "Saakashvili", "Karaosmanoğlu",
# "Papadopoulos", "Popescu") and Polish or Russian ones in "-ski" / "-sky" (seven letters
# and more: not "Whisky").
_SURNAME_ENDINGS = re.compile(
    r"(?:[^aeiouáéíóú]ez|[gq]uez|ović|ovic|ević|evic|enko|shvili|oğlu|oglu|opoulos|escu)$"
    r"|^.{4,}(?:ski|sky)$"
)


def _surname_form(word: str) -> bool:
    """A capitalised word shaped like a family name (:data:`_SURNAME_ENDINGS`)."""
    return (
        len(word) >= 5
        and word.isalpha()
        and word[:1].isupper()
        and not word.isupper()
        and _SURNAME_ENDINGS.search(word) is not None
    )


# A known first name standing alone inside a sentence names a person ("..., Charles, has",
# "das Herz von Ana") unless it is as frequent as a word of the article's language ("in May",
# "Will"); German capitalises its nouns ("Chance", "Mark", "Art"), so its bar is lower.
LONE_FIRST_NAME_ZIPF = {"en": 5.0, "fr": 5.0, "es": 5.0, "de": 4.0}


# Words after which a name is a place or a time as often as a person ("in Camden", "on Sun").
_PLACE_OR_TIME_BEFORE = (LOCATIVES - {"de", "von", "a"}) | {"on", "since", "until", "by"}
_POSSESSIVE_BEFORE_NAME = re.compile(r"['’]s\s+[A-ZÀ-Þ]")
# A capitalised word's possessive right before a word: "New Year's Eve", "Lloyd's Register".
_NAME_POSSESSIVE_BEFORE = re.compile(r"\b[A-ZÀ-Þ]\w*['’]s\s+$")


def _inflected(word: str, language: str, lexicon: _Lexicon) -> bool:
    """An English word in "-s" whose base is a word more frequent than it and no first name:
    a verb's third person or a plural ("Announces", "Drops", "Cries"), which a Title Case
    headline capitalises, not a family name ("Jones"; "Williams" is William's)."""
    lowered = word.casefold()
    if language != "en" or not lowered.endswith("s") or lowered.endswith("ss"):
        return False
    bases = {lowered[:-1]}
    if lowered.endswith("es"):
        bases.add(lowered[:-2])
    if lowered.endswith("ies"):
        bases.add(lowered[:-3] + "y")
    own = _zipf(lowered, language)
    return any(
        _zipf(base, language) >= max(RARE_ZIPF, own) and not _first_name(base, lexicon)
        for base in bases
    )


# Spanish third person plural endings and the infinitives they come from: "bajan" of
# "bajar", "detienen" of "detener", "reciben" of "recibir".
_SPANISH_PLURAL_VERB = {"an": ("ar",), "en": ("er", "ir")}


def _spanish_plural_verb(word: str) -> bool:
    """A Spanish verb's third person plural, which a headline or a sentence opens with a
    capital ("Bajan del Aconcagua el cuerpo", "Detienen a ..."), though a list of given
    names holds it ("Bajan", "Dejan"): a Spanish word whose infinitive is a Spanish word more
    frequent than it, and more frequent in Spanish than in English ("Stan" is no "star")."""
    lowered = word.casefold()
    own = _zipf(lowered, "es")
    if own < RARE_ZIPF or lowered[-2:] not in _SPANISH_PLURAL_VERB:
        return False
    return any(
        _zipf(base, "es") > max(own, _zipf(base, "en"))
        for base in (lowered[:-2] + ending for ending in _SPANISH_PLURAL_VERB[lowered[-2:]])
    )


# A German word in small letters ending in the dative "-em" of a declined adjective or
# determiner ("auf nassem Hang", "mit seinem Team"): what follows is a noun it declines for.
_GERMAN_DATIVE = re.compile(r"[a-zäöüß]{2,}em")


def _lone_name_context(
    body: str, language: str, before: _Token | None, chunk: list[_Token], after: _Token | None
) -> tuple[bool, bool]:
    """Whether a first name alone at the start, and at the end, of ``chunk`` stands where a
    person is named: not after an article, fused with a preposition or not ("the Crystal",
    "la Suzete", "du Nil": things and nicknames), a German word declined in the dative
    ("auf nassem Hang": a slope), or a place or time preposition ("in
    Camden"); not before a number ("May 4"), nor as the
    possessive of a name ("Martha's Vineyard", "St. Martin's Press"), nor after one ("New
    Year's Eve": the name's last word), nor joined to a name by "&" ("Ernst & Young"); not
    after an abbreviation ("St. Louis") or a number ("737 Max")."""
    start = before is None or not (
        before.text.casefold() in ARTICLES[language] | FUSED_ARTICLES[language]
        or before.text.casefold() in _PLACE_OR_TIME_BEFORE
        or before.text.casefold() in _ABBREVIATIONS
        or before.text[0].isdigit()
        or _NAME_POSSESSIVE_BEFORE.search(body, max(0, chunk[0].start - 40), chunk[0].start)
        or (language == "de" and _GERMAN_DATIVE.fullmatch(before.text) is not None)
    )
    end = (
        (after is None or not after.text[0].isdigit())
        and _POSSESSIVE_BEFORE_NAME.match(body, chunk[-1].end) is None
        and not body[chunk[-1].end :].lstrip().startswith("&")
    )
    return start, end


# A first name as frequent as a word in each language, all within one Zipf step ("Paul",
# "John", "Peter": 4.6 to 5.4), is a name known everywhere; a word of some languages is far
# more frequent in them ("In", "Will", "Mai").
GIVEN_NAME_SPREAD = 1.0
GIVEN_NAME_ZIPF = 5.5


def _given_name_as_surname(word: str, lexicon: _Lexicon) -> bool:
    """A common first name frequent only as a name known everywhere is, about equally in
    every language (:data:`GIVEN_NAME_SPREAD`), may end a full name however frequent ("Paul" in
    "Rand Paul", "John" in "Elton John"); "Will" or "Mark" in English are its words."""
    lowered = word.casefold()
    if lowered not in lexicon.common_first_names:
        return False
    frequencies = [_zipf(lowered, language) for language in LANGUAGES]
    return (
        max(frequencies) < GIVEN_NAME_ZIPF
        and max(frequencies) - min(frequencies) < GIVEN_NAME_SPREAD
    )


def _temperature_unit(chunk: list[_Token], i: int) -> bool:
    """Whether the word at ``i`` and the next are a unit of temperature ("35 Grad Celsius"):
    German capitalises its noun for a degree, which is also a given name the lists hold."""
    return (
        i + 1 < len(chunk)
        and chunk[i].text.casefold() in DEGREE_WORDS
        and chunk[i + 1].text.casefold() in TEMPERATURE_SCALES
    )


def _names_a_street(chunk: list[_Token], i: int, lexicon: _Lexicon) -> bool:
    """Whether the chunk's ``i``-th word makes a street of the place named after it: "Calle
    Cordoba" in an English report on Rosario is a street named after a town, not a person
    whose first name is the Swedish "Calle"."""
    return (
        chunk[i].text.casefold() in STREET_WORDS
        and i + 1 < len(chunk)
        and chunk[i + 1].text.casefold() in lexicon.places
    )


def _particle(chunk: list[_Token], k: int, capital_ok: bool = False) -> bool:
    """Whether the chunk's ``k``-th word is a particle inside a name ("von", "de", "van der").
    "der" and "den" are ones only after "von" or "van" ("Ursula von der Leyen", "Rudi van den
    Bossche"): alone after a word they are German articles ("Chance der Energiewende", "hat
    Frank Witzel den Deutschen Buchpreis erhalten"). With
    ``capital_ok``, a particle written with a capital between two words of the chunk is one
    too ("Raffaele De Simone", "Bart De Wever"): "De" alone is as frequent as a word in English
    and German, so it would not pass as a surname, and the name would be lost whole."""
    word = chunk[k].text
    if capital_ok and word in CAPITAL_PARTICLES and 0 < k < len(chunk) - 1:
        return chunk[k + 1].capitalized
    if word not in NAME_PARTICLES:
        return False
    return word not in ("der", "den") or (k > 0 and chunk[k - 1].text.casefold() in ("von", "van"))


def qualifies_noun(body: str, chunk: list[_Token], after: _Token | None, language: str) -> bool:
    """Whether a small-letter word less frequent than a function word follows the chunk
    after one space in English: the name qualifies that noun ("the Peyton Manning season");
    not "the Royal Infirmary in", nor "the Marine Branch said". French and Spanish put such
    a name after its noun ("el caso Ramón Quiroga")."""
    return (
        language == "en"
        and after is not None
        and body[chunk[-1].end : after.start] == " "
        and after.text[:1].islower()
        and _zipf(after.text.casefold(), language) < FUNCTION_WORD_ZIPF
    )


def german_noun_marker(word: str) -> bool:
    """A German article, a preposition fused with one ("am", "zum") or a determiner declined as
    one ("jeden", "diese": :data:`GERMAN_DETERMINER`): a capitalised word after it is a noun,
    as German capitalises them, not a name."""
    lowered = word.casefold()
    return (
        lowered in ARTICLES["de"]
        or lowered in GERMAN_FUSED_ARTICLES
        or GERMAN_DETERMINER.fullmatch(lowered) is not None
    )


# The endings of a German adjective declined after an article ("das scheidende", "dem neuen").
_GERMAN_DECLINED = re.compile(r"[a-zäöüß]{2,}(?:e|en|er|es|em)")


def german_noun_after_adjective(before: _Token, earlier: _Token | None) -> bool:
    """An article and a declined adjective in small letters before a capitalised word that a
    name follows make it a noun ("das scheidende Duo Kimi Räikkönen", "der neue Coach Tim
    Berger"), though a person named by first name and surname alone may stand there ("die
    junge Anna Weber")."""
    return (
        earlier is not None
        and german_noun_marker(earlier.text)
        and _GERMAN_DECLINED.fullmatch(before.text) is not None
    )


def _german_settlement_noun(word: str) -> bool:
    """A German settlement noun or a compound ending in one
    (:data:`transform.entity_words.GERMAN_SETTLEMENT_WORDS`: "Dorf", "Fischerdorf",
    "Hafenstadt"): the kind of place the name after it is, never a person's first name."""
    folded = word.casefold()
    return word[:1].isupper() and any(folded.endswith(noun) for noun in GERMAN_SETTLEMENT_WORDS)


# Letters a German person noun holds before its ending (:func:`_german_person_noun`): "Fahrer"
# and "Sanitäter", not "Ober" or "Mann" alone.
GERMAN_PERSON_NOUN_STEM = 3


def _german_person_noun(word: str, lexicon: _Lexicon) -> bool:
    """A capitalised German noun naming what a person does or is, by its ending
    (:data:`transform.entity_words.GERMAN_PERSON_NOUN_ENDINGS`), or a title: not a month
    ("Oktober") nor a place the gazetteers know ("Münster")."""
    lowered = word.casefold()
    if not word[:1].isupper() or not word.isalpha():
        return False
    if _is_title(word, "de"):
        return True
    return (
        any(
            lowered.endswith(ending) and len(lowered) >= len(ending) + GERMAN_PERSON_NOUN_STEM
            for ending in GERMAN_PERSON_NOUN_ENDINGS
        )
        and not _time_word(word, "de")
        and lowered not in lexicon.places
    )


def _people_in(
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    titled: bool,
    loose_caps: bool,
    alone_ok: tuple[bool, bool] = (False, False),
    after_article: bool = False,
    after_definite: bool = False,
    before_noun: bool = False,
) -> Iterator[_Candidate]:
    """People in a chunk; ``alone_ok`` says whether what stands before and after the chunk
    lets a first name alone at its start or end be a person (:func:`_lone_name_context`),
    ``after_article`` whether an article of the language (in German, or a preposition fused
    with one: :func:`german_noun_marker`, or one and a declined adjective:
    :func:`german_noun_after_adjective`) stands right before it, ``after_definite`` whether
    a definite article does, ``before_noun`` whether the chunk qualifies the noun after it
    (:func:`qualifies_noun`)."""
    i = 0
    while i < len(chunk):
        token = chunk[i]
        word = token.text.casefold()
        after_title = (
            titled
            if i == 0
            else _is_title(chunk[i - 1].text, language)
            or _rank_before_name(chunk[i - 1].text, token.text, lexicon)
            or kinship_before_name(chunk[i - 1].text, token.text, lexicon)
        )
        rare_pair = (
            not token.sentence_start
            and i + 1 < len(chunk)
            and _rare_name(token.text)
            and _rare_name(chunk[i + 1].text)
            and not _classifier(token.text, language)  # "Outdoorausrüster Mammut"
            # a German compound noun is neither word: "Luxusvilla Arcore", "in einzelnen
            # Bechern Kunststoffteile"
            and not (
                language == "de"
                and (
                    _german_compound(token.text)
                    or _german_compound(chunk[i + 1].text)
                    or _german_classifier(token.text)
                    or _german_town_adjective(token.text, lexicon)
                    # a settlement or a person told by kind before the name: "Fischerdorf
                    # Mousehole", "Bewohnerin Jenifer Trewhella"
                    or _german_settlement_noun(token.text)
                    or _german_person_noun(token.text, lexicon)
                )
            )
        )
        first = rare_pair or (
            (_first_name(token.text.split("-")[0], lexicon) or _listed_given_name(chunk, i))
            and not token.text.isupper()
            and not (token.sentence_start and _zipf(word, language) >= 5.5)
            # a Title Case headline capitalises its words: one as frequent as a word of the
            # language is that word, as for a first name alone ("Beat", "Young", "Will"),
            # unless it opens the headline and is a name known everywhere, as frequent in
            # every language ("George Pemberton Wins")
            and not (
                loose_caps
                and _zipf(word, language) >= LONE_FIRST_NAME_ZIPF[language]
                and not (token.sentence_start and _given_name_as_surname(token.text, lexicon))
            )
            and word not in DETERMINERS
            and word not in CONNECTORS
            # German writes its polite pronoun "Sie" with a capital: a function word, as
            # frequent as "und", not the first name gender-guesser lists
            and not (language == "de" and _zipf(word, language) >= FUNCTION_WORD_ZIPF)
            and not _is_title(token.text, language)  # "Prince Andrew", "General del Paraguay"
            and not (  # "Major Ana Ruiz": a rank, then the name
                word in RANKS and i + 1 < len(chunk) and _first_name(chunk[i + 1].text, lexicon)
            )
            and not _names_a_street(chunk, i, lexicon)
            and not (language == "es" and _spanish_plural_verb(token.text))
            and not _temperature_unit(chunk, i)
        )
        if (
            _is_title(token.text, language)
            or (  # "Chief Inspector Dunstan Fairweather": a rank as the title's second word
                after_title
                and i + 1 < len(chunk)
                and (
                    _rank_before_name(token.text, chunk[i + 1].text, lexicon)
                    or {token.text.casefold(), chunk[i + 1].text.casefold()} <= RANKS
                )
            )
            or (
                after_title
                and i + 2 < len(chunk)
                and not _rare_name(token.text)
                and not _first_name(token.text, lexicon)
                and _first_name(chunk[i + 1].text, lexicon)
                and _is_surname(chunk[i + 2], language)
            )
        ):
            # a title's second word before a first name and a surname ("Chief Executive
            # Marieke Jansen"), not a family name first ("Mobilfunkchef Park Ji-hoon")
            i += 1
            continue
        if (
            _surname_form(token.text)
            and not token.sentence_start
            and not loose_caps
            and not (i > 0 and chunk[i - 1].capitalized)
            and not (i + 1 < len(chunk) and chunk[i + 1].capitalized)
            # where a lone first name names no person, neither does a word shaped like a
            # family name: "en Trevélez", "in Trevelez" is a village (:func:`_lone_name_context`)
            and (i > 0 or alone_ok[0])
        ):
            yield _Candidate(i, i + 1, "person")  # "ni Fajardo ni Hernández se refirieron"
            i += 1
            continue
        if not (first or after_title) or not token.capitalized:
            i += 1
            continue
        j = i + 1
        while j < len(chunk) and _particle(chunk, j, capital_ok=not loose_caps):
            j += 1
        end = i + 1
        # no capitalised word before the first name but a title: not "Wyre Forest Mark Garnier"
        opens_name = i == 0 or after_title or not chunk[i - 1].capitalized
        # up to two more capitalised name words: a middle name or initial and the surname
        # (one in a Title Case headline, whose verbs are capitalised too)
        for k in range(j, min(j + (1 if loose_caps else 3), len(chunk))):
            after_particle = k > i + 1 and _particle(chunk, k - 1, capital_ok=not loose_caps)
            common_ok = (
                after_particle
                or (  # "Rand Paul", "Ralf Peter Reimann"
                    k == j and opens_name and _given_name_as_surname(chunk[k].text, lexicon)
                )
                # a title, a first name and a capitalised word: a surname, however common
                # the word, where only names are capitalised ("le procureur Marc Fontaine"),
                # the title before the chunk, or inside it before a first name ("Medical
                # Officer Dr Anton Best")
                or (
                    k == j
                    and (titled if i == 0 else after_title and first)
                    and language != "de"
                    and not loose_caps
                )
                # a German noun for what someone does, a first name and one more capitalised
                # word ending the run: the surname, however common the word ("Notfallsanitäter
                # Robert Lange", "Kranführer Dirk Schmieder")
                or (
                    0 < i == k - 1 == len(chunk) - 2
                    and k == j
                    and language == "de"
                    and not loose_caps
                    and _german_person_noun(chunk[i - 1].text, lexicon)
                )
                # a second given name before the surname, however frequent a word of the
                # language it is: "José Luis Dalmau", "María José Ruiz" ("Luis", "José": Spanish
                # words as frequent as its verbs)
                or (
                    k == j == i + 1
                    and opens_name  # not "Wyre Forest Mark Brenton"
                    and k + 1 < len(chunk)
                    and chunk[k].text.casefold() in lexicon.common_first_names
                    and _is_surname(chunk[k + 1], language)
                )
            )
            if chunk[k].text.casefold() in _VENUE_NOUNS_AFTER:
                end = i + 1  # "Columbus Avenue", "Shannon Airport": a venue, not a person
                break
            # a title's word that ends the name right after a first name is its surname: a
            # title stands before a name, not after its first name ("Pascal Rey", "Tomas
            # Prinz"; one list holds every language's titles, and Spanish "rey" is one)
            title_ok = (
                k == j == i + 1
                and (k + 1 == len(chunk) or not chunk[k + 1].capitalized)
                and not loose_caps
                and _first_name(token.text, lexicon)
            )
            capitals = k == j and not loose_caps and _surname_in_capitals(chunk[k].text)
            if not capitals and not _is_surname(
                chunk[k], language, common_ok=common_ok, title_ok=title_ok
            ):
                break  # after "del", "von", a common word is a surname: "Pilar del Río"
            if loose_caps and _inflected(chunk[k].text, language, lexicon):
                break  # "Obama Introduces", "Yuan Drops": the headline's verb
            end = k + 1
            double = language in ("es", "fr") and k - j == 1  # "Celia Cardozo Ríos"
            if (
                k - j >= 1
                and not double
                and not (len(chunk[k - 1].text) == 1 or _particle(chunk, k - 1))
            ):
                break
        while (
            end + 1 < len(chunk)
            and _particle(chunk, end)
            and chunk[end].text not in ("al", "la", "le")  # "Premio Kofi Annan al Valor"
            and _is_surname(chunk[end + 1], language, common_ok=True)
        ):
            end += 2  # "Daniel Funes de Rioja", "Frank van der Berg"
        lone = (
            first
            and not (i > 0 and chunk[i - 1].capitalized)
            and not (i + 1 < len(chunk) and chunk[i + 1].capitalized)
            and token.text.isalpha()
            and (
                alone_ok[0]
                if i == 0
                else chunk[i - 1].text.casefold()
                not in ARTICLES[language] | FUSED_ARTICLES[language]
            )
            and token.text[1:].islower()
            and (i + 1 < len(chunk) or alone_ok[1])
            and len(token.text) >= 3
            and word in lexicon.common_first_names  # not "Nissan", "Lexus": rare as names
            # "Camden", "Cleveland": a town's own name as much as a person's
            and not any(_named(p, word) for p in lexicon.places.get(word, ()))
            and not rare_pair
            and not loose_caps
            and not token.sentence_start
            and _zipf(word, language) < LONE_FIRST_NAME_ZIPF[language]
        )
        if (
            language == "de"
            and not after_title
            and (german_noun_marker(chunk[i - 1].text) if i > 0 else after_article)
        ):
            # "dem Ende der Landebahn", "des Fischerorts Grindavík", a sentence's "Die Lage
            # Europas": nouns, German capitalises them and puts an article before them (one
            # that opens a sentence written with a capital), not before a name; a name may
            # follow the noun ("Die Finnin Erja Lyytinen")
            i += 1
            continue
        if (
            language != "de"
            and (i == 0 and after_definite or i == 1 and chunk[0].text.casefold() in DEFINITE)
            and not after_title
            and end > 1
            and not (end == len(chunk) and before_noun)
        ):
            # "the Aberdeen Royal Infirmary", "el Ernesto Rohrmoser", "le London Symphony":
            # English, French and Spanish put no article before a person's full name, but do
            # before a body, a venue or a thing named like one; a name that qualifies the
            # noun after it is a person's ("the Howard Jones song")
            i = end
            continue
        if end > i + 1 or (after_title and _titled_surname(token, lexicon, language)) or lone:
            yield _Candidate(i, end, "person", titled=after_title)
            i = end
        else:
            i += 1


def saint_opens(chunk: list[_Token], start: int) -> bool:
    """Whether a saint's title opens a name of several words read from ``start`` of ``chunk``
    ("Santa Maria della Sanita", "San Gaudioso", "Sant'Antonio"): a church, catacomb or
    feast named after the saint, as a town is (:func:`transform.entity_places.saint_town`),
    not a person of the happening."""
    word = fold(chunk[start].text)
    opening = re.split(r"['’]", word)[0]
    return opening in SAINT_WORDS and (opening != word or start + 1 < len(chunk))


def after_saints_title(chunk: list[_Token], start: int, before: _Token | None) -> bool:
    """Whether a saint's title stands right before a name read from ``start`` of ``chunk``
    (``before``: the token before the chunk): "Saint Vincent Ferrer", "saint Vincent
    Ferrier", "des heiligen Vinzenz Ferrer". A saint is no person of the happening: the
    name, written in each language's own form, would set one happening's reports apart as
    strangers."""
    ahead = chunk[start - 1] if start else before
    title = fold(ahead.text).rstrip(".") if ahead is not None else ""
    return title in SAINT_WORDS or title in SAINT_ADJECTIVES


# What ends an English clause right after a name: a full stop (not an initial's: one letter),
# a comma, a semicolon, a closing bracket or the text's end.
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)]|$)")


# A quotation closed right before, its comma inside or after the mark ("…," / "…», " /
# "…“, "): the verb after it tells who spoke, whatever verb it is ("», glisse Zineb", "“,
# fügte Domracheva hinzu"), as the name before a verb after it does in English ("…,"
# Menear continued."). Read within :data:`_QUOTE_REACH` characters.
_QUOTE_CLOSED_BEFORE = re.compile(r"(?:[,!?…][\"”»“]|[\"”»“]\s*,)\s*$")
_QUOTE_REACH = 6


def _after_closed_quote(body: str, start: int, name: int) -> bool:
    """Whether a quotation closes right before ``start`` (:data:`_QUOTE_CLOSED_BEFORE`) and
    no word citing a source stands before the name at ``name``
    (:data:`transform.entity_words.SOURCE_BEFORE`: "», selon Mediapart" names a body as
    often as a person)."""
    return (
        _QUOTE_CLOSED_BEFORE.search(body, max(0, start - _QUOTE_REACH), start) is not None
        and SOURCE_BEFORE.search(body, max(0, name - SOURCE_REACH), name) is None
    )


# In English, the verb after the speaker's name that ends the attribution: past or present
# ("…," Noem tweeted. / Noem says,), then a full stop or a comma.
_ENGLISH_ATTRIBUTION_VERB = re.compile(r"\s+[a-z]+(?:ed|s)(?=[.,])")


def _quoted_speaker_in(
    body: str, chunk: list[_Token], lexicon: _Lexicon, language: str, loose_caps: bool
) -> Iterator[_Candidate]:
    """In English, a one-word name between a closed quotation (:data:`_QUOTE_CLOSED_BEFORE`)
    and a verb that ends the attribution (:data:`_ENGLISH_ATTRIBUTION_VERB`: "…," Menear
    continued.): the one who spoke, named as a person is ("the company said" for a body), and
    the surname the other rules read (:func:`_titled_surname`), not a frequent word."""
    if language != "en" or loose_caps or len(chunk) != 1:
        return
    token = chunk[0]
    if not token.text.isalpha() or token.text.casefold() in lexicon.places:
        return
    if not (
        _after_closed_quote(body, token.start, token.start)
        and _ENGLISH_ATTRIBUTION_VERB.match(body, token.end)
    ):
        return
    if _titled_surname(token, lexicon, language) and (
        _zipf(token.text.casefold(), language) < LONE_FIRST_NAME_ZIPF[language]
    ):
        yield _Candidate(0, 1, "person")


def _speaker_in(
    body: str,
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    before: _Token | None,
    loose_caps: bool,
) -> Iterator[_Candidate]:
    """A one-word name right after a verb of saying (``before``), or after any verb right
    after a closed quotation (:func:`_after_closed_quote`: "», glisse Zineb"): not a frequent
    word of the language, a title, an organisation word or a place the gazetteers know ("said
    Paris police"). In English only when the name ends the clause ("…, says Li."): a day or
    the reported clause's subject follows "said" as often ("said Tuesday", "said Apple
    employs")."""
    if loose_caps or len(chunk) != 1 or before is None:
        return
    token = chunk[0]
    word = token.text.casefold()
    verbs = REPORTING_VERBS
    if language == "en":
        if (
            not _CLAUSE_END.match(body, token.end)
            or _time_word(token.text, language)
            or word in RANK_ABBREVIATIONS
        ):
            return
        verbs = ENGLISH_REPORTING_VERBS
    if token.sentence_start or not (
        before.text.casefold() in verbs or _after_closed_quote(body, before.start, token.start)
    ):
        return
    if not token.text.isalpha() or (language == "en" and word in lexicon.places):
        return
    # French, German and Spanish put who spoke right after the verb: a small town that shares
    # the name ("afirmó Delgado") is not what spoke; a country or well-known city may be
    if _titled_surname(token, lexicon, language) and (
        _zipf(word, language) < LONE_FIRST_NAME_ZIPF[language]
    ):
        yield _Candidate(0, 1, "person")


# A word right after a name: ", who" / ", quien" and, in English, a verb of saying, "that"
# perhaps, then "he" or "she".
_RELATIVE_AFTER = re.compile(r",\s+(\w+)\b")
_SAID_PRONOUN_AFTER = re.compile(r"\s+(\w+)\s+(?:that\s+)?(\w+)\b")


def _speaks_as_person(body: str, end: int, language: str) -> bool:
    """Whether the words after a name (ending at ``end``) make it a person's: a relative
    pronoun only a person takes (``HUMAN_RELATIVE_PRONOUNS``), or in English a verb of saying
    whose clause opens with "he" or "she" ("Halvorsen said he would stay")."""
    relative = _RELATIVE_AFTER.match(body, end)
    if relative and relative.group(1) in HUMAN_RELATIVE_PRONOUNS.get(language, ()):
        return True
    said = _SAID_PRONOUN_AFTER.match(body, end) if language == "en" else None
    return bool(
        said
        and said.group(1) in ENGLISH_SUBJECT_SAYING_VERBS
        and said.group(2) in ENGLISH_PERSONAL_PRONOUNS
    )


def _person_subject_in(
    body: str,
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    before: _Token | None,
    loose_caps: bool,
) -> Iterator[_Candidate]:
    """A one-word name that the words after it show to be a person's (:func:`_speaks_as_person`):
    "Okonjo, who denies it", "Duarte, quien trabajaba", "Halvorsen said he". Not after an
    article ("the Wild, who": a team), not a country or well-known city ("Portugal, who": its
    team), and no frequent word of the language; opening a sentence, a rarer word that is no plural of a common one, as a
    capitalised noun stands there as often ("Residents, who")."""
    if loose_caps or len(chunk) != 1:
        return
    token = chunk[0]
    word = token.text.casefold()
    if before is not None and before.text.casefold() in ARTICLES[language]:
        return
    if not token.text.replace("-", "").isalpha() or not _speaks_as_person(
        body, token.end, language
    ):
        return
    if token.sentence_start and (
        _zipf(word, language) >= SENTENCE_START_NAME_ZIPF
        or word.endswith("s")
        and _zipf(word[:-1], language) >= RARE_ZIPF
    ):
        return  # "Residents, who": a plural noun whose singular is a common word
    if _titled_surname(token, lexicon, language) and (
        _zipf(word, language) < LONE_FIRST_NAME_ZIPF[language]
    ):
        # as sure as a title: it outranks a small town of that name, and the name alone
        # elsewhere in the article is that person
        yield _Candidate(0, 1, "person", titled=True)


# The rest of an English sentence up to a person's pronoun ("he", "her", "He's"), within it.
_PERSON_PRONOUN_AHEAD = re.compile(
    r"[^.!?\n]*?\b(?:he|she|his|her|him|himself|herself)\b", re.IGNORECASE
)


def _opening_pair_in(
    body: str, chunk: list[_Token], lexicon: _Lexicon, language: str, loose_caps: bool
) -> Iterator[_Candidate]:
    """Two capitalised words opening an English sentence, neither a word the language uses
    much (:data:`SENTENCE_START_NAME_ZIPF`) nor a place, an organisation word or an acronym,
    whose sentence then speaks of "he" or "she": a person's first name and surname ("Zelda
    Okafor Says She Will Run", "Barnaby Quill is back, and his band too"), which no list of first
    names may hold. A capital that opens a sentence says nothing, so the pronoun is the
    evidence; a body or a thing is "it"."""
    if language != "en" or not loose_caps or len(chunk) < 2 or not chunk[0].sentence_start:
        return
    pair = chunk[:2]
    if (
        len(chunk) > 2
        and _zipf(chunk[2].text.casefold(), language) < SENTENCE_START_NAME_ZIPF
        and not _inflected(chunk[2].text, language, lexicon)
    ):
        return  # a third name word, no headline's verb: "Rapper Kiddo Vance" is no first name
    if any(
        not token.text.isalpha()
        or token.text.isupper()
        or not token.capitalized
        or token.text.casefold() in ORG_WORDS
        or token.text.casefold() in lexicon.places
        or _zipf(token.text.casefold(), language) >= SENTENCE_START_NAME_ZIPF
        for token in pair
    ):
        return
    if _PERSON_PRONOUN_AHEAD.match(body, pair[1].end):
        yield _Candidate(0, 2, "person")


# Words that name a storm before its given name ("Storm Gaspar", "la tempête Odile", "Orkan
# Ylenia", "el huracán Otis"): the name that follows is the weather's, not a person's.
STORM_WORDS = frozenset(
    """
    storm hurricane typhoon cyclone
    sturm sturmtief orkan orkantief hurrikan taifun zyklon
    tempête ouragan typhon
    borrasca tormenta huracán tifón ciclón
    """.split()  # noqa: SIM905
)
# A word and the capitalised word after it, overlapping: "after Storm Odile" holds both
# "after Storm" and "Storm Odile".
_STORM_NAME_RE = re.compile(r"\b(?P<word>\w+)\s+(?=(?P<name>[A-ZÀ-Þ][\w'-]*))")


def storm_names(*bodies: str) -> frozenset[str]:
    """The folded given names of the storms a text names after a storm word ("Storm Gaspar"
    gives "gaspar"): weather events, never people, wherever else the text repeats the name
    alone ("Gaspar came a day after Storm Odile")."""
    return frozenset(
        fold(match.group("name"))
        for body in bodies
        for match in _STORM_NAME_RE.finditer(body)
        if match.group("word").casefold() in STORM_WORDS
    )


# The feasts of the year, folded, that texts capitalise like names and the recognizer may read
# as a person's: "the German Christmas market" (a first name "German" and a surname), "les
# sapins de Noël du Morvan" (a first name, a particle and a name), "la cabalgata de los Reyes
# Magos". A feast is when and what a happening was, never who did it.
FEAST_NAMES = frozenset(
    """
    christmas xmas easter thanksgiving halloween
    weihnachten ostern pfingsten
    noel paques
    navidad nochebuena
    """.split()  # noqa: SIM905
) | frozenset({"reyes magos", "rois mages", "heilige drei konige"})
# the feasts that are given names too ("Noël Mamère"): the feast only alone, or after a word
# of FEAST_BEFORE, whose complement it is ("le marché de Noël de Montbéliard", "Père Noël")
FEAST_GIVEN_NAMES = frozenset({"noel"})
FEAST_BEFORE = frozenset({"de", "du", "des", "d", "pere", "papa"})


def names_a_feast(surface: str, before: str) -> bool:
    """Whether a person's name as found (``surface``; ``before``: the word before it) is a
    feast's (:data:`FEAST_NAMES`): the feast, or a name holding it ("German Christmas"), or,
    for a feast that is a given name too, the feast alone or after a word of
    :data:`FEAST_BEFORE` ("de Noël de Montbéliard", "Père Noël")."""
    words = fold(surface).split()
    if not words or " ".join(words) in FEAST_NAMES:
        return bool(words)
    if any(word in FEAST_NAMES - FEAST_GIVEN_NAMES for word in words):
        return True
    if len(words) == 1 and words[0] in FEAST_GIVEN_NAMES:
        return True
    return any(
        word in FEAST_GIVEN_NAMES and previous in FEAST_BEFORE
        for previous, word in zip([fold(before), *words], words, strict=False)
    )


def names_a_storm(surface: str, storms: frozenset[str]) -> bool:
    """Whether a person's name as found is a storm's: its given name alone ("Gaspar"), or
    the storm word and the name ("Storm Gaspar")."""
    words = fold(surface).split()
    if words and words[0] in {fold(w) for w in STORM_WORDS}:
        words = words[1:]
    return len(words) == 1 and words[0] in storms
