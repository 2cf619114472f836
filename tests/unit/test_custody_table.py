"""Every cell of the recorder state machine, legal and illegal (STYLE rule 2).

The expected edges are written out here from Art. 5(8), 9 and 10 and DESIGN §7, not read
from the product: a change to either table must be deliberate.
"""

from __future__ import annotations

import itertools

import pytest

from appliance.domain.custody import TRANSITIONS, CustodyEvent, RecorderState, next_state
from appliance.domain.errors import IllegalTransition

S, E = RecorderState, CustodyEvent

EXPECTED: dict[tuple[RecorderState, CustodyEvent], RecorderState] = {
    # Art. 5(1) and 10: drawn from the pool by one holder, given back to it.
    (S.AVAILABLE, E.SIGN_OUT): S.SIGNED_OUT,
    (S.SIGNED_OUT, E.RETURN): S.AVAILABLE,
    # Art. 5(8), 9: a fault found by the holder mid-shift or by the unit head on the shelf
    # sends the recorder for repair; a repair brings it back to the pool.
    (S.SIGNED_OUT, E.RETURN_FAULTY): S.IN_REPAIR,
    (S.AVAILABLE, E.SEND_TO_REPAIR): S.IN_REPAIR,
    (S.IN_REPAIR, E.REPAIRED): S.AVAILABLE,
    # Art. 10: lost from the holder's hands or from the shelf; a found recorder returns.
    (S.SIGNED_OUT, E.DECLARE_LOST): S.LOST,
    (S.AVAILABLE, E.DECLARE_LOST): S.LOST,
    (S.LOST, E.FOUND): S.AVAILABLE,
    # Retired from anywhere but a holder's hands (it must be returned first); for good.
    (S.AVAILABLE, E.RETIRE): S.RETIRED,
    (S.IN_REPAIR, E.RETIRE): S.RETIRED,
    (S.LOST, E.RETIRE): S.RETIRED,
}


def test_the_table_is_exactly_the_expected_edges() -> None:
    assert TRANSITIONS == EXPECTED


@pytest.mark.parametrize(("state", "event"), list(itertools.product(RecorderState, CustodyEvent)))
def test_every_cell(state: RecorderState, event: CustodyEvent) -> None:
    want = EXPECTED.get((state, event))
    if want is not None:
        assert next_state(state, event) is want
        return
    table_before = dict(TRANSITIONS)
    with pytest.raises(IllegalTransition) as raised:
        next_state(state, event)
    assert raised.value.reason == "illegal_transition"
    assert raised.value.params == {
        "machine": "recorder",
        "state": state.value,
        "event": event.value,
    }
    # A refused event changes nothing: the state is a value, and the table is as it was.
    assert TRANSITIONS == table_before


def test_a_retired_recorder_is_gone_for_good() -> None:
    for event in CustodyEvent:
        with pytest.raises(IllegalTransition):
            next_state(S.RETIRED, event)
