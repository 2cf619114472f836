"""Provides the one step function of every state machine written as a transition table."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from appliance.domain.errors import IllegalTransition

S = TypeVar("S", bound=StrEnum)
E = TypeVar("E", bound=StrEnum)


def advance(table: Mapping[tuple[S, E], S], machine: str, state: S, event: E) -> S:
    """The state the table gives for (state, event); else IllegalTransition.

    States are values, so a refused event leaves the caller's state as it was (STYLE rule 2).
    """
    try:
        return table[(state, event)]
    except KeyError:
        raise IllegalTransition(machine, state.value, event.value) from None
