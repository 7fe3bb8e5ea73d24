"""The recognizer's word lists, thresholds and letter folding (no gazetteers).

Constants of grammar shared by the rules of :mod:`transform.entities`: the languages read, the
countries where each is spoken, population thresholds used by more than one rule, the word sets
(connectors, titles, organisation and feature words, articles, legal forms, classifiers),
:func:`fold` and :func:`plain` (a name without case or marks), word frequencies
(:func:`_zipf`, :func:`_common`) and the two predicates on a single word that people and
organisation rules both ask (:func:`_is_title`, :func:`_classifier`).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

import wordfreq

LANGUAGES = ("en", "de", "fr", "es")
# wordfreq's "small" lists (words used at least once per million, Zipf 3 and up) instead of its
# "large" ones: 13 MB for the four languages against 159 MB, and every threshold of the rules is at
# Zipf 3 or above, so a word the small list lacks reads as rare, which is all it needs to say.
WORDLIST = "small"
SMALL_TOWN = 100_000  # a one-word town smaller than this needs a preposition before it
WELL_KNOWN = 500_000  # a city this big is the one meant unless the article says otherwise
# Where a place of an ambiguous name is looked for first, by the article's language.
HOME_COUNTRIES = {
    "en": frozenset({"US", "GB", "IE", "CA", "AU", "NZ"}),
    "de": frozenset({"DE", "AT", "CH"}),
    "fr": frozenset({"FR", "BE", "CH", "CA"}),
    "es": frozenset({"ES", "MX", "AR", "CO", "CL", "PE"}),
}
# Countries where two of the languages are spoken (Switzerland, Canada), or one of them beside
# another official language (Belgium: Dutch, French and German; Luxembourg: Luxembourgish,
# French and German): a town there has a name of its own in each ("Sion" and "Sitten",
# "Mechelen" and "Malines", which its French-speaking press writes), none of them a mere exonym.
BILINGUAL_COUNTRIES = frozenset(
    code
    for code in set().union(*HOME_COUNTRIES.values())
    if sum(code in homes for homes in HOME_COUNTRIES.values()) >= 2
) | {"BE", "LU"}


# Lowercase words that may stand inside a name: "Bank of England", "Rio de Janeiro",
# "Ursula von der Leyen", "Frankfurt am Main".
CONNECTORS = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "on",
        "upon",
        "de",
        "del",
        "della",
        "des",
        "du",
        "la",
        "le",
        "von",
        "van",
        "der",
        "den",
        "zu",
        "am",
        "im",
        "y",
        "i",
        "da",
        "do",
        "dos",
        "di",
        "bin",
        "al",
        "el",
        "las",
        "los",
        "für",
    ]
)
NAME_PARTICLES = frozenset(
    "von van der den de del della du da di le la bin al zu ten ter".split()  # noqa: SIM905
)
# Particles that Italian, Flemish and French surnames write with a capital ("Raffaele De
# Simone", "Bart De Wever", "Herman Van Rompuy", "Marine Le Pen"); not "Der" or "Den", which
# open German and Scandinavian nouns and places, nor "Al", a first name.
CAPITAL_PARTICLES = frozenset(
    "De Di Da Del Della Du Van Von Le La Lo".split()  # noqa: SIM905
)
# Leading words that belong to the sentence rather than to the name.
DETERMINERS = frozenset(
    "the a an die der das des dem den ein eine le la les l un une el los las lo una".split()  # noqa: SIM905
)
# The months of the languages that write them capitalised: "in March", "im Mai" name a time,
# not the small towns of those names (March, Cambridgeshire).
_EN_MONTHS = "january february march april may june july august september october november december"
_DE_MONTHS = (
    "januar jänner februar märz april mai juni juli august september oktober november dezember"
)
MONTHS = {"en": frozenset(_EN_MONTHS.split()), "de": frozenset(_DE_MONTHS.split())}
# The days of the week in the languages that write them capitalised: "on Monday" after a
# name is the sentence's time, none of the name.
WEEKDAYS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday
    montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Words that introduce a person: "President Macron", "Kanzler Scholz", "Mme Borne".
TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady president vice-president chancellor minister
    secretary senator governor mayor judge justice prime premier king queen prince princess pope
    rep sen gov gen general captain coach ceo chairman chairwoman chief spokesman spokeswoman
    herr frau präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin minister
    ministerin bundespräsident bundespräsidentin bürgermeister bürgermeisterin ministerpräsident
    ministerpräsidentin trainer sprecher sprecherin chef chefin papst
    m mme mlle monsieur madame président présidente ministre maire premier juge pape
    sr sra srta señor señora don doña presidente presidenta ministro ministra alcalde alcaldesa
    rey reina juez jueza portavoz entrenador
    prosecutor procureur procureure staatsanwalt staatsanwältin oberstaatsanwalt
    oberstaatsanwältin
    prefect sub-prefect préfet préfète sous-préfet sous-préfète prefecto prefecta präfekt
    canciller rabbi rabbiner rabbin rabino
    representative député députée sénateur sénatrice diputado diputada senador senadora
    professor professorin professeur professeure profesor profesora
    candidate kandidat kandidatin candidat candidato candidata
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Ranks of armies and police forces in the four languages, and the offices English writes
# before a name as it does a rank ("Detective Inspector", "Chief Executive"). A rank that is
# also a first name ("Major") is a rank, not the name's first word, before a first name: "Major
# Ana Ruiz"; before a name word (a first name or a word no language uses much) a rank is a
# title, alone or as a title's second word: "Sergeant Wystan Greer", "Chief Inspector Dunstan
# Fairweather" (`entity_people._rank_before_name`).
RANKS = frozenset(
    """
    major colonel lieutenant sergeant captain commander general admiral
    inspector detective superintendent constable trooper officer deputy commissioner
    executive sheriff marshal corporal firefighter councillor councilman councilwoman
    oberst hauptmann leutnant kommissar kommissarin
    commandant capitaine lieutenant colonel commissaire adjudant
    comandante coronel capitán teniente sargento comisario comisaria
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# German joins a title to what it is of ("Kulturministerin", "Oberbürgermeister",
# "Regierungssprecher", "Konzernchef"): a capitalised word ending in one of these is a title.
GERMAN_TITLE_HEADS = (
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "bürgermeister",
    "bürgermeisterin",
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "trainer",
    "trainerin",
    "leiter",
    "leiterin",
    "manager",
    "managerin",
    "rabbiner",
)
# The endings of a German noun naming what a person does or is ("Notfallsanitäter",
# "Kranführerin", "Augenzeuge", "Feuerwehrmann"): the agent "-er"/"-erin", "-ist"/"-istin",
# "-eur"/"-eurin", and the compounds of "Mann", "Frau" and "Zeuge". Such a noun right before a
# first name and one more capitalised word introduces a person by his or her work
# (:func:`transform.entity_people._german_person_noun`).
GERMAN_PERSON_NOUN_ENDINGS = (
    "er",
    "erin",
    "ist",
    "istin",
    "eur",
    "eurin",
    "mann",
    "frau",
    "zeuge",
    "zeugin",
)
# Words that make a run of capitalised words an organisation.
ORG_WORDS = frozenset(
    """
    inc corp corporation ltd llc plc co company companies group holdings bank university college
    institute ministry department agency commission council committee party union association
    federation league court police army navy parliament congress senate foundation airlines
    airways motors automobiles club fc cf ud sd church hospital school fund authority office
    service organisation
    organization board bureau assembly network systems technologies industries partners
    pharmaceuticals laboratories studios pictures entertainment times post journal news
    outfitters brands pharma
    gmbh ag kg se ev e.v e.g eg ggmbh mbh bundestag bundesrat bundeswehr universität ministerium partei verband
    gericht polizei stiftung gewerkschaft zeitung kommission institut klinik verein bundesamt
    landgericht amtsgericht oberlandesgericht bundesgerichtshof konzern
    sa sas sarl banque université ministère parti fédération tribunal cour conseil assemblée
    institut groupe société compagnie syndicat gendarmerie
    s.a. banco universidad ministerio partido unión asociación federación corte consejo comisión
    congreso senado policía instituto grupo compañía fundación sindicato ayuntamiento gobierno
    center centre reports orchestra orchestre chœur philharmonique académie academy academia
    agencia confederación confederation dirección procuraduría fiscalía cámara frente liga
    orquesta servicio service bundespolizei bundeskanzleramt bundesregierung studio
    democrats republicans
    administration directorate coalition alliance movement cabinet
    agentur behörde amt senat landtag kammer hochschule akademie gruppe werke bündnis
    staatsanwaltschaft arbeitsgemeinschaft
    agence comité mairie préfecture mouvement alliance fondation association office
    secretaría juzgado ejército armada superintendencia defensoría contraloría junta departamento
    movimiento alianza asamblea poder fuerza fuerzas pacto convención órgano
    autorité defence defense
    branch unit trust division inspectorate secretariat constabulary services
    infirmary clinic observatory laboratory museum society exchange
    klinikum krankenhaus
    hôpital clinique musée observatoire laboratoire unité
    clínica museo observatorio laboratorio unidad sociedad oficina organización
    brothers press uni nationalrat alcaldía coordination coordinadora choeur opéra
    parlement parquet caisse mutuelle
    """.split()  # noqa: SIM905
)
# A trade show named by its show noun: the words before a name that make it the show's ("auf der
# Elektronikmesse CES", "au salon CES", "en la feria de electrónica CES"), and in English the
# words after it, with "at" before it ("at the CES electronics show"). A show is where firms
# show their goods, not a body that acts (entities._trade_show_names).
SHOW_BEFORE = {
    "en": r"\b(?:fair|expo|exhibition)\s+$",
    "de": r"(?:messe|ausstellung)\s+$",
    "fr": r"\b(?:salon|foire|exposition)(?:\s+(?:de\s+)?[^\W\d_]+)?\s+$",
    "es": r"\b(?:feria|salón|exposición)(?:\s+(?:de\s+)?[^\W\d_]+)?\s+$",
}
SHOW_AFTER_EN = r"(?:\s+[a-z]+)?\s+(?:show|fair|expo|exhibition)\b"
SHOW_AT_EN = r"\bat\s+(?:the\s+)?$"
# A compass point's adjective, written in lower case beside a name, makes the name an area's
# ("either side of the eastern Pyrenees", "el Pirineo oriental", "les Alpes occidentales"): a
# body that acts has no east or west, so such a name is no organisation
# (entities._compass_area_names). English writes the adjective before the name, French and
# Spanish after it.
COMPASS_BEFORE = {
    "en": r"\b(?:north|south|east|west)(?:-?(?:east|west))?ern\s+$",
}
COMPASS_AFTER = {
    "fr": r"\s+(?:oriental|occidental|septentrional|méridional)e?s?\b",
    "es": r"\s+(?:oriental|occidental|septentrional|meridional)(?:es)?\b",
}
# Organisation words that name one institution even alone, when capitalised mid-sentence.
INSTITUTIONS = frozenset(
    {
        "senate",
        "congress",
        "parliament",
        "bundestag",
        "bundesrat",
        "bundeswehr",
        "bundespolizei",
        "bundeskanzleramt",
        "bundesregierung",
        "sénat",
        "senado",
        "congreso",
        "policía",
        "procuraduría",
        "fiscalía",
        "democrats",
        "republicans",
    }
)
# Heads of a public body that, capitalised alone after a definite article inside a sentence,
# name the body the article is about ("the Council", "le Conseil", "la Corte"; not "una
# Corte"): English, French and Spanish write common nouns in small letters, so the capital is
# the name. Not German, which capitalises every noun.
INSTITUTION_HEADS = frozenset(
    """
    council court commission committee assembly ministry cabinet army navy
    conseil cour tribunal commission comité assemblée ministère parlement armée gendarmerie
    corte tribunal consejo comisión comité asamblea ministerio parlamento ejército armada
    juzgado convención
    """.split()  # noqa: SIM905
)
DEFINITE = frozenset("the le la l les el los las del al du au".split())  # noqa: SIM905
# Indefinite articles of the languages whose nouns a town's name cannot qualify without a
# word of its own: German writes "eine Kölner Firma" (an adjective, capitalised with its
# noun), French and Spanish "une banlieue de Paris". One capitalised word alone after one is
# a noun ("gegen einen Hang", not Hangzhou, one of whose alternate names is "Hang"), never a
# town; English says "a Paris suburb".
INDEFINITE = frozenset("ein eine einen einem einer eines un une una".split())  # noqa: SIM905
# Verbs of saying in German and Spanish that a speaker may stand before ("die Firma sagte")
# or after ("sagte Dolzer"): what ATTRIBUTION_VERBS and REPORTING_VERBS share. Beyond these,
# each list holds the verbs its own rule's reports needed.
SAYING_VERBS = frozenset("sagte sagt erklärte dijo señaló indicó".split())  # noqa: SIM905
# Verbs of saying whose subject a noun right before them is: "off Shetland, the Edinburgh
# company said" attributes the clause before the comma to the company; it is no apposition
# (entity_orgs). No French: it puts an auxiliary between ("la société a déclaré").
ATTRIBUTION_VERBS = SAYING_VERBS | frozenset("said says told added teilte informó".split())  # noqa: SIM905
# Verbs of saying after which a German, French or Spanish sentence names who spoke ("…,
# sagte Dolzer", "dijo Lopera", "précise Fastier"): a name alone right after one is a person
# (entity_people). Not English, whose "said" is followed as often by a day or by the
# reported clause's subject ("said Tuesday", "said Apple employs").
REPORTING_VERBS = SAYING_VERBS | frozenset(
    """
    betonte ergänzte erklärt betont
    dit déclare explique précise affirme ajoute estime souligne indique raconte confie
    afirmó explicó aseguró agregó añadió sostuvo resaltó destacó manifestó expresó comentó
    subrayó
    """.split()  # noqa: SIM905
)
# Verbs of saying after which an English sentence names who spoke when the name ends the
# clause ("…, says Li.", "said Mueller, who"): not before a day or the reported clause's
# subject ("said Tuesday", "said Apple employs"), which REPORTING_VERBS keeps out.
ENGLISH_REPORTING_VERBS = frozenset("said says added explained wrote".split())  # noqa: SIM905
# Relative pronouns that stand only for a person: a lone name right before ", who" (English)
# or ", quien" (Spanish) is someone's ("Okonjo, who denies it"); an organisation takes "which",
# "que", and French "qui" and German "der" stand for either.
HUMAN_RELATIVE_PRONOUNS = {"en": frozenset({"who"}), "es": frozenset({"quien"})}
# Verbs of saying after which "he" or "she" opening the reported clause tells that the one who
# spoke is a person ("Halvorsen said he", "Ostrova insisted that she"): a company says "it".
ENGLISH_SUBJECT_SAYING_VERBS = frozenset("said says explained added insisted".split())  # noqa: SIM905
ENGLISH_PERSONAL_PRONOUNS = frozenset("he she".split())  # noqa: SIM905
# What stands right before a name a report only cites as its source: "according to",
# "según (ha informado)", "selon", "laut", or a body's spokesperson "of" ("el portavoz de
# Adif", "le porte-parole d'Airbus", "Sprecher von Pelvaro"). A body as often as a person.
SOURCE_BEFORE = re.compile(
    r"\b(?:according\s+to|spokes(?:man|woman|person)\s+(?:for|of)"
    r"|según(?:\s+(?:ha\s+informado|informó|han\s+informado|fuentes\s+de))?"
    r"|(?:portavoz|vocer[oa])\s+(?:de|del)|selon|d['’]après|porte-parole\s+(?:de|du|d['’])"
    r"|laut|Sprecher(?:in)?\s+von)\s*(?:the\s+|el\s+|la\s+|l['’]\s*|le\s+)?$",
    re.IGNORECASE,
)
SOURCE_REACH = 40  # characters before the name a source's words fit in
# Verbs of saying whose subject, a name right before them that no rule took, is a person
# (entity_lists.person_by_saying): besides ATTRIBUTION_VERBS and REPORTING_VERBS, these.
SUBJECT_SAYING_VERBS = ENGLISH_SUBJECT_SAYING_VERBS | frozenset(
    "detalló precisó aclaró".split()  # noqa: SIM905
)
# Spanish verbs of saying in the present, whose subject a name right before them is as it is of
# their past ("Bustos asegura que", as "Bustos aseguró que"): the present French and English
# forms are in the lists above already ("Lemaire précise", "says").
PRESENT_SAYING_VERBS = frozenset(
    """
    dice asegura afirma explica señala indica agrega añade sostiene destaca manifiesta
    expresa comenta subraya detalla precisa aclara
    """.split()  # noqa: SIM905
)
# Ranks abbreviated before a name ("said Lt. Burton"): after a verb of saying, the rank, no name.
RANK_ABBREVIATIONS = frozenset("lt sgt capt col cpl maj det insp supt cmdr".split())  # noqa: SIM905
# Nouns of kinship before a given name ("her husband Christophe", "ihr Mann Christophe", "son
# frère Paul", "su hermano Tony"): the name alone is that relative, a person, as after a title.
KINSHIP_NOUNS = frozenset(
    """
    husband wife son daughter brother sister father mother uncle aunt nephew niece cousin
    grandson granddaughter grandfather grandmother stepson stepdaughter
    mann ehemann ehefrau gatte gattin sohn tochter bruder schwester vater mutter onkel tante
    neffe nichte cousine enkel enkelin
    mari épouse époux fils fille frère sœur père mère oncle neveu nièce petit-fils petite-fille
    esposo esposa marido hijo hija hermano hermana tío tía sobrino sobrina primo prima nieto
    nieta padre madre abuelo abuela
    """.split()  # noqa: SIM905
)
# Words that make a street of the name after them ("calle Córdoba", "rue de Paris").
# a temperature's unit: a word for degrees, then its scale ("35 Grad Celsius", "40 Degrees
# Fahrenheit" in a headline); "Grad" is also a given name the name lists hold
DEGREE_WORDS = frozenset("grad degree degrees degré degrés grado grados".split())  # noqa: SIM905
TEMPERATURE_SCALES = frozenset("celsius fahrenheit kelvin".split())  # noqa: SIM905

STREET_WORDS = frozenset("calle avenida paseo rue avenue boulevard quai allée".split())  # noqa: SIM905
# Words that make a street of the name before them ("Columbus Avenue", "Goethe Allee"),
# none of them a surname: a first name before one names a street, not a person.
STREET_NOUNS_AFTER = frozenset(
    "avenue road boulevard street straße strasse allee".split()  # noqa: SIM905
)
# Words that make a venue within a town of the capitalised name after them, in every language
# a report may write them ("rue Lipscani", "avenue du Prado", "parc Herăstrău", "calle
# Córdoba", "strada Lipscani", "centre commercial du Prado", "cimetière Miséricorde",
# "Parque Nacional Queulat"): where in its town a happening was, as a district is. A national
# park's words come before the park's ("Parque Nacional Queulat" is the park "Queulat").
VENUE_WORDS_BEFORE = (
    # Every street word but "allée", a street word for a place or a first name inside a
    # street's name (entity_places.in_street_name, entity_people) never tried as a venue word.
    *sorted(STREET_WORDS - {"allée"}),
    *("parc-national", "parque-nacional", "nationalpark", "parc", "parque"),
    *("jardin", "jardín", "cimetière", "cementerio"),
    *("strada", "centre-commercial", "centro-comercial", "einkaufszentrum"),
    *("plaza", "piazza", "praça", "torre"),
    # a swimming pool by its name ("piscine Jean-Bouin", "piscina Sant Jordi", "Freibad
    # Hangeweiher"): one pool of its town, as a park is
    *("piscine", "piscina", "freibad", "hallenbad", "schwimmbad", "strandbad"),
)
# ... and of the capitalised name before them ("Lipscani Street", "Herastrau park", "Prado
# shopping centre", "Herăstrău-Park", "Kelvin Gardens", "Harcourt cemetery"); capitalised but
# for "park", "cemetery" and a shopping centre, which English writes in lower case after a
# name ("a Tulsa street" is a street in Tulsa).
VENUE_WORDS_AFTER = (
    *sorted(word.capitalize() for word in STREET_NOUNS_AFTER),
    # "Lane" a surname too, which STREET_NOUNS_AFTER leaves out
    *("Lane", "Park", "Square", "park"),
    *("Gardens", "Garden", "Cemetery", "cemetery"),
    *("shopping-centre", "shopping-center", "shopping-mall"),
)
# Words between a park's name and "Park" that say what kind of park it is ("Queulat National
# Park"): not part of its name, which other languages write without them ("parque Queulat").
PARK_KIND_WORDS = frozenset({"national", "state", "regional"})
# The word of an institution's name that makes it a building at one place, as each language
# writes it (folded), in English: a school, hospital, prison, museum, stadium, church or
# university named by its proper name ("Institut Sainte-Julienne", "Klinikum Nord") stands
# where its happenings are, while a firm or an authority ("Ministry", "Federation") does not.
BUILDING_KIND_WORDS = {
    **dict.fromkeys(("institute", "institut", "instituto", "istituto"), "institute"),
    **dict.fromkeys(("school", "ecole", "schule", "escuela", "scuola", "escola"), "school"),
    **dict.fromkeys(("college", "colegio", "collegio"), "college"),
    **dict.fromkeys(("lycee", "liceo", "gymnasium"), "lycee"),
    **dict.fromkeys(("hospital", "hopital", "krankenhaus", "ospedale", "hospitalario"), "hospital"),
    **dict.fromkeys(("clinic", "clinique", "klinik", "klinikum", "clinica"), "clinic"),
    **dict.fromkeys(
        ("prison", "gefangnis", "justizvollzugsanstalt", "prision", "carcel", "carcere"), "prison"
    ),
    **dict.fromkeys(("penitentiary", "correctional", "penitenciario"), "correctional"),
    **dict.fromkeys(("museum", "musee", "museo"), "museum"),
    **dict.fromkeys(("stadium", "stade", "stadion", "estadio", "stadio"), "stadium"),
    **dict.fromkeys(("church", "eglise", "kirche", "iglesia", "chiesa"), "church"),
    **dict.fromkeys(("cathedral", "cathedrale", "catedral", "kathedrale"), "cathedral"),
    **dict.fromkeys(
        ("university", "universite", "universidad", "universitat", "universita", "universidade"),
        "university",
    ),
}
# The words (folded) that say a sports club's name is a club's: "Club Deportivo", "CD", "FC",
# "CF", "UD", "SV" ... Reports of one club write it with them or without ("Club Deportivo
# Cacereño Norte", "Cacereño Norte"): its proper words are its name (entity_aliases.club_name).
CLUB_WORDS = frozenset(
    """
    club deportivo cd cf fc ud sd afc football futbol sportif sportiva sportverein sv fk
    """.split()  # noqa: SIM905
)
# A saint's title as each language writes it (folded) before a name: "Sainte-Julienne",
# "St Julienne", "Sankt Georg", "San Juan" are one saint's.
SAINT_WORDS = frozenset(
    ("saint", "sainte", "st", "ste", "sankt", "san", "santa", "santo", "sao", "sant")
)
# German's word for a saint, written before the name as an adjective ("des heiligen
# Antonius", "der Heilige Georg", "hl. Franziskus"): a saint's name follows, as after "Saint".
SAINT_ADJECTIVES = frozenset(("heilige", "heiligen", "heiliger", "heiligem", "hl"))
# Nouns for a country's first-level region, written before its name with "of" or its
# language's "de" ("the state of Pernambuco", "el estado brasileño de Pernambuco", "l'État
# du Pará"; an adjective may stand between) or, in German, right before it ("im Bundesstaat
# Pernambuco") ...
REGION_NOUNS_BEFORE = frozenset(
    (
        *("state", "province", "estado", "provincia", "état", "etat"),
        *("bundesstaat", "bundesland", "provinz"),
    )
)
# ... and the English ones written right after it ("Brazil's Pernambuco state")
REGION_NOUNS_AFTER = frozenset(("state", "province"))
# Words that name a venue of a kind every language names alike, keyed by that kind (an
# airport in any language is "airport"): written before the venue's name ("l'aéroport de
# Liège", "el aeropuerto de Bilbao", "Flughafen Lüttich") ...
KIND_VENUE_WORDS_BEFORE = {
    "airport": ("aéroport", "aeroport", "aeropuerto", "aeroporto", "Flughafen", "Flughafens"),
}
# ... or after it ("Liege Airport", "the Bilbao airport", "dem Lütticher Flughafen")
KIND_VENUE_WORDS_AFTER = {"airport": ("Airport", "airport", "Flughafen", "Flughafens")}
# Words that make a road of the letters and number beside them ("l'autoroute A7", "the A7
# motorway", "la autovía A-4", "die Autobahn A7", "Interstate 95" aside: a road's number).
ROAD_WORDS = frozenset(
    (
        *("autoroute", "motorway", "highway", "freeway", "expressway", "autovía", "autovia"),
        *("autopista", "carretera", "autobahn", "route", "nationale", "road"),
    )
)
# German words that spell a road's class, whose number follows them without its letter
# ("auf der Europastraße 16", "die Bundesstraße 2", "die Bundesautobahn 7"): the road the
# other languages write by its letter and number (E16, B2, A7), folded.
ROAD_LETTER_WORDS = {
    "europastraße": "E",
    "europastrasse": "E",
    "bundesstraße": "B",
    "bundesstrasse": "B",
    "bundesautobahn": "A",
}
# Words before a place: "in Lyon", "nach Kinheim", "desde Madrid"; English "off", where a
# happening on a lake or at sea is placed by the town on the shore ("off Lindau", "off Dover").
LOCATIVES = frozenset(
    {
        "in",
        "at",
        "from",
        "near",
        "off",
        "through",
        "across",
        "to",
        "into",
        "nach",
        "aus",
        "bei",
        "von",
        "zu",
        "im",
        "à",
        "au",
        "aux",
        "de",
        "en",
        "dans",
        "vers",
        "près",
        "desde",
        "hacia",
        "cerca",
        "a",
    }
)
# English nouns of a settlement that "of" joins to its name ("the town of Wittlich", "the
# district of Nordhausen", "the port of Kiel", "the Croatian resort of Vodice"): the name is
# placed as surely as after "in" (French and Spanish say "de", a locative already, and list
# their ports among their settlements too: SETTLEMENT_WORDS_BY_LANGUAGE).
SETTLEMENT_WORDS = frozenset(
    """
    town city village district municipality borough suburb hamlet parish commune county
    port resort
    """.split()  # noqa: SIM905
)
# The words that set what follows them in a place ("in Freistadt", "near Hermannsburg", "bei
# Lauterbach", "à Domdidier", "en Aigle", "près de ...", "cerca de ..."), by language: a name
# after one that GeoNames' smaller set holds as a town of one country only is that town
# (transform.entity_places.small_town_unknown). Narrower than LOCATIVES: "de", "a", "to",
# "from" and "von" stand before people and firms as often ("de Renate", "a Juan", "von Siemens").
SMALL_TOWN_LOCATIVES = {
    "en": frozenset({"in", "near", "at"}),
    "de": frozenset({"in", "bei", "nahe"}),
    "fr": frozenset({"à", "près"}),
    "es": frozenset({"en", "cerca"}),
}
# The word for "near" that places the name after it ("de" follows it in French and Spanish:
# "près de Poligny", "cerca de Ryes"; French elides it: "près d'Arbois"). One can be near a
# place only, so a name no language uses as a word that follows it is a town
# (transform.entity_places.near_unknown). German "bei" is not one: "bei Siemens" is at a firm.
NEAR_WORDS = {"en": "near", "fr": "près", "es": "cerca"}
# The prepositions before a town that the French, Spanish, Italian and Portuguese press follow
# with its province or region in brackets ("una finca de Vilafant (Girona)", "à Lons
# (Pyrénées-Atlantiques)", "a Cerreto (Arezzo)", "em Sabugal (Guarda)"): what a place is of
# or in, never a person (transform.entity_places.bracketed_unknown).
BRACKETED_TOWN_PREPOSITIONS = frozenset(
    "de en à a di in em da do".split()  # noqa: SIM905
)
# The preposition that sets a thing in a town, in the languages that write no "the town of"
# before its name (transform.entity_places.small_town_unknown reads a rare word after it as a
# small town without its country named: "in Gérardmer", "à Gérardmer", "en Gérardmer").
IN_TOWN_PREPOSITIONS = {"de": "in", "fr": "à", "es": "en"}
# French and Spanish nouns of a settlement (or its port) that a country's adjective and "de"
# join to its name ("le village hongrois de Kapuvár", "el puerto irlandés de Castletownbere"):
# the name is a town of that country.
SETTLEMENT_WORDS_BY_LANGUAGE = {
    "fr": frozenset("ville village commune bourg localité port".split()),  # noqa: SIM905
    "es": frozenset(
        "ciudad pueblo localidad municipio villa aldea puerto".split()  # noqa: SIM905
    ),
}
# The words that, after a town, a locative and an article, place it inside a wider area in
# French, Spanish and German, as "in the north of" does in English (entity_places.
# located_unknown): a direction ("à Lapouyade, dans le nord de la Gironde", "in Trzebinia im
# Süden Polens") or a region's noun ("cerca de Putre, en la región de Arica y Parinacota"):
# only a place lies in the north, or in the region, of another.
LOCATING_WORDS_BY_LANGUAGE = {
    "fr": frozenset(
        """
        nord sud est ouest centre nord-est nord-ouest sud-est sud-ouest
        département région canton province
        """.split()  # noqa: SIM905
    ),
    "es": frozenset(
        """
        norte sur este oeste centro noreste noroeste sureste suroeste sudeste sudoeste
        región provincia comunidad departamento comarca
        """.split()  # noqa: SIM905
    ),
    "de": frozenset(
        """
        norden süden osten westen nordosten nordwesten südosten südwesten
        region provinz woiwodschaft kanton departement
        """.split()  # noqa: SIM905
    ),
}
# German nouns of a settlement that German writes right before its name, capitalised as the
# name is ("im Dorf Fox Glacier", "die Kleinstadt Kapuvár"): no part of the name.
GERMAN_SETTLEMENT_WORDS = frozenset(
    "dorf stadt gemeinde ortschaft kleinstadt kreisstadt städtchen weiler".split()  # noqa: SIM905
)
# German nouns (folded) that end the name of a country's administrative division, a
# compound's last word too ("Bundesstaat", "Provinz", "Küstenregion", "Landkreis",
# "Regierungsbezirk", "Grenzgebiet"): after a country's adjective ("im indischen Bundesstaat
# Kerala") the kind of division, never a town's name.
GERMAN_REGION_WORDS = frozenset(
    "staat bundesland provinz region bezirk kreis distrikt kanton präfektur gebiet".split()  # noqa: SIM905
)
# The German feature words (of :data:`FEATURE_WORDS`): German writes them capitalised, so a
# lower-case "see" or "tal" is none of them.
GERMAN_FEATURE_WORDS = frozenset(
    "fluss meer see gebirge insel inseln tal bucht golf kanal".split()  # noqa: SIM905
)
# Words that make a run of capitalised words a natural feature, which no gazetteer here
# places: "River Thames", "Hudson River", "Lake Geneva", "Río Magdalena", "Golfe du Mexique",
# "Schwarzes Meer". Such a name is a place without a country, never a person.
FEATURE_WORDS = GERMAN_FEATURE_WORDS | frozenset(
    """
    river lake mount mountains sea ocean bay gulf island islands valley strait desert peninsula
    canal glacier cape spit harbour harbor
    fleuve rivière lac mont monts mer océan baie golfe île îles vallée détroit désert massif
    río lago monte montes montaña montañas sierra mar océano bahía golfo isla islas valle
    desierto cordillera estrecho volcán península
    """.split()  # noqa: SIM905
)
# The languages that write a feature's generic noun small, before its name ("le canal Albert",
# "el río Duero", "la sierra de Gredos"): the capitalised words right after it are the
# feature's name (:func:`transform.entity_places.feature_after_word`), never a person.
FEATURE_WORD_BEFORE_LANGUAGES = frozenset({"fr", "es"})
# The short Romance word for a valley that heads its name (Italian, French, Catalan, Romansh:
# "Val di Non", "Val d'Aran", "Val de Travers"): also an English given name ("Val Kilmer"), so
# a feature word only before a particle (:data:`NAME_PARTICLES`), which no given name takes.
VALLEY_HEADS = frozenset(("val",))
# Words that open a town's name as a port ("Puerto Madryn", "Port Hedland", "Porto Torres"):
# the report that names the town so names it again by the rest alone ("reached Madryn").
PORT_WORDS = frozenset("puerto port porto".split())  # noqa: SIM905
# Words for a stretch of coast that open its name ("Costa Brava", "Costa del Sol", "Côte
# Vermeille") or, in English, close it ("Amalfi Coast", not "Coast Guard"): the whole name is one
# coast, a natural feature; its last word alone is no place ("Brava" is an island of Cape
# Verde).
COAST_HEADS = frozenset("costa côte".split())  # noqa: SIM905
COAST_TAILS = frozenset(("coast",))
# Of those, the works a town names after itself ("the Newcastle harbour", "the Berlin canal"):
# the town's own, so its name beside one still names the town
# (:func:`transform.entities._names_a_feature`).
TOWN_WORKS = frozenset("harbour harbor canal".split())  # noqa: SIM905
# Words for a town's district or a village of a municipality written right before its name
# ("el barrio Belén", "la comuna San Javier", "le quartier Saint-Michel"): the name is that
# local place, not a person, though it is a given name too.
# A housing estate is a part of its town too ("la urbanización de Nueva Segovia" on Segovia's
# edge, "o bairro da Graça", "il quartiere Sanità", "le lotissement des Tilleuls"), named after
# whatever its builders chose, often a place far away.
DISTRICT_WORDS = frozenset(
    [
        "barrio",
        "colonia",
        "comuna",
        "corregimiento",
        "vereda",
        "quartier",
        "sector",
        "distrito",
        "urbanización",
        "urbanizacion",
        "urbanização",
        "urbanizacao",
        "bairro",
        "quartiere",
        "rione",
        "lotissement",
    ]
)
# Of those, the words that name a district in one language only: Venezuelan Spanish "el sector
# La Isabelica", not English "the banking sector Monday"; Spanish "el distrito de Chamberí"
# (a city's district, a rural district's villages), not Portuguese "distrito", a region.
DISTRICT_WORD_LANGUAGES = {"sector": "es", "distrito": "es"}
# Of those, the words for an administrative district, which gazetteers hold as places of
# their own more often than a neighbourhood ("el distrito de Chamberí" is Madrid's Chamberí,
# as the English report's "Madrid's Chamberi" reads): a name the gazetteer holds as its own
# stays its place.
DISTRICT_WORDS_HELD = frozenset(("distrito",))
# The articles that may stand between such a word and the name ("le quartier des Chartrons",
# "el barrio de la Rochapea").
DISTRICT_ARTICLES = frozenset("de des du del la las los".split())  # noqa: SIM905
# German nouns for a town's district, capitalised inside the name's run of capitals ("im
# Frankfurter Stadtteil Sachsenhausen", "im Grazer Bezirk Lend").
GERMAN_DISTRICT_WORDS = frozenset("stadtteil stadtbezirk bezirk ortsteil".split())  # noqa: SIM905
# English nouns for a town's district written right after its name ("the Chartrons district",
# "the city's Aranjuez neighbourhood").
DISTRICT_NOUNS_AFTER = frozenset(("district", "quarter", "neighbourhood", "neighborhood", "area"))
# German compounds ending in these are organisations: "Commerzbank", "Bundesverfassungsgericht".
ORG_SUFFIXES = (
    "bank",
    "gericht",
    "ministerium",
    "partei",
    "verband",
    "gewerkschaft",
    "konzern",
    "behörde",
    "agentur",
    "stiftung",
    "amt",
    "organisation",
    "anstalt",
)
# German nouns of a trade's works or an operator, plural or collective ("Brauerei",
# "Molkerei", "Seilbahnen", "Stadtwerke", "Verkehrsbetriebe"): a compound ending in one
# (three letters or more before it) beside another capitalised word names a firm ("Ötztaler
# Seilbahnen Gaislach", "Molkerei Hanselmann", "Stadtwerke Bochum"), in a report in any
# language, never a person; alone it is a common noun ("die Brauerei").
GERMAN_COMPANY_HEADS = (
    "erei",
    "bahnen",
    "werke",
    "betriebe",
    "kliniken",
    "kasse",
    "versicherung",
    "verlag",
    "werft",
    "genossenschaft",
)
# German nouns that name a public body or firm once a capitalised adjective of a nation, region
# or creed stands before them: German writes adjectives small except in names, so "die
# Deutsche Bahn", "der Bayerische Rundfunk", "die Evangelische Kirche", "die Bayerischen
# Staatsforsten" are names, while "die Deutsche Meisterschaft" or "die Olympischen Spiele"
# name no body. Compounds ending in them count ("Bundesbahn", "Wetterdienst").
GERMAN_BODY_NOUNS = (
    "bahn",
    "post",
    "telekom",
    "welle",
    "rundfunk",
    "fernsehen",
    "kirche",
    "parlament",
    "gerichtshof",
    "rechnungshof",
    "bund",
    "dienst",
    "kanzlei",
    "forsten",
)
# German nouns of a body that name one only with its seat or region after them
# ("Verbraucherzentrale Hamburg", "Handwerkskammer Koblenz", "Polizeipräsidium Mittelfranken");
# alone they are common nouns ("die Zentrale", "die Kammer").
GERMAN_BRANCH_HEADS = ("zentrale", "kammer", "präsidium")
# Words that, right after a town's name and ending the name, make it a sports club
# ("Manchester United", "Blackburn Rovers", "Glasgow Rangers"): English-style club names end
# in them; "United States" goes on.
CLUB_TAILS = frozenset("united athletic rovers wanderers hotspur albion rangers".split())  # noqa: SIM905
# Capitalised acronyms that name no organisation: titles ("MP", "MEP", a member of the European
# Parliament), units, things of a trade ("GPU", "LED", "PHP"), common nouns of a language
# (French "OPA", a takeover bid; "TD", tutorials; English "R&D", "Q&A" written with an
# ampersand) and abbreviations (Spanish "Avda.", avenue).
NOT_ACRONYMS = frozenset(
    """
    ceo cfo coo cto tv pm am mp ok ai gdp covid dj lgbt lgbtq gmt utc cet est pst dna rna hiv
    mep meps
    aids vip faq pdf usb gps suv ev ufo id ip it pr hr ii iii iv vi vii viii ix xi xii
    abc km kg mph ny dc la eu's ddos phd
    cpu gpu led lcd pc php html css sql api url vat rrp sms ssd hdd ram nm lb hd os ctr
    opa td avda
    r&d q&a m&a b&b
    """.split()  # noqa: SIM905
)
# The symbols of units of the SI's multiples written with two capitals or more ("GW", "MWh",
# "TB", "GHz"): after a number, a measure, not an acronym (``entity_orgs._measure_after_number``).
_SI_MULTIPLES = ("K", "M", "G", "T", "P")
UNIT_SYMBOLS = frozenset(
    prefix + unit
    for prefix in _SI_MULTIPLES
    for unit in ("W", "Wh", "B", "Hz", "V", "VA", "eV", "J")
)
# Organisations written as an acronym that are not GeoNames places.
_PLACE_ACRONYMS = frozenset({"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "EEUU", "EE.UU."})


# The articles of each language, before a thing or a nickname rather than a person's name.
ARTICLES = {
    "en": frozenset({"the", "a", "an"}),
    "de": frozenset("der die das des dem den ein eine einer eines einem einen".split()),  # noqa: SIM905
    "fr": frozenset({"le", "la", "les", "l", "un", "une"}),
    "es": frozenset({"el", "la", "los", "las", "lo", "un", "una"}),
}
# German prepositions that govern the dative or the accusative, never the genitive ("von",
# "aus", "nach", "im"): a name right after one is in no genitive unless a noun follows it
# ("aus Deutschlands Norden"), so its final "s" is its own ("den Hafen von Sines", "Havarie
# vor Paros": the Greek island, not Bhutan's Paro in the genitive).
GERMAN_CASE_PREPOSITIONS = frozenset(
    "von vom aus nach bei beim zu zum zur in im ins an am ans auf mit für über um durch".split()  # noqa: SIM905
) | frozenset("vor hinter neben zwischen gegen ohne seit".split())  # noqa: SIM905
# German prepositions fused with the definite article ("am" is "an dem"): a noun follows them as
# it follows the article ("am Ende der Landebahn", "zum Ende der Saison"), never a person's name.
GERMAN_FUSED_ARTICLES = frozenset("am ans beim im ins vom zum zur".split())  # noqa: SIM905
# German "in dem" fused: with a declined adjective and a name after it and no noun between
# ("im sächsischen Grimma", "im nahen Wurzen"), the name is a neuter place, a town or a country
# (German towns are neuter and take no article alone), placed as "in Grimma" is
GERMAN_IN_DEM = "im"
# French and Spanish prepositions fused with the definite article ("du" is "de le", "del" is
# "de el"): as the article, they stand before a thing or a place ("le virus du Nil", "la
# calle del Carmen"), never before a person's name.
FUSED_ARTICLES = {
    "en": frozenset(),
    "de": GERMAN_FUSED_ARTICLES,
    "fr": frozenset({"du", "des", "au", "aux"}),
    "es": frozenset({"del", "al"}),
}
# German determiners declined as the article is ("jeden Sommer", "diesem Jahr", "keine
# Chance"): a capitalised word after one is a noun, German capitalising its nouns.
GERMAN_DETERMINER = re.compile(
    r"(?:dies|jen|jed|manch|solch|welch)(?:e|er|es|em|en)|kein(?:e|er|es|em|en)?"
)
# German words that open a clause or, the formal "Sie" and its possessive "Ihr", stand for
# the reader anywhere in a sentence, both capitalised ("Als Regionalverband prüfen wir",
# "mit Ihrer Bank"): never the first word of a body's name, and declined possessives
# ("unsere", "seiner") as little.
GERMAN_CLAUSE_WORDS = re.compile(
    r"als|wenn|weil|dass|ob|wie|sie|ihnen|(?:mein|dein|sein|ihr|unser|euer|eur)(?:e|er|es|em|en)?"
)


# Common nouns that, right before a name, say what kind of body it names, as a title says a
# person ("the carmaker Nissan", "le quotidien Libération", "la empresa Montecon", "der
# Autobauer Opel"). German writes them as the capitalised head of a compound too
# ("Outdoorausrüster", "Recherchezentrum"): see :data:`ORG_CLASSIFIER_HEADS`.
ORG_CLASSIFIERS = frozenset(
    """
    company firm giant maker retailer carrier airline insurer lender startup start-up brand
    chain publisher newspaper magazine tabloid broadcaster band label developer manufacturer
    automaker carmaker conglomerate outlet website app platform operator subsidiary supplier rival
    studio group club seller
    société entreprise firme géant constructeur fabricant enseigne marque quotidien journal
    hebdomadaire revue tabloïd chaîne agence opérateur assureur plateforme application éditeur
    groupe éditions
    empresa compañía firma gigante fabricante cadena marca diario periódico revista semanario
    emisora agencia operadora aseguradora plataforma aplicación aerolínea constructora
    distribuidora sello grupo editorial
    """.split()  # noqa: SIM905
)
# Classifiers that are another language's common word, only in their own: Spanish "la red
# Unitel" (a broadcaster's network), not English "the red Ferrari".
OWN_LANGUAGE_CLASSIFIERS = {"es": frozenset({"red"})}
ORG_CLASSIFIER_HEADS = (
    "firma",
    "unternehmen",
    "konzern",
    "hersteller",
    "autobauer",
    "band",
    "zeitung",
    "magazin",
    "zeitschrift",
    "verlag",
    "sender",
    "marke",
    "kette",
    "plattform",
    "verein",
    "anbieter",
    "händler",
    "discounter",
    "portal",
    "dienst",
    "versicherer",
    "zulieferer",
    "ausrüster",
    "zentrum",
    "startup",
)


# The last words of a company's full name that the article then drops ("Essar Steel Ltd",
# later "Essar Steel"): legal forms and the group words of EN, DE, FR and ES, written without
# their full stops (:func:`legal_form` reads "S.L." and "SL" alike).
LEGAL_FORMS = frozenset(
    """
    inc corp corporation ltd llc llp plc co company group holdings
    gmbh ag kg kgaa se ev eg ggmbh mbh ohg konzern gruppe
    sa sas sasu sarl eurl groupe société compagnie
    sl slu sau grupo compañía
    """.split()  # noqa: SIM905
)


# The legal forms a listed company's full name ends with beyond those (pytickersymbols' names
# of twenty indices' companies: "Investor AB", "Aegon N.V.", "Nokia Oyj", "Roche Holding AG",
# "Swiss Reinsurance Company Ltd"), taken off to reach the name the press writes
# (:func:`transform.entity_gazetteer.company_forms`). Only there: alone in a text "AB", "NV" or
# "Limited" end no name ("ab" is German's "from").
COMPANY_LEGAL_FORMS = LEGAL_FORMS | frozenset(
    "ab nv asa oyj spa holding incorporated limited".split()  # noqa: SIM905
)


# A listed company's one-word name this frequent in the article's language is that word, never
# the company alone ("Next", "City", "News", "Match", "Box"): above what any brand's name is
# written ("apple" 4.8 in English, "amazon" 4.6 in German), at a common word's frequency.
COMPANY_WORD_ZIPF = 5.0


def legal_form(word: str) -> bool:
    """Is ``word`` a legal form or group word of :data:`LEGAL_FORMS`, however its full stops
    are written ("S.A.", "S.A", "SA", "e.V.", "Inc.")?"""
    return word.casefold().replace(".", "") in LEGAL_FORMS


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: "Müller" -> "muller"."""
    if text.isascii():  # nothing to decompose
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# Letters that carry no combining mark to drop, written as the English-speaking press writes
# them ("Tromso", "Lodz"), after :func:`fold`.
_PLAIN_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
# The other way to write those letters without marks: German "ae" for "ä" ("Duesseldorf"),
# Scandinavian "oe" for "ø" and "aa" for "å" ("Tromsoe", "Aabenraa").
_SPELLED_OUT_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})


def plain(text: str) -> str:
    """:func:`fold` with the letters that have no mark to drop written plain: "Tromsø" ->
    "tromso", "Łódź" -> "lodz"."""
    return fold(text).translate(_PLAIN_LETTERS)


def plain_spellings(name: str) -> frozenset[str]:
    """The ways a name is written without its letters' marks: folded ("Dusseldorf") and, where
    it has an umlaut, "ø" or "å", spelled out ("Duesseldorf", "Tromsoe")."""
    spelled_out = unicodedata.normalize("NFC", name.casefold()).translate(_SPELLED_OUT_LETTERS)
    return frozenset({plain(name), plain(spelled_out)})


# German's umlauts as English and wires write them without marks: "Soelden" for Sölden,
# "Muenchen" for München.
_SPELLED_UMLAUTS = re.compile("ae|oe|ue")
_UMLAUT_OF = {"ae": "ä", "oe": "ö", "ue": "ü"}
MAX_SPELLED_UMLAUTS = 3  # more pairs than this in one word is no German name spelled out
# Names are rare words: their German spelling is looked up in wordfreq's best German list
# (its large one, which holds "sölden" and "ötztaler"; the small one stops at words far more
# common), the one the event terms read already (transform.events.zipf), so a process that
# clusters loads it once.
NAME_WORDLIST = "best"


@functools.lru_cache(maxsize=65_536)
def german_spelling(word: str) -> str:
    """A lowercased word with umlauts where it spells German's out ("soelden" -> "sölden",
    "oetztaler" -> "ötztaler"), when German writes that spelling more often than any of
    :data:`LANGUAGES` writes the word as it is: not "joe", "blue", "michael", "coeur",
    "rafael", "phoenix" or "goethe", words or names of their own, nor "uelzen", a town so
    named."""
    spots = [match.start() for match in _SPELLED_UMLAUTS.finditer(word)]
    if not spots or len(spots) > MAX_SPELLED_UMLAUTS:
        return word
    best = word
    best_zipf = max(
        wordfreq.zipf_frequency(word, "de", wordlist=NAME_WORDLIST),
        *(_zipf(word, language) for language in LANGUAGES if language != "de"),
    )
    for count in range(1, len(spots) + 1):
        for chosen in itertools.combinations(spots, count):
            spelled = word
            for at in reversed(chosen):
                spelled = spelled[:at] + _UMLAUT_OF[spelled[at : at + 2]] + spelled[at + 2 :]
            frequency = wordfreq.zipf_frequency(spelled, "de", wordlist=NAME_WORDLIST)
            if frequency > best_zipf:
                best, best_zipf = spelled, frequency
    return best


@functools.lru_cache(maxsize=200_000)
def _zipf(word: str, language: str) -> float:
    return wordfreq.zipf_frequency(word, language, wordlist=WORDLIST)


def _common(word: str, language: str, *, zipf: float, margin: float) -> bool:
    """Is ``word`` a frequent word of ``language`` that other languages do not use as much?

    Names are about as frequent in every language ("Paris", "Berlin"); a common noun or verb
    is frequent in its own ("Essen" in German, "Reading" in English)."""
    lowered = word.casefold()
    own = _zipf(lowered, language)
    if own < zipf:
        return False
    folded = fold(lowered)
    others = max(
        max(_zipf(lowered, other), _zipf(folded, other)) for other in LANGUAGES if other != language
    )
    return own - others >= margin


def body_head(word: str) -> bool:
    """Is ``word`` the head of a body's name: an organisation word ("Polizei", "Police") or a
    German compound ending in one of :data:`ORG_SUFFIXES`, three letters or more before it
    ("Staatsanwaltschaft" is an organisation word; "Landeskriminalamt", "Nationalparkbehörde")?"""
    lowered = word.casefold()
    return lowered in ORG_WORDS or any(
        lowered.endswith(suffix) and len(lowered) >= len(suffix) + 3 for suffix in ORG_SUFFIXES
    )


def _is_title(word: str, language: str) -> bool:
    """A word of :data:`TITLES` (a trailing full stop aside: "Dr."), or in German a
    capitalised compound ending in one of :data:`GERMAN_TITLE_HEADS`, three letters or more
    before it ("Kulturministerin", not "Chef" alone: that is in TITLES already)."""
    lowered = word.casefold().rstrip(".")
    if lowered in TITLES:
        return True
    return (
        language == "de"
        and word[:1].isupper()
        and any(
            lowered.endswith(head) and len(lowered) >= len(head) + 3 for head in GERMAN_TITLE_HEADS
        )
    )


def _classifier(word: str, language: str) -> bool:
    """A noun of :data:`ORG_CLASSIFIERS` or of the language's :data:`OWN_LANGUAGE_CLASSIFIERS`;
    in German a capitalised noun ending in one of :data:`ORG_CLASSIFIER_HEADS`, genitive "-s"
    and hyphens aside ("des Recherchezentrums", "des Raumfahrt-Start-ups": German writes a
    borrowed head with a hyphen or without)."""
    lowered = word.casefold()
    if language != "de":
        return lowered in ORG_CLASSIFIERS or lowered in OWN_LANGUAGE_CLASSIFIERS.get(language, ())
    head = lowered.replace("-", "").removesuffix("s")
    return word[:1].isupper() and head.endswith(ORG_CLASSIFIER_HEADS)


# The channels: the world wire agencies and the biggest social platforms, which news in
# every language cites by name as its source or as where someone spoke ("told Reuters",
# "on Twitter", "a través de su cuenta de Twitter"): one word with nothing around it to
# say it is a body. Not "Amazon" or "Apple", which name a river and a fruit as often, nor
# "Bloomberg", a surname as often as an agency ("Michael Bloomberg ... Bloomberg said").
# Recognized for the entity tables; events take none as a happening's actor
# (:func:`transform.events.entity_terms`): two reports that cite Reuters, or that quote a
# post on Instagram, share a channel, not a happening.
CHANNELS: tuple[tuple[str, ...], ...] = (
    ("Reuters",),
    ("Associated Press", "AP"),
    ("Agence France-Presse", "AFP"),
    ("Deutsche Presse-Agentur", "dpa"),
    ("Xinhua",),
    ("Twitter",),
    ("Facebook",),
    ("Instagram",),
    ("YouTube",),
    ("TikTok",),
    ("WhatsApp",),
    ("Wikipedia",),
    ("Google",),
    ("LinkedIn",),
    ("Pinterest",),
    ("Reddit",),
)

# The big international bodies under their official names and acronyms in the four
# languages (facts, not fitted to any text): each report names a body in its own language
# ("WHO", "OMS", "Weltgesundheitsorganisation"), and all are one organisation key, the
# table's first name. German names are listed declined where the case changes them ("des
# Roten Kreuzes"). A name here as written is an organisation wherever no rule took it.
INTERNATIONAL_BODIES: tuple[tuple[str, ...], ...] = (
    (
        "World Health Organization",
        "WHO",
        "Organisation mondiale de la santé",
        "OMS",
        "Organización Mundial de la Salud",
        "Weltgesundheitsorganisation",
    ),
    (
        "UNICEF",
        "Unicef",
        "United Nations Children's Fund",
        "Fonds des Nations unies pour l'enfance",
        "Fondo de las Naciones Unidas para la Infancia",
        "UN-Kinderhilfswerk",
        "Kinderhilfswerk der Vereinten Nationen",
    ),
    (
        "Food and Agriculture Organization",
        "FAO",
        "Organisation des Nations unies pour l'alimentation et l'agriculture",
        "Organización de las Naciones Unidas para la Alimentación y la Agricultura",
        "Ernährungs- und Landwirtschaftsorganisation der Vereinten Nationen",
        "UN-Ernährungsorganisation",
    ),
    ("Europol",),
    ("Interpol",),
    (
        "European Commission",
        "EU Commission",
        "Commission européenne",
        "Comisión Europea",
        "Europäische Kommission",
        "Europäischen Kommission",
        "EU-Kommission",
    ),
    (
        "International Committee of the Red Cross",
        "ICRC",
        "Comité international de la Croix-Rouge",
        "CICR",
        "Comité Internacional de la Cruz Roja",
        "Internationales Komitee vom Roten Kreuz",
        "Internationale Komitee vom Roten Kreuz",
        "Internationalen Komitees vom Roten Kreuz",
        "IKRK",
    ),
    (
        "Red Cross",
        "Croix-Rouge",
        "Cruz Roja",
        "Rotes Kreuz",
        "Rote Kreuz",
        "Roten Kreuz",
        "Roten Kreuzes",
    ),
    (
        "International Atomic Energy Agency",
        "IAEA",
        "Agence internationale de l'énergie atomique",
        "AIEA",
        "Organismo Internacional de Energía Atómica",
        "OIEA",
        "Internationale Atomenergiebehörde",
        "Internationalen Atomenergiebehörde",
        "IAEO",
    ),
    (
        "UNHCR",
        "UN Refugee Agency",
        "United Nations High Commissioner for Refugees",
        "HCR",
        "Haut Commissariat des Nations unies pour les réfugiés",
        "Haut-Commissariat des Nations unies pour les réfugiés",
        "ACNUR",
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "UN-Flüchtlingshilfswerk",
        "UNO-Flüchtlingshilfswerk",
        "Flüchtlingshilfswerk der Vereinten Nationen",
    ),
) + CHANNELS
# Anything but a letter or digit, which names write as they like ("Croix-Rouge", "Croix Rouge").
NOT_A_LETTER = re.compile(r"[^\w]+|_")


def _body_form(name: str) -> str:
    """A name as :func:`international_body` looks it up: :func:`plain`, its punctuation read
    as a space. Coarse enough that a name folded as entity keys are and one folded as
    organisation terms are (``entities._key_name``, ``entity_aliases.organization_words``)
    meet in it."""
    return plain(NOT_A_LETTER.sub(" ", name))


_BODY_OF = {_body_form(name): names[0] for names in INTERNATIONAL_BODIES for name in names}
_CHANNEL_NAMES = frozenset(names[0] for names in CHANNELS)


def is_channel(name: str) -> bool:
    """Whether ``name`` (as written or folded) is one of :data:`CHANNELS`: a wire agency or a
    platform, through which news is told more often than it is the news's actor."""
    return _BODY_OF.get(_body_form(name)) in _CHANNEL_NAMES


def international_body(name: str) -> str | None:
    """The first name in :data:`INTERNATIONAL_BODIES` of the body ``name`` (as written or
    folded) names in any language, or None: "OMS" and "weltgesundheitsorganisation" are
    "World Health Organization"."""
    return _BODY_OF.get(_body_form(name))


# A Romance name's particle and the capitalised words after it that end the name ("San Juan
# de Lurigancho", "Santa Maria da Feira", "Castel di Sangro"): one space either side.
PARTICLE_TAIL = re.compile(
    r" (?P<particle>de la|de las|de los|del|della|delle|dei|degli|de|di|do|da|dos|das|du|des)"
    r" (?P<tail>(?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]*(?:[-'’][^\W\d_]+)*"
    r"(?: (?-i:[A-ZÀ-ÖØ-Þ])[^\W\d_]*(?:[-'’][^\W\d_]+)*)*)"
)
