"""Every edge of the recorder state machine, legal and illegal (STYLE rule 2)."""

from __future__ import annotations

import pytest

from appliance.domain.custody import TRANSITIONS, CustodyEvent, RecorderState, next_state
from appliance.domain.errors import IllegalTransition

ALL_PAIRS = [(state, event) for state in RecorderState for event in CustodyEvent]
LEGAL = sorted(TRANSITIONS, key=str)
ILLEGAL = [pair for pair in ALL_PAIRS if pair not in TRANSITIONS]


@pytest.mark.parametrize(("state", "event"), LEGAL)
def test_legal_edge_moves_to_its_target(state: RecorderState, event: CustodyEvent) -> None:
    assert next_state(state, event) is TRANSITIONS[(state, event)]


@pytest.mark.parametrize(("state", "event"), ILLEGAL)
def test_illegal_edge_raises_and_leaves_state(state: RecorderState, event: CustodyEvent) -> None:
    current = state
    with pytest.raises(IllegalTransition) as raised:
        current = next_state(current, event)
    assert current is state
    assert raised.value.params == {"machine": "recorder", "state": state, "event": event}


def test_table_is_the_custody_life_of_a_recorder() -> None:
    # Art. 10: only an available recorder can be signed out, only a signed-out one returned.
    assert {s for (s, e) in TRANSITIONS if e is CustodyEvent.SIGN_OUT} == {RecorderState.AVAILABLE}
    assert {s for (s, e) in TRANSITIONS if e is CustodyEvent.RETURN} == {RecorderState.SIGNED_OUT}
    # A retired recorder is gone for good.
    assert not [pair for pair in TRANSITIONS if pair[0] is RecorderState.RETIRED]
    assert len(LEGAL) + len(ILLEGAL) == len(RecorderState) * len(CustodyEvent)
