"""Provides the kiosk.toml test matrix: every key × bad values, written out by hand.

Kept independent of appliance.config on purpose: the key list, the kinds and the ranges are
the README's contract, so a change in the code that drops or loosens a key fails a test.
"""

from __future__ import annotations

from dataclasses import dataclass

# (dotted key, kind, low, high): every key of `config_render.render()`, plus `home` (the box's
# /etc/bwc/kiosk.toml names it) and the keys of a [[drivers]] entry.
KEYS: tuple[tuple[str, str, int, int], ...] = (
    ("home", "path", 0, 0),
    ("language", "choice", 0, 0),
    ("timezone", "zone", 0, 0),
    ("unit.code", "code", 0, 0),
    ("unit.name", "text", 0, 0),
    ("kiosk.idle_timeout_seconds", "integer", 15, 3600),
    ("offload.max_parallel_offloads", "integer", 1, 16),
    ("offload.clear_after_offload", "flag", 0, 0),
    ("offload.default_bitrate_bps", "integer", 100_000, 10**9),
    ("offload.probe_timeout_seconds", "number", 1, 600),
    ("selfcheck.battery_min_percent", "integer", 1, 100),
    ("selfcheck.clock_tolerance_seconds", "number", 0, 300),
    ("selfcheck.shift_hours", "number", 1, 24),
    # Art. 12(3): footage is kept at least three months.
    ("retention.days", "integer", 90, 36500),
    # DESIGN §11: the retention run's clock guard.
    ("retention.max_clock_leap_days", "integer", 1, 366),
    # DESIGN §11: how archived files are sealed.
    ("archive.seal", "seal", 0, 0),
    # Art. 12(4): the evidence discs' burner.
    ("disc.burner", "path", 0, 0),
    ("disc.printer", "queue", 0, 0),
    ("drivers[1].usb_id", "usb", 0, 0),
    ("drivers[1].driver", "driver", 0, 0),
    ("drivers[1].brand", "text", 0, 0),
    ("drivers[1].model", "text", 0, 0),
)

# A good value of each kind, as TOML.
GOOD = {
    "path": '"/var/lib/bwc"',
    "queue": '"form-printer"',
    "choice": '"en"',
    "seal": '"off"',
    "zone": '"Asia/Shanghai"',
    "code": '"U01"',
    "text": '"城关 Unit"',
    "flag": "false",
    "usb": '"12d1:1F01"',
    "driver": '"mass_storage"',
}
_DRIVER = {"usb_id": '"12d1:1f01"', "driver": '"simulator"'}


@dataclass(frozen=True)
class Case:
    """One kiosk.toml that must be refused, naming `key` (and the range, if there is one)."""

    key: str
    label: str
    toml: str
    low: int | None = None
    high: int | None = None

    @property
    def core(self) -> bool:
        """One of the kinds of bad value every key is tried with through the real `bwc`."""
        return self.label in CORE_LABELS

    @property
    def ident(self) -> str:
        return f"{self.key}={self.label}"


# Wrong type, below and above the range (or the length), NaN, ±inf, 10**30, a control char.
CORE_LABELS = frozenset(
    {"wrong-type", "below", "above", "nan", "inf", "-inf", "huge", "control-char"}
)


def document(key: str, value: str) -> str:
    """A kiosk.toml setting one key (a drivers key inside an otherwise good entry)."""
    if key.startswith("drivers[1]."):
        name = key.split(".", 1)[1]
        entry = {**_DRIVER, name: value}
        return "[[drivers]]\n" + "".join(f"{k} = {v}\n" for k, v in entry.items())
    if "." in key:
        table, name = key.split(".")
        return f"[{table}]\n{name} = {value}\n"
    return f"{key} = {value}\n"


def _half(value: float) -> str:
    return repr(float(value))


def _bad_values(kind: str, low: int, high: int) -> list[tuple[str, str]]:
    """(label, TOML value): wrong type, out of range, NaN, ±inf, huge, a control character."""
    common = [
        ("nan", "nan"),
        ("inf", "inf"),
        ("-inf", "-inf"),
        ("huge", str(10**30)),
        ("control-char", '"a\\u0007b"'),
        ("escape", '"x\\u001b[2J"'),
    ]
    if kind == "integer":
        return [
            ("wrong-type", '"12"'),
            ("boolean", "true"),
            ("fraction", f"{low}.5"),
            ("below", str(low - 1)),
            ("above", str(high + 1)),
            ("negative-huge", str(-(10**30))),
            *common,
        ]
    if kind == "number":
        return [
            ("wrong-type", '"2"'),
            ("boolean", "true"),
            ("below", _half(low - 0.5)),
            ("above", _half(high + 0.5)),
            ("array", "[1]"),
            *common,
        ]
    if kind == "flag":
        return [("wrong-type", '"yes"'), ("number", "1"), ("table", "{}"), *common]
    too_long = '"' + "x" * 4200 + '"' if kind == "path" else '"' + "长" * 65 + '"'
    specific = {
        "path": [("relative", '"var/lib/bwc"')],
        "choice": [("unknown", '"fr"'), ("case", '"EN"')],
        "seal": [("unknown", '"always"'), ("case", '"OFF"')],
        "zone": [("unknown", '"Mars/Olympus"'), ("traversal", '"../../etc/passwd"')],
        "code": [("traversal", '"../x"'), ("space", '"U 01"'), ("too-long", '"' + "U" * 33 + '"')],
        "text": [],
        "queue": [("option", '"-o"'), ("space", '"form printer"'), ("slash", '"a/b"')],
        "usb": [("no-colon", '"12d11f01"'), ("not-hex", '"12g1:1f01"'), ("short", '"1:1"')],
        "driver": [("unknown", '"sh"'), ("path", '"/bin/sh"')],
    }[kind]
    return [("wrong-type", "12"), ("above", too_long), ("array", '["a"]'), *specific, *common]


def bad_cases() -> list[Case]:
    """Every key × every bad value that applies to its kind."""
    cases = []
    for key, kind, low, high in KEYS:
        ranged = kind in ("integer", "number")
        for label, value in _bad_values(kind, low, high):
            cases.append(
                Case(
                    key,
                    label,
                    document(key, value),
                    low if ranged else None,
                    high if ranged else None,
                )
            )
    return cases


# (the TOML, the dotted key it must name): unknown keys and misspelt tables.
UNKNOWN: tuple[tuple[str, str], ...] = (
    ("colour = 1\n", "colour"),
    ("[kiosk]\nidle_timeout_secs = 120\n", "kiosk.idle_timeout_secs"),
    ("[kioks]\nidle_timeout_seconds = 120\n", "kioks"),
    ("[Kiosk]\nidle_timeout_seconds = 120\n", "Kiosk"),
    ("[retention]\nday = 180\n", "retention.day"),
    ("[unit.extra]\nx = 1\n", "unit.extra"),
    ("kiosk = 5\n", "kiosk"),
    ('[drivers]\nusb_id = "12d1:1f01"\n', "drivers"),
    ("drivers = 5\n", "drivers"),
    ("drivers = [1]\n", "drivers"),
    (
        '[[drivers]]\nusb_id = "12d1:1f01"\ndriver = "simulator"\nvendor = "x"\n',
        "drivers[1].vendor",
    ),
    (
        '[[drivers]]\nusb_id = "12d1:1f01"\ndriver = "simulator"\n'
        '[[drivers]]\nusb_id = "12d1:1f02"\ndriver = "sh"\n',
        "drivers[2].driver",
    ),
    ('[[drivers]]\ndriver = "simulator"\n', "drivers[1].usb_id"),
    ('[[drivers]]\nusb_id = "12d1:1f01"\n', "drivers[1].driver"),
)
