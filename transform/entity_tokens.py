"""Tokenising and chunking for the recognizer, and the candidates its rules propose.

Tokens (elision and possessive stripped, sentence starts marked), chunks (runs of capitalised
words with connectors, French and Spanish name adjectives, the small-letter noun of a French
institution's name and German small legal forms inside),
Title Case sentences (whose capitals say nothing), where a name headed by a word stops
(:func:`_org_tail`), and the candidates of the people, place and organisation rules with how
overlapping ones are resolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from transform import entity_gazetteer
from transform.entity_gazetteer import _Lexicon, _Place
from transform.entity_words import (
    CONNECTORS,
    DETERMINERS,
    FEATURE_WORDS,
    MONTHS,
    ORG_WORDS,
    RANKS,
    TITLES,
    WEEKDAYS,
    _common,
    _zipf,
    fold,
)

EntityKind = Literal["person", "organization", "place", "vessel"]


# An ampersand between capitals with no space around it joins one name's letters ("AT&T",
# "P&O", "H&M"): a company's name, never two words and an "and".
_TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}|[A-Z]+(?:&[A-Z]+)+(?![^\W\d_])|[^\W\d_]+(?:[-'’.][^\W\d_]+)*|\d[\d.,]*",
    re.UNICODE,
)
_ELISION_RE = re.compile(r"^(?:[ldjcmnst]|qu)['’](?=[^\W\d_])", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_SENTENCE_GAP = re.compile(r"[.!?:;\u2022|]|\n|[\"“”«»„(]")
_INITIAL_GAP = re.compile(r"^\.\s+$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr sra srta m mme mlle gen gov sen rep".split()  # noqa: SIM905
)


@dataclass(slots=True)
class _Token:
    text: str  # elision and possessive stripped
    start: int
    end: int
    capitalized: bool
    sentence_start: bool
    adjective: bool = False  # a small-letter adjective inside a French or Spanish name
    legal_form: bool = False  # a small-letter legal form ending a German name ("e.V.")
    complement: bool = False  # the small-letter noun of a French name ("Cour des comptes")


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    previous_text = ""
    for match in _TOKEN_RE.finditer(text):
        raw, start, end = match.group(), match.start(), match.end()
        if "'" in raw or "’" in raw:
            elided = _ELISION_RE.match(raw)
            if elided:
                start += elided.end()
                raw = raw[elided.end() :]
            possessive = _POSSESSIVE_RE.search(raw)
            if possessive and len(raw) > 2 and not raw.isupper():
                raw = raw[: possessive.start()]
                end = start + len(raw)
        gap = text[previous_end:start]
        if not tokens:
            boundary = True
        elif gap == " " or not _SENTENCE_GAP.search(gap):
            boundary = False
        else:
            abbreviation = previous_text.casefold() in _ABBREVIATIONS or (
                len(previous_text) == 1 and previous_text.isupper()
            )
            boundary = not (abbreviation and _INITIAL_GAP.match(gap))
        tokens.append(_Token(raw, start, end, raw[:1].isupper(), boundary))
        previous_end, previous_text = end, raw
    return tokens


# French and Spanish write the adjectives of a name in small letters after its head ("Parti
# socialiste", "Assemblée nationale", "Banque centrale européenne", "Policía local"). These
# endings are those of relational and national adjectives; verbs and nouns seldom end so
# (French "-ppelle" is the verb "appeler"'s: "Rhodanie Automobiles rappelle 23 000 voitures").
_NAME_ADJECTIVE = {
    "fr": re.compile(
        r"(?:ale?s?|aux|(?<!pp)el(?:le)?s?|iques?|i?ennes?|iens?|éens?|éennes?|aises?|oises?|aires?"
        r"|istes?|ifs?|ives?|ieure?s?|(?<=\w{3})i[eè]re?s?)$"
    ),
    "es": re.compile(
        r"(?:al|ales|i?c[oa]s?|istas?|an[oa]s?|enses?|ari[oa]s?|iv[oa]s?|ol[a]?|oles|olas)$"
    ),
}
MAX_NAME_ADJECTIVES = 2

# French capitalises only the first word of an institution's name, so its complement stays in
# small letters: "Cour des comptes", "Académie d'agriculture", "Ministère de l'intérieur". A
# small-letter noun after an organisation word and "de" (with or without its article, elided
# or not) is part of the name; after a bare "de" or "d'" not an infinitive ("demande au
# Conseil de revoir", "remercie la Police d'avoir").
_COMPLEMENT_GAP = re.compile(r" (?:[dl]['’])?")
# (elided article, connectors) before the noun: "de", "des", "du", "de la", "d'", "de l'"
_BARE_DE = frozenset({("", ("de",)), ("d'", ()), ("d’", ())})
_COMPLEMENT_SHAPES = _BARE_DE | {
    ("", ("des",)),
    ("", ("du",)),
    ("", ("de", "la")),
    ("l'", ("de",)),
    ("l’", ("de",)),
}
_INFINITIVE = re.compile(r"(?:er|ir|être)$")
_COMPLEMENT_ZIPF = 6.0  # less frequent than a function word ("tout", "leur")
# German legal forms written in small letters that end a body's name ("Deutscher
# Schwimm-Verband e.V.", "Tafel Nord eG", "Lebenshilfe gGmbH"), as tokenized (no final stop).
SMALL_LEGAL_FORMS = frozenset({"e.V", "eV", "e.G", "eG", "gGmbH", "mbH"})


# A dash with a space on either side separates the parts of a headline or sentence ("Lena
# Dunham - Lena Dunham parties with ..."); a hyphen inside a word belongs to the word.
_SPACED_DASH = re.compile(r"\s-|-\s")
# The abbreviations of "Saint" and "Sainte" that open a place's name and keep their stop
# inside it ("St. Gallen", "St. Louis", "Ste. Foy"): the stop ends no name. Before a saint's
# possessive ("St. Mary's Hospital", "St. Paul's Cathedral") they name a church or a
# hospital, no town, and are left as they were.
SAINT_ABBREVIATIONS = frozenset({"St", "Ste", "ST", "STE"})


# The words that make the weekday after them a time ("on Monday", "am Montag"), which opens no
# name however many capitalised words follow it (:func:`_chunks`).
TIME_PREPOSITIONS = frozenset({"on", "am"})


def _chunks(text: str, tokens: list[_Token], language: str = "en") -> Iterator[list[_Token]]:
    """Runs of capitalised tokens, with connectors inside, unbroken by punctuation or a spaced
    dash; in French and Spanish, up to two adjectives after an organisation or feature word
    stay in the run, and a German small-letter legal form (:data:`SMALL_LEGAL_FORMS`) too. A
    weekday after "on" or "am" is a run of its own, the sentence's time
    (:data:`TIME_PREPOSITIONS`)."""
    run: list[_Token] = []
    adjective = _NAME_ADJECTIVE.get(language)
    before: _Token | None = None
    for token in tokens:
        on = before is not None and before.text.casefold() in TIME_PREPOSITIONS
        before = token
        if on and token.text.casefold() in WEEKDAYS:
            # "on Monday Hispalis CF parted company": the time, none of a name before or after
            if run[:-1]:
                yield _trim(run[:-1])
            yield [token]
            run = []
            continue
        gap = text[run[-1].end : token.start] if run else ""
        joined = (
            run
            and not token.sentence_start
            and (
                (
                    (
                        not gap.strip(" -\u00a0")
                        or (
                            gap == ". "
                            and run[-1].text in SAINT_ABBREVIATIONS
                            and text[token.end : token.end + 1] not in ("'", "’")
                        )
                    )
                    and not _SPACED_DASH.search(gap)
                )
                or _suspended_hyphen(run, gap, token, language)
            )
        )
        if token.capitalized and not token.text[0].isdigit():
            # "Université d'Ottawa", "Conseil d'État", "Côte d'Ivoire": an elided article
            # inside the name
            shape = _institution_de(run, gap) if language == "fr" else None
            if (
                run
                and not joined
                and not (shape is not None and shape[0])
                and not _place_through_elision(run, gap, token)
            ):
                yield _trim(run)
                run = []
            run.append(token)
        elif (
            run
            and joined
            and (token.text in CONNECTORS or token.text == LANGUAGE_COORDINATORS.get(language))
        ):
            run.append(token)
        elif run and joined and token.text in SMALL_LEGAL_FORMS and run[-1].capitalized:
            token.legal_form = True
            run.append(token)
        elif run and joined and adjective is not None and _name_adjective(run, token, adjective):
            token.adjective = True
            run.append(token)
        elif run and language == "fr" and _institution_complement(run, token, gap):
            token.complement = True
            run.append(token)
        elif run:
            yield _trim(run)
            run = []
    if run:
        yield _trim(run)


# German's suspended hyphen: the first words of a coordination of compounds stand for their
# shared last part by a hyphen glued to them ("Wasserstraßen- und Schifffahrtsverwaltung",
# "Gesundheits-, Sozial- und Integrationsdirektion"), one name's words, no spaced dash.
_SUSPENDED_GAPS = ("- ", "-, ")


def _suspended_hyphen(run: list[_Token], gap: str, token: _Token, language: str) -> bool:
    """Does ``gap`` after the run's last word hold German's suspended hyphen, a hyphen glued
    to a capitalised word, before a coordinator or (after a comma) the next such word?"""
    return (
        language == "de"
        and gap in _SUSPENDED_GAPS
        and run[-1].capitalized
        and (token.capitalized if gap == "-, " else token.text == "und")
    )


def _place_through_elision(run: list[_Token], gap: str, token: _Token) -> bool:
    """Do the run's last word, an elided "d'" and ``token`` name a place the gazetteer holds
    ("Côte d'Ivoire"), in any language?"""
    if not run or gap.replace("’", "'") != " d'":
        return False
    name = f"{run[-1].text} d'{token.text}".casefold()
    return name in entity_gazetteer.loaded_lexicon().places


def _name_adjective(run: list[_Token], token: _Token, adjective: re.Pattern[str]) -> bool:
    """Is ``token`` an adjective of the name that ``run`` ends with ("Parti" + "socialiste")?"""
    if not token.text.islower() or len(token.text) < 4 or not adjective.search(token.text):
        return False
    for held, previous in enumerate(reversed(run)):
        if not previous.adjective:
            head = previous.text.casefold()
            return held < MAX_NAME_ADJECTIVES and (
                head in ORG_WORDS or head in FEATURE_WORDS or previous.complement
            )  # "Organisation de coopération économique"
    return False


def _institution_complement(run: list[_Token], token: _Token, gap: str) -> bool:
    """Is ``token`` the small-letter noun of a French institution's name that ``run`` opens
    (:func:`_institution_de`)?"""
    word = token.text
    if (
        token.sentence_start
        or not word.isalpha()
        or not word.islower()
        or len(word) < 4
        or _zipf(word, "fr") >= _COMPLEMENT_ZIPF
    ):
        return False
    if any(t.complement for t in run):
        return _second_complement(run, gap)
    shape = _institution_de(run, gap)
    return shape is not None and not (shape in _BARE_DE and _INFINITIVE.search(word))


def _second_complement(run: list[_Token], gap: str) -> bool:
    """Does ``run``, ending with a complement (and its adjectives), "et" and the connectors of
    a "de", take a second complement coordinated with the first: "Institut national de la
    santé et de la recherche médicale", "Ministère de l'économie et des finances"?"""
    if _COMPLEMENT_GAP.fullmatch(gap) is None:
        return False
    connectors = 0
    while connectors < len(run) and run[-1 - connectors].text in CONNECTORS:
        connectors += 1
    coordinator = len(run) - connectors - 1
    if coordinator < 1 or run[coordinator].text != LANGUAGE_COORDINATORS["fr"]:
        return False
    shape = (gap[1:].casefold(), tuple(t.text for t in run[coordinator + 1 :]))
    previous = run[coordinator - 1]
    return (
        shape in _COMPLEMENT_SHAPES
        and shape not in _BARE_DE
        and (previous.complement or previous.adjective)
        and sum(t.complement for t in run) == 1
    )


def _institution_de(run: list[_Token], gap: str) -> tuple[str, tuple[str, ...]] | None:
    """The form of "de" (:data:`_COMPLEMENT_SHAPES`) that ``run``, ending with an organisation
    word and its connectors, and ``gap`` make, or None."""
    if not run or _COMPLEMENT_GAP.fullmatch(gap) is None:
        return None
    connectors = 0
    while connectors < len(run) and run[-1 - connectors].text in CONNECTORS:
        connectors += 1
    shape = (gap[1:].casefold(), tuple(t.text for t in run[len(run) - connectors :]))
    named = len(run) - connectors
    while named > 0 and run[named - 1].adjective:
        named -= 1  # "Organisation mondiale de la santé": the name's adjectives after its head
    head = run[named - 1] if named > 0 else None
    if (
        shape not in _COMPLEMENT_SHAPES
        or head is None
        or not head.capitalized
        or head.text.casefold() not in ORG_WORDS
    ):
        return None
    return shape


def _trim(run: list[_Token]) -> list[_Token]:
    while run and not (
        run[-1].capitalized or run[-1].adjective or run[-1].legal_form or run[-1].complement
    ):
        run = run[:-1]
    return run


# A first name that is also a frequent word of its language, one it uses more than the others
# (margin 1), is that word ("The", "Said", "Young", "Vida"): the lists of first names hold a
# few. Names are about as frequent in every language and less frequent than this ("José",
# "Juan", "Jean" stand near 5.3 in their own).
TITLE_CASE_WORD_ZIPF = 5.5


def _name_words(tokens: list[_Token], first_names: frozenset[str], language: str) -> set[int]:
    """Indexes of the capitalised words of ``tokens`` that belong to a person's name: a first
    name known in some country (no frequent word of ``language``: :data:`TITLE_CASE_WORD_ZIPF`),
    and the capitalised word right after one, its surname ("José Luis Martínez"). A name is
    capitalised in any sentence, so its capitals tell nothing of how the sentence is cased."""
    firsts = {
        i
        for i, t in enumerate(tokens)
        if t.capitalized
        and t.text.casefold() in first_names
        and not _common(t.text, language, zipf=TITLE_CASE_WORD_ZIPF, margin=1.0)
    }
    return firsts | {
        i
        for i, t in enumerate(tokens)
        if i - 1 in firsts and t.capitalized and not t.sentence_start
    }


def _title_case(
    tokens: list[_Token], share: float, least: int, first_names: frozenset[str], language: str
) -> bool:
    """A headline in Title Case, where capitals say nothing about names: at least ``least``
    words of four letters or more, ``share`` of them capitalised, and as much of those that
    are no person's name (:func:`_name_words`), one of them past the first word (capitalised
    in any sentence). A short sentence or a line-up made of names ("Vino José Luis Martínez.")
    has no word a sentence would write small capitalised and is no headline."""
    words = [i for i, t in enumerate(tokens) if len(t.text) > 3 and t.text.isalpha()]
    if len(words) < least or sum(tokens[i].capitalized for i in words) < share * len(words):
        return False
    names = _name_words(tokens, first_names, language)
    small = [i for i in words if i not in names]
    return any(i > 0 for i in small) and sum(tokens[i].capitalized for i in small) >= share * len(
        small
    )


def _title_case_sentences(
    tokens: list[_Token], share: float, least: int, first_names: frozenset[str], language: str
) -> set[int]:
    """Start offsets of the tokens that stand in a Title Case sentence."""
    inside: set[int] = set()
    sentence: list[_Token] = []
    for token in [*tokens, None]:
        if token is None or token.sentence_start:
            if sentence and _title_case(sentence, share, least, first_names, language):
                inside.update(t.start for t in sentence)
            sentence = []
        if token is not None:
            sentence.append(token)
    return inside


@dataclass(slots=True)
class _Candidate:
    start: int  # token index within the chunk
    end: int
    kind: EntityKind
    places: tuple[_Place, ...] = ()
    titled: bool = False
    district: bool = False  # a town's district, named by a district word (_district_in)
    venue: bool = False  # a venue in a town, a German compound (_compound_venues_in)
    town: bool = False  # a town no gazetteer holds (a dateline's, "the town of ...")
    country: str | None = None  # that town's country, when an adjective gives it (adjective_town)
    # the one country GeoNames' smaller set puts a town it reads in (small_town_unknown): the
    # town is read only where the article names that country too
    small_town_country: str | None = None


MAX_ORG_TAIL = 10
# The connectors that join two words of one name as equals ("Food and Agriculture
# Organization", "Department of Health and Human Services", "Ministerio de Ciencia y
# Tecnología"), and how frequent in the language each of the two words must be: the common
# nouns of a body's field, where two names joined ("Britain and France", "Bill and Melinda")
# are rarer words or names the gazetteers hold.
COORDINATORS = frozenset({"and", "y"})
# The same "and" in the languages whose word for it joins no names in the others, read only
# in its own language: German "und" ("Bundesamt für Migration und Flüchtlinge"), French "et"
# ("Institut de Recherche et Développement"), Spanish "e", "y" before an /i/ ("Ministerio
# de Comercio e Industrias").
LANGUAGE_COORDINATORS = {"de": "und", "fr": "et", "es": "e"}
COORDINATED_WORD_ZIPF = 3.5


def coordinated_word(token: _Token, language: str) -> bool:
    """Is ``token`` a word an organisation's name may join to another by "and" or "y"
    (:data:`COORDINATORS`): a capitalised common noun of the language
    (:data:`COORDINATED_WORD_ZIPF`) that is no acronym, organisation word, title, determiner
    or common first name, nor a country or region, nor a town unless the word belongs to
    this language more than to the others and is no town's own name ("Drug", another name of
    Durg, is an English word; "Lisbon" is the town's)."""
    word = token.text
    lowered = word.casefold()
    if not token.capitalized or not word.isalpha() or word.isupper():
        return False
    lexicon = entity_gazetteer.loaded_lexicon()
    if (
        lowered in ORG_WORDS
        or lowered in TITLES
        or lowered in DETERMINERS
        or lowered in lexicon.common_first_names
        or _zipf(lowered, language) < COORDINATED_WORD_ZIPF
    ):
        return False
    readings = lexicon.places.get(lowered, ())
    if any(place.rank >= 2 or fold(place.name) == fold(word) for place in readings):
        return False  # a country, a region, a town's own name
    return not readings or _common(word, language, zipf=COORDINATED_WORD_ZIPF, margin=1.0)


def coordinated_pair(chunk: list[_Token], link: int, language: str) -> bool:
    """Does the connector at ``link`` (:data:`COORDINATORS`, or the language's own in
    :data:`LANGUAGE_COORDINATORS`) join the two words around it as equals inside one name
    (:func:`coordinated_word` both)?"""
    return (
        0 < link < len(chunk) - 1
        and (
            chunk[link].text in COORDINATORS
            or chunk[link].text == LANGUAGE_COORDINATORS.get(language)
        )
        and coordinated_word(chunk[link - 1], language)
        and coordinated_word(chunk[link + 1], language)
    )


_PRIORITY = {"organization": 2, "place": 1, "person": 0}


def _surface(text: str, chunk: list[_Token], start: int, end: int) -> str:
    return text[chunk[start].start : chunk[end - 1].end]


def _org_tail(
    chunk: list[_Token],
    end: int,
    head_first: bool,
    limit: int = MAX_ORG_TAIL,
    language: str = "en",
    loose_caps: bool = False,
) -> int:
    """Where an organisation named around the word before ``end`` stops: "Bank of England",
    "Comisión de Seguridad del Senado", and when the name starts with that word, the words
    after it ("Partido Popular", "Confederación Nacional de Transporte de Carga"). In German,
    whose nouns all have capitals, a frequent German noun right after the head or after "am"
    or "im" (which hold the article "dem"), or any word after an article of the sentence
    ("den", "dem"), is the sentence going on ("die Polizei Anfang Oktober", "das Gericht den
    Forderungen", "der Konzern am Dienstag"; not "Frankfurt am Main"), and a German name that
    has reached a place after its head ends there, its seat, unless another place follows
    (:func:`_ends_at_seat`: "die Staatsanwaltschaft Düsseldorf Auktionshäuser aufgefordert").
    The capitalised words right after "of" or its forms are all the complement's, when words
    come before the head too ("National Center for Youth Law", "Deutsches Institut für Marine
    Biologie"), up to a title or a common first name, which open a person's name ("... of
    Marine Science Director Anna Bell", "das Amt von Peter Neher"), and not after a place ("Bank of England Governor") or
    in Title Case text (``loose_caps``: "Bank of Japan Meeting"); a weekday or a month after
    "on", "am" and the like is the sentence's time ("... Law on Monday")."""
    head = end
    limit = end + limit
    lexicon = entity_gazetteer.loaded_lexicon()
    in_complement = False  # the last word taken came after "of" or its forms
    while end < min(limit, len(chunk)):
        if chunk[end].adjective or chunk[end].legal_form or chunk[end].complement:
            end += 1  # "Parti socialiste", "Cour pénale internationale", "Verband e.V."
            continue
        k = end
        if language == "fr" and chunk[k].text == LANGUAGE_COORDINATORS["fr"]:
            k += 1  # "Ministère de l'économie et des finances": a second complement
            while k < len(chunk) and chunk[k].text in CONNECTORS:
                k += 1
            if k < len(chunk) and chunk[k].complement:
                limit += k - end  # its small words count no more than the first's
                end = k
                continue
            k = end
        if coordinated_pair(chunk, end, language):
            k += 1  # "Department of Health and Human Services"
            head_first = True  # the words after "and" are the name's as those before it
        while k < len(chunk) and chunk[k].text in CONNECTORS and chunk[k].text not in COORDINATORS:
            k += 1
        if k == end and not head_first:
            folded = chunk[k].text.casefold()
            if not (
                in_complement
                and not loose_caps
                and chunk[k].capitalized
                and chunk[k - 1].text.casefold() not in lexicon.places
                and folded not in TITLES
                and folded not in lexicon.common_first_names
            ):
                break
        if k > end and k < len(chunk) and _time_word(chunk[k].text, language):
            break
        if _title_of_a_name(chunk, k) or (k > end and _opens_person(chunk, k, lexicon)):
            break
        if language == "de" and (
            any(chunk[n].text in ("den", "dem") for n in range(end, k))
            or (end > head and _ends_at_seat(chunk, end, k))
            or (
                (k == end or chunk[k - 1].text in ("am", "im"))
                and k < len(chunk)
                and _common(chunk[k].text, "de", zipf=3.5, margin=1.0)
                and chunk[k].text.casefold()
                not in entity_gazetteer.loaded_lexicon().places  # "Partei Deutschland"
            )
        ):
            break
        if k < len(chunk) and (chunk[k].capitalized or chunk[k].complement):
            in_complement = k > end or in_complement
            end = k + 1  # "Banque de France", "Cour des comptes"
        else:
            break
    return end


def _opens_person(chunk: list[_Token], k: int, lexicon: _Lexicon) -> bool:
    """Whether a common first name at ``k`` and a capitalised word after it open a person's
    name: after "of" or its forms, the person the office or body is of ("das Amt von Peter
    Neher"), no words of the body's own name; not when the two name a place ("Servicio
    Antártico del Reino Unido")."""
    return (
        k + 1 < len(chunk)
        and chunk[k + 1].capitalized
        and chunk[k].text.casefold() in lexicon.common_first_names
        and f"{chunk[k].text} {chunk[k + 1].text}".casefold() not in lexicon.places
    )


def _title_of_a_name(chunk: list[_Token], k: int) -> bool:
    """Whether the word at ``k`` is a title before a capitalised word that is no organisation
    word: a person's name follows and the title is their office ("Defence Minister Carolina
    Vial", "Commission President Ana Ruiz"), the words before it what the office is of, not
    one name with the person's. A rank or office of :data:`RANKS` is one too before a full
    name that opens on a known first name ("Police Commissioner Odette Varga"), not before
    the name's own words ("Officer Training Corps")."""
    if not (
        k + 1 < len(chunk)
        and chunk[k + 1].capitalized
        and chunk[k + 1].text.casefold() not in ORG_WORDS
    ):
        return False
    word, name = chunk[k].text.casefold(), chunk[k + 1].text.casefold()
    return word in TITLES or (
        word in RANKS
        and name not in RANKS
        and name in entity_gazetteer.loaded_lexicon().first_names
        and k + 2 < len(chunk)
        and chunk[k + 2].capitalized
        and chunk[k + 2].text.casefold() not in ORG_WORDS
    )


def _time_word(word: str, language: str) -> bool:
    """A weekday or, where the language capitalises it, a month: a time, no name's word."""
    folded = word.casefold()
    return folded in WEEKDAYS or folded in MONTHS.get(language, frozenset())


def _ends_at_seat(chunk: list[_Token], end: int, k: int) -> bool:
    """Does a German body's name end at the place before ``end``, its seat? German writes a
    body by its kind and its town ("Staatsanwaltschaft Düsseldorf", "Polizei Osnabrück") and
    capitalises every noun, so a capitalised word after the town is the sentence's next noun
    ("Auktionshäuser", "Käufer"), unless it is a place too ("Polizei Frankfurt Oder"). A
    place's name that is a common first name opens the name of a person the body is named
    after ("Krankenhaus Anna Stollwerck"), no seat."""
    lexicon = entity_gazetteer.loaded_lexicon()
    seat = chunk[end - 1].text.casefold()
    return (
        seat in lexicon.places
        and seat not in lexicon.common_first_names
        and not (k < len(chunk) and chunk[k].text.casefold() in lexicon.places)
    )


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest non-overlapping candidates; ties go to organisation, place, person."""
    chosen: list[_Candidate] = []
    taken: set[int] = set()
    ordered = sorted(
        candidates,
        key=lambda c: (-(c.end - c.start), -(3 if c.titled else _PRIORITY[c.kind]), c.start),
    )
    for candidate in ordered:
        span = set(range(candidate.start, candidate.end))
        if span & taken:
            continue
        taken |= span
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


@dataclass(slots=True)
class _Found:
    in_title: bool
    body: str
    chunk: list[_Token]
    candidate: _Candidate
