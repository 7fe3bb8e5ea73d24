"""Two people of one body, each the subject of their own happening on one day (held_out_54): a
report that counts the others stood down with its own ("one of three officials dropped after
the weekend"), or sets its happening beside what happened at another club ("a diferencia de lo
ocurrido la víspera en ..., donde"), tells the others' happenings, and a report naming a person
in full tells of the actor an event writes by both surnames alone (venue54)."""

from __future__ import annotations

from transform import entities
from transform import event_scoring as sc
from transform import events as ev


def _roles(**fields) -> sc.Roles:
    base = {"actor": None, "place_country": None, "people": frozenset(), "countries": frozenset()}
    base.update({k: frozenset(v) if isinstance(v, set) else v for k, v in fields.items()})
    return sc.Roles(**base)


# --- "one of three ... after the weekend": a count of the span's happenings -----------------


def test_one_of_several_stood_down_after_the_weekend_tells_of_the_others() -> None:
    told = {
        "en": "She was one of two umpires dropped after the weekend, along with Tomas Reyero.",
        "es": "Es uno de los dos jueces de línea apartados tras la jornada, junto a Tomás Reyero.",
        "de": "Sie ist eine der zwei Linienrichterinnen, die nach dem Spieltag gesperrt wurden.",
        "fr": "Elle est l'une des deux arbitres écartées après le week-end, avec Tomas Reyero.",
    }
    for language, paragraph in told.items():
        assert entities._tells_of_another(paragraph, language), language


def test_one_of_those_hurt_in_its_own_happening_is_no_count_of_the_span() -> None:
    assert not entities._tells_of_another("She was one of two umpires hurt in the crash.", "en")
    assert not entities._tells_of_another(
        "Es uno de los dos jueces de línea heridos en el accidente.", "es"
    )


# --- "a diferencia de lo ocurrido ..., donde": what happened elsewhere, set beside its own ---


def test_comparison_with_what_happened_at_another_club_tells_of_it() -> None:
    told = {
        "es": "Las protestas fueron pacíficas, a diferencia de lo ocurrido el martes en Villa "
        "Pueyrredón, donde los hinchas forzaron la salida del presidente Julio Arrieta.",
        "en": "The protests were peaceful, unlike what happened on Tuesday at Villa Pueyrredon, "
        "where fans forced out president Julio Arrieta.",
        "fr": "Les rassemblements étaient pacifiques, contrairement à ce qui s'est passé mardi à "
        "Villa Pueyrredon, où les supporters ont chassé le président Julio Arrieta.",
    }
    for language, paragraph in told.items():
        assert entities._tells_of_another(paragraph, language), language


def test_the_other_club_s_president_is_another_happening_s_person() -> None:
    title = "Dimite Nora Benítez, presidenta de Atlético Saavedra, tras las protestas"
    text = (
        "BUENOS AIRES, 3 mar (Agencia Ibérica) - Nora Benítez renunció este jueves a la "
        "presidencia de Atlético Saavedra tras una semana de protestas de los socios.\n\n"
        "Benítez, de 58 años, dijo que se va para no dividir al club.\n\n"
        "El ministro destacó que las protestas fueron pacíficas, a diferencia de lo ocurrido "
        "el martes en Villa Pueyrredón, donde los hinchas forzaron la salida del presidente "
        "Julio Arrieta."
    )
    mentions = entities.recognize_entities(title, text, "es")
    terms = ev.article_terms(title, text, language="es", mentions=mentions)
    assert any(t.startswith(ev.OTHER_HAPPENING_PERSON_PREFIX) and "arrieta" in t for t in terms)
    assert not any(
        t.startswith(ev.OTHER_HAPPENING_PERSON_PREFIX) and "benitez" in t for t in terms
    )


# --- both surnames alone ("Cebrián Lozano") name the person a report names in full ----------


def test_both_surnames_alone_name_the_person_in_full() -> None:
    assert sc._surnames_of("p:reyero saiz", "p:tomas reyero saiz")
    assert not sc._surnames_of("p:saiz", "p:tomas reyero saiz")  # one word: same_person's
    assert not sc._surnames_of("p:reyero saiz", "p:reyero saiz")
    assert not sc._surnames_of("p:reyero saiz", "p:tomas reyero")


def test_event_of_an_umpire_written_by_both_surnames_told_as_another_is_not_joined() -> None:
    # a report on one umpire that names the other, in full, only among those stood down
    own = _roles(
        actor="p:ines olabarria",
        people={"p:ines olabarria"},
        named_people={"p:ines olabarria", "p:tomas reyero saiz"},
        other_happening_people={"p:tomas reyero saiz"},
    )
    # the other umpire's event, headlined and led by both surnames alone
    other = _roles(
        actor="p:reyero saiz",
        people={"p:reyero saiz", "p:tomas reyero saiz"},
        named_people={"p:reyero saiz", "p:tomas reyero saiz"},
        phrases={"reyero saiz", "comite"},
    )
    assert sc._about_its_other_happening(own, other)
    mine = _roles(actor="p:ines olabarria", people={"p:ines olabarria"})
    assert sc._actor_of_another_happening(own, mine, other)
    # a report about the umpire himself, by his full name, tells no other happening of him
    about_him = _roles(
        actor="p:tomas reyero saiz",
        named_people={"p:tomas reyero saiz"},
        other_happening_people={"p:tomas reyero saiz"},
    )
    assert not sc._about_its_other_happening(about_him, other)
