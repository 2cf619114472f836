"""The clip and offload-job lifecycles as transition tables (DESIGN §4; STYLE 2)."""

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


@pytest.mark.parametrize(("edge", "target"), sorted(CLIP_TRANSITIONS.items()))
def test_every_legal_clip_edge(edge: tuple[ClipStage, ClipEvent], target: ClipStage) -> None:
    assert next_clip_stage(*edge) is target


@pytest.mark.parametrize(
    "edge",
    [e for e in itertools.product(ClipStage, ClipEvent) if e not in CLIP_TRANSITIONS],
)
def test_every_illegal_clip_event_raises_and_changes_nothing(
    edge: tuple[ClipStage, ClipEvent],
) -> None:
    stage, event = edge
    before = stage
    with pytest.raises(IllegalTransition):
        next_clip_stage(stage, event)
    assert stage is before


def test_only_a_committed_clip_can_be_cleared() -> None:
    # DESIGN §3.1: nothing leaves the recorder before its row is committed.
    clearable = {stage for (stage, event) in CLIP_TRANSITIONS if event is ClipEvent.CLEAR}
    assert clearable == {ClipStage.COMMITTED}


def test_the_protocol_runs_in_the_order_of_design_section_4() -> None:
    stage = ClipStage.LISTED
    path = [ClipEvent.COPY, ClipEvent.FSYNC, ClipEvent.PROMOTE, ClipEvent.VERIFY]
    path += [ClipEvent.COMMIT, ClipEvent.CLEAR]
    for event in path:
        stage = next_clip_stage(stage, event)
    assert stage is ClipStage.CLEARED


@pytest.mark.parametrize(("edge", "target"), sorted(JOB_TRANSITIONS.items()))
def test_every_legal_job_edge(edge: tuple[JobState, JobEvent], target: JobState) -> None:
    assert next_job_state(*edge) is target


@pytest.mark.parametrize(
    "edge", [e for e in itertools.product(JobState, JobEvent) if e not in JOB_TRANSITIONS]
)
def test_every_illegal_job_event_raises_and_changes_nothing(
    edge: tuple[JobState, JobEvent],
) -> None:
    state, event = edge
    before = state
    with pytest.raises(IllegalTransition) as raised:
        next_job_state(state, event)
    assert state is before
    assert raised.value.params == {
        "machine": "offload_job",
        "state": state.value,
        "event": event.value,
    }
