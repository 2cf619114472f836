"""kiosk.toml: defaults, validation naming every key, and what `bwc init` writes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from appliance import config, config_render
from appliance.domain.errors import BadInput
from appliance.i18n import explain
from tests.config_cases import GOOD, KEYS, UNKNOWN, Case, bad_cases, document


def load_text(tmp_path: Path, text: str) -> config.Settings:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return config.load(tmp_path, path)


def refusal_of(tmp_path: Path, text: str) -> BadInput:
    with pytest.raises(BadInput) as bad:
        load_text(tmp_path, text)
    return bad.value


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = config.load(tmp_path, tmp_path / "kiosk.toml")
    assert settings.language == "zh_CN" and settings.retention_days == 180
    assert settings.max_parallel_offloads == 4 and settings.clear_after_offload


def test_render_round_trips(tmp_path: Path) -> None:
    original = config.Settings(
        tmp_path,
        tmp_path / "kiosk.toml",
        "U01",
        '城关 "中队"',
        "en",
        timezone="Asia/Shanghai",
        idle_timeout_seconds=300,
        clock_tolerance_seconds=2.5,
        probe_timeout_seconds=45.5,
        default_bitrate_bps=4_000_000,
    )
    loaded = load_text(tmp_path, config_render.render(original))
    assert loaded == original


def _flat(table: dict[str, object], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for name, value in table.items():
        if isinstance(value, dict):
            keys |= _flat(value, f"{prefix}{name}.")
        else:
            keys.add(prefix + name)
    return keys


def test_the_matrix_covers_every_key_that_init_writes(tmp_path: Path) -> None:
    settings = config.Settings(tmp_path, tmp_path / "k.toml", "U01", "n", timezone="UTC")
    written = _flat(tomllib.loads(config_render.render(settings)))
    tested = {key for key, *_ in KEYS}
    assert written == tested - {"home"} - {k for k in tested if k.startswith("drivers[")}


@pytest.mark.parametrize(("key", "kind", "low", "high"), KEYS, ids=[k for k, *_ in KEYS])
def test_every_key_takes_a_good_value_and_its_bounds(
    tmp_path: Path, key: str, kind: str, low: int, high: int
) -> None:
    load_text(tmp_path, document(key, GOOD.get(kind, str(low))))
    if kind in ("integer", "number"):
        load_text(tmp_path, document(key, str(low)))
        load_text(tmp_path, document(key, str(high)))


@pytest.mark.parametrize("case", bad_cases(), ids=lambda case: case.ident)
def test_every_bad_value_is_refused_naming_its_key(tmp_path: Path, case: Case) -> None:
    bad = refusal_of(tmp_path, case.toml)
    assert bad.params["key"] == case.key
    ranges = {"en": f"from {case.low} to {case.high}", "zh_CN": f"{case.low} 至 {case.high}"}
    for language, allowed in ranges.items():
        message = explain(bad, language)
        assert case.key in message and "\n" not in message
        assert "\x1b" not in message and "\x07" not in message
        if case.low is not None:
            assert allowed in message  # the range allowed, in both languages


@pytest.mark.parametrize(("text", "key"), UNKNOWN, ids=[key for _, key in UNKNOWN])
def test_unknown_keys_and_misspelt_tables_are_named(tmp_path: Path, text: str, key: str) -> None:
    bad = refusal_of(tmp_path, text)
    assert bad.params["key"] == key
    assert key in explain(bad, "en") and key in explain(bad, "zh_CN")


def test_an_unknown_key_is_refused_even_beside_good_ones(tmp_path: Path) -> None:
    settings = config.Settings(tmp_path, tmp_path / "kiosk.toml", "U01", "n")
    text = config_render.render(settings).replace("[kiosk]\n", "[kiosk]\nidle_timeout_secs = 300\n")
    bad = refusal_of(tmp_path, text)
    assert bad.reason == "config_unknown_key" and bad.params["key"] == "kiosk.idle_timeout_secs"


def test_integers_where_meant_numbers_elsewhere(tmp_path: Path) -> None:
    assert refusal_of(tmp_path, "[kiosk]\nidle_timeout_seconds = 20.5\n").reason == (
        "config_integer"
    )
    settings = load_text(tmp_path, "[selfcheck]\nclock_tolerance_seconds = 2.5\n")
    assert settings.clock_tolerance_seconds == 2.5
    assert load_text(tmp_path, "[selfcheck]\nshift_hours = 8\n").shift_hours == 8.0


def test_drivers_are_typed(tmp_path: Path) -> None:
    settings = load_text(
        tmp_path,
        '[[drivers]]\nusb_id = "12D1:1F01"\ndriver = "mass_storage"\nbrand = "Hik"\n',
    )
    assert settings.drivers == (config.DriverRule("12d1:1f01", "mass_storage", "Hik", ""),)


def test_broken_toml_is_a_clear_error(tmp_path: Path) -> None:
    assert refusal_of(tmp_path, "language = ").reason == "config_invalid"


def test_a_directory_for_kiosk_toml_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "kiosk.toml").mkdir()
    with pytest.raises(BadInput) as bad:
        config.load(tmp_path, tmp_path / "kiosk.toml")
    assert bad.value.reason == "config_unreadable"


def test_locate_prefers_home_then_env(tmp_path: Path) -> None:
    home, cfg = config.locate(str(tmp_path), {})
    assert (home, cfg) == (tmp_path.resolve(), tmp_path.resolve() / "kiosk.toml")
    home, _ = config.locate(None, {"BWC_HOME": str(tmp_path)})
    assert home == tmp_path.resolve()


def test_an_empty_home_argument_never_falls_back(tmp_path: Path) -> None:
    with pytest.raises(BadInput) as bad:
        config.locate("", {"BWC_HOME": str(tmp_path)})
    assert bad.value.reason == "no_home"


def test_timezone_is_checked_and_used(tmp_path: Path) -> None:
    assert refusal_of(tmp_path, 'timezone = "Mars/Olympus"').params["key"] == "timezone"
    settings = load_text(tmp_path, 'timezone = "Asia/Shanghai"')
    assert str(config.local_zone(settings)) == "Asia/Shanghai"


# Art. 12(2): each way `[handover] drives` can be wrong, and the key its one line names.
BAD_DRIVES = (
    ('[handover]\ndrives = "USB1"\n', "handover.drives", "a list of drives"),
    ('[handover]\ndrives = [{ serial = "../x" }]\n', "handover.drives[1].serial", "USB serial"),
    ('[handover]\ndrives = [{ label = "no serial" }]\n', "handover.drives[1].serial", "serial"),
    (
        '[handover]\ndrives = [{ serial = "S1" }, { serial = "S1", label = "again" }]\n',
        "handover.drives[2].serial",
        "already registered",
    ),
    (
        '[handover]\ndrives = [{ serial = "S1", label = "a\\u0007b" }]\n',
        "handover.drives[1].label",
        "printable",
    ),
    ('[handover]\ndrives = [{ serial = "S1", size = 1 }]\n', "handover.drives[1].size", "unknown"),
    ("[handover]\ndrive = []\n", "handover.drive", "unknown"),
    ("handover = 3\n", "handover", "table"),
)


@pytest.mark.parametrize(("text", "key", "words"), BAD_DRIVES, ids=[k for _, k, _ in BAD_DRIVES])
def test_bad_handover_drives_name_their_key(
    tmp_path: Path, text: str, key: str, words: str
) -> None:
    line = explain(refusal_of(tmp_path, text), "en")
    assert key in line and words in line and "\n" not in line


def test_handover_drives_are_read_and_written_back(tmp_path: Path) -> None:
    text = (
        '[handover]\ndrives = [{ serial = "4C5300012305", label = "蓝色 Blue" }, '
        '{ serial = "B2" }]\n'
    )
    settings = load_text(tmp_path, text)
    assert settings.handover_drives == (
        config.HandoverDriveRule("4C5300012305", "蓝色 Blue"),
        config.HandoverDriveRule("B2", ""),
    )
    assert settings.handover_drive("B2") == config.HandoverDriveRule("B2", "")
    assert settings.handover_drive("4c5300012305") is None  # serials are exact
    again = load_text(tmp_path, config_render.render(settings))
    assert again.handover_drives == settings.handover_drives
