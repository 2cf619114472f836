"""Provides the clip and offload-job lifecycles as transition tables (DESIGN §4)."""

from __future__ import annotations

from enum import StrEnum

from appliance.domain.transitions import advance


class ClipStage(StrEnum):
    """Where one clip is in the ingest protocol of DESIGN §4."""

    LISTED = "listed"
    COPIED = "copied"  # step 1: in staging, hashed while written
    SYNCED = "synced"  # step 2: fsync'ed
    PROMOTED = "promoted"  # step 3: linked to its content name (or deduplicated)
    VERIFIED = "verified"  # step 4: re-read from disk, hash matches
    COMMITTED = "committed"  # step 6: row and audit event durable
    CLEARED = "cleared"  # step 7: deleted from the recorder
    FAILED = "failed"


class ClipEvent(StrEnum):
    """What can happen to a clip on its way into the archive."""

    COPY = "copy"
    FSYNC = "fsync"
    PROMOTE = "promote"
    VERIFY = "verify"
    COMMIT = "commit"
    CLEAR = "clear"
    FAIL = "fail"
    RETRY = "retry"


_C = ClipStage
_CE = ClipEvent

CLIP_TRANSITIONS: dict[tuple[ClipStage, ClipEvent], ClipStage] = {
    (_C.LISTED, _CE.COPY): _C.COPIED,
    (_C.COPIED, _CE.FSYNC): _C.SYNCED,
    (_C.SYNCED, _CE.PROMOTE): _C.PROMOTED,
    (_C.PROMOTED, _CE.VERIFY): _C.VERIFIED,
    # Step 5 (probing) never fails a clip: an unreadable file is archived and flagged.
    (_C.VERIFIED, _CE.COMMIT): _C.COMMITTED,
    # Step 7: only a committed clip may leave the recorder (DESIGN §3.1).
    (_C.COMMITTED, _CE.CLEAR): _C.CLEARED,
    (_C.LISTED, _CE.FAIL): _C.FAILED,
    (_C.COPIED, _CE.FAIL): _C.FAILED,
    (_C.SYNCED, _CE.FAIL): _C.FAILED,
    (_C.PROMOTED, _CE.FAIL): _C.FAILED,
    (_C.VERIFIED, _CE.FAIL): _C.FAILED,
    # DESIGN §4 step 2: a failed clip starts again from the source, never from its part file.
    (_C.FAILED, _CE.RETRY): _C.LISTED,
}


def next_clip_stage(stage: ClipStage, event: ClipEvent) -> ClipStage:
    """The stage after the event, or IllegalTransition (the stage is a value, unchanged)."""
    return advance(CLIP_TRANSITIONS, "clip", stage, event)


class JobState(StrEnum):
    """Where one recorder's offload is; stored, so any screen can rebuild it."""

    QUEUED = "queued"
    RUNNING = "running"
    CLEARING = "clearing"
    DONE = "done"
    FAILED = "failed"
    INTERRUPTED = "interrupted"


class JobEvent(StrEnum):
    """What can happen to an offload job."""

    START = "start"
    CLEAR = "clear"
    FINISH = "finish"
    FAIL = "fail"
    INTERRUPT = "interrupt"


_J = JobState
_JE = JobEvent

JOB_TRANSITIONS: dict[tuple[JobState, JobEvent], JobState] = {
    (_J.QUEUED, _JE.START): _J.RUNNING,
    # Step 7 only after every clip is through step 6; the service checks that before CLEAR.
    (_J.RUNNING, _JE.CLEAR): _J.CLEARING,
    (_J.RUNNING, _JE.FINISH): _J.DONE,
    (_J.CLEARING, _JE.FINISH): _J.DONE,
    (_J.QUEUED, _JE.FAIL): _J.FAILED,
    (_J.RUNNING, _JE.FAIL): _J.FAILED,
    (_J.CLEARING, _JE.FAIL): _J.FAILED,
    # A process that died mid-job (power cut, kill): found by the start-up reconciliation.
    (_J.QUEUED, _JE.INTERRUPT): _J.INTERRUPTED,
    (_J.RUNNING, _JE.INTERRUPT): _J.INTERRUPTED,
    (_J.CLEARING, _JE.INTERRUPT): _J.INTERRUPTED,
}

FINAL_JOB_STATES = frozenset({_J.DONE, _J.FAILED, _J.INTERRUPTED})


def next_job_state(state: JobState, event: JobEvent) -> JobState:
    """The state after the event, or IllegalTransition (the state is a value, unchanged)."""
    return advance(JOB_TRANSITIONS, "offload_job", state, event)
