from __future__ import annotations

import math

import pytest

import transform.events as events_module
from transform import event_scoring
from transform.entities import (
    Entity,
    EntityKind,
    EntityMention,
    country_codes,
    dateline_places,
    fold,
    recognize_entities,
    small_town_country,
)
from transform.entity_aliases import organization_words
from transform.events import (
    AUTHORITY_PREFIX,
    BUREAU_PREFIX,
    ENTITY_PREFIX,
    NUMBER_PREFIX,
    PLACE_PREFIX,
    TermWeights,
    article_terms,
    commonness_factor,
    cosine,
    entities,
    entity_term,
    entity_terms,
    event_similarity,
    idf,
    label_terms,
    lead_of,
    numbers,
    readable,
    shared_words,
    spelling_blind,
    stem,
    surface_forms,
    top_terms,
    weigh,
    words,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("tapering", "taper"),
        ("talks", "talk"),
        ("cities", "city"),
        ("planned", "plan"),
        ("crisis", "crisis"),
        ("press", "press"),
        ("boxes", "box"),
        ("bus", "bus"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    "family",
    [
        ("stoppage", "stoppages"),
        ("release", "released", "releases", "releasing"),
        ("file", "files", "filed", "filing"),
        ("agree", "agreed", "agrees"),
        # a doubled last consonant is undone only where the base does not end in it
        ("plan", "plans", "planned", "planning"),
        ("fall", "falls", "falling"),
        ("miss", "missed", "missing"),
        ("recall", "recalls", "recalled"),
        ("sell", "sells", "selling"),
        # "-ies" is "-y" or "-ie" by which singular English uses
        ("movie", "movies"),
        ("zombie", "zombies"),
        ("city", "cities"),
        ("ally", "allies", "allied"),
    ],
)
def test_stem_brings_word_families_together(family: tuple[str, ...]) -> None:
    assert len({stem(word) for word in family}) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("T-Mobile's e-cigarettes", ["tmobil", "ecigarett"]),  # a lone letter is part of the word
        ("Metro-North", ["metro", "north"]),
        ("Flight MH370 and the PS4", ["flight", "mh370", "ps4"]),  # names with digits
        ("$1.8bn for 48GB", []),  # figures: numbers()
        ("l'accord qu'entreprise d'Orléans O'Neill", ["accord", "entrepris", "orléan", "neill"]),
        ("Samsung's deal don't wait", ["samsung", "deal", "wait"]),
    ],
)
def test_words_read_compounds_elisions_and_possessives(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_words_drop_stopwords_and_fold_case() -> None:
    assert words("The Council says it WILL vote on the Budget") == ["council", "vot", "budget"]
    assert words("WATCH: live video update") == []  # newsroom labels, not content


def test_common_words_weigh_less_than_rare_ones() -> None:
    weights = TermWeights()
    assert commonness_factor("want", "en", weights) == pytest.approx(weights.common_floor)
    assert commonness_factor("bankruptcy", "en", weights) < 1.0
    assert commonness_factor("zorblat", "en", weights) == 1.0  # unseen in English
    assert commonness_factor("want", "xx", weights) == 1.0  # no word list: no scaling
    terms = article_terms("Ferry crews want more time", "", language="en-GB")
    assert terms["ferry"] > terms[stem("time")] > 0
    assert terms["want"] == pytest.approx(weights.title * weights.common_floor)


def test_a_language_whose_tokenizer_package_is_absent_reads_as_without_word_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """wordfreq reads Chinese with jieba, an optional package: without it every lookup raised
    and one Chinese page stopped the whole events stage."""
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *args: None)
    assert not events_module._tokenizer_installed("zh")
    assert not events_module._tokenizer_installed("ja")
    assert events_module._tokenizer_installed("de")  # read by wordfreq's own regex
    if "zh" not in events_module._WORDLIST_LANGUAGES:  # this environment lacks jieba
        terms = article_terms("港口工人罢工", "港口工人星期二开始罢工。", language="zh")
        assert terms  # weighed as in a language without a word list, not an ImportError


def test_the_articles_own_function_words_are_no_terms() -> None:
    """English's STOPWORDS leave other languages' function words in; in a window of many
    languages they are rare across the stored pages and weigh as much as a place name."""
    spanish = article_terms(
        "Huelga de los estibadores en el puerto de Valdoria",
        "Los estibadores de Valdoria iniciaron una huelga que paraliza el puerto con las grúas.",
        language="es",
    )
    assert {"de", "los", "el", "que", "con", "las", "una", "en"}.isdisjoint(spanish)
    assert {"huelga", "estibador", "valdoria", "puerto"} <= spanish.keys()
    french = article_terms(
        "Grève au port", "Les dockers de Valdoria sont en grève pour le salaire.", language="fr"
    )
    assert {"les", "de", "sont", "en", "pour", "le"}.isdisjoint(french)
    # in another language's text the same letters are words: Spanish "la" is not English's
    assert "la" in article_terms(
        "Strike in La Valdoria", "Dockers in La Valdoria struck.", language="en"
    )


def test_function_words_of_the_language_the_text_is_in_are_no_terms_whatever_it_declares() -> None:
    """A German page that declares "en" (a blog theme's default): its "und", "der", "ist" were
    rare across the stored pages once the pages declaring German dropped theirs, so such pages
    joined each other on them."""
    text = (
        "Der Verein hat am Wochenende das neue Boot getauft, und die Mitglieder sind stolz. "
        "Es ist das erste Boot, das der Verein mit einer Spende gekauft hat, sagte der Vorstand."
    )
    terms = article_terms("Neues Boot für den Ruderverein", text, language="en")
    assert {"und", "der", "ist", "das", "hat", "mit", "einer", "sich"}.isdisjoint(terms)
    assert {"verein", "boot"} <= {t[:6] for t in terms}


def test_shared_words_leave_entity_phrases_out() -> None:
    a = {"ferry": 1.0, "strike": 1.0, ENTITY_PREFIX + "ferry": 1.0, NUMBER_PREFIX + "2024": 1.0}
    b = {"ferry": 2.0, ENTITY_PREFIX + "ferry": 1.0, NUMBER_PREFIX + "2024": 1.0, "pay": 1.0}
    assert shared_words(a, b) == shared_words(b, a) == 2


def test_numbers_keep_figures_and_fold_separators() -> None:
    assert numbers("A 1,200-page report, 4.5% growth, 7 ministers and the 2019 strike") == [
        "1200",
        "4.5%",
        "2019",
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # the same amount however it is written
        ("en", "$1.8bn, $1.8 billion, 1.8B, 1,800,000,000", ["1800000000"] * 4),
        ("en", "$2m, $2 million, 2M, 2 mln", ["2000000"] * 4),
        ("en", "$40.00 and $40, 150K and 150,000", ["40", "40", "150000", "150000"]),
        ("en", "0.41 percent, 5pc, 3 per cent, 2 %", ["0.41%", "5%", "3%", "2%"]),
        # each language's decimal mark and scale words
        (
            "de",
            "1,8 Milliarden Euro, 1.200 Euro, 3 Prozent, iOS 7.1",
            ["1800000000", "1200", "3%", "7.1"],
        ),
        ("de", "eine Billion Euro: 1 Billion", ["1000000000000"]),
        ("fr", "1,5 milliard d'euros, 2 millions, 4 pour cent", ["1500000000", "2000000", "4%"]),
        (
            "es",
            "2.500 millones, 3 mil millones, 1,2 billones",
            ["2500000000", "3000000000", "1200000000000"],
        ),
        ("en", "1,8 in English is a decimal, 1.200 too", ["1.8", "1.2"]),
        # both marks the other language's way (a page whose language was misread)
        ("en", "14.372,4 and 1.500,75 dollars", ["14372.4", "1500.75"]),
        ("de", "1,234.5 Euro", ["1234.5"]),
        # units stay whole, names that start with a letter are words; single digits and versions
        (
            "en",
            "MH370, PS4, Galaxy S5, Q4, 48GB, 1080p, 1990s",
            ["48gb", "1080p", "1990s"],
        ),
        ("en", "the 4th of 7 and a 3D film, iOS 7.1.2, 2 m away", ["7.1.2"]),
    ],
)
def test_numbers_compare_by_value(language: str, text: str, expected: list[str]) -> None:
    assert numbers(text, language) == expected


def test_article_terms_read_numbers_in_the_articles_language() -> None:
    german = article_terms("Staat leiht 1,8 Milliarden", "", language="de")
    english = article_terms("State borrows $1.8bn", "", language="en")
    assert NUMBER_PREFIX + "1800000000" in german
    assert NUMBER_PREFIX + "1800000000" in english


def test_entities_find_capitalized_runs() -> None:
    text = "Talks between Miriam Oduya and the Port Alder Harbour Board resume. Crews wait."
    found = entities(text)
    assert "miriam oduya" in found
    assert "port alder harbour board" in found
    assert "crews" not in found  # a lone capital at a sentence start is not a name


def test_entities_ignore_headline_title_case() -> None:
    assert entities("Ferry Crews Walk Out Over Night Shift Pay In Port Alder") == []


def test_lead_is_the_first_paragraph_cut_to_length() -> None:
    text = "One two three four five.\n\nSecond paragraph."
    assert lead_of(text, 3) == "One two three"
    assert lead_of(text, 50) == "One two three four five."


def test_article_terms_weight_fields() -> None:
    weights = TermWeights(common_floor=1.0, common_zipf=99.0)  # no scaling of common words
    terms = article_terms(
        "Ferry strike strands commuters",
        "Crews of the Port Alder ferries stopped work on Monday over 2024 pay.\n\n"
        "Later, the harbour board met.",
        weights,
    )
    # "ferries" is in the lead, which is also part of the body
    assert terms["ferry"] == pytest.approx(weights.title + weights.lead + weights.body)
    assert terms[stem("strike")] == pytest.approx(weights.title)
    assert terms["harbour"] == pytest.approx(weights.body)
    assert terms[ENTITY_PREFIX + "port alder"] == pytest.approx(weights.entity)
    assert terms[NUMBER_PREFIX + "2024"] == pytest.approx(weights.number)


def test_body_terms_are_bounded() -> None:
    body = " ".join(f"word{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(400))
    terms = article_terms("", "intro\n\n" + body, TermWeights(body_terms=10, lead_words=1))
    assert len(terms) <= 11


def test_article_terms_do_not_read_a_wire_sign_off() -> None:
    """The desk that signs one happening's report signs another's: its names and words are no
    terms of either."""
    body = "Negotiators freed four hostages from a bank in Graz after eight hours."
    signed = body + "\n\n(Reporting by Anna Kessler in Vienna; editing by Paul Dray)\n"
    assert article_terms("Graz siege ends", signed) == article_terms("Graz siege ends", body)


@pytest.mark.parametrize(
    ("text", "filed_from_kept"),
    [
        # the bureau's town, named nowhere else: where the report was filed, not a place of it
        ("ROME, Nov 20 (Med Wire) - Fourteen migrants were missing off Sicily overnight.", False),
        # the dateline's town that the report names again is where the happening is
        ("OSLO, Nov 20 (Reuters) - A fire gutted a warehouse in Oslo overnight.", True),
    ],
)
def test_article_terms_leave_out_a_town_only_the_dateline_names(
    text: str, filed_from_kept: bool
) -> None:
    mentions = recognize_entities("Fire and boat", text, "en")
    (filed_from,) = dateline_places(text, "en")
    assert filed_from in {m.entity.key for m in mentions}  # recognized, as a place it is
    terms = article_terms("Fire and boat", text, language="en", mentions=mentions)
    assert any(t.endswith(filed_from.split(":", 1)[1]) for t in terms) == filed_from_kept


@pytest.mark.parametrize(
    ("text", "language", "capital_kept"),
    [
        # the capital named only by the dateline and as the seat of national bodies
        (
            (
                "LISBON, March 3 (Iberia Wire) - A stray dog with rabies bit two walkers near"
                " Braga, the health ministry in Lisbon said. The Ricardo Jorge Institute in Lisbon"
                " confirmed the case."
            ),
            "en",
            False,
        ),
        (
            "Un chien enragé a mordu deux promeneurs à Braga, selon l'Institut Pasteur à Paris.",
            "fr",
            False,
        ),
        # the capital that is where the happening is too
        (
            (
                "LISBON, March 3 (Iberia Wire) - A stray dog with rabies bit two walkers in Lisbon,"
                " the health ministry in Lisbon said."
            ),
            "en",
            True,
        ),
    ],
)
def test_article_terms_leave_out_a_capital_named_only_as_a_national_body_seat(
    text: str, language: str, capital_kept: bool
) -> None:
    """ "The health ministry in Lisbon" says where the ministry sits, not where the dog bit."""
    mentions = recognize_entities("Rabid dog bites walkers", text, language)
    capital = next(m.entity for m in mentions if m.entity.name in ("Lisbon", "Paris"))
    terms = article_terms("Rabid dog bites walkers", text, language=language, mentions=mentions)
    place = capital.key.split(":", 1)[1]
    assert any(t.endswith(place) for t in terms) == capital_kept


@pytest.mark.parametrize(
    ("body", "chile_placed"),
    [
        ("die chilenische Regierung in Santiago", True),  # its own government's seat
        ("die deutsche Botschaft in Santiago", False),  # a foreign body's seat
        ("die Regierung in Santiago", False),  # a seat whose country is not said
    ],
)
def test_article_terms_read_the_seat_of_the_countrys_own_government_as_inside_it(
    body: str, chile_placed: bool
) -> None:
    """An invented report set in Chile that names two Peruvian places and Chile's none but
    its capital, as the seat of Chile's own government: the seat is no place of the
    happening's, but it is inside Chile, which is then no bare country (the report's main
    place). A foreign body's seat there leaves Chile bare, an origin, and Peru the place."""
    title = "Chile: Frachter beschädigt Stromkabel zwischen Chile und Peru"
    text = (
        "LIMA, 4. März (Andendienst) - Ein Frachter hat am Dienstag ein Stromkabel zwischen"
        f" Chile und Peru beschädigt, wie {body} mitteilte. Chile prüft die Route des"
        " Schiffs. Das Kabel endet bei Tacna in Peru; ein Reparaturschiff soll aus Arequipa"
        " auslaufen."
    )
    weights = TermWeights()
    terms = article_terms(title, text, weights, "de", recognize_entities(title, text, "de"))
    assert not any(t.startswith(PLACE_PREFIX + "cl:geonames:3871336") for t in terms)
    roles = event_scoring.roles(terms, weights.who_where)
    assert (roles.place_country == "cl") == chile_placed


@pytest.mark.parametrize(
    ("text", "language", "bureau_kept"),
    [
        # the bureau's town named again only as where the minister spoke
        (
            (
                "VIENNA, March 5 (Alpine Wire) - A school in Graz was shut after asbestos was"
                " found in its gym. The education minister said in Vienna she had ordered checks."
            ),
            "en",
            False,
        ),
        (
            (
                "WIEN, 5. März (Alpendienst) - In Graz wurde eine Schule wegen Asbest geschlossen."
                " Die Ministerin kündigte in Wien Kontrollen an."
            ),
            "de",
            False,
        ),
        # the news conference the words were said at between the verb and the town
        (
            (
                "WIEN, 5. März (Alpendienst) - In Graz wurde eine Schule wegen Asbest geschlossen."
                " Das sagte Ministerin Eva Rainer auf einer Pressekonferenz in Wien."
            ),
            "de",
            False,
        ),
        # the day the words were said between the speaker and the town
        (
            (
                "WIEN, 5. März (Alpendienst) - In Graz wurde eine Schule wegen Asbest geschlossen."
                " Das sagte Ministerin Eva Rainer am Dienstag in Wien."
            ),
            "de",
            False,
        ),
        # the capital of the state the school is in, where the state's minister spoke: a town
        # of the happening's region, not a bureau far off
        (
            (
                "STUTTGART, 5. März (Südwestdienst) - In Heilbronn wurde eine Schule wegen Asbest"
                " geschlossen. Das sagte Kultusministerin Eva Rainer am Dienstag in Stuttgart."
            ),
            "de",
            True,
        ),
        # the dateline's town that the report names as where the school is
        (
            (
                "VIENNA, March 5 (Alpine Wire) - A school in Vienna was shut after asbestos was"
                " found in its gym. The education minister said in Vienna she had ordered checks."
            ),
            "en",
            True,
        ),
    ],
)
def test_article_terms_leave_out_a_dateline_town_named_again_only_where_someone_spoke(
    text: str, language: str, bureau_kept: bool
) -> None:
    """ "The minister said in Vienna" atop a report filed from Vienna says where the minister
    and the bureau are, not where the school was shut."""
    mentions = recognize_entities("School shut over asbestos", text, language)
    (filed_from,) = dateline_places(text, language)
    assert filed_from in {m.entity.key for m in mentions}
    terms = article_terms("School shut over asbestos", text, language=language, mentions=mentions)
    assert any(t.endswith(filed_from.split(":", 1)[1]) for t in terms) == bureau_kept


def test_article_terms_leave_out_a_town_where_someone_spoke_that_alone_reads_as_its_canton() -> (
    None
):
    """ "sagte in Luzern", read alone, is the canton of Lucerne; the article reads the town, and
    that town is where the speaker was, not where the school was shut."""
    title = "Schule in Chur wegen Schimmel geschlossen"
    text = (
        "CHUR, 5. März (Alpendienst) - In Chur bleibt eine Primarschule wegen Schimmel "
        "geschlossen. Die 200 Kinder werden in anderen Schulhäusern unterrichtet. Ein Sprecher "
        "der Versicherung sagte in Luzern, der Fall werde geprüft."
    )
    mentions = recognize_entities(title, text, "de")
    lucerne = next(m.entity for m in mentions if m.entity.name == "Luzern")
    chur = next(m.entity for m in mentions if m.entity.name == "Chur")
    terms = article_terms(title, text, language="de", mentions=mentions)
    assert entity_term("place", chur.key, chur.country_code) in terms
    assert entity_term("place", lucerne.key, lucerne.country_code) not in terms


@pytest.mark.parametrize(
    ("text", "language", "home_kept"),
    [
        # a visitor's home abroad, named only as such: no place of the happening
        ("A hiker from Lyon was hurt when a cornice broke near Innsbruck.", "en", False),
        (
            "Police named the dead man as Olaf Brenner, 52, of Lyon. He fell near Innsbruck.",
            "en",
            False,
        ),
        ("Ein Wanderer aus Lyon ist bei Innsbruck abgestürzt.", "de", False),
        ("Un randonneur originaire de Lyon a chuté près d'Innsbruck.", "fr", False),
        ("Un excursionista de Lyon cayó cerca de Innsbruck.", "es", False),
        # the home town named again as where the happening is
        ("A hiker from Lyon was hurt when a wall fell in Lyon.", "en", True),
        # a home in the country of the happening: the next town, which its reports share
        ("A hiker from Graz was hurt when a cornice broke near Innsbruck.", "en", True),
        # the visitor's own country named bare beside the home: no place of the happening
        (
            (
                "A hiker from Lyon was hurt when a cornice broke near Innsbruck. He is to be flown"
                " back to France next week."
            ),
            "en",
            False,
        ),
    ],
)
def test_article_terms_leave_out_a_home_abroad_named_only_as_someones_home(
    text: str, language: str, home_kept: bool
) -> None:
    """A hiker "from Lyon", "Olaf Brenner, 52, of Lyon", hurt near Innsbruck: where the
    visitor lives, not where the happening is (a town of its own, it would set the report
    there)."""
    mentions = recognize_entities("Hiker hurt", text, language)
    (home,) = [m.entity.key for m in mentions if m.entity.name in ("Lyon", "Graz")]
    terms = article_terms("Hiker hurt", text, language=language, mentions=mentions)
    assert any(t.endswith(home.split(":", 1)[1]) for t in terms) == home_kept


def test_article_terms_leave_out_a_ships_home_port_named_by_its_adjective() -> None:
    """ "Ein Kieler Frachter" hit off a Swedish port, the owner speaking in Kiel, the report
    filed from there: Kiel is the ship's home port, no place of the collision, even in the
    title; a federal office "in Hamburg" is where it sits."""
    title = "Kieler Frachter vor Schweden gesunken"
    text = (
        "KIEL, 4. Mai (Ostseedienst) - Ein Kieler Frachter ist nach einem Zusammenstoß mit "
        "einer Fähre vor Göteborg gesunken. Die Besatzung wurde gerettet.\n\n"
        '"Wir sind erleichtert", sagte Reederin Hanne Mohr in Kiel. Die '
        "Bundesstelle für Seeunfalluntersuchung in Hamburg schickte Ermittler nach Schweden."
    )
    mentions = recognize_entities(title, text, "de")
    kiel = next(m.entity for m in mentions if m.entity.name == "Kiel")
    hamburg = next(m.entity for m in mentions if m.entity.name == "Hamburg")
    terms = article_terms(title, text, language="de", mentions=mentions)
    assert entity_term("place", kiel.key, kiel.country_code) not in terms
    assert entity_term("place", hamburg.key, hamburg.country_code) not in terms


def test_article_terms_leave_out_a_small_home_port_its_adjective_names_in_the_title() -> None:
    """ "Husumer Kutter" in the title: a small town's adjective, which the gazetteer reads as
    Husum only with the article's evidence, still names the cutter's home port, no place of
    its detention off Denmark."""
    title = "Dänische Marine setzt Husumer Kutter fest"
    text = (
        "HUSUM, 6. Mai (Küstendienst) - Die dänische Marine hat einen Kutter nach Esbjerg "
        "gebracht, der zu kleine Netze benutzt haben soll. Die Polizei in Esbjerg ermittelt.\n\n"
        '"Die Netze sind zulässig", sagte Eigner Ole Thamsen in Husum.'
    )
    mentions = recognize_entities(title, text, "de")
    husum = next(m.entity for m in mentions if m.entity.name == "Husum")
    terms = article_terms(title, text, language="de", mentions=mentions)
    assert entity_term("place", husum.key, husum.country_code) not in terms


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        # the capital as its government: a seat, so the home port is a home abroad
        ("Berlin bestreitet die norwegische Zuständigkeit in dem Gebiet.", False),
        # the capital where something happened: a place of the article's own
        ("In Berlin protestierten Fischer vor dem Ministerium.", True),
    ],
)
def test_article_terms_leave_out_a_capital_named_only_as_its_government(
    sentence: str, kept: bool
) -> None:
    """A Kiel cutter taken into a Norwegian port, the report filed from Kiel, the ministry
    speaking in Berlin and "Berlin bestreitet ...": the capital is the government acting, no
    place of the happening, and Kiel, the cutter's home, is then a home abroad."""
    title = "Norwegische Küstenwache bringt Kieler Kutter nach Tromsø"
    text = (
        "KIEL, 6. Mai (Küstendienst) - Die norwegische Küstenwache hat einen Kieler Kutter "
        "festgesetzt und nach Tromsø gebracht. Er soll Dorsch nicht gemeldet haben.\n\n"
        '"Die Meldungen sind vollständig", sagte Eigner Ole Thamsen in Kiel.\n\n'
        f"Das Agrarministerium erklärte in Berlin, man prüfe den Fall. {sentence}"
    )
    mentions = recognize_entities(title, text, "de")
    places = {m.entity.name: m.entity for m in mentions}
    terms = article_terms(title, text, language="de", mentions=mentions)
    berlin, kiel = places["Berlin"], places["Kiel"]
    assert (entity_term("place", berlin.key, berlin.country_code) in terms) == kept
    assert (entity_term("place", kiel.key, kiel.country_code) in terms) == kept


@pytest.mark.parametrize(
    ("text", "language", "reference_kept"),
    [
        # the dateline's town named again only as the point a distance is measured from
        (
            (
                "OSLO, May 3 (Nordic Wire) - A barn burned down at Kvitfjell overnight, police"
                " said.\n\nThe farm lies three hours' drive from Oslo."
            ),
            "en",
            False,
        ),
        (
            (
                "OSLO, 3. Mai (Nordkurier) - In Kvitfjell ist eine Scheune abgebrannt.\n\nDer Hof"
                " liegt rund 180 Kilometer nördlich von Oslo."
            ),
            "de",
            False,
        ),
        (
            (
                "OSLO, 3 mai (Nord Dépêches) - Une grange a brûlé à Kvitfjell.\n\nLa ferme se"
                " trouve à 180 km au nord d'Oslo."
            ),
            "fr",
            False,
        ),
        # the dateline's town named again as where the happening is
        (
            (
                "OSLO, May 3 (Nordic Wire) - A barn burned down in Oslo overnight, police said."
                "\n\nThe farm lies three hours' drive from Kvitfjell."
            ),
            "en",
            True,
        ),
    ],
)
def test_article_terms_leave_out_a_dateline_town_named_again_only_as_a_distance_reference(
    text: str, language: str, reference_kept: bool
) -> None:
    """A report filed from Oslo on a barn fire at Kvitfjell, "three hours' drive from Oslo":
    the capital locates the place for the reader, it is not where the barn burned."""
    mentions = recognize_entities("Barn fire", text, language)
    oslo = next(m.entity for m in mentions if m.entity.name == "Oslo")
    terms = article_terms("Barn fire", text, language=language, mentions=mentions)
    assert (entity_term("place", oslo.key, oslo.country_code) in terms) == reference_kept


@pytest.mark.parametrize(
    ("text", "graz_kept"),
    [
        # the dateline's town named again as a route's end and where someone spoke
        (
            (
                "GRAZ, June 4 (Alpine Wire) - A night bus from Graz to Zagreb caught fire near"
                " Leibnitz on Thursday, police said.\n\nNo one was hurt, the operator told"
                " reporters in Graz."
            ),
            False,
        ),
        # the dateline's town named again where the bus burned
        (
            (
                "GRAZ, June 4 (Alpine Wire) - A night bus from Leibnitz to Zagreb caught fire in"
                " Graz on Thursday, police said.\n\nNo one was hurt, the operator told"
                " reporters in Graz."
            ),
            True,
        ),
    ],
)
def test_article_terms_leave_out_a_dateline_town_named_again_only_as_a_route_s_end(
    text: str, graz_kept: bool
) -> None:
    """A report filed from Graz on a bus that burned near Leibnitz on its way "from Graz to
    Zagreb": the route's end is where the service starts, not where the fire was. A route's
    end that is no bureau's town stays (Zagreb): the destination its reports share."""
    mentions = recognize_entities("Bus fire", text, "en")
    places = {m.entity.name: m.entity for m in mentions}
    terms = article_terms("Bus fire", text, language="en", mentions=mentions)
    graz, zagreb = places["Graz"], places["Zagreb"]
    assert (entity_term("place", graz.key, graz.country_code) in terms) == graz_kept
    assert entity_term("place", zagreb.key, zagreb.country_code) in terms


@pytest.mark.parametrize(
    ("later", "kassel_kept"),
    [
        # another happening's town, named once in passing: no place of this one
        ("The fire came hours after an unrelated blaze at a sawmill in Kassel.", False),
        # a town named once after the lead, with no other happening: a place of this one
        ("Crews from Kassel helped to put the fire out.", True),
    ],
)
def test_article_terms_leave_out_a_town_another_happening_names_in_passing(
    later: str, kassel_kept: bool
) -> None:
    text = f"A fire destroyed a timber yard in Bremen overnight.\n\nNobody was hurt. {later}"
    mentions = recognize_entities("Timber yard fire", text, "en")
    kassel = next(m.entity for m in mentions if m.entity.name == "Kassel")
    bremen = next(m.entity for m in mentions if m.entity.name == "Bremen")
    terms = article_terms("Timber yard fire", text, language="en", mentions=mentions)
    assert entity_term("place", bremen.key, bremen.country_code) in terms
    kassel_term = entity_term("place", kassel.key, kassel.country_code)
    assert (kassel_term in terms) == kassel_kept


@pytest.mark.parametrize(
    ("later", "body_kept"),
    [
        # a body named once, only where the report tells of other happenings of the kind
        (
            (
                "The Timber Safety Board had warned of dry stores in March. Fires were also"
                " reported at sawmills in Kassel and Erfurt."
            ),
            False,
        ),
        # a body named once in a paragraph of the report's own happening
        ("The Timber Safety Board sent inspectors to the yard.", True),
    ],
)
def test_article_terms_leave_out_a_body_named_once_where_the_report_tells_of_another_happening(
    later: str, body_kept: bool
) -> None:
    """A body named once, in the paragraph that tells of the kind's other happenings, is no
    voice of the report's own: it would set the report apart from its happening's reports,
    which quote their own people (:func:`event_scoring.strangers_in_one_town`)."""
    text = f"A fire destroyed a timber yard in Bremen overnight.\n\n{later}"
    mentions = recognize_entities("Timber yard fire", text, "en")
    (board,) = [m.entity for m in mentions if m.entity.kind == "organization"]
    terms = article_terms("Timber yard fire", text, language="en", mentions=mentions)
    board_term = entity_term("organization", organization_words(board.name), None)
    assert (board_term in terms) == body_kept


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            (
                "Customs officers raided a cigarette depot near Bremen, and officers in Bremen"
                " detained six workers.\n\nIn Portugal, customs on Friday also closed a depot"
                " near Braga."
            ),
        ),
        (
            "de",
            (
                "Zollfahnder haben ein Zigarettenlager bei Bremen ausgehoben, Beamte in Bremen"
                " nahmen sechs Arbeiter fest.\n\nIn Portugal schloss der Zoll am Freitag ein"
                " Lager bei Braga."
            ),
        ),
        (
            "fr",
            (
                "Les douaniers ont démantelé un entrepôt de cigarettes près de Brême, et six"
                " ouvriers ont été arrêtés à Brême.\n\nAu Portugal, les douanes ont fermé"
                " vendredi un entrepôt près de Braga."
            ),
        ),
        (
            "es",
            (
                "Los aduaneros desmantelaron un almacén de tabaco cerca de Bremen, y seis"
                " trabajadores fueron detenidos en Bremen.\n\nEn Portugal, la aduana cerró el"
                " viernes un almacén cerca de Braga."
            ),
        ),
    ],
)
def test_article_terms_leave_out_the_places_of_a_paragraph_that_opens_on_another_country(
    language: str, text: str
) -> None:
    """A report on a raid near Bremen ends on Portugal's: named once each, Portugal and Braga
    would outvote Bremen (named twice) for the report's country
    (:func:`event_scoring._country_of_most`)."""
    mentions = recognize_entities("", text, language)
    terms = article_terms("", text, language=language, mentions=mentions)
    kept = {
        m.entity.name
        for m in mentions
        if entity_term("place", m.entity.key, m.entity.country_code) in terms
    }
    assert kept == {m.entity.name for m in mentions if m.entity.country_code == "DE"}, kept
    assert kept


def test_article_terms_keep_the_own_country_a_passing_paragraph_names() -> None:
    """ "The fire in Germany's north came on the same day as ... in Toulouse": Germany holds the
    report's own town, which its title names; Toulouse is the other happening's."""
    title = "Timber yard fire in Bremen"
    text = (
        "A fire destroyed a timber yard in Bremen overnight.\n\nThe fire in Germany's north"
        " came on the same day as a blaze at a sawmill in Toulouse."
    )
    mentions = recognize_entities(title, text, "en")
    terms = article_terms(title, text, language="en", mentions=mentions)
    kept = {
        m.entity.name
        for m in mentions
        if entity_term("place", m.entity.key, m.entity.country_code) in terms
    }
    assert kept == {"Bremen", "Germany"}, kept


def test_article_terms_leave_out_a_town_a_passing_paragraph_names_twice() -> None:
    """However often the paragraph on another happening names its town, it names no place of
    the report's own."""
    title = "Timber yard fire"
    text = (
        "A fire destroyed a timber yard in Bremen overnight.\n\nThe fire came hours after a"
        " blaze at a sawmill in Kassel, where Kassel's firefighters worked until dawn."
    )
    mentions = recognize_entities(title, text, "en")
    kassel = next(m for m in mentions if m.entity.name == "Kassel")
    assert kassel.mentions == 2, mentions
    terms = article_terms(title, text, language="en", mentions=mentions)
    assert entity_term("place", kassel.entity.key, kassel.entity.country_code) not in terms


def test_a_town_the_gazetteer_lacks_names_the_country_of_its_smaller_namesakes() -> None:
    """A dateline's town under the gazetteer's floor, read as a town of no country, places
    the report in the one country GeoNames' smaller towns of that name lie in; a name such
    towns of two countries bear places it in neither."""
    title = "Un hangar brûle"
    text = (
        "STAVELOT, 4 mai (Agence Ardenne) - Un hangar agricole a brûlé dans la nuit à la"
        " sortie de Stavelot, ont indiqué les pompiers, qui ont protégé la ferme voisine."
    )
    mentions = recognize_entities(title, text, "fr")
    (town,) = [m.entity for m in mentions if m.entity.key == "place:town:stavelot"]
    assert town.country_code is None, town
    belgium = small_town_country("Stavelot")
    assert belgium is not None and country_codes()[belgium] == "BE"
    terms = article_terms(title, text, language="fr", mentions=mentions)
    assert entity_term("place", belgium, "BE") in terms
    assert small_town_country("Neunkirchen") is None  # Austria's and Germany's


def test_article_terms_leave_out_a_region_written_as_a_towns_address() -> None:
    """Quebec is a province and a city 165 km from Sherbrooke: read as the city (a region
    named like a town stands for it), the address "Sherbrooke, Quebec" would make the
    report's town the city, heavier than Sherbrooke for the title's "Quebec"."""
    title = "Ski bus overturns on icy road in Quebec"
    text = "A bus carrying 30 skiers overturned near Sherbrooke, Quebec, on Sunday, police said."
    mentions = recognize_entities(title, text, "en")
    places = {m.entity.name: m.entity for m in mentions if m.entity.kind == "place"}
    assert places["Quebec"].key == "place:iso3166-2:CA-QC"  # read as the province
    terms = article_terms(title, text, language="en", mentions=mentions)
    assert {t for t in terms if t.startswith("g:")} == {
        entity_term("place", places["Sherbrooke"].key, "CA")
    }


def test_article_terms_keep_a_region_a_list_names_after_a_town() -> None:
    """ "Erzurum, Kars and Ardahan": a list of places, not Erzurum's address."""
    text = "Snow closed roads in Erzurum, Ardahan and Igdir on Friday."
    mentions = recognize_entities("Snow strands drivers", text, "en")
    ardahan = next(m.entity for m in mentions if m.entity.name == "Ardahan")
    terms = article_terms("Snow strands drivers", text, language="en", mentions=mentions)
    assert entity_term("place", ardahan.key, ardahan.country_code) in terms


def test_article_terms_are_interned() -> None:
    """Vectors of a run share one string per term, however many articles hold it."""
    first = article_terms("Harbour strike", "The harbour crews stopped work.")
    second = article_terms("Harbour talks", "Talks at the harbour resumed.")
    (a,) = (t for t in first if t == "harbour")
    (b,) = (t for t in second if t == "harbour")
    assert a is b


def test_idf_rewards_rare_terms() -> None:
    assert idf(0, 100) > idf(10, 100) > idf(100, 100)
    assert idf(100, 100) == pytest.approx(1.0)


def test_weigh_and_cosine() -> None:
    a = weigh({"ferry": 2.0, "strike": 1.0}, {"ferry": 1, "strike": 50}, 100)
    b = weigh({"ferry": 1.0, "budget": 1.0}, {"ferry": 1, "budget": 3}, 100)
    assert a["ferry"] == pytest.approx(2.0 * (math.log(101 / 2) + 1))
    assert 0.0 < cosine(a, b) < 1.0
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, {}) == 0.0
    assert cosine(a, b) == pytest.approx(cosine(b, a))


def test_event_similarity_blends() -> None:
    assert event_similarity(0.8, 0.4, 0.5) == pytest.approx(0.6)
    assert event_similarity(0.8, 0.4, 1.0) == pytest.approx(0.8)


def test_top_terms_skip_entities_and_numbers() -> None:
    centroid = {
        "ferry": 5.0,
        ENTITY_PREFIX + "port alder": 9.0,
        NUMBER_PREFIX + "2024": 8.0,
        "strike": 4.0,
        "pay": 1.0,
    }
    assert top_terms(centroid, 2) == ["ferry", "strike"]


def test_same_event_scores_above_a_different_event() -> None:
    docs = {
        "a": article_terms(
            "Ferry crews strike in Port Alder",
            "Ferry crews in Port Alder walked out on Monday over night-shift pay.",
        ),
        "b": article_terms(
            "Port Alder ferries halted by pay strike",
            "Commuters in Port Alder found no ferries on Monday as crews struck over pay.",
        ),
        "c": article_terms(
            "Council approves new library budget",
            "The council approved the library budget after a long debate on Monday.",
        ),
    }
    counts: dict[str, int] = {}
    for terms in docs.values():
        for t in terms:
            counts[t] = counts.get(t, 0) + 1
    vectors = {k: weigh(v, counts, len(docs)) for k, v in docs.items()}
    assert cosine(vectors["a"], vectors["b"]) > 2 * cosine(vectors["a"], vectors["c"])


def test_surface_forms_give_each_stem_its_most_used_word() -> None:
    forms = surface_forms(
        "Thistlecombe Warns Of Rising Water",
        "Warnings went out in Thistlecombe. Thistlecombe heard the warnings: they said the river was rising; "
        "it rises every winter. Firefighters and other firefighters helped McAllister.",
    )
    assert forms[stem("warnings")] == "warnings"
    assert forms[stem("thistlecombe")] == "Thistlecombe"
    assert forms[stem("rising")] == "rising"
    assert forms[stem("firefighters")] == "firefighters"  # capitalized once, at a sentence start
    assert forms[stem("mcallister")] == "McAllister"
    assert readable([stem("warnings"), "zzz"], forms) == ["warnings", "zzz"]


def _mention(
    kind: EntityKind, key: str, country: str | None, mentions: int, in_title: bool
) -> EntityMention:
    entity = Entity(kind, key.title(), f"{kind}:{key}", country, None, None)
    return EntityMention(entity, mentions, in_title)


def test_entity_terms_weigh_mentions_and_titles_of_people_and_places() -> None:
    mentions = [
        _mention("person", "ada lind", None, 1, False),
        _mention("person", "tomas ek", None, 3, False),
        _mention("place", "geonames:1", "JP", 1, True),
        _mention("organization", "harbour board", None, 1, False),
    ]
    terms = entity_terms(mentions, 1.5)
    assert terms == {
        "p:ada lind": pytest.approx(1.5),
        "p:tomas ek": pytest.approx(1.5 * (1 + math.log(3))),
        "g:jp:geonames:1": pytest.approx(3.0),
        "o:harbour board": pytest.approx(1.5),
    }
    assert entity_term("place", "place:somewhere", None) == "g:-:somewhere"
    many = [_mention("person", f"p{i}", None, 1, False) for i in range(40)]
    assert len(entity_terms(many, 1.5)) == 12
    # organizations have their own few terms: they crowd out no person or place
    firms = [_mention("organization", f"firm {i}", None, 2, False) for i in range(9)]
    crowded = entity_terms(many + firms, 1.5)
    assert sum(t.startswith("p:") for t in crowded) == 12
    assert sum(t.startswith("o:") for t in crowded) == 4


def test_a_wire_agency_or_platform_is_no_actors_term() -> None:
    """Two reports that cite Reuters or quote a post on Instagram share a channel, not a
    happening: such an organization is recognized but gives events no term."""
    mentions = [
        _mention("organization", "reuters", None, 3, False),
        _mention("organization", "instagram", None, 2, True),
        _mention("organization", "harbour board", None, 1, False),
    ]
    assert set(entity_terms(mentions, 1.5)) == {"o:harbour board"}


def test_organization_terms_say_who_not_how_alike() -> None:
    """An organization's term is role evidence (event_scoring.roles); its words are terms
    already, so its term weighs nothing in the TF-IDF vector."""
    assert weigh({"o:harbour board": 2.0, "harbour": 1.0}, {"harbour": 1}, 10) == {
        "harbour": pytest.approx(1.0 * idf(1, 10))
    }


def test_article_terms_carry_entity_terms() -> None:
    terms = article_terms(
        "Quake hits", "A quake hit the coast.", mentions=[_mention("place", "x", "CL", 2, True)]
    )
    assert terms["g:cl:x"] > 0 and stem("quake") in terms


def test_label_terms_lead_with_names_and_skip_their_words() -> None:
    words = ["flood", "Ashmoor", "river", "Fennick", "homes"]
    assert label_terms(["River Fennick", "Ashmoor"], words, 4) == [
        "River Fennick",
        "Ashmoor",
        "flood",
        "homes",
    ]
    assert label_terms([], words, 2) == ["flood", "Ashmoor"]


@pytest.mark.parametrize(
    ("german_or_nordic", "english_wire"),
    [("bräuer", "braeuer"), ("kjær", "kjaer"), ("åsen", "aasen"), ("møller", "moeller")],
)
def test_a_name_is_one_term_however_a_language_spells_its_vowel(german_or_nordic, english_wire):
    """The German report's "Stefan Bräuer" (folded "brauer") and the English wire's "Stefan
    Braeuer" are one person; so are the Danish "Kjær" and the wire's "Kjaer"."""
    folded = fold(german_or_nordic)
    assert spelling_blind(folded) == spelling_blind(english_wire)
    assert entity_term("person", f"person:stefan {folded}", None) == entity_term(
        "person", f"person:stefan {english_wire}", None
    )
    assert entity_term("person", "person:ada lind", None) == "p:ada lind"


@pytest.mark.parametrize(
    ("german", "english"),
    [("kuntschew", "kunchev"), ("iwanowa", "ivanova"), ("schewtschenko", "shevchenko")],
)
def test_a_slavic_name_german_transliterates_is_one_term_with_the_english_one(german, english):
    """An invented Bulgarian site manager is "Dimitar Kuntschew" in a German report and
    "Dimitar Kunchev" in the English wire: one person, one term."""
    assert entity_term("person", f"person:dimitar {german}", None) == entity_term(
        "person", f"person:dimitar {english}", None
    )
    assert entity_term("person", "person:dimitar kunchev", None) != entity_term(
        "person", "person:dimitar kuntsev", None
    )


def test_a_capitalised_word_with_umlauts_spelled_out_is_the_german_reports_term() -> None:
    """The English wire's "Soelden" and "Oetztal" are the German report's "Sölden" and
    "Ötztal", as words and as capitalised phrases; "Joe" and a small "blue" stay."""
    english = "A cabin fell near Soelden in the Oetztal valley, Joe Brandt said of the blue car."
    german = "Eine Kabine stürzte bei Sölden im Ötztal ab."
    assert {"sölden", "ötztal"} <= set(words(english)) & set(words(german))
    assert "joe" in words(english) and stem("blue") in words(english)
    assert "sölden" in entities(english) and "sölden" in entities(german)


def test_an_organizations_term_holds_its_name_as_any_report_writes_it() -> None:
    """ "PtVorla" in one report and "Pt. Vorla" in the next name one exchange: one term."""
    joined = Entity("organization", "PtVorla", "organization:ptvorla", None, None, None)
    spaced = Entity("organization", "Pt. Vorla", "organization:pt. vorla", None, None, None)
    assert entity_terms([EntityMention(joined, 1, True)], 1.5) == {"o:pt vorla": 3.0}
    assert entity_terms([EntityMention(spaced, 1, True)], 1.5) == {"o:pt vorla": 3.0}


@pytest.mark.parametrize(
    ("text", "filed_from_kept"),
    [
        # the town's own police acts in the report: it is set in the town it was filed from
        (
            (
                "CÁCERES, 20 nov (Agencia Sur) - La Policía de Cáceres rescató a dos "
                "senderistas perdidos en la sierra."
            ),
            True,
        ),
        # a body of another place: the dateline's town stays the bureau's
        (
            (
                "CÁCERES, 20 nov (Agencia Sur) - La Policía de Portugal rescató a dos "
                "senderistas perdidos en la sierra."
            ),
            False,
        ),
        # German names a town's body by its kind and the town: the town's own prosecutors
        (
            (
                "GÖTTINGEN, 20. Nov (Testdienst) - Die Staatsanwaltschaft Göttingen ermittelt "
                "gegen zwei Kunsthändler wegen gefälschter Aquarelle."
            ),
            True,
        ),
        (
            (
                "GÖTTINGEN, 20. Nov (Testdienst) - Die Staatsanwaltschaft Kassel ermittelt "
                "gegen zwei Kunsthändler wegen gefälschter Aquarelle."
            ),
            False,
        ),
    ],
)
def test_article_terms_keep_a_dateline_town_whose_own_bodies_act_in_the_report(
    text: str, filed_from_kept: bool
) -> None:
    language = "de" if "Testdienst" in text else "es"
    mentions = recognize_entities("Rescate en la sierra", text, language)
    (filed_from,) = dateline_places(text, language)
    assert any(m.entity.kind == "organization" for m in mentions), mentions
    terms = article_terms("Rescate en la sierra", text, language=language, mentions=mentions)
    assert any(t.endswith(filed_from.split(":", 1)[1]) for t in terms) == filed_from_kept


@pytest.mark.parametrize(
    ("language", "text", "filed_from_kept"),
    [
        (
            "es",
            (
                "TOLEDO, 3 feb (Agencia Sur) - La afición toledana despidió el domingo al "
                "entrenador del equipo tras la derrota ante el Elche."
            ),
            True,
        ),
        (
            "es",
            (
                "TOLEDO, 3 feb (Agencia Sur) - La afición despidió el domingo al entrenador del "
                "equipo tras la derrota ante el Elche."
            ),
            False,
        ),
        (
            "en",
            (
                "BRISTOL, England, Feb 3 (North Wire) - Bristolians queued for hours at the "
                "harbour on Monday after ferry crews walked out, the operator said."
            ),
            True,
        ),
        (
            "en",
            (
                "BRISTOL, England, Feb 3 (North Wire) - Passengers queued for hours at the "
                "harbour on Monday after ferry crews walked out, the operator said."
            ),
            False,
        ),
    ],
)
def test_article_terms_keep_a_dateline_town_whose_people_the_report_names_by_its_adjective(
    language: str, text: str, filed_from_kept: bool
) -> None:
    """A report that calls its fans or its people by the dateline town's adjective ("la
    afición toledana", "Bristolians") tells of that town's own people: it is set there, not
    filed from there; the same report without the adjective keeps the town as the bureau."""
    mentions = recognize_entities("Fans and ferries", text, language)
    (filed_from,) = dateline_places(text, language)
    terms = article_terms("Fans and ferries", text, language=language, mentions=mentions)
    assert any(t.endswith(filed_from.split(":", 1)[1]) for t in terms) == filed_from_kept


def test_article_terms_read_a_regions_government_by_its_adjective_as_no_town_of_its_own() -> None:
    """An invented fine told from Valencia, the seat of the region that bears its name: "la
    Generalitat Valenciana" is the region's government, its adjective no word of the city's
    own people, so the dateline town, named again only where the minister spoke, stays the
    bureau's and no place of the happening."""
    title = "La Generalitat sanciona a una planta de compostaje por los olores"
    text = (
        "VALENCIA, 3 jun (Agencia Levante) - La Generalitat Valenciana abrió este martes un "
        "expediente a la empresa que gestiona una planta de compostaje de la comarca de la "
        "Marina Alta, tras cientos de quejas de vecinos por los malos olores.\n\n"
        "Los técnicos midieron el lunes emisiones muy por encima de lo permitido.\n\n"
        '"No vamos a tolerar más molestias", aseguró en Valencia la consejera de Medio '
        "Ambiente, Marta Ferrer."
    )
    mentions = recognize_entities(title, text, "es")
    (filed_from,) = dateline_places(text, "es")
    terms = article_terms(title, text, language="es", mentions=mentions)
    assert not any(t.endswith(filed_from.split(":", 1)[1]) for t in terms)


_VENLO_FIRE = (
    "{dateline}, 3. Mai (Testdienst) - Nach dem Brand in einer Lagerhalle im niederländischen "
    "Venlo sitzen zwei Männer in Haft. Die Halle am Stadtrand von Venlo brannte völlig aus.\n\n"
    '"Wir haben zwei Wohnungen durchsucht", sagte ein Sprecher der Polizei Krefeld, Jonas Albers. '
    "Die Bürgermeisterin von Venlo, Anna Smit, sprach von einem gelegten Feuer."
)


@pytest.mark.parametrize(("dateline", "from_abroad"), [("KREFELD", True), ("VENLO", False)])
def test_article_terms_mark_the_voices_of_a_bureau_abroad(dateline: str, from_abroad: bool) -> None:
    """An invented warehouse fire in Venlo told from Krefeld, across the border: the Krefeld
    police, named after the town the report was filed from, and their spokesman, named only
    beside it, are the bureau's voices; Venlo's mayor is the happening's. Filed from Venlo,
    the Krefeld police helping are no bureau's."""
    title = "Brand in Venlo: Zwei Deutsche in Haft"
    text = _VENLO_FIRE.format(dateline=dateline)
    mentions = recognize_entities(title, text, "de")
    terms = article_terms(title, text, language="de", mentions=mentions)
    bureau = {t[len(BUREAU_PREFIX) :] for t in terms if t.startswith(BUREAU_PREFIX)}
    voices = {entity_term("organization", "polizei krefeld", None)}
    voices.add(entity_term("person", "jonas albers", None))
    assert bureau == (voices if from_abroad else set())
    assert voices <= set(terms)
    assert all(terms[BUREAU_PREFIX + t] == terms[t] for t in bureau)


_HARBOUR_FIRE = (
    "A fire destroyed a boat shed in the harbour of Wexford overnight, and two "
    "fishing boats burned at their moorings.\n\n{voice}\n\nThe shed's owner, Declan Furlong, "
    "said he would rebuild."
)
_FOLLOW_UP = (
    "Fire in Wexford harbour: inquiry opened",
    (
        "An inquiry into the fire that destroyed a boat shed in Wexford harbour was opened on "
        'Saturday. "We will find out why it spread so fast," said the county prosecutor, Orla '
        "Mahony. Mayor Ciaran Doyle said the council would pay for the moorings."
    ),
)


def test_article_terms_mark_the_authorities_a_report_quotes() -> None:
    """An invented harbour fire: the prosecutor and the mayor a follow-up quotes speak for the
    town, whatever happens there (:func:`transform.events.authority_terms`); the owner and the
    fire commander are the happening's own."""
    title = "Boat shed fire in Wexford harbour"
    text = _HARBOUR_FIRE.format(
        voice="Fire commander Niamh Roche said the roof fell within minutes."
    )
    first = article_terms(
        title, text, language="en", mentions=recognize_entities(title, text, "en")
    )
    assert entity_term("person", "niamh roche", None) in first
    assert not any(t.startswith(AUTHORITY_PREFIX) for t in first)
    title, text = _FOLLOW_UP
    later = article_terms(
        title, text, language="en", mentions=recognize_entities(title, text, "en")
    )
    voices = {
        entity_term("person", "orla mahony", None),
        entity_term("person", "ciaran doyle", None),
    }
    assert {t[len(AUTHORITY_PREFIX) :] for t in later if t.startswith(AUTHORITY_PREFIX)} == voices
    assert all(later[AUTHORITY_PREFIX + t] == later[t] for t in voices)


@pytest.mark.parametrize(
    ("more", "strangers"),
    [
        # the follow-up's only new names are the town's prosecutor and mayor, who speak of any
        # happening there
        ("", False),
        # it names another shed's owner too: another happening's own actor
        (" The shed's owner, Eamon Kinsella, said the boats were insured.", True),
    ],
)
def test_a_follow_up_quoting_only_the_towns_authorities_is_no_stranger(
    more: str, strangers: bool
) -> None:
    """Two invented reports in one town: a next-day follow-up quoting only the prosecutor and
    the mayor is no stranger to the first report, which quotes the fire commander and the
    owner (:func:`event_scoring.strangers_in_one_town`); one naming an actor of its own whom
    the first never names still is."""
    weights = TermWeights()
    title = "Boat shed fire in Wexford harbour"
    text = _HARBOUR_FIRE.format(
        voice="Fire commander Niamh Roche said the roof fell within minutes."
    )
    first = article_terms(
        title, text, language="en", mentions=recognize_entities(title, text, "en")
    )
    title, text = _FOLLOW_UP[0], _FOLLOW_UP[1] + more
    later = article_terms(
        title, text, language="en", mentions=recognize_entities(title, text, "en")
    )
    a = event_scoring.roles(first, weights.who_where)
    b = event_scoring.roles(later, weights.who_where)
    assert a.town is not None and a.town == b.town
    assert event_scoring.strangers_in_one_town(a, b) == strangers


@pytest.mark.parametrize(("spoke_in", "bureau_voice"), [("Berlin", True), ("Leipzig", False)])
def test_article_terms_mark_a_person_who_speaks_only_where_the_report_was_filed_from(
    spoke_in: str, bureau_voice: bool
) -> None:
    """An invented warehouse fire in Leipzig told from Berlin: the minister who "said in
    Berlin", in no other sentence, is the bureau's voice, the fire chief the happening's."""
    title = "Minister orders checks after Leipzig warehouse fire"
    text = (
        "BERLIN, May 3 (Test Wire) - A fire destroyed a warehouse in Leipzig overnight.\n\n"
        f"Interior minister Greta Voss said in {spoke_in} that every warehouse would be "
        "checked. Fire chief Jonas Albers said the roof collapsed within an hour."
    )
    mentions = recognize_entities(title, text, "en")
    terms = article_terms(title, text, language="en", mentions=mentions)
    minister = entity_term("person", "greta voss", None)
    chief = entity_term("person", "jonas albers", None)
    assert minister in terms and chief in terms
    assert (BUREAU_PREFIX + minister in terms) == bureau_voice
    assert BUREAU_PREFIX + chief not in terms


@pytest.mark.parametrize(("body", "filed_from_kept"), [("York Aquarium", True), ("a zoo", False)])
def test_article_terms_keep_a_dateline_town_a_body_named_after_it_acts_in(
    body: str, filed_from_kept: bool
) -> None:
    """English names a town's own body with the town's name first ("York Aquarium"): a report
    filed from York on a birth there is set in York, whatever the recognizer reads the body as;
    one on a birth at a zoo it does not name after the town keeps York as the bureau."""
    text = (
        f"YORK, England, March 3 (North Wire) - A sea otter pup was born overnight at {body}, "
        "keepers said, the first born there in a decade."
    )
    mentions = recognize_entities("Sea otter pup born", text, "en")
    (filed_from,) = dateline_places(text, "en")
    terms = article_terms("Sea otter pup born", text, language="en", mentions=mentions)
    assert any(t.endswith(filed_from.split(":", 1)[1]) for t in terms) == filed_from_kept


@pytest.mark.parametrize(
    ("text", "language", "stuttgart_kept"),
    [
        # the better-known town says where the firm's own town lies: no place of the report
        (
            (
                "GRAUHOLZEN, 3. März (Nordwire) - Die Firma aus Grauholzen bei Stuttgart hielt die"
                " Turbine an."
            ),
            "de",
            False,
        ),
        (
            (
                "GRAUHOLZEN, March 3 (Nordwire) - The firm, based in Grauholzen near Stuttgart,"
                " halted the turbine."
            ),
            "en",
            False,
        ),
        # named for a place of its own, it is one
        (
            (
                "GRAUHOLZEN, 3. März (Nordwire) - Die Firma aus Grauholzen hielt die Turbine in"
                " Stuttgart an."
            ),
            "de",
            True,
        ),
    ],
)
def test_article_terms_leave_out_a_town_that_only_locates_another_place(
    text: str, language: str, stuttgart_kept: bool
) -> None:
    mentions = recognize_entities("Turbine halted", text, language)
    stuttgart = next(m.entity for m in mentions if m.entity.name == "Stuttgart")
    terms = article_terms("Turbine halted", text, language=language, mentions=mentions)
    assert (entity_term("place", stuttgart.key, stuttgart.country_code) in terms) == (
        stuttgart_kept
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Two members of a caving club from Lyon were hurt in a cave near Innsbruck.", "en"),
        ("Two Lyon cavers were hurt in a cave near Innsbruck on Friday.", "en"),
        ("Zwei Mitglieder eines Vereins aus Lyon wurden bei Innsbruck verletzt.", "de"),
        ("Deux membres d'un club de Lyon ont été blessés près d'Innsbruck.", "fr"),
        ("Dos miembros de un club de Lyon resultaron heridos cerca de Innsbruck.", "es"),
    ],
)
def test_article_terms_leave_out_a_clubs_home_abroad(text: str, language: str) -> None:
    """A club's town ("a caving club from Lyon", "two Lyon cavers", "un club de Lyon") is
    where its members live, not where the happening is, as a visitor's home is."""
    mentions = recognize_entities("Cavers hurt", text, language)
    (home,) = [m.entity.key for m in mentions if m.entity.name == "Lyon"]
    terms = article_terms("Cavers hurt", text, language=language, mentions=mentions)
    assert not any(t.endswith(home.split(":", 1)[1]) for t in terms)


def test_article_terms_read_a_home_by_the_name_the_article_reads() -> None:
    """Read alone, "cavers from Lancaster" and "said in Lancaster" are Lancaster, California;
    the article reads Lancaster, England, and names it only as the cavers' home and where
    their club spoke, in a report of a cave in Austria filed from London: a home abroad (the
    dateline's London, the bureau's, sets nothing in England)."""
    text = (
        "LONDON, May 3 (Wire) - Two cavers from Lancaster in northern England were trapped by"
        " floodwater in a cave near Innsbruck, Austria, on Friday, police said.\n\nTheir club"
        " secretary said in Lancaster that both were experienced."
    )
    mentions = recognize_entities("Cavers trapped", text, "en")
    (home,) = [m.entity.key for m in mentions if m.entity.name == "Lancaster"]
    terms = article_terms("Cavers trapped", text, language="en", mentions=mentions)
    assert not any(t.endswith(home.split(":", 1)[1]) for t in terms)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            (
                "LYON, 4 mars (Rhône Presse) - Une barge a perdu du gazole près de Mannheim, a indiqué"
                " la porte-parole de la commission fluviale, dont le siège est à Lyon."
            ),
            "fr",
        ),
        (
            (
                "LYON, March 4 (Rhone Wire) - A barge leaked diesel near Mannheim, said a spokeswoman"
                " for the river commission, headquartered in Lyon."
            ),
            "en",
        ),
    ],
)
def test_article_terms_leave_out_a_bureau_named_again_only_as_a_body_seat(
    text: str, language: str
) -> None:
    """A bureau's town named again as the seat of the body that speaks ("dont le siège est à
    Lyon") is where the body sits, not where the barge leaked."""
    mentions = recognize_entities("Barge leaks diesel", text, language)
    lyon = next(m.entity for m in mentions if m.entity.name == "Lyon")
    terms = article_terms("Barge leaks diesel", text, language=language, mentions=mentions)
    assert not any(t.endswith(lyon.key.split(":", 1)[1]) for t in terms)


def test_organizations_of_equal_weight_are_kept_as_the_text_names_them_first() -> None:
    """Five bodies named once each, four kept: the club whose players were arrested, named in
    the lead, stays; the agency named last, in the third paragraph, goes, whatever the
    alphabet says of their names."""
    firms = [
        _mention("organization", name, None, 1, False)
        for name in ("club ribanova sur", "policia estatal", "liga vernal", "direccion varonne")
    ]
    late = _mention("organization", "udex", None, 1, False)
    text = (
        "La Policia Estatal detuvo al presidente del Club Ribanova Sur, de la Liga Vernal."
        "\n\nInformo la Direccion Varonne.\n\nEl jefe de la Udex explico la operacion."
    )
    kept = entity_terms([late, *firms], 1.5, text)
    assert "o:club ribanova sur" in kept
    assert "o:udex" not in kept
    assert sum(t.startswith("o:") for t in kept) == 4


def test_article_terms_leave_out_a_place_a_title_adds_after_a_semicolon_of_another_happening() -> (
    None
):
    """ "Dutch court jails skipper after harbour blaze; Denmark reports fire near Odense": the
    body names Odense only in the paragraph that tells of the other fire, so the title's
    second clause is that happening's, not this report's place."""
    title = "Dutch court jails skipper after harbour blaze; Denmark reports fire near Odense"
    text = (
        "ROTTERDAM, May 3 (Harbour Wire) - A Dutch court on Tuesday jailed the skipper of a "
        "barge that caught fire in the harbour of Rotterdam, prosecutors said.\n\n"
        "The skipper told the court he had not smelled the fuel leak, said Anouk Peeters, "
        "a spokeswoman for the prosecutors in Rotterdam.\n\n"
        "The fire came on the same day as Danish firefighters fought a blaze on a barge "
        "near Odense."
    )
    mentions = recognize_entities(title, text, "en")
    odense = next(m.entity for m in mentions if m.entity.name == "Odense")
    terms = article_terms(title, text, language="en", mentions=mentions)
    assert entity_term("place", odense.key, odense.country_code) not in terms


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Zwei Taucher aus Lyon vor Hurghada vermisst", "de"),
        ("Égypte : deux plongeurs de Lyon portés disparus près de Hurghada", "fr"),
    ],
)
def test_article_terms_leave_out_a_home_abroad_the_title_names(title: str, language: str) -> None:
    """Divers "aus Lyon" missing off Egypt, named so in the title and the body: their home
    abroad, not where they went missing (the title's naming counts as a home too)."""
    text = {
        "de": "KAIRO, 3. Mai (Nildienst) - Vor Hurghada werden zwei Taucher aus Lyon vermisst.",
        "fr": "LE CAIRE, 3 mai (Nil Info) - Deux plongeurs originaires de Lyon sont portés "
        "disparus au large de Hurghada.",
    }[language]
    mentions = recognize_entities(title, text, language)
    lyon = next(m.entity for m in mentions if m.entity.name == "Lyon")
    terms = article_terms(title, text, language=language, mentions=mentions)
    assert entity_term("place", lyon.key, lyon.country_code) not in terms


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Fake bailiffs: trail of the money leads to Riga",
            (
                "HAMBURG, May 3 (Nordwire) - Part of the money taken from pensioners in Lübeck was "
                "traced to Riga, prosecutor Greta Asmussen said. A victim from Lübeck lost "
                "40,000 euros."
            ),
            "en",
        ),
        (
            "Falsche Gerichtsvollzieher: Spur des Geldes führt nach Riga",
            (
                "HAMBURG, 3. Mai (Norddienst) - Ein Teil des Geldes von Rentnern in Lübeck sei nach "
                "Riga geschmuggelt worden, sagte Staatsanwältin Greta Asmussen. Eine Frau aus "
                "Lübeck verlor 40.000 Euro."
            ),
            "de",
        ),
    ],
)
def test_article_terms_leave_out_a_destination_abroad(title: str, text: str, language: str) -> None:
    """The loot of a fraud in Lübeck "traced to Riga", whose trail "führt nach Riga" in
    the title too: where the money went, abroad, not where the happening is (as a town of its
    own, twice in title and lead, it would set the report in Latvia)."""
    mentions = recognize_entities(title, text, language)
    riga = next(m.entity for m in mentions if m.entity.name == "Riga")
    terms = article_terms(title, text, language=language, mentions=mentions)
    assert entity_term("place", riga.key, riga.country_code) not in terms


def test_article_terms_keep_a_destination_the_article_names_no_other_place_beside() -> None:
    """Sailors rescued off a coast named by its country alone and "brought to Riga": with no
    other place of its own, the port they were brought to is where the reports meet."""
    title = "Sailors rescued off Sweden"
    text = "Eleven sailors were rescued off Sweden on Monday and brought to Riga."
    mentions = recognize_entities(title, text, "en")
    riga = next(m.entity for m in mentions if m.entity.name == "Riga")
    terms = article_terms(title, text, language="en", mentions=mentions)
    assert entity_term("place", riga.key, riga.country_code) in terms


def test_article_terms_keep_a_destination_in_the_country_of_the_happening() -> None:
    """Goods "shipped to Kiel" from a raid in Lübeck: a destination in the happening's own
    country stays, the next town its reports may share, as a home there does."""
    title = "Customs raid warehouse in Lübeck"
    text = "Customs officers raided a warehouse in Lübeck. The goods were shipped to Kiel."
    mentions = recognize_entities(title, text, "en")
    kiel = next(m.entity for m in mentions if m.entity.name == "Kiel")
    terms = article_terms(title, text, language="en", mentions=mentions)
    assert entity_term("place", kiel.key, kiel.country_code) in terms


@pytest.mark.parametrize(
    ("title", "text", "language", "region"),
    [
        (
            "Rescate en la sierra",
            (
                "Dos senderistas se perdieron en la sierra durante la noche, informó el"
                " Gobierno de Navarra, que envió a sus equipos al amanecer."
            ),
            "es",
            "ES-NA",
        ),
        (
            "Randonneurs retrouvés",
            (
                "Deux randonneurs perdus dans la montagne ont été retrouvés à l'aube, a indiqué"
                " le Conseil départemental de Savoie."
            ),
            "fr",
            "FR-73",
        ),
    ],
)
def test_article_terms_read_the_region_of_a_regional_body(
    title: str, text: str, language: str, region: str
) -> None:
    """A region named only as the last words of a body's name ("el Gobierno de Navarra") is
    where that body acts: a place of the report, which another language names outright."""
    mentions = recognize_entities(title, text, language)
    assert not any(m.entity.key.endswith(region) for m in mentions)  # the body's name only
    terms = article_terms(title, text, language=language, mentions=mentions)
    assert any(t.endswith(region) for t in terms)


def test_article_terms_read_no_town_from_a_town_s_body() -> None:
    """A town's own body ("la Policía de Zamora") is :func:`_local_bodies`' business: the
    name is read as a region only when it is no town."""
    text = "Dos senderistas se perdieron en la sierra, informó la Policía Local de Zamora."
    mentions = recognize_entities("Rescate", text, "es")
    terms = article_terms("Rescate", text, language="es", mentions=mentions)
    assert not any(":es-za" in t.casefold() or t.endswith("ES-ZA") for t in terms)


def test_article_terms_leave_out_a_home_town_abroad_and_the_region_of_its_address() -> None:
    """A rider "natural de Tunja (Boyacá)", hurt in a crash in Asturias: the region written as
    his home town's address is his home too, so it does not keep Colombia among the report's
    countries and Tunja with it (the report's one town, it would set the crash in Colombia)."""
    title = "Operado el ciclista Hernán Quiroga tras la caída en Asturias"
    text = (
        "GIJÓN, 3 jun (Agencia Norte) - El ciclista Hernán Quiroga, de 26 años y natural de "
        "Tunja (Boyacá), fue operado este martes de una fractura de clavícula.\n\n"
        "Quiroga se cayó en el descenso final de la etapa asturiana, informó su equipo."
    )
    mentions = recognize_entities(title, text, "es")
    tunja = next(m.entity for m in mentions if m.entity.name == "Tunja")
    terms = article_terms(title, text, language="es", mentions=mentions)
    assert entity_term("place", tunja.key, tunja.country_code) not in terms


def test_article_terms_leave_out_a_home_abroad_whose_region_is_named_as_a_home_too() -> None:
    """ "Eine Urlauberin aus Bayern", her husband "ein Rentner aus Regensburg", hurt near Meran:
    Bavaria, named only as her home, is no place of the happening either, so it does not keep
    Germany among the report's countries and Regensburg with it (a town of its own, it would
    set the report in Germany, against the reports that name Meran)."""
    title = "Steinschlag bei Meran: Urlauberin verletzt"
    text = (
        "BOZEN, 3. Juni (Alpendienst) - Eine Urlauberin aus Bayern ist bei einem Steinschlag "
        "oberhalb von Meran schwer verletzt worden.\n\n"
        "Ihr Mann, ein Rentner aus Regensburg, blieb unverletzt, teilte die Bergrettung mit."
    )
    mentions = recognize_entities(title, text, "de")
    regensburg = next(m.entity for m in mentions if m.entity.name == "Regensburg")
    terms = article_terms(title, text, language="de", mentions=mentions)
    assert entity_term("place", regensburg.key, regensburg.country_code) not in terms
