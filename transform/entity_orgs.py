"""Organisations: the rules that find them, and the evidence for a lone one in its sentence.

First, evidence in the words around a lone capitalised word that it names an organisation. A
one-word company or body ("Gannett", "Anses", "Herbalife") has no organisation word to give
it away, and its name is a rare word like a surname. What tells the two apart is the sentence
around it: an organisation takes an article where a person does not ("the Chiefs", "l'Anses",
"las Farc"), has shares and a chief executive ("Apple's chief executive", "shares of
Herbalife"), and is described as a company in an apposition ("Chiquita, the banana
company"). These functions read that evidence from the text around the word's span;
:func:`_lone_organization` decides first that the word is no common word, place, first name
or title. Then the rules over a chunk of capitalised words (:func:`_orgs_in`: an organisation
word, an institution alone, an acronym, a brand spelling), a name after a noun saying what
kind of body it is (:func:`_classified_in`), one defined by its acronym in brackets
(:func:`_defined_in`, :func:`_spelled_out`) and a French or Spanish name opened by a
capitalised article (:func:`_article_names_in`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Collection, Iterator

from transform import entity_gazetteer
from transform.entity_gazetteer import _Lexicon
from transform.entity_people import _german_compound, _rare_name
from transform.entity_places import _town_of_adjective
from transform.entity_tokens import (
    MAX_ORG_TAIL,
    _Candidate,
    _org_tail,
    _Token,
    coordinated_pair,
)
from transform.entity_words import (
    _PLACE_ACRONYMS,
    ARTICLES,
    ATTRIBUTION_VERBS,
    CLUB_TAILS,
    CONNECTORS,
    DEFINITE,
    DETERMINERS,
    FEATURE_WORDS,
    GERMAN_BODY_NOUNS,
    GERMAN_BRANCH_HEADS,
    GERMAN_CASE_PREPOSITIONS,
    GERMAN_CLAUSE_WORDS,
    GERMAN_COMPANY_HEADS,
    INDEFINITE,
    INSTITUTION_HEADS,
    INSTITUTIONS,
    NOT_ACRONYMS,
    ORG_CLASSIFIER_HEADS,
    ORG_SUFFIXES,
    ORG_WORDS,
    REPORTING_VERBS,
    SOURCE_BEFORE,
    SOURCE_REACH,
    TITLES,
    UNIT_SYMBOLS,
    _classifier,
    _common,
    _is_title,
    _zipf,
    fold,
    legal_form,
)

# Definite articles before a name inside a sentence: a person's name takes none in English,
# French or Spanish ("the Chiefs", "le Medef", "los Gunners"). German puts articles before
# common nouns, which it capitalises too, so a capital after one says nothing there; French
# capitalises the nouns of nations and people ("les Tchèques", "des Parisiens"), so not its
# plural articles.
DEFINITE_ARTICLES = {
    "en": frozenset({"the"}),
    "fr": frozenset({"le", "la", "du", "au"}),
    "es": frozenset({"el", "la", "los", "las", "del", "al"}),
}
_ELIDED_ARTICLE = ("l'", "l’")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
# English capitalises the adjectives of nations and creeds too ("the Uruguayan company", "the
# Republican plan"): after "the", the word must end its phrase, before punctuation or a verb
# that has it as subject ("the Pentagon said"); not before a possessive, which products take
# as often ("the Sentra's design").
_ENDS_PHRASE_EN = re.compile(
    r"(?:\s*[,.;:!?)\"”]|\s+(?:said|says|has|had|is|was|will|would|announced)\b|\s*$)"
)
# Endings that make a nation's people or a place's plural of its name ("Ukrainians",
# "Americas", "Syrians"), and what the name ends with instead.
DEMONYM_ENDINGS = ("ians", "ans", "ns", "s", "ese", "i")
PLACE_ENDINGS = ("", "e", "a", "ia")


def place_stems(word: str) -> list[str]:
    """The names a people's or plural word could come from: "Ukrainians" -> "Ukraine"."""
    lowered = word.casefold()
    return [
        lowered[: -len(ending)] + tail
        for ending in DEMONYM_ENDINGS
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3
        for tail in PLACE_ENDINGS
    ]


# What a company has and a person has not, after a possessive ("Apple's shares", "Gannett's
# chief executive").
BUSINESS_NOUNS = frozenset(
    """
    shares stock stake ceo chief chairman board headquarters shareholders investors earnings
    revenue revenues profit profits sales subsidiary subsidiaries customers stores
    """.split()  # noqa: SIM905
)
_POSSESSIVE_NOUN = re.compile(r"['’]s\s+([^\W\d_]+)")

# English names a body's officer with the body's name before the role and the officer's name
# after it ("Chargers coach Anthony Lynn", "Quorlix founder Dana Reyes", "Vexo spokesman Tim
# Hart"): a role a body has and a person has not, a company's officers by their acronyms too
# ("Facebook CEO Mark Zuckerberg").
BODY_ROLES = frozenset(
    """
    coach chairman chairwoman spokesman spokeswoman spokesperson founder co-founder
    ceo cfo coo cto
    """.split()  # noqa: SIM905
)
# A team's player is named the same way, by his position ("Sabres defenseman Brandon
# Montour", "Browns defensive end Myles Garrett"): a position is held in a team, not in a
# person, so the word before it names the team.
TEAM_POSITIONS = frozenset(
    """
    quarterback linebacker cornerback receiver lineman kicker punter
    defenseman goaltender goalie goalkeeper keeper striker midfielder defender winger forward
    pitcher catcher shortstop outfielder infielder batsman bowler
    """.split()  # noqa: SIM905
)
# the position's first word when it has two: "defensive end", "wide receiver", "running back";
# "end", "back" and "tackle" name a position only so ("the Reds back Jane Doe")
POSITION_QUALIFIERS = frozenset(
    "defensive offensive wide tight running left right center centre star veteran".split()  # noqa: SIM905
)
QUALIFIED_POSITIONS = frozenset({"end", "back", "tackle", "guard"})
_ROLE_THEN_NAME = re.compile(r"\s+([^\W\d_]+(?:-[^\W\d_]+)?)\s+[A-ZÀ-Þ][^\W\d_]")
_POSITION_THEN_NAME = re.compile(r"\s+([^\W\d_]+)\s+([^\W\d_]+)\s+[A-ZÀ-Þ][^\W\d_]")

# Shares and shareholders are a company's: "shares of Herbalife", "les actions d'Alstom",
# "Aktien von Bayer", "accionistas de Montecon".
_SHARES_OF = re.compile(
    r"(?:\b(?:shares|shareholders)\s+(?:of|in)|\b(?:actions?|actionnaires)\s+(?:de|d['’])"
    r"|\b(?:acciones|accionistas)\s+de|\b(?:Aktien?|Aktionäre)\s+von)\s*$",
    re.IGNORECASE,
)

# What a company does and a person does not, said right after its name as the subject of the
# clause: its shares move ("Quorlix shares fell"), it reports a result ("Quorlix posted a
# quarterly loss", "Pelvaro meldete einen Gewinn", "Montecon registró pérdidas"), it buys a
# company ("Quorlix agreed to buy rival ...", "Pelvaro übernimmt den Konkurrenten ...",
# "Montecon adquirió la empresa ..."): the verb, then within five words of the same clause the
# noun of the result or of the company bought (:func:`_company_noun`); a stake or shares,
# which a person buys too, end the search.
_SHARES_MOVE = re.compile(
    r"\s+(?:shares|stock)\s+(?:rose|fell|jumped|climbed|dropped|slid|gained|tumbled|surged"
    r"|plunged|sank|rallied|slumped|soared|rise|fall|jump|climb|drop|slide|gain|tumble|surge"
    r"|plunge|sink|rally|slump|soar|closed|ended|were|have)\b",
    re.IGNORECASE,
)
RESULT_VERBS = frozenset(
    """
    reported reports posted posts booked books
    meldete meldet verbuchte verbucht erzielte erzielt
    enregistre publie réalise affiche
    registró reportó obtuvo ganó facturó registra reporta obtiene
    """.split()  # noqa: SIM905
)
RESULT_NOUNS = frozenset(
    """
    profit profits loss losses revenue revenues earnings sales
    umsatz umsätze gewinn gewinne verlust verluste nettogewinn quartalsgewinn betriebsgewinn
    bénéfice bénéfices perte pertes chiffre
    beneficio beneficios ganancias utilidades pérdidas ventas ingresos facturación
    """.split()  # noqa: SIM905
)
TAKEOVER_VERBS = frozenset(
    """
    buy buys bought acquire acquires acquired
    kauft kaufte übernimmt übernahm
    rachète racheté acquiert acquis
    compra compró adquiere adquirió comprará adquirirá
    """.split()  # noqa: SIM905
)
# A company files for bankruptcy, for court protection from its creditors or for a listing
# ("Quorlix files for Chapter 11", "Pelvaro beantragte Insolvenz", "Montecon solicitó concurso
# de acreedores"): the verb, then within five words the noun of the proceeding. A person's
# bankruptcy is news far less often than a firm's, and a person is named in full.
FILING_VERBS = frozenset(
    """
    file files filed filing
    beantragt beantragte
    dépose déposé
    solicita solicitó
    """.split()  # noqa: SIM905
)
FILING_NOUNS = frozenset(
    """
    bankruptcy chapter insolvency ipo
    insolvenz insolvenzverfahren
    bilan faillite
    quiebra concurso
    """.split()  # noqa: SIM905
)
# Words between the name and the verb: auxiliaries, the verbs of agreeing or planning to, and
# "again" ("Quorlix again files for bankruptcy").
_VERB_LEAD = frozenset(
    """
    has had have will would is was to agreed plans said it again
    a va
    ha
    """.split()  # noqa: SIM905
)
_CLAUSE_WORDS = re.compile(r"[^\W\d_]+|[^\w\s]")
MAX_LEAD_WORDS = 3
MAX_OBJECT_WORDS = 5


def corporate_action(body: str, start: int, end: int, language: str) -> bool:
    """The name at ``start:end`` is the subject of what only a company does: its shares move
    (:data:`_SHARES_MOVE`), it reports a result, buys a company or files for bankruptcy (see
    above). German puts the verb before the subject after an opening phrase ("Im Mai meldete
    Pelvaro einen Gewinn")."""
    if _SHARES_MOVE.match(body, end) is not None:
        return True
    words = [w.casefold() for w in _CLAUSE_WORDS.findall(body[end : end + 120])]
    verb_before = _WORD_BEFORE.search(body, max(0, start - 20), start)
    k = 0
    if language == "de" and verb_before is not None:
        verb = verb_before.group(1).casefold()
        k = -1
    else:
        while k < min(len(words), MAX_LEAD_WORDS) and words[k] in _VERB_LEAD:
            k += 1
        if k >= len(words):
            return False
        verb = words[k]
    if verb not in RESULT_VERBS | TAKEOVER_VERBS | FILING_VERBS:
        return False
    wanted = (
        RESULT_NOUNS if verb in RESULT_VERBS else FILING_NOUNS if verb in FILING_VERBS else None
    )
    for word in words[k + 1 : k + 1 + MAX_OBJECT_WORDS]:
        if not word.isalpha() or word in STAKE_NOUNS:
            return False  # the clause ends before the object, or a stake is bought
        if wanted is not None and word in wanted:
            return True
        if wanted is None and _company_noun(word, language):
            return True
    return False


# What a person buys as well as a company: a part of one, not the company ("bought a stake in
# the firm").
STAKE_NOUNS = frozenset(
    """
    stake stakes share shares anteil anteile beteiligung aktien participation actions
    participación acciones
    """.split()  # noqa: SIM905
)
# The companies one buys, besides the nouns of a kind of body: its rivals.
RIVAL_NOUNS = frozenset(
    """
    rival rivals competitor competitors konkurrenten rivalen wettbewerber concurrent
    concurrents competidor competidora
    """.split()  # noqa: SIM905
)


COMMON_NOUN_ZIPF = 3.5  # a word this frequent in its language alone (margin 1) is no name


def _company_noun(word: str, language: str) -> bool:
    """A noun, in small letters, that names a company or a rival: :data:`RIVAL_NOUNS`, the
    classifiers of :data:`transform.entity_words.ORG_CLASSIFIERS`, in German a word ending
    in one of :data:`transform.entity_words.ORG_CLASSIFIER_HEADS`."""
    if word in RIVAL_NOUNS:
        return True
    if language == "de":
        return word.removesuffix("s").endswith(ORG_CLASSIFIER_HEADS)
    return _classifier(word, language)


# An apposition right after the name, opened by an article: "Chiquita, the banana company,",
# "Montecon, una empresa uruguaya", up to the next punctuation.
_APPOSITION = re.compile(
    r",\s+(?:the|a|an|le|la|l['’]|un|une|el|una|der|die|das|ein|eine)\s+([^,.;:()!?\"]{1,60})",
    re.IGNORECASE,
)
MAX_APPOSITION_WORDS = 5


# Nouns that say what a body is and never what a person is: a name the sentence says is one
# of them ("Alfa Romeo ist das siebte Team, das …", "Quorlix is a company that …") is an
# organisation, even when read as a person's name first. German compounds ending in one
# count ("Rennteam", "Familienunternehmen").
BODY_ONLY_NOUNS = frozenset(
    """
    company firm carmaker automaker conglomerate startup start-up subsidiary team club
    airline insurer lender retailer
    unternehmen konzern firma team verein
    société entreprise firme équipe
    empresa compañía firma equipo
    """.split()  # noqa: SIM905
)
_GERMAN_BODY_ONLY = ("unternehmen", "konzern", "team", "verein")
_PREDICATE = re.compile(
    r"\s+(?:is|was|ist|war|est|était|es|fue|era)\s+"
    r"(?:the|a|an|der|die|das|ein|eine|le|la|l['’]|un|une|el|una)(?![^\W\d_])\s*"
    r"([^,.;:!?()\"“”„«»]{1,80})",
    re.IGNORECASE,
)
MAX_PREDICATE_WORDS = 4


def _body_only_noun(word: str, language: str) -> bool:
    lowered = word.casefold()
    if lowered in BODY_ONLY_NOUNS:
        return True
    return language == "de" and word[:1].isupper() and lowered.endswith(_GERMAN_BODY_ONLY)


# French and Spanish name a hospital, a school or a stadium after a person, its noun in lower
# case right before the name ("l'hôpital Yves-Le Foll", "le lycée Victor-Hugo", "el hospital
# Carlos Haya", "le stade Pierre-Mauroy"): the institution, not the person.
_INSTITUTION_BEFORE = re.compile(
    r"(?:^|[\s'’])(hôpital|clinique|lycée|collège|école|université|stade|gare|aéroport"
    r"|hospital|clínica|colegio|escuela|instituto|universidad|estadio|aeropuerto)\s+$"
)


def institution_before(body: str, start: int) -> str | None:
    """The lower-case noun of an institution right before the name at ``start``
    (:data:`_INSTITUTION_BEFORE`), which makes the name the institution's."""
    match = _INSTITUTION_BEFORE.search(body, max(0, start - 20), start)
    return match.group(1) if match else None


def said_to_be_body(body: str, end: int, language: str) -> bool:
    """The name ending at ``end`` is said to be a body of :data:`BODY_ONLY_NOUNS`: after
    "is" and an article, within four words, the noun ending its phrase (before punctuation or
    a function word: "is a company that", "ist das siebte Team, das"; not "is a team
    player")."""
    match = _PREDICATE.match(body, end)
    if match is None:
        return False
    words = match.group(1).split()
    for k, word in enumerate(words[:MAX_PREDICATE_WORDS]):
        if _body_only_noun(word, language):
            following = words[k + 1] if k + 1 < len(words) else None
            return following is None or _zipf(following.casefold(), language) >= FUNCTION_WORD_ZIPF
    return False


def after_article(body: str, start: int, end: int, language: str) -> bool:
    """A definite article stands right before the word at ``start:end``. In English the word
    also ends its phrase (:data:`_ENDS_PHRASE_EN`) and is a plural: "the Chiefs", "the
    Conservatives" name a team or party, while "the Stadia", "the Gateway" name a product or
    a thing as often as a body."""
    articles = DEFINITE_ARTICLES.get(language)
    if articles is None:
        return False
    if language == "fr" and body[max(0, start - 2) : start] in _ELIDED_ARTICLE:
        return True
    match = _WORD_BEFORE.search(body, max(0, start - 12), start)
    if match is None or match.group(1).casefold() not in articles:
        return False
    if language != "en":
        return True
    word = body[start:end]
    plural = word.endswith("s") and not word.endswith("ss")
    return plural and _ENDS_PHRASE_EN.match(body, end) is not None


def business_possessive(body: str, end: int, language: str) -> bool:
    """An English possessive after the word, then a noun of :data:`BUSINESS_NOUNS`."""
    if language != "en":
        return False
    match = _POSSESSIVE_NOUN.match(body, end)
    return match is not None and match.group(1).casefold() in BUSINESS_NOUNS


def role_before_name(body: str, end: int, language: str) -> bool:
    """In English, a role of :data:`BODY_ROLES` or a player's position of
    :data:`TEAM_POSITIONS` (after one word of :data:`POSITION_QUALIFIERS` or none) right after
    the word, then a capitalised name: "Chargers coach Anthony Lynn", "Browns defensive end
    Myles Garrett"."""
    if language != "en":
        return False
    match = _ROLE_THEN_NAME.match(body, end)
    if match is not None and match.group(1).casefold() in BODY_ROLES | TEAM_POSITIONS:
        return True
    match = _POSITION_THEN_NAME.match(body, end)
    return (
        match is not None
        and match.group(1).casefold() in POSITION_QUALIFIERS
        and match.group(2).casefold() in TEAM_POSITIONS | QUALIFIED_POSITIONS
    )


# What a pollster, a data firm or an analyst house puts out, right before its name: "data
# from Refinitiv", "a survey by Gallup", "analysis from Poynter", "un sondage de ...", "datos
# de ...". Not a report or a study, which people write too ("a report by Mueller"), and not
# in German, whose nouns after "Daten von" are capitalised too ("Daten von Nutzern").
_SURVEY_OF = re.compile(
    r"\b(?:(?:data|survey|surveys|poll|polls|polling|figures|analysis|estimates)\s+(?:by|from)"
    r"|(?:sondage|enquête|données|chiffres|estimations)\s+(?:de|d['’]|du)"
    r"|(?:encuesta|sondeo|datos|cifras|estimaciones)\s+(?:de|del))\s*$",
)


def survey_of(body: str, start: int) -> bool:
    """The word comes right after a noun of what a pollster or data firm puts out and "by",
    "from" or their French and Spanish forms (see :data:`_SURVEY_OF`)."""
    return _SURVEY_OF.search(body, max(0, start - 24), start) is not None


# An office only a body has, then "of" or its forms, right before a name: "the director of
# Diprove", "CEO of Tmall", "el director nacional de Diprove", "le porte-parole d'Airbus",
# "Sprecher von Pelvaro". Not a president, whom countries, courts and parliaments have as
# often as firms ("presidente del Legislativo"). German only after "von": its genitive article
# stands before any capitalised noun ("Sprecher der Polizei").
_OFFICE_OF = {
    "en": re.compile(
        r"\b(?:(?:executive\s+|managing\s+)?director|ceo|chief\s+executive(?:\s+officer)?"
        r"|spokes(?:man|woman|person)|chair(?:man|woman)|(?:co-)?founder)\s+of\s*$",
        re.IGNORECASE,
    ),
    "es": re.compile(
        r"\b(?:director(?:a)?(?:\s+(?:general|nacional|ejecutiv[oa]|regional))?|portavoz"
        r"|vocer[oa]|consejer[oa]\s+delegad[oa]|fundador(?:a)?)\s+(?:de|del)\s*$",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"\b(?:direct(?:eur|rice)(?:\s+(?:général|générale|exécutif|exécutive))?"
        r"|porte-parole|pdg|fondat(?:eur|rice))\s+(?:de\s+|du\s+|d['’]\s*)$",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:Sprecher(?:in)?|Chef(?:in)?|Gründer(?:in)?|Direktor(?:in)?"
        r"|Geschäftsführer(?:in)?|Vorstandschef(?:in)?)\s+von\s+$"
    ),
}
_OFFICE_REACH = 40  # characters before the name an office and its "of" fit in
# the link each office pattern ends with: most lone names follow none, and this test is cheap
_OFFICE_LINKS = ("of", "de", "del", "du", "d'", "d’", "von")
# A name joined to the next by "and": "La directora de Planificación y Desarrollo Urbano" heads
# a department whose name goes on; alone, its first word is no body.
_NAME_JOINED_ON = re.compile(r"\s+(?:and|y|e|et|und|&)\s+[A-ZÀ-Þ]")


def office_of(body: str, start: int, end: int, language: str) -> bool:
    """The word at ``start:end`` comes right after an office only a body has and "of" or its
    forms (:data:`_OFFICE_OF`), and no "and" joins it to a name going on after it."""
    office = _OFFICE_OF.get(language)
    reach = max(0, start - _OFFICE_REACH)
    if office is None or not body[reach:start].rstrip().casefold().endswith(_OFFICE_LINKS):
        return False
    if office.search(body, reach, start) is None:
        return False
    return _NAME_JOINED_ON.match(body, end) is None


# What stands right after a body's name a report only cites as its source (what stands
# before it: :data:`transform.entity_words.SOURCE_BEFORE`): its spokesperson ("an Adif
# spokesman") or a verb of saying ("Adif said", "Adif a indiqué").
_SOURCE_AFTER = re.compile(
    r"\s*(?:spokes(?:man|woman|person)|portavoz|porte-parole|sprecher(?:in)?"
    r"|,?\s*(?:a|ont|hat|ha)\s+(?:indiqué|déclaré|précisé|annoncé|expliqué|mitgeteilt|informado)"
    r"|,?\s*(?:" + "|".join(sorted(ATTRIBUTION_VERBS | REPORTING_VERBS)) + r"))\b",
    re.IGNORECASE,
)


def quoted_only(text: str, name: str, mentions: int) -> bool:
    """Whether ``text`` names the body ``name`` only as the source it quotes or cites
    (:data:`~transform.entity_words.SOURCE_BEFORE`, :data:`_SOURCE_AFTER`), at least
    ``mentions`` times: a report that says "según ha informado Adif" and quotes "el portavoz
    de Adif" tells what Adif says of a happening, not what Adif did. A name found fewer times
    than the recognizer counted (an alias, an acronym) may stand anywhere else: not only
    quoted."""
    found = [match.start() for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return len(found) >= max(1, mentions) and all(
        SOURCE_BEFORE.search(text, max(0, start - SOURCE_REACH), start) is not None
        or _SOURCE_AFTER.match(text, start + len(name)) is not None
        for start in found
    )


def shares_of(body: str, start: int) -> bool:
    """The word comes right after "shares of", "shareholders of" or their French, Spanish or
    German forms."""
    return _SHARES_OF.search(body, max(0, start - 20), start) is not None


# What only a listed company has, named in English right after its name as a compound's
# first word: "Spotify investors", "Quorvex shares". A person has staff, customers and
# employees too ("Trump staff"), and a country or a team has users and fans: left out.
COMPANY_COMPOUND_NOUNS = frozenset("shares stock shareholders investors".split())  # noqa: SIM905
_NOUN_AFTER = re.compile(r" ([a-z]+)\b")


def company_compound(body: str, end: int, language: str) -> bool:
    """In English, a noun of :data:`COMPANY_COMPOUND_NOUNS` right after the word, one space
    between: the word names the company whose shares or investors they are."""
    if language != "en":
        return False
    match = _NOUN_AFTER.match(body, end)
    return match is not None and match.group(1) in COMPANY_COMPOUND_NOUNS


def classified_apposition(body: str, end: int, classifier: Callable[[str], bool]) -> bool:
    """An apposition after the word ("X, the carmaker, said") whose first words hold a noun
    that ``classifier`` says names a kind of organisation, unless a verb of saying follows
    that noun: the attribution of the clause that the word ends ("…, the company said")."""
    match = _APPOSITION.match(body, end)
    if match is None:
        return False
    words = match.group(1).split()[:MAX_APPOSITION_WORDS]
    following = [*words[1:], ""]
    return any(
        classifier(word) and after.casefold() not in ATTRIBUTION_VERBS
        for word, after in zip(words, following, strict=True)
    )


# A ministry or department is named by its portfolios, listed with commas and a last "and"
# ("Ministry of Agriculture, Fisheries and Food", "Ministerio de Ganadería, Agricultura y
# Pesca", "Bundesministerium für Bildung, Forschung und Technologie"); a name found up to its
# first portfolio goes on to the end of the list.
PORTFOLIO_HEADS = frozenset(
    """
    ministry department secretariat ministerio departamento secretaría ministère secrétariat
    ministerium
    """.split()  # noqa: SIM905
)
PORTFOLIO_LINKS = frozenset({"of", "for", "de", "del", "für", "du", "des", "d"})
_PORTFOLIO_WORD = r"[A-ZÀ-Þ][^\W\d_]+"
_PORTFOLIO_ITEM = rf"{_PORTFOLIO_WORD}(?:\s+{_PORTFOLIO_WORD})?"  # "Protección Civil"
_PORTFOLIO_LIST = re.compile(
    rf",\s+((?:{_PORTFOLIO_ITEM},\s+){{0,3}}{_PORTFOLIO_ITEM},?\s+(?:and|y|e|et|und)\s+"
    rf"{_PORTFOLIO_ITEM})"
)
_LIST_WORD = re.compile(_PORTFOLIO_WORD)
_PORTFOLIO_SPLIT = re.compile(r",?\s+(?:and|y|e|et|und)\s+|,\s+")


def portfolio_head(words: list[str]) -> bool:
    """The name's words open with a ministry or department ("Bundesministerium" too) and a
    link to its portfolio ("of", "de", "für"): "Ministerio de Ganadería"."""
    if len(words) < 3:
        return False
    head = words[0].casefold()
    link = words[1].casefold().rstrip("'’")
    return (head in PORTFOLIO_HEADS or head.endswith("ministerium")) and link in PORTFOLIO_LINKS


def portfolio_list_end(body: str, end: int, named: Callable[[str], bool]) -> int | None:
    """Where the list of further portfolios right after ``end`` stops, or None when none
    follows or one of its portfolios, or its first word, is a name of its own (``named``:
    "Ministry of Defence, Britain and France" lists countries, not portfolios). A portfolio
    is one capitalised word or two, a noun and its adjective ("Protección Civil", "Obras
    Públicas", "Desarrollo Urbano": "Urbano" is a given name too, but not first)."""
    match = _PORTFOLIO_LIST.match(body, end)
    if match is None:
        return None
    for item in _PORTFOLIO_SPLIT.split(match.group(1)):
        if named(item) or named(_LIST_WORD.findall(item)[0]):
            return None  # "Britain", "Buenos Aires", "Juan Pérez"; not "Desarrollo Urbano"
    return match.end()


_DEFINITION_RE = re.compile(r"\s*\(\s*([A-ZÀ-Þ][A-Za-zÀ-ÿ]{1,9})\s*\)")


def _acronym_letters(word: str) -> str:
    return "".join(c for c in word if c.isupper())


MAX_CLASSIFIED_WORDS = 4
# Connectors that join a name to what follows it in the sentence rather than inside it.
_CLAUSE_CONNECTORS = frozenset({"on", "upon", "and", "y"})


# A word this frequent in French or Spanish is a function word ("que", "para", "dans"), not
# the adjective of nation or kind between a classifying noun and its name.
FUNCTION_WORD_ZIPF = 5.5


def classifier_across_adjective(
    body: str, classifier: _Token, adjective: _Token, chunk: list[_Token], language: str
) -> bool:
    """French and Spanish put the adjective after the noun that says what kind of body a name
    is: "la firma belga Katoen Natie", "la compañía canadiense ATCO", "le groupe français
    Danone". True when ``classifier`` is such a noun, then one small-letter word that is no
    function word (``adjective``), then the chunk, single spaces between."""
    if language not in ("fr", "es") or not _classifier(classifier.text, language):
        return False
    return (
        _small_word_after(body, classifier, adjective)
        and len(adjective.text) >= 3
        and _zipf(adjective.text, language) < FUNCTION_WORD_ZIPF
        and body[adjective.end : chunk[0].start] == " "
    )


def _small_word_after(body: str, noun: _Token, word: _Token) -> bool:
    """Whether ``word`` follows ``noun`` after one space and may be its adjective: letters
    only, all small, no connector nor determiner."""
    text = word.text
    return (
        text.isalpha()
        and text.islower()
        and text not in CONNECTORS
        and text not in DETERMINERS
        and body[noun.end : word.start] == " "
    )


# French and Spanish say what a company makes between its kind and its name, with "de":
# "el fabricante chino de teléfonos móviles Lumeo", "le fabricant français de pneus Michelin",
# "la empresa española d'énergie ...", a complement of its own inside ("la plateforme de
# livraison de repas ..."). Up to three small-letter words after the first "de".
COMPLEMENT_LINKS = frozenset({"de", "del", "des", "du"})
MAX_COMPLEMENT_WORDS = 3


def classifier_before_complement(
    body: str, before: _Token, previous: dict[int, _Token], language: str
) -> _Token | None:
    """The noun saying what kind of body a French or Spanish name is, when a complement with
    "de" stands between them (see :data:`COMPLEMENT_LINKS`): walking back from ``before``
    (the word before the name) over small-letter words parted by single spaces, the link,
    then the classifier or a classifier and its adjective; no article or function word among
    the small-letter words ("l'application de la loi Travail"). None when there is none."""
    if language not in ("fr", "es"):
        return None
    token: _Token | None = before
    for _ in range(MAX_COMPLEMENT_WORDS):
        if token is None or not token.text.isalpha() or not token.text.islower():
            return None
        if token.text in CONNECTORS or token.text in DETERMINERS:
            return None  # "la aplicación de la loi Travail": a name with its article
        if _zipf(token.text, language) >= FUNCTION_WORD_ZIPF:
            return None  # "conocido como Grupo Conti"
        elided = body[max(0, token.start - 2) : token.start] in ("d'", "d’")
        link = previous.get(token.start)
        if link is None or body[link.end : token.start - 2 if elided else token.start] != " ":
            return None
        if elided:  # "d'énergie": the link is in the word
            return _classifier_or_adjective(body, link, previous, language)
        if link.text in COMPLEMENT_LINKS:
            head = previous.get(link.start)
            if head is None or body[head.end : link.start] != " ":
                return None
            found = _classifier_or_adjective(body, head, previous, language)
            if found is not None:
                return found
            token = head  # "de livraison de repas": the complement has a complement
            continue
        token = link
    return None


def _classifier_or_adjective(
    body: str, head: _Token, previous: dict[int, _Token], language: str
) -> _Token | None:
    """``head`` when it is a classifier, or the classifier right before it when ``head`` is
    its adjective ("fabricante chino")."""
    if _classifier(head.text, language):
        return head
    earlier = previous.get(head.start)
    if (
        earlier is not None
        and _classifier(earlier.text, language)
        and _small_word_after(body, earlier, head)
    ):
        return earlier
    return None


def _named_by_german_head(words: list[_Token]) -> bool:
    """German joins a kind of body to its name with no word between ("seine Band Lena Vogel",
    "die Marke Hugo Boss"), so a name after it that reads as a person's is the body's; but
    "der Konzern Elon Musks" is the man's own, and his name then ends in a genitive "-s"."""
    return len(words) > 1 and not words[-1].text.endswith("s")


def _classified_in(
    chunk: list[_Token],
    lexicon: _Lexicon,
    language: str,
    before: _Token | None,
    adjoining: bool,
    loose_caps: bool,
) -> Iterator[_Candidate]:
    """A name right after a noun of :data:`transform.entity_words.ORG_CLASSIFIERS` (``before``,
    ``adjoining`` when only a space parts them: not "the company's Paris office") or, in
    German, after such a noun inside the chunk. Not a person (a common first name or a title
    first), a place the gazetteers know, or a lone frequent word of the language ("the company
    Monday said")."""
    if loose_caps:
        return
    if language == "de":
        heads = [k for k, t in enumerate(chunk[:-1]) if _classifier(t.text, language)]
        if not heads:
            return
        start = heads[0] + 1
    elif before is not None and adjoining and _classifier(before.text, language):
        start = 0
    else:
        return
    end = min(len(chunk), start + MAX_CLASSIFIED_WORDS)
    for k in range(start, end):
        if chunk[k].text in _CLAUSE_CONNECTORS:  # "the journal Nature on Monday"
            end = k
            break
    while end > start and not chunk[end - 1].capitalized:
        end -= 1
    words = chunk[start:end]
    if not words or words[0].sentence_start or not words[0].capitalized:
        return  # "teilte das Unternehmen am Dienstag mit": a time, not the firm's name
    first = words[0].text
    if any(t.text.casefold() in TITLES for t in words):
        return  # "company CEO Tim Cook"
    named_by_head = language == "de" and _named_by_german_head(words)
    if first.casefold() in lexicon.common_first_names and not named_by_head:
        return  # "rival Joe Biden", "the company Elon Musk founded"
    surface = " ".join(t.text for t in words).casefold()
    if surface in lexicon.places:
        return
    if (len(words) == 1 or language == "de") and _common(first, language, zipf=4.0, margin=1.0):
        return
    yield _Candidate(start, end, "organization")


# A plural noun of a kind of body, then a list of names: every name listed is one ("the
# carmakers Vexo, Pelvaro and Quorlix", "las empresas Montecon, Farvel y Quorlix", "die
# Champagnermarken Ruinot und Vorlet & Chanzy"). The names before the chunk, each of
# capitalised words ("&" inside), joined by commas or a conjunction.
_LISTED_NAME = (
    r"[A-ZÀ-Þ][\w'’.-]*+(?:\s+(?:&\s+)?[A-ZÀ-Þ][\w'’.-]*+)*+"  # possessive: no backtracking
)
LIST_CONJUNCTIONS = frozenset("and or y o e et ou und oder sowie".split())  # noqa: SIM905
_LIST_JOIN = rf"(?:,\s*|\s+(?:{'|'.join(sorted(LIST_CONJUNCTIONS))})\s+)"
_LISTED_NAME_RE = re.compile(_LISTED_NAME)
_LIST_JOIN_RE = re.compile(_LIST_JOIN)
_WORD_THEN_SPACE = re.compile(r"(?<![\w'’.-])([^\W\d_]+)\s+")
_GOES_ON_AMPERSAND = re.compile(r"\s*&")
_PLURAL_ENDINGS = ("ies", "es", "s", "x", "en", "n", "e")


def listed_sides(chunk: list[_Token], start: int, end: int) -> list[tuple[int, int]]:
    """The spans a run ``start:end`` of a chunk parts at its list conjunctions
    (:data:`LIST_CONJUNCTIONS`) and a body's roles (:data:`BODY_ROLES`); none when it has
    neither."""
    cuts = [
        k
        for k in range(start, end)
        if chunk[k].text in LIST_CONJUNCTIONS or chunk[k].text.casefold() in BODY_ROLES
    ]
    if not cuts:
        return []
    edges = [start - 1, *cuts, end]
    return [(a + 1, b) for a, b in itertools.pairwise(edges) if b > a + 1]


@functools.lru_cache(maxsize=4096)
def _plural_classifier(word: str, language: str) -> bool:
    """A plural of a noun of a kind of body (:func:`_classifier`): "carmakers", "companies",
    "empresas", "marques", "Champagnermarken"; the singular itself is no plural."""
    lowered = word.casefold()
    for ending in _PLURAL_ENDINGS:
        stem = lowered.removesuffix(ending)
        if stem == lowered:
            continue
        forms = (stem + "y",) if ending == "ies" else (stem, stem + "e")
        if any(
            _classifier(word[: len(form)] if language == "de" else form, language)
            for form in forms
            if form
        ):
            return True
    return False


@functools.lru_cache(maxsize=8)
def _listed_starts(body: str, language: str) -> frozenset[int]:
    """Where each name listed after a plural noun of a kind of body starts in ``body``: the
    noun, then two names or more (:data:`_LISTED_NAME`) joined by commas or a conjunction. One
    name is no list: German "Unternehmen" is singular too ("Das Unternehmen Anfang Oktober").
    Read once a text: every chunk of it asks."""
    starts: set[int] = set()
    for word in _WORD_THEN_SPACE.finditer(body):
        if not _plural_classifier(word.group(1), language):
            continue
        position = word.end()
        listed: list[int] = []
        while (name := _LISTED_NAME_RE.match(body, position)) is not None:
            listed.append(position)
            join = _LIST_JOIN_RE.match(body, name.end())
            if join is None:
                break
            position = join.end()
        if len(listed) > 1:
            starts.update(listed)
    return frozenset(starts)


def _after_plural_classifier(body: str, start: int, language: str) -> bool:
    """Whether the name at ``start`` is listed after a plural noun of a kind of body
    (:func:`_listed_starts`)."""
    return start in _listed_starts(body, language)


def _listed_after_classifier(
    body: str, chunk: list[_Token], lexicon: _Lexicon, language: str, loose_caps: bool
) -> Iterator[_Candidate]:
    """The names of the chunk listed after a plural noun of a kind of body
    (:func:`_listed_starts`; German writes the noun inside the chunk, capitalised): each an
    organisation, whole, when it is no place the gazetteers know and opens on no first name
    or title. A conjunction inside the chunk parts two names ("Pelvaro and Quorlix")."""
    if loose_caps:
        return
    opens = [
        k
        for k, token in enumerate(chunk)
        if token.capitalized
        and not token.sentence_start
        and (
            k == 0
            or chunk[k - 1].text in LIST_CONJUNCTIONS
            or _plural_classifier(chunk[k - 1].text, language)
        )
    ]
    for k in opens:
        if not _after_plural_classifier(body, chunk[k].start, language):
            continue
        end = k
        while end < len(chunk) and chunk[end].text not in LIST_CONJUNCTIONS:
            end += 1
        while end > k and not chunk[end - 1].capitalized:
            end -= 1
        if end == len(chunk) and _GOES_ON_AMPERSAND.match(body, chunk[-1].end):
            continue  # "Vorlet & Chanzy": one name, which the chunk cuts
        words = chunk[k:end]
        surface = " ".join(t.text for t in words).casefold()
        if (
            surface in lexicon.places
            or words[0].text.casefold() in lexicon.common_first_names
            or any(t.text.casefold() in TITLES for t in words)
        ):
            continue
        yield _Candidate(k, end, "organization")


# Small words an acronym skips ("Service de police de la Ville de Montréal (SPVM)"); the
# prepositions of purpose among them end a chunk of capitalised words, so a name with one
# ("Asamblea Permanente por los Derechos Humanos (APDH)") is read here whole, not by
# :func:`_defined_in`.
_PURPOSE_PREPOSITIONS = frozenset({"por", "para", "pour", "für", "sur"})
_ACRONYM_SKIPS = (
    CONNECTORS
    | DETERMINERS
    | _PURPOSE_PREPOSITIONS
    | {"et", "und", "e", "à", "au", "aux", "l", "d"}
)
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-ZÀ-Þ]{3,8})\s*\)")


def _spelled_out(text: str, tokens: list[_Token]) -> Iterator[list[_Token]]:
    """Names spelled out before their acronym in brackets with words in small letters among
    them, whose initials the acronym's letters are, small words skipped: "Société suisse de
    l'industrie du gaz et des eaux (SSIGE)". The name starts with a capital inside a
    sentence and stays inside it (a name of capitals only is :func:`_defined_in`'s)."""
    for end, token in enumerate(tokens):
        match = _ACRONYM_AFTER.match(text, token.end)
        if match is None:
            continue
        letters = match.group(1).casefold()
        k, start = len(letters), end
        while k > 0 and start >= 0:
            word = tokens[start]
            if word.sentence_start and start != end and k > 1:
                break
            if word.text.casefold() in _ACRONYM_SKIPS and start != end:
                start -= 1
                continue
            if fold(word.text[:1]) != fold(letters[k - 1]):
                break
            k -= 1
            if k:
                start -= 1
        words = tokens[start : end + 1]
        if (
            k == 0
            and words[0].capitalized
            and not words[0].sentence_start
            and not all(
                w.capitalized or (w.text in _ACRONYM_SKIPS and w.text not in _PURPOSE_PREPOSITIONS)
                for w in words
            )
            and all(not w.sentence_start for w in words[1:])
        ):
            yield words


# French and Spanish write the head of a public body's name in small letters as often as not,
# and its own words after it with capitals: "l'université de Nantes", "le ministère de
# l'Emploi", "la cour d'appel de Rennes", "le rectorat de Créteil", "el ministerio de Ciencia",
# "la universidad de Harvard", and a school by the name it bears: "le lycée Jean Zay". The
# small head and the capitalised words after it (its link first where it takes one) are one
# body's name, as they are when the head has its capital ("Université de Nantes").
SMALL_HEADS = {
    "fr": r"université|ministère|rectorat|cour\s+d['’](?:appel|assises)",
    "es": r"universidad|ministerio",
}
# Heads that name a body by the name right after them, with no link: a school named after a
# person or place ("le lycée Mozart", "le collège Jean-Moulin"), a university with its own
# name ("l'université Paris-Saclay", "l'université Ouverte de Catalogne").
SMALL_NAMED_HEADS = {"fr": r"université|lycée|collège", "es": r"universidad"}
_SMALL_LINK = r"(?:de\s+la\s+|de\s+l['’]|del\s+|de\s+|d['’]|du\s+|des\s+)"
_SMALL_NAME_WORD = r"[A-ZÀ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*"
_SMALL_JOINS = r"(?:(?:de|del|la|las|los|des|du|y|e|et)\s+|de\s+l['’]|d['’]|l['’])*"


@functools.cache
def _small_head_re(language: str) -> re.Pattern[str] | None:
    if language not in SMALL_HEADS:
        return None
    words = rf"{_SMALL_NAME_WORD}(?:\s+{_SMALL_JOINS}{_SMALL_NAME_WORD})*"
    return re.compile(
        rf"(?<![\w-])(?:(?P<linked>{SMALL_HEADS[language]})\s+{_SMALL_LINK}"
        rf"|(?:{SMALL_NAMED_HEADS[language]})\s+)(?P<name>{words})"
    )


def small_head_bodies(
    text: str, tokens: list[_Token], language: str, lexicon: _Lexicon
) -> Iterator[list[_Token]]:
    """Bodies named by a head in small letters and capitalised words after it
    (:data:`SMALL_HEADS`): the tokens from the head to the name's last word, up to
    :data:`transform.entity_tokens.MAX_ORG_TAIL` words of the name. Not a person's name after
    a link ("le ministère de Jean Dupont" is the minister's): a common first name there opens
    none."""
    pattern = _small_head_re(language)
    if pattern is None:
        return
    matches = list(pattern.finditer(text))
    if not matches:
        return
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    for match in matches:
        first = starts.get(match.start())
        name = starts.get(match.start("name"))
        if first is None or name is None or tokens[name].sentence_start:
            continue
        if match.group("linked") and tokens[name].text.casefold() in lexicon.common_first_names:
            continue
        last = ends.get(match.end())
        if last is None or tokens[first].capitalized:
            continue
        words = tokens[first : last + 1]
        if any(t.sentence_start for t in words[1:]):
            continue
        if sum(t.capitalized for t in words) > MAX_ORG_TAIL:
            continue
        yield words


def _article_names_in(
    chunk: list[_Token], lexicon: _Lexicon, language: str, before: str, loose_caps: bool
) -> Iterator[_Candidate]:
    """French and Spanish write an article inside a sentence in small letters, so "La" or
    "El" with a capital there opens a name with the article in it ("por La Radio", "a La
    Moneda", "en La Sierra", a newspaper's "LA NACION"): an organisation, or a place after
    "en" or "dans". Names the gazetteers know ("Le Havre", "La Paz") are theirs; ``before``
    is the word before."""
    if language not in ("fr", "es") or loose_caps or len(chunk) < 2:
        return
    head = chunk[0]
    if head.sentence_start or head.text.casefold() not in ARTICLES[language]:
        return
    if not head.text[:1].isupper() or not chunk[1].capitalized:
        return
    end = min(len(chunk), 1 + MAX_CLASSIFIED_WORDS)
    while not chunk[end - 1].capitalized:
        end -= 1
    if head.text.isupper() and not (
        len(chunk) == 2 and chunk[1].text.isupper() and len(chunk[1].text) > 3
    ):
        # a name in capitals ("según LA NACION") is the article and one word, not an acronym
        # ("LA UE" names the UE); more words in capitals are a shouted heading
        return
    surface = " ".join(t.text for t in chunk[:end]).casefold()
    if surface in lexicon.places:
        return
    yield _Candidate(0, end, "place" if before in ("en", "dans") else "organization")


# A body's short name written as a word in brackets after its name or description ("Instituto
# Antártico de Chile (Inach)", "Coordinadora de Industrias de Productos Alimenticios
# (Copal)"): how many letters it has, and how many words before the bracket may spell it.
SHORT_NAME_LETTERS = (4, 8)
SHORT_NAME_WORDS = 8
SHORT_NAME_LOOKBACK = 200  # characters before the bracket that may hold those words
_SENTENCE_BEFORE = re.compile(r"[.!?;:]\s")


def _abbreviates(short: str, words: list[str]) -> bool:
    """Whether ``short`` (folded) is drawn from ``words`` (folded) as an acronym written as a
    word is: it opens with a word's initial, its letters follow in order in that word and the
    ones after it, and the initials of two of those words at least are among them in order
    ("inach" of "instituto antártico de chile": i, a, c)."""
    for i, word in enumerate(words):
        if word[0] != short[0]:
            continue
        letters = iter("".join(words[i:])[1:])
        if not all(c in letters for c in short[1:]):
            continue
        matched, at = 0, 0
        for later in words[i:]:
            found = short.find(later[0], at)
            if found >= 0:
                matched, at = matched + 1, found + 1
        if matched >= 2:
            return True
    return False


def short_name_in_brackets(
    text: str, chunk: list[_Token], lexicon: _Lexicon
) -> Iterator[_Candidate]:
    """A lone word in brackets, a capital then small letters, that no language writes
    (:func:`_rare_name`) and no gazetteer holds as a place or first name, drawn from the words
    before it in its sentence as an acronym is (:func:`_abbreviates`): the short name of the
    body those words name or describe, an organisation ("investigador antártico (Inach)",
    "Bali Animal Advocacy, Rights and Kindness (Baark)"). A person in brackets ("un Français
    (Debreu)") is no acronym of the words before."""
    if len(chunk) != 1:
        return
    token = chunk[0]
    word = token.text
    low, high = SHORT_NAME_LETTERS
    if (
        text[token.start - 1 : token.start] != "("
        or text[token.end : token.end + 1] != ")"
        or not low <= len(word) <= high
        or not word[1:].islower()
        or not _rare_name(word)
        or word.casefold() in lexicon.places
        or word.casefold() in lexicon.first_names
    ):
        return
    before = text[max(0, token.start - 1 - SHORT_NAME_LOOKBACK) : token.start - 1]
    sentence = _SENTENCE_BEFORE.split(before)[-1]
    words = [fold(w).casefold() for w in re.findall(r"[^\W\d_]+", sentence)]
    if _abbreviates(fold(word).casefold(), words[-SHORT_NAME_WORDS:]):
        yield _Candidate(0, 1, "organization")


def _defined_in(text: str, chunk: list[_Token]) -> Iterator[_Candidate]:
    """A name defined by its acronym in brackets right after it is an organisation whatever
    its words: "Autodefensas Gaitanistas de Colombia (AGC)", "World Health Organization
    (WHO)". The acronym's capitals must be the initials of the name's capitalised words, or,
    for an acronym all in capitals, spell its words' parts (:func:`_spells`)."""
    match = _DEFINITION_RE.match(text, chunk[-1].end)
    if match is None:
        return
    letters = _acronym_letters(match.group(1))
    if len(letters) < 2:
        return
    capitals = [k for k, token in enumerate(chunk) if token.capitalized]
    if len(capitals) >= len(letters):
        start = capitals[-len(letters)]
        initials = "".join(chunk[k].text[0].upper() for k in capitals[-len(letters) :])
        if initials == letters and len(chunk) - start >= 2:
            yield _Candidate(start, len(chunk), "organization")
            return
    if not match.group(1).isupper():
        return  # "Seeschifffahrtsstraßen-Ordnung (SeeSchStrO)": a law's short title
    for n in range(min(len(capitals), len(letters)), 0, -1):
        start = capitals[-n]
        parts = [p for k in capitals[-n:] for p in chunk[k].text.split("-") if p]
        if len(parts) >= 2 and _spells(letters, [p.upper() for p in parts]):
            yield _Candidate(start, len(chunk), "organization")
            return


def _spells(letters: str, parts: list[str]) -> bool:
    """Whether an acronym's ``letters`` spell the name's ``parts`` (in capitals) as German
    writes an acronym, every part's initial in turn and, after it, the initials of the nouns
    a compound part joins, found inside it in order: "Forum Waffenrecht (FWR)", "Alfred-
    Wegener-Institut (AWI)"."""
    if not parts:
        return not letters
    if not letters or parts[0][0] != letters[0]:
        return False
    word, taken, at = parts[0], 1, 1
    while True:
        if _spells(letters[taken:], parts[1:]):
            return True
        if taken == len(letters):
            return False
        at = word.find(letters[taken], at)
        if at < 0:
            return False
        taken, at = taken + 1, at + 1


def _short_name(word: str) -> bool:
    """An acronym written in mixed case, "JxC", "AsTA": two capitals or more, at least as
    many capitals as small letters, six letters at most (not "McCain", "DeSantis"), and not
    the plural of an acronym ("CEOs", "NGOs": many of a kind, no one body)."""
    if word[:-1].isupper() and word.endswith("s"):
        return False
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return (
        2 <= len(letters) <= 6
        and upper >= 2
        and upper * 2 >= len(letters)
        and word.isalpha()
        and not word.isupper()
        and word[:1].isupper()
        and not word.startswith(("Mc", "Mac", "De", "Di", "La", "Le"))
    )


_NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz")


def _brand_spelling(word: str) -> bool:
    """A word of two capitals, the second inside it after small letters, the way companies
    and their services write their names ("SoftBank", "WikiLeaks", "WhatsApp"); not a
    surname written with its particle ("McCain", "DeSantis", "LaGuardia") nor an abbreviation
    of many words ("SeeSchStrO")."""
    return (
        len(word) >= 5
        and word.isalpha()
        and sum(c.isupper() for c in word) == 2
        and word[:1].isupper()
        and not word.startswith(_NAME_PREFIXES)
        and any(word[k].isupper() and word[k - 1].islower() for k in range(2, len(word)))
    )


# A German adjective of a nation, region or creed: "Deutsche", "Bayerischen", "Evangelische".
_GERMAN_NAME_ADJECTIVE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+sche[nrsm]?$")


def _body_after_adjective(chunk: list[_Token], i: int) -> bool:
    """In German, a capitalised adjective of :data:`_GERMAN_NAME_ADJECTIVE` inside a sentence
    (so a name's), then a noun of :data:`transform.entity_words.GERMAN_BODY_NOUNS`, genitive
    ending aside: "der Deutschen Bahn", "des Bayerischen Rundfunks"."""
    token = chunk[i]
    if token.sentence_start or i + 1 >= len(chunk) or not chunk[i + 1].capitalized:
        return False
    if _GERMAN_NAME_ADJECTIVE.match(token.text) is None:
        return False
    noun = chunk[i + 1].text.casefold()
    return any(noun.endswith((head, head + "s", head + "es")) for head in GERMAN_BODY_NOUNS)


def _trade_noun(word: str) -> bool:
    """A lowercased German compound of a trade's works or an operator
    (:data:`transform.entity_words.GERMAN_COMPANY_HEADS`: "brauerei", "seilbahnen")."""
    return any(word.endswith(head) and len(word) >= len(head) + 3 for head in GERMAN_COMPANY_HEADS)


def _describes_firm(token: _Token, language: str) -> bool:
    """Is the word before a :func:`_trade_noun` no part of the firm's name: a German
    town's adjective ("eine Hamburger Molkerei" is a dairy in Hamburg), a noun saying what
    kind of body follows ("die Betreiberfirma Ötztaler Seilbahnen") or any common noun of
    the language ("der Betreiber Ötztaler Seilbahnen", "Laut Zugspitz Bergbahnen")?"""
    lexicon = entity_gazetteer.loaded_lexicon()
    return (
        _town_of_adjective(token.text, lexicon, word_elsewhere=True) is not None
        or _classifier(token.text, language)
        or _common(token.text, language, zipf=COMMON_NOUN_ZIPF, margin=1.0)
    )


MIN_SHOUTED_LETTERS = 4  # "WHO", "ONE" in capitals name bodies as often as they shout


def _shouted_word(word: str, language: str) -> bool:
    """A frequent word of the language written in capitals is shouted, not an acronym: the
    labels headlines open with ("UPDATE 2-", "VIDEO:", "WATCH:", "GLOBAL MARKETS-"). A word
    of :data:`LONE_ORGANIZATION_ZIPF` or more, four letters or longer; acronyms a language
    reads as a word ("NASA", "NATO") are rarer than that."""
    return (
        len(word) >= MIN_SHOUTED_LETTERS
        and word.isalpha()
        and word.isupper()
        and _zipf(word.casefold(), language) >= LONE_ORGANIZATION_ZIPF
    )


def _glued_to_number(text: str, token: _Token) -> bool:
    """Whether letters are written onto a number, with no space between: a unit, a model, a
    flight or a code ("840MB", "PS4", "MH370", "TNG50", "UN43NU6900"), not a body's acronym."""
    before, after = text[max(0, token.start - 1) : token.start], text[token.end : token.end + 1]
    return before.isdigit() or after.isdigit()


_AMOUNT_AFTER = re.compile(r"\s?\d")
_AMOUNT_BEFORE = re.compile(r"\d\s?$")


@functools.cache
def _currency_codes() -> frozenset[str]:
    """ISO 4217 codes of the currencies ("CHF", "EUR", "USD"), from pycountry."""
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def _currency_amount(text: str, token: _Token) -> bool:
    """Whether the word is a currency's ISO 4217 code written by an amount ("CHF 80 000",
    "1,5 Mio. EUR"): money, not a body's acronym."""
    if len(token.text) != 3 or not token.text.isupper():
        return False
    beside = _AMOUNT_AFTER.match(text, token.end) or _AMOUNT_BEFORE.search(
        text, max(0, token.start - 2), token.start
    )
    return beside is not None and token.text in _currency_codes()


@functools.cache
def _zone_abbreviations() -> frozenset[str]:
    """The abbreviations of the time zones ("AEDT", "CEST", "EST"), winter and summer, from
    the system's time zone data (empty where it has none)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo, available_timezones

    names = set()
    for key in available_timezones():
        zone = ZoneInfo(key)
        for month in (1, 7):
            name = datetime(2020, month, 1, tzinfo=zone).tzname()
            if name and name.isalpha() and name.isupper():
                names.add(name)
    return frozenset(names)


def _measure_after_number(text: str, token: _Token) -> bool:
    """Whether the word is a unit's symbol (:data:`UNIT_SYMBOLS`: "30 GW", "2 TB") or a time
    zone's abbreviation ("0630 AEDT") written after a number: a measure or a time, not a
    body's acronym."""
    if _AMOUNT_BEFORE.search(text, max(0, token.start - 2), token.start) is None:
        return False
    return token.text in UNIT_SYMBOLS or token.text in _zone_abbreviations()


_BRACKETED_ACRONYM = re.compile(r"\(\s*([A-ZÀ-Þ]{2,8})\s*\)")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?:^|[.!?:]\s*)$")


@functools.lru_cache(maxsize=64)
def _terms_defined(text: str) -> frozenset[str]:
    """Acronyms the text spells out in small letters before their brackets: "du produit
    intérieur brut (PIB)", "binge eating disorder (BED)" (its first word capitalised only as
    the sentence's). A name is written with capitals; words written small are a term, so the
    acronym names a thing, not a body. Small words of :data:`_ACRONYM_SKIPS` are skipped."""
    terms = set()
    for match in _BRACKETED_ACRONYM.finditer(text):
        letters = match.group(1).casefold()
        words = list(_WORD.finditer(text, max(0, match.start() - 200), match.start()))
        k = len(letters)
        first = None
        while k and words:
            word = words.pop()
            if word.group().casefold() in _ACRONYM_SKIPS:
                continue
            if fold(word.group()[:1]) != fold(letters[k - 1]) or (
                k > 1 and word.group()[:1].isupper()
            ):
                break
            k -= 1
            first = word
        if k or first is None:
            continue
        if first.group()[:1].isupper() and not _SENTENCE_END.search(text, 0, first.start()):
            continue  # "Organisation mondiale de la santé (OMS)": a name's first capital
        terms.add(match.group(1))
    return frozenset(terms)


def _in_address(text: str, token: _Token) -> bool:
    """Whether the word is part of an address, a handle or a tag ("NYCHA@example.org",
    "@UnivParis8", "#BoletaUnica"): written for a machine, glued to "@" or "#", not a name the
    sentence gives."""
    before, after = text[max(0, token.start - 1) : token.start], text[token.end : token.end + 1]
    return before in ("@", "#") or after == "@"


def _orgs_in(
    text: str, chunk: list[_Token], language: str, loose_caps: bool, before: str = ""
) -> Iterator[_Candidate]:
    """Organisations in a chunk; ``before`` is the word before it, lowercased."""
    # three capitals-only words in a row are a shouted heading, not acronyms
    shouting = sum(len(t.text) > 1 and t.text.isupper() for t in chunk) >= 3
    for i, token in enumerate(chunk):
        word = token.text.casefold()
        # "Frutalia S.L.", "Kaltmann KGaA": a legal form after a capitalised word ends the
        # name that word is in; no acronym of its own
        form = (
            legal_form(token.text) and word not in ORG_WORDS and i > 0 and chunk[i - 1].capitalized
        )
        acronym = (
            not form
            and (
                not shouting
                and (token.text.isupper() or _short_name(token.text))
                and 2 <= len(token.text.replace(".", "")) <= 6
                and word.replace(".", "") not in NOT_ACRONYMS  # "D.C." is "DC"
                and token.text not in _PLACE_ACRONYMS
                and not _shouted_word(token.text, language)
                and not _glued_to_number(text, token)
                and not _currency_amount(text, token)
                and not _measure_after_number(text, token)
                and token.text not in _terms_defined(text)
                and not loose_caps
            )
            or _brand_spelling(token.text)
        ) and not _in_address(text, token)
        if language == "de" and token.capitalized and word not in ORG_WORDS:
            # genitive: "des Bundeskanzleramts", "der Kommissionen" stay what they name
            for ending in ("s", "es"):
                if word.endswith(ending) and word[: -len(ending)] in ORG_WORDS:
                    word = word[: -len(ending)]
                    break
        # French and Spanish plurals: "les Mutuelles de Bretagne", "Ministerios de Hacienda"
        # name bodies as the singular does, never alone ("los Tribunales")
        plural = (
            language in ("fr", "es")
            and token.capitalized
            and word not in ORG_WORDS
            and word.endswith("s")
            and word[:-1] in ORG_WORDS
        )
        if plural:
            word = word[:-1]
        compound = (
            language == "de"
            and token.capitalized
            and any(
                word.rstrip("s").endswith(suffix) and len(word.rstrip("s")) >= len(suffix) + 3
                for suffix in ORG_SUFFIXES
            )  # "Bundesverfassungsgericht", not "Gericht" alone
        )
        # German names a firm by its trade in a report in any language ("Oetztaler
        # Seilbahnen Gaislach" in English): never a person's name
        operator = token.capitalized and _trade_noun(word)
        if language == "de" and _body_after_adjective(chunk, i):
            start = i  # "des Katholischen Deutschen Frauenbundes": every adjective of the name
            while (
                start > 0
                and not chunk[start - 1].sentence_start
                and _GERMAN_NAME_ADJECTIVE.match(chunk[start - 1].text) is not None
            ):
                start -= 1
            yield _Candidate(start, i + 2, "organization")  # "der Deutschen Bahn"
            continue
        if (
            word in CLUB_TAILS
            and i > 0
            and chunk[i - 1].text.casefold() in entity_gazetteer.loaded_lexicon().places
            and not (i + 1 < len(chunk) and chunk[i + 1].capitalized)  # "Two United States"
        ):
            yield _Candidate(i - 1, i + 1, "organization")  # "el Manchester United vs."
            continue
        if language == "de" and _branch_seat(chunk, i, acronym or compound):
            yield _Candidate(i, i + 2, "organization")  # "die SPD Sachsen", "PETA Deutschland"
            continue
        if word not in ORG_WORDS and not acronym and not compound and not form and not operator:
            continue
        if acronym and word not in ORG_WORDS:
            # German names a party's or body's local branch by its town's adjective, any
            # town with an acronym after it: "die Petersberger CDU"
            branch = (
                language == "de"
                and i > 0
                and _town_of_adjective(
                    chunk[i - 1].text, entity_gazetteer.loaded_lexicon(), least=0
                )
                is not None
            )
            yield _Candidate(i - 1 if branch else i, i + 1, "organization")
            continue
        start = _name_start(chunk, i, 1 if loose_caps else 3, operator, language)
        end = _org_tail(
            chunk,
            i + 1,
            head_first=(start == i or operator) and not loose_caps,
            language=language,
            loose_caps=loose_caps,
        )
        if end - start == 1 and operator and not compound:
            continue  # "die Brauerei" alone is a common noun
        if start == 0 and before in INDEFINITE and not form:
            continue  # "einer French Press", "une Maison Blanche": one of a kind, no body
        if end - start == 1 and plural:
            continue
        if end - start == 1 and word in ORG_WORDS and not compound:
            institution = word in INSTITUTIONS or (
                language != "de"
                and word in INSTITUTION_HEADS
                and not loose_caps
                and (
                    (chunk[start - 1].text.casefold() if start > 0 else before) in DEFINITE
                    or text[max(0, token.start - 2) : token.start].casefold() in ("l'", "l’")
                )
            )
            if institution and not token.sentence_start:
                yield _Candidate(start, end, "organization")  # "the Senate", "der Bundestag"
            continue  # "Police" alone names no one
        yield _Candidate(start, end, "organization")


def _name_start(chunk: list[_Token], head: int, reach: int, operator: bool, language: str) -> int:
    """Where the name an organisation word at ``head`` ends begins: up to ``reach`` capitalised
    words before it (a Title Case headline capitalises its verbs too, so one there), no title
    or determiner, no word describing a German firm (:func:`_describes_firm`), and across an
    "and" joining two common nouns of the name (:func:`coordinated_pair`: "the Food and
    Agriculture Organization", not "Britain and World Bank") when the word before it opens
    the name (:func:`_opens_name`: not "the United Nations and European Union"); the "and" is
    no word of the reach."""
    start, words = head, 0
    while start > 0 and words < reach:
        if (
            start > 1
            and start < head
            and coordinated_pair(chunk, start - 1, language)
            and _opens_name(chunk, start - 2)
        ):
            start -= 1  # the words on either side of "and" are one name's
            continue
        before = chunk[start - 1]
        if (
            not before.capitalized
            or before.text.casefold() in TITLES
            or before.text.casefold() in DETERMINERS
            or (operator and _describes_firm(before, language))
            or (language == "de" and _german_function_word(before.text))
        ):
            break
        start -= 1
        words += 1
    return start


BRANCH_SEAT_ZIPF = 4.0  # a small town's name this frequent in German is a common noun there


def _branch_seat(chunk: list[_Token], head: int, named: bool) -> bool:
    """Does the body named at ``head`` (an acronym or a German body's compound, ``named``, or a
    noun of :data:`GERMAN_BODY_NOUNS` or :data:`GERMAN_BRANCH_HEADS`) take the place that
    ends the chunk right after it as its seat or region? German joins a noun that qualifies
    another into one word or with hyphens ("UN-Gesandter"), so a place written apart after a
    body's name names its branch: "die SPD Sachsen", "PETA Deutschland", "der BSV Stans",
    "die Verbraucherzentrale Rheinland-Pfalz", "der Telekom Singapur"."""
    if head + 2 != len(chunk) or chunk[head + 1].sentence_start:
        return False
    word = chunk[head].text.casefold()
    if not (named or word.endswith(GERMAN_BODY_NOUNS + GERMAN_BRANCH_HEADS)):
        return False
    seat = chunk[head + 1].text
    if seat.casefold() in entity_gazetteer.loaded_lexicon().places:
        return True
    return (
        entity_gazetteer.small_town_country(seat) is not None
        and _zipf(seat.casefold(), "de") < BRANCH_SEAT_ZIPF
    )


def _german_function_word(word: str) -> bool:
    """A German preposition, conjunction or possessive, capitalised at a sentence's start or as
    the formal "Ihr" (:data:`GERMAN_CLAUSE_WORDS`): no word of a name."""
    lowered = word.casefold()
    return lowered in GERMAN_CASE_PREPOSITIONS or GERMAN_CLAUSE_WORDS.fullmatch(lowered) is not None


def _opens_name(chunk: list[_Token], k: int) -> bool:
    """Does the word at ``k`` open a name: no capitalised word before it, or only an acronym,
    the parent body's ("the U.N. Food and Agriculture Organization")? A name of its own
    before an "and" ("United Nations and European Union") lists two bodies."""
    if k == 0 or not chunk[k - 1].capitalized:
        return True
    return chunk[k - 1].text.isupper() and (k == 1 or not chunk[k - 2].capitalized)


MAX_SUBJECT_WORDS = 3  # words of a company's name that opens a Title Case headline


def _corporate_subject_in(
    body: str, chunk: list[_Token], lexicon: _Lexicon, language: str, loose_caps: bool
) -> Iterator[_Candidate]:
    """A Title Case headline capitalises its verbs too, so a name that opens it runs into
    them ("Quorlix Files For Chapter 11", "Pelvaro Posts Quarterly Loss"): the words before
    the first verb of :func:`corporate_action` name the company when they are no person (a
    first name or a title first), place or its people, and the last is no frequent word of
    the language (the test :func:`_lone_organization` puts to a lone name)."""
    if not loose_caps or not chunk[0].sentence_start:
        return
    for k in range(1, min(len(chunk), MAX_SUBJECT_WORDS + 1)):
        if not corporate_action(body, chunk[0].start, chunk[k - 1].end, language):
            continue
        words = chunk[:k]
        head = words[-1].text.casefold()
        surface = " ".join(t.text for t in words).casefold()
        if (
            not words[-1].text.isalpha()
            or words[0].text.casefold() in lexicon.common_first_names
            or any(_is_title(t.text, language) for t in words)
            or surface in lexicon.places
            or any(stem in lexicon.places for stem in place_stems(words[-1].text))
            or head in ORG_WORDS
            or _zipf(head, language) >= LONE_ORGANIZATION_ZIPF
        ):
            return
        yield _Candidate(0, k, "organization")
        return


MAX_OFFICE_BODY_WORDS = 4  # words of a body's name read after an office only a body has
# a spokesperson "for" a body; "for" a person too ("a spokesman for Donald Trump"), so only
# before a name that opens on no first name or title
_SPOKESPERSON_FOR = re.compile(r"\bspokes(?:man|woman|person)\s+for\s+$", re.IGNORECASE)


def _office_body_in(
    body: str, chunk: list[_Token], lexicon: _Lexicon, language: str, loose_caps: bool
) -> Iterator[_Candidate]:
    """In English, the capitalised words right after an office only a body has and "of"
    (:func:`office_of`: "chief executive of Marchmont Freight", "CEO of Determined AI") or a
    spokesperson and "for" ("a spokesman for Orbison Rail") name that body, whatever its
    words, when they are two to :data:`MAX_OFFICE_BODY_WORDS`, name no place ("director of
    New York"), open on no first name or title ("a spokesman for Donald Trump"), are not all
    words no language uses much or first names no more frequent than a name (a person's: "a
    spokeswoman for Wystan Greer"; "Rail" is a first name too) and end in no
    first name and surname ("director of Marketing Jane Smith"). One word alone is
    :func:`_lone_organization`'s."""
    if language != "en" or loose_caps:
        return
    for i, token in enumerate(chunk):
        if not token.capitalized:
            continue
        reach = max(0, token.start - _OFFICE_REACH)
        if not (
            office_of(body, token.start, token.end, language)
            or _SPOKESPERSON_FOR.search(body, reach, token.start)
        ):
            continue
        end = i
        while end < len(chunk) and chunk[end].capitalized and end - i < MAX_OFFICE_BODY_WORDS:
            end += 1
        if end < len(chunk) and chunk[end].capitalized:
            return  # longer than a name read so
        words = chunk[i:end]
        if len(words) < 2 or " ".join(t.text for t in words).casefold() in lexicon.places:
            return
        if (
            words[0].text.casefold() in lexicon.first_names
            or all(  # "Wystan Greer": a person's words
                _rare_name(t.text)
                or (
                    t.text.casefold() in lexicon.first_names
                    and _zipf(t.text.casefold(), language) < COMMON_NOUN_ZIPF
                )
                for t in words
            )
            or any(_is_title(t.text, language) for t in words)
            or (len(words) > 2 and words[-2].text.casefold() in lexicon.first_names)
        ):
            return
        yield _Candidate(i, end, "organization")
        return


# A number right after a name makes it a product's model ("el Arc 7", "l'Arc 7", "the Boeing
# 737"), which takes an article as a body's name does.
_MODEL_NUMBER = re.compile(r"\s+\d")
# A name that goes on past the word: "la Consejería de Sanidad de Castilla-La Mancha".
_NAME_GOES_ON = re.compile(r"\s+(?:of|de|del|du|des|von|für)\s+[A-ZÀ-Þ]")
MIN_LONE_ORGANIZATION = 3  # letters of a one-word organisation name found by its context
# A word this frequent in the article's language is a word of it ("le Code de la route");
# below, it may be a name its news writes often ("Farc" in Spanish, "Chiefs" in English).
LONE_ORGANIZATION_ZIPF = 4.5


def _written_small(body: str, lowered: str) -> bool:
    """The text also writes the word in small letters: a word to it, not a name ("fold the
    Fold": a product named by a word)."""
    return re.search(rf"(?<![^\W\d_]){re.escape(lowered)}(?![^\W\d_])", body) is not None


def _lone_organization(
    body: str, token: _Token, lexicon: _Lexicon, language: str, joined: bool = False
) -> bool:
    """A capitalised word standing alone, which no rule took, that the sentence around it
    treats as a company or body (the evidence functions above: "loss to the Chiefs.",
    "l'Anses", "Apple's chief executive", "shares of Herbalife", "Spotify investors",
    "Montecon, una empresa uruguaya"; an article before it counts inside a sentence only),
    and that is a name: no frequent word of the language, place or its people
    ("Ukrainians"), first name, title, organisation or feature word, nor a word the text also
    writes in small letters, nor one a model number follows, nor the head of a name that goes
    on ("la Consejería de Sanidad de Castilla-La Mancha": read alone, the word is every
    region's). ``joined``: the word is
    listed with a name read as an organisation (:func:`joined_to`), evidence of its own
    unless German writes it as a compound noun ("des Technischen Dienstes, Hausdienst").
    The context, read at the word, comes first: it is cheaper than a search of the text."""
    word = token.text
    if len(word) < MIN_LONE_ORGANIZATION or not word.isalpha() or word.isupper():
        return False
    if _MODEL_NUMBER.match(body, token.end):
        return False  # "el Arc 7", "the Boeing 737": a product and its model number
    if _NAME_GOES_ON.match(body, token.end):
        return False  # the head of a longer name: alone, any region's "Consejería"
    evidence = (
        (joined and not (language == "de" and _german_compound(word)))
        or (not token.sentence_start and after_article(body, token.start, token.end, language))
        or business_possessive(body, token.end, language)
        or shares_of(body, token.start)
        or company_compound(body, token.end, language)
        or survey_of(body, token.start)
        or role_before_name(body, token.end, language)
        or office_of(body, token.start, token.end, language)
        or classified_apposition(body, token.end, lambda noun: _classifier(noun, language))
        or said_to_be_body(body, token.end, language)
        or corporate_action(body, token.start, token.end, language)
    )
    if not evidence:
        return False
    lowered = word.casefold()
    return not (
        lowered in ORG_WORDS
        or lowered in FEATURE_WORDS
        or lowered in lexicon.places
        or any(stem in lexicon.places for stem in place_stems(word))
        or lowered in lexicon.first_names
        or _is_title(word, language)
        or lowered in NOT_ACRONYMS
        or _zipf(lowered, language) >= LONE_ORGANIZATION_ZIPF
        or _written_small(body, lowered)
    )


# What joins two names of one list: a conjunction of :data:`LIST_CONJUNCTIONS`, after a
# comma or not, and after it an additive particle ("Samsung und auch LG"); or a comma alone,
# in a list a conjunction ends further on (:data:`_LIST_GOES_ON`: "Microsoft, EA, and
# Respawn"), as a comma alone also sets an apposition or an address beside a name ("Android
# Marshmallow, Google", "Landesanstalt für Landwirtschaft, Köllitsch").
_ADDITIVE_PARTICLES = ("also", "auch", "aussi", "también")
_CONJUNCTION = rf"(?:{'|'.join(sorted(LIST_CONJUNCTIONS))})"
_PARTICLE = rf"(?:(?:{'|'.join(_ADDITIVE_PARTICLES)})\s+)?"
_CONJUNCTION_LINK = rf"(?:\s*,)?\s+{_CONJUNCTION}\s+{_PARTICLE}"
_COMMA_LINK = r"\s*,\s*"
_CONJUNCTION_AFTER = re.compile(_CONJUNCTION_LINK)
_CONJUNCTION_BEFORE = re.compile(_CONJUNCTION_LINK + "$")
_COMMA_AFTER = re.compile(_COMMA_LINK)
_COMMA_BEFORE = re.compile(_COMMA_LINK + "$")
_LIST_GOES_ON = re.compile(rf"[^.;:!?]{{0,60}}?\s{_CONJUNCTION}\s+[A-ZÀ-Þ]")
_LIST_LINK_REACH = 24  # characters the longest link takes


def joined_to(body: str, start: int, end: int, names: Collection[tuple[int, int]]) -> bool:
    """Whether the word at ``start:end`` is listed right beside one of ``names`` (spans in
    ``body``), with a link of :data:`_CONJUNCTION_AFTER` or :data:`_COMMA_AFTER` between
    them. The members of one list are of one kind: "Microsoft, EA and Respawn", "Samsung und
    auch LG", "l'OCDE et Eurostat". A word an ampersand joins is a name's ("Moët & Chandon",
    "Kutter & Küste"), not one of the list."""
    if _GOES_ON_AMPERSAND.match(body, end) or body[max(0, start - 3) : start].rstrip().endswith(
        "&"
    ):
        return False
    for conjunction, (after, before) in (
        (True, (_CONJUNCTION_AFTER, _CONJUNCTION_BEFORE)),
        (False, (_COMMA_AFTER, _COMMA_BEFORE)),
    ):
        link = after.match(body, end)
        if link is not None and any(
            a == link.end() and (conjunction or _LIST_GOES_ON.match(body, b)) for a, b in names
        ):
            return True
        if any(
            start - _LIST_LINK_REACH <= b < start and before.fullmatch(body, b, start) is not None
            for _, b in names
        ) and (conjunction or _LIST_GOES_ON.match(body, end)):
            return True
    return False


# A body of many people named by its plural and its country in Spanish or French
# ("Carabineros de Chile", "Autodefensas Gaitanistas de Colombia", "Bomberos de Chile"):
# the plural, up to one word more, "de" or "du", and a country. Not a people ("Chilenos de
# Argentina", "Italiens de France": a country's name begins with its stem), a feature
# ("Islas de …"), a first name ("Reyes") or a title.
PLURAL_BODY_LANGUAGES = frozenset({"es", "fr"})
PLURAL_BODY_LINKS = frozenset({"de", "du"})
MIN_PLURAL_BODY_LETTERS = 5
DEMONYM_PLURALS = ("ianos", "anos", "enos", "inos", "eses", "oles", "iens", "ains", "ais", "ois")
MIN_DEMONYM_STEM = 4


@functools.lru_cache(maxsize=1)
def _country_names() -> tuple[str, ...]:
    """The folded names of every country the gazetteer knows."""
    places = entity_gazetteer.loaded_lexicon().places
    return tuple(
        sorted(
            {fold(name) for name, readings in places.items() if any(p.rank == 3 for p in readings)}
        )
    )


def _demonym_plural(word: str) -> bool:
    """A plural naming the people of a country: its stem begins a country's name
    ("Chilenos", "Colombianos", "Españoles", "Italiens")."""
    folded = fold(word)
    for ending in DEMONYM_PLURALS:
        stem = folded.removesuffix(ending)
        if stem != folded and len(stem) >= MIN_DEMONYM_STEM:
            return any(name.startswith(stem) for name in _country_names())
    return False


def _plural_body_in(chunk: list[_Token], lexicon: _Lexicon, language: str) -> Iterator[_Candidate]:
    """A body named by a plural and its country (:data:`PLURAL_BODY_LANGUAGES`), where a
    word of the chunk starts a name (no capitalised word before it)."""
    if language not in PLURAL_BODY_LANGUAGES:
        return
    for i, head in enumerate(chunk[:-2]):
        if i > 0 and chunk[i - 1].capitalized:
            continue
        link = i + 1 if chunk[i + 1].text in PLURAL_BODY_LINKS else i + 2
        if link == i + 2 and not chunk[i + 1].capitalized:
            continue  # one more word of the name before the link, nothing else
        if link + 1 >= len(chunk) or chunk[link].text not in PLURAL_BODY_LINKS:
            continue
        readings = lexicon.places.get(chunk[link + 1].text.casefold(), ())
        if any(p.rank == 3 for p in readings) and _plural_body(head, lexicon, language):
            yield _Candidate(i, link + 2, "organization")


def _plural_body(head: _Token, lexicon: _Lexicon, language: str) -> bool:
    word = head.text
    lowered = word.casefold()
    return not (
        head.sentence_start
        or not head.capitalized
        or word.isupper()
        or len(word) < MIN_PLURAL_BODY_LETTERS
        or not lowered.endswith("s")
        or lowered in FEATURE_WORDS
        or lowered in lexicon.first_names
        or lowered in lexicon.places
        or any(stem in lexicon.places for stem in place_stems(word))
        or _demonym_plural(word)
        or _is_title(word, language)
    )
