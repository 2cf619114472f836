"""The sign-out and return rules of Art. 4, 7, 9 and 10 as pure functions."""

from __future__ import annotations

import pytest

from appliance.domain.custody import RecorderState, check_return, check_sign_out
from appliance.domain.errors import Refused
from appliance.domain.records import Person, Recorder
from appliance.domain.roles import Action, Role

OFFICER = Person("1001", "Zhang", Role.OFFICER, "U01")
HEAD = Person("2001", "Li", Role.UNIT_HEAD, "U01")
FREE = Recorder("R1", "B", "M", "U01", RecorderState.AVAILABLE)
OUT = Recorder("R1", "B", "M", "U01", RecorderState.SIGNED_OUT)


def reason(call: object) -> str:
    assert callable(call)
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.reason


def test_all_rules_pass() -> None:
    check_sign_out(OFFICER, FREE, [], [])


@pytest.mark.article("4", "5(1)")
def test_each_rule_refuses_with_its_reason() -> None:
    auditor = Person("5001", "Zhao", Role.AUDITOR, "U01")
    inactive = Person("1001", "Zhang", Role.OFFICER, "U01", active=False)
    other_unit = Recorder("R1", "B", "M", "U02", RecorderState.AVAILABLE)
    assert reason(lambda: check_sign_out(auditor, FREE, [], [])) == "permission_denied"
    assert reason(lambda: check_sign_out(inactive, FREE, [], [])) == "person_inactive"
    # Art. 9: never lent to another unit.
    assert reason(lambda: check_sign_out(OFFICER, other_unit, [], [])) == "recorder_other_unit"
    assert reason(lambda: check_sign_out(OFFICER, OUT, [], [])) == "recorder_not_available"
    # Art. 10: one recorder per holder.
    assert reason(lambda: check_sign_out(OFFICER, FREE, ["R9"], [])) == "already_holding"
    # Art. 4: the check must be complete.
    assert reason(lambda: check_sign_out(OFFICER, FREE, [], ["clock"])) == "check_incomplete"


def test_return_by_holder_or_unit_head() -> None:
    assert check_return(OFFICER, "1001", OUT) is Action.RETURN_OWN
    # Art. 7: the unit head answers for the unit's recorders.
    assert check_return(HEAD, "1001", OUT) is Action.RETURN_FOR_OTHER
    other = Person("1002", "Wang", Role.OFFICER, "U01")
    assert reason(lambda: check_return(other, "1001", OUT)) == "not_your_recorder"
    assert reason(lambda: check_return(OFFICER, "1001", FREE)) == "recorder_not_signed_out"
