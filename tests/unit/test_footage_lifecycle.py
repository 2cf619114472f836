"""The clip and offload-job lifecycles as transition tables (DESIGN §4; STYLE 2).

The expected edges are written out here from DESIGN §4, not read from the product: a change
to either table must be deliberate.
"""

from __future__ import annotations

import itertools

import pytest

from appliance.domain.errors import IllegalTransition
from appliance.domain.lifecycle import (
    CLIP_TRANSITIONS,
    JOB_TRANSITIONS,
    ClipEvent,
    ClipStage,
    JobEvent,
    JobState,
    next_clip_stage,
    next_job_state,
)

C, CE = ClipStage, ClipEvent
J, JE = JobState, JobEvent

EXPECTED_CLIP: dict[tuple[ClipStage, ClipEvent], ClipStage] = {
    # DESIGN §4 steps 1-4 and 6, in order; step 5 (probe) never fails a clip.
    (C.LISTED, CE.COPY): C.COPIED,
    (C.COPIED, CE.FSYNC): C.SYNCED,
    (C.SYNCED, CE.PROMOTE): C.PROMOTED,
    (C.PROMOTED, CE.VERIFY): C.VERIFIED,
    (C.VERIFIED, CE.COMMIT): C.COMMITTED,
    # Step 7: only a committed clip leaves the recorder (DESIGN §3.1).
    (C.COMMITTED, CE.CLEAR): C.CLEARED,
    # Any step before the commit may fail the clip; a committed row is durable.
    (C.LISTED, CE.FAIL): C.FAILED,
    (C.COPIED, CE.FAIL): C.FAILED,
    (C.SYNCED, CE.FAIL): C.FAILED,
    (C.PROMOTED, CE.FAIL): C.FAILED,
    (C.VERIFIED, CE.FAIL): C.FAILED,
    # Step 2: a failed clip starts again from the source, never from its part file.
    (C.FAILED, CE.RETRY): C.LISTED,
}

EXPECTED_JOB: dict[tuple[JobState, JobEvent], JobState] = {
    (J.QUEUED, JE.START): J.RUNNING,
    # Step 7 (clearing) comes only after every clip of the recorder is through step 6.
    (J.RUNNING, JE.CLEAR): J.CLEARING,
    (J.RUNNING, JE.FINISH): J.DONE,
    (J.CLEARING, JE.FINISH): J.DONE,
    (J.QUEUED, JE.FAIL): J.FAILED,
    (J.RUNNING, JE.FAIL): J.FAILED,
    (J.CLEARING, JE.FAIL): J.FAILED,
    # A process that died mid-job, found by the start-up reconciliation.
    (J.QUEUED, JE.INTERRUPT): J.INTERRUPTED,
    (J.RUNNING, JE.INTERRUPT): J.INTERRUPTED,
    (J.CLEARING, JE.INTERRUPT): J.INTERRUPTED,
}


def test_the_tables_are_exactly_the_expected_edges() -> None:
    assert CLIP_TRANSITIONS == EXPECTED_CLIP
    assert JOB_TRANSITIONS == EXPECTED_JOB


@pytest.mark.parametrize(("stage", "event"), list(itertools.product(ClipStage, ClipEvent)))
def test_every_clip_cell(stage: ClipStage, event: ClipEvent) -> None:
    want = EXPECTED_CLIP.get((stage, event))
    if want is not None:
        assert next_clip_stage(stage, event) is want
        return
    table_before = dict(CLIP_TRANSITIONS)
    with pytest.raises(IllegalTransition) as raised:
        next_clip_stage(stage, event)
    assert raised.value.reason == "illegal_transition"
    assert raised.value.params == {"machine": "clip", "state": stage.value, "event": event.value}
    # A refused event changes nothing: the state is a value, and the table is as it was.
    assert CLIP_TRANSITIONS == table_before


@pytest.mark.parametrize(("state", "event"), list(itertools.product(JobState, JobEvent)))
def test_every_job_cell(state: JobState, event: JobEvent) -> None:
    want = EXPECTED_JOB.get((state, event))
    if want is not None:
        assert next_job_state(state, event) is want
        return
    table_before = dict(JOB_TRANSITIONS)
    with pytest.raises(IllegalTransition) as raised:
        next_job_state(state, event)
    assert raised.value.reason == "illegal_transition"
    assert raised.value.params == {
        "machine": "offload_job",
        "state": state.value,
        "event": event.value,
    }
    assert JOB_TRANSITIONS == table_before


def test_the_protocol_runs_in_the_order_of_design_section_4() -> None:
    stage = ClipStage.LISTED
    path = [CE.COPY, CE.FSYNC, CE.PROMOTE, CE.VERIFY, CE.COMMIT, CE.CLEAR]
    walked = []
    for event in path:
        stage = next_clip_stage(stage, event)
        walked.append(stage)
    assert walked == [C.COPIED, C.SYNCED, C.PROMOTED, C.VERIFIED, C.COMMITTED, C.CLEARED]


def test_final_job_states_have_no_way_out() -> None:
    for state, event in itertools.product((J.DONE, J.FAILED, J.INTERRUPTED), JobEvent):
        with pytest.raises(IllegalTransition):
            next_job_state(state, event)
