"""Provides the CLI fuzz's command lines: Hypothesis strategies over the real `bwc` parser.

Argument values are valid-ish (known badges, serials, clip ids) or hostile (unicode, control
characters, `..`, huge integers, empty strings); NUL bytes cannot be in argv and are left out.
Paths are the arena's own (tests/fuzz_arena.py): a hostile value never holds a `/`, so
whatever the parser makes of it, nothing is read or written outside the arena.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from hypothesis import strategies as st

from appliance.cli import build_parser
from tests.conftest import DEMO_PINS

BADGES = tuple(DEMO_PINS)
SERIALS = ("DSJ-A001", "DSJ-A002", "DSJ-B001", "DSJ-B002")
ROLES = ("officer", "unit_head", "info_collector", "bureau_head", "auditor", "admin")
GLOBAL_DESTS = frozenset({"help", "home", "json", "lang"})
# `media` mounts real block devices as root: it is never run here. `dock` runs only once,
# on a simulator folder of the arena (without --simulator it would watch the real udev).
EXCLUDED = frozenset({("media",)})
HOSTILE_WORDS = (
    "",
    " ",
    ".",
    "-",
    "--",
    "-x",
    "\x1b[2J\x1b[31mred",
    "\x07bell",
    "a\nforged line",
    "tab\there",
    "\u202eevil",
    "\u0085next",
    "\u2028sep",
    "名字 执法",
    "%s%n",
    "{key}{0}{",
    "'; DROP TABLE person; --",
    "9" * 40,
    "x" * 300,
)
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00/"),
    max_size=24,
).filter(lambda text: text != "..")
HOSTILE = st.one_of(st.sampled_from(HOSTILE_WORDS), _TEXT)
INTEGERS = st.one_of(
    st.sampled_from(["0", "-1", "1", "5", str(10**40), str(-(10**40)), str(2**63), "9" * 4400]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["1.5", "1e3", "0x10", "١٢", "1_000", " 7 "]),
)


def mostly(
    valid: st.SearchStrategy[str], hostile: st.SearchStrategy[str] = HOSTILE
) -> st.SearchStrategy[str]:
    """Valid-ish three times in four, so that commands reach the services and their rules."""
    return st.one_of(valid, valid, valid, hostile)


DAYS = st.one_of(st.sampled_from(["2026-11-27", "2026-12-01", "2026-13-45", "0000-00-00"]), HOSTILE)


@dataclass(frozen=True)
class Paths:
    """The arena's paths the strategies may name, by kind."""

    inputs: tuple[str, ...]  # files to read: good, garbage, empty, missing, a directory
    outputs: tuple[str, ...]  # files to write: new, existing, in a missing folder, …
    folders: tuple[str, ...]  # cards and simulator docks: good, empty, missing, a file
    clip_ids: tuple[int, ...]


@dataclass(frozen=True)
class Leaf:
    """One runnable sub-command: its words and its own actions (globals apart)."""

    words: tuple[str, ...]
    actions: tuple[argparse.Action, ...]


def leaves(
    parser: argparse.ArgumentParser | None = None, words: tuple[str, ...] = ()
) -> list[Leaf]:
    """Every sub-command of the real parser, walked from its sub-parser actions."""
    parser = parser or build_parser()
    found: list[Leaf] = []
    nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for group in nested:
        for name, child in group.choices.items():
            found += leaves(child, (*words, name))
    if not nested and words not in EXCLUDED:
        own = tuple(a for a in parser._actions if a.dest not in GLOBAL_DESTS)
        found.append(Leaf(words, own))
    return found


def _value(action: argparse.Action, paths: Paths) -> st.SearchStrategy[str]:
    dest = action.dest
    if action.choices is not None:
        return mostly(st.sampled_from([str(c) for c in action.choices]))
    by_dest: dict[str, st.SearchStrategy[str]] = {
        "badge": mostly(st.sampled_from((*BADGES, "7777"))),
        "by": mostly(st.sampled_from(BADGES)),
        "officer": mostly(st.sampled_from(BADGES)),
        "device": mostly(st.sampled_from(SERIALS)),
        "serial": mostly(st.sampled_from((*SERIALS, "DSJ-NEW1"))),
        "value": mostly(st.sampled_from(BADGES + SERIALS)),
        "role": mostly(st.sampled_from(ROLES)),
        "unit_code": mostly(st.sampled_from(["DEMO01", "U99"])),
        "day": DAYS,
        "sample": INTEGERS,
        "clip_ids": mostly(st.sampled_from([str(i) for i in paths.clip_ids]), INTEGERS),
        "out": st.sampled_from(paths.outputs),
        "checkpoint": st.sampled_from(paths.inputs),
        "public_key": st.sampled_from(paths.inputs),
        "source": st.sampled_from(paths.folders),
        "simulator": st.sampled_from(paths.folders),
        "media_root": st.sampled_from(paths.folders),
    }
    return by_dest.get(
        dest, st.one_of(st.sampled_from(["Name", "C-1", "教执罚〔2026〕12号"]), HOSTILE)
    )


@st.composite
def _tokens(draw: st.DrawFn, leaf: Leaf, paths: Paths) -> list[str]:
    options: list[list[str]] = []
    positionals: list[str] = []
    for action in leaf.actions:
        if action.option_strings:
            chance = 0.97 if action.required else 0.6 if action.nargs == 0 else 0.4
            wanted = draw(st.floats(0, 1)) < chance
            if leaf.words == ("dock",) and action.dest in ("once", "simulator"):
                wanted = True  # never the real udev, never forever
            if leaf.words == ("dock",) and action.dest == "direct_mount":
                wanted = False  # never a real mount
            if not wanted:
                continue
            flag = action.option_strings[-1]
            if action.nargs == 0:
                options.append([flag])
            else:
                options.append([flag, draw(_value(action, paths))])
        else:
            count = 1 if action.nargs is None else draw(st.integers(1, 3))
            if draw(st.floats(0, 1)) < 0.04:
                count = 0  # a missing positional: a usage error
            positionals += [draw(_value(action, paths)) for _ in range(count)]
    ordered = draw(st.permutations(options)) if options else []
    return [word for option in ordered for word in option] + positionals


@dataclass(frozen=True)
class Command:
    """One generated `bwc` run: argv (without --home) and where --home goes."""

    argv: tuple[str, ...]
    home_first: bool
    words: tuple[str, ...]

    def with_home(self, home: str) -> list[str]:
        if self.home_first:
            return ["--home", home, *self.argv]
        return [*self.argv, "--home", home]

    @property
    def json(self) -> bool:
        return "--json" in self.argv


@st.composite
def commands(draw: st.DrawFn, all_leaves: list[Leaf], paths: Paths) -> Command:
    """A command line of the real parser, now and then with junk or a global out of place."""
    leaf = draw(st.sampled_from(all_leaves))
    body = draw(_tokens(leaf, paths))
    before: list[str] = []
    after: list[str] = []
    if draw(st.floats(0, 1)) < 0.3:
        (before if draw(st.booleans()) else after).append("--json")
    if draw(st.floats(0, 1)) < 0.2:
        language = draw(st.sampled_from(["en", "zh_CN", "en", "zh_CN", "en", "fr", ""]))
        (before if draw(st.booleans()) else after).extend(["--lang", language])
    if draw(st.floats(0, 1)) < 0.04:
        after.append(draw(st.sampled_from(["--bogus", "extra", "-q", "--json=1", "--"])))
    words = list(leaf.words)
    if draw(st.floats(0, 1)) < 0.03:
        words = words[:-1] or ["nosuch"]  # a group without its sub-command
    argv = (*before, *words, *body, *after)
    return Command(argv, draw(st.booleans()), leaf.words)


def pins_for(argv: tuple[str, ...]) -> list[str]:
    """The right PINs for the badges argv names, in order (one line per PIN, DESIGN §8)."""
    pins = []
    for index, word in enumerate(argv[:-1]):
        if word in ("--badge", "--by", "--confirm-by") and argv[index + 1] in DEMO_PINS:
            pins.append(DEMO_PINS[argv[index + 1]])
    return pins or ["111111"]


@dataclass(frozen=True)
class Stdin:
    """What standard input holds: text, raw bytes, closed, or no stream at all."""

    kind: str  # "text", "bytes", "closed", "none"
    data: bytes = b""


def stdins(argv: tuple[str, ...]) -> st.SearchStrategy[Stdin]:
    """Standard input for argv: the right PINs often, else nothing, garbage or too much."""
    right = "\n".join(pins_for(argv)) + "\n"
    odd = st.sampled_from(["000000\n", "", "\n", "\n\n", "12\n", right * 40, "1" * 100_000])
    return st.one_of(
        *[st.just(Stdin("text", right.encode()))] * 5,
        odd.map(lambda t: Stdin("text", t.encode("utf-8"))),
        HOSTILE.map(lambda t: Stdin("text", (t + "\n").encode("utf-8"))),
        st.binary(max_size=40).map(lambda b: Stdin("bytes", b + b"\xff\n")),
        st.just(Stdin("closed")),
        st.just(Stdin("none")),
    )
