"""Imported by the crash-safety forkserver only (tests/crashkit.py): the word lists a run loads on
first use (the entity recognizer's gazetteers and word frequencies, the events stage's word
frequencies for the demo sites' languages) are loaded once there, as a long-lived process keeps
them, instead of again in every forked `wirehouse run` that gets that far."""

from transform import entities, events
from wirehouse.demo.corpus import default_corpus

entities.warm()
for language in {site.language for site in default_corpus().sites}:
    events.zipf("news", language)
