"""Provides the desk's messages: each worker's outcome to the screen that started it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from appliance.domain.records import Actor
from appliance.services.bureau_clips import ShownClip
from appliance.services.bureau_desk import DeskView


@dataclass
class DeskRefused(Message):
    """A service said no (a rule, a permission or bad input), already said in one line."""

    line: str


@dataclass
class SignedIn(Message):
    """The badge and PIN were right."""

    actor: Actor


@dataclass
class ViewLoaded(Message):
    """The units, packages and open alarms, as read now."""

    view: DeskView


@dataclass
class IngestDone(Message):
    """A drive was taken in: each package's outcome, said in words."""

    lines: list[str]


@dataclass
class ClipsFound(Message):
    """The clips a search found."""

    clips: list[ShownClip]
