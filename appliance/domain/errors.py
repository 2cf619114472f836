"""Provides the two ways a use case says no: a refused action and bad input."""

from __future__ import annotations


class Refusal(Exception):
    """Base for every 'no' the product gives: a catalogue key plus its parameters."""

    # Positional-only: a parameter may be called anything (`reason`, `key`, `action`) without
    # colliding with the signature; params stay a field of their own (STYLE 8b).
    def __init__(self, reason: str, /, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params: dict[str, object] = dict(params)

    def __str__(self) -> str:
        if not self.params:
            return self.reason
        shown = ", ".join(f"{key}={value!r}" for key, value in sorted(self.params.items()))
        return f"{self.reason} ({shown})"


class Refused(Refusal):
    """A rule or a permission forbids the action; nothing was changed (CLI exit 1)."""


class BadInput(Refusal):
    """The input itself is malformed (CLI exit 2); nothing was changed."""


class IllegalTransition(Refused):
    """An event that the transition table does not allow from the current state."""

    def __init__(self, machine: str, state: str, event: str) -> None:
        super().__init__("illegal_transition", machine=machine, state=state, event=event)
