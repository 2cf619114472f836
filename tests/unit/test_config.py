"""kiosk.toml: defaults, validation with clear errors, and what `bwc init` writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance import config
from appliance.domain.errors import BadInput


def load_text(tmp_path: Path, text: str) -> config.Settings:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return config.load(tmp_path, path)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = config.load(tmp_path, tmp_path / "kiosk.toml")
    assert settings.language == "zh_CN" and settings.retention_days == 180
    assert settings.max_parallel_offloads == 4 and settings.clear_after_offload


def test_render_round_trips(tmp_path: Path) -> None:
    original = config.Settings(tmp_path, tmp_path / "kiosk.toml", "U01", '城关 "中队"', "en")
    loaded = load_text(tmp_path, config.render(original))
    assert (loaded.unit_code, loaded.unit_name, loaded.language) == ("U01", '城关 "中队"', "en")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('language = "fr"', "language"),
        ("[retention]\ndays = 30", "days"),  # Art. 12(3): at least three months
        ("[offload]\nmax_parallel_offloads = 0", "max_parallel_offloads"),
        ('[offload]\nclear_after_offload = "yes"', "clear_after_offload"),
        ('[unit]\ncode = "../x"', "unit.code"),
        ('[[drivers]]\nusb_id = "12345678"\ndriver = "mass_storage"', "drivers.usb_id"),
        ('[[drivers]]\nusb_id = "1234:5678"\ndriver = "sh"', "drivers.driver"),
    ],
)
def test_bad_values_name_their_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(BadInput) as bad:
        load_text(tmp_path, text)
    assert bad.value.reason == "config_bad_value"
    assert bad.value.params["key"] == key


def test_broken_toml_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BadInput) as bad:
        load_text(tmp_path, "language = ")
    assert bad.value.reason == "config_invalid"


def test_locate_prefers_home_then_env(tmp_path: Path) -> None:
    home, cfg = config.locate(str(tmp_path), {})
    assert (home, cfg) == (tmp_path.resolve(), tmp_path.resolve() / "kiosk.toml")
    home, _ = config.locate(None, {"BWC_HOME": str(tmp_path)})
    assert home == tmp_path.resolve()


def test_timezone_is_checked_and_used(tmp_path: Path) -> None:
    with pytest.raises(BadInput) as bad:
        load_text(tmp_path, 'timezone = "Mars/Olympus"')
    assert bad.value.params["key"] == "timezone"
    settings = load_text(tmp_path, 'timezone = "Asia/Shanghai"')
    assert str(config.local_zone(settings)) == "Asia/Shanghai"
