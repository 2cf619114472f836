"""Provides the footage records: clip flags, archived clips and offload progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from appliance.domain.articles import enforces
from appliance.domain.lifecycle import JobState


class ClipFlag(StrEnum):
    """What the kiosk tells the unit head about a clip; the names are part of the contract."""

    # Art. 2: audio and video are recorded together.
    NO_AUDIO = "no_audio"
    DAMAGED = "damaged"
    UNREADABLE = "unreadable"
    # Art. 16(2): a hole in the numbering or time coverage may be a deletion on the device.
    GAP = "gap"
    # Art. 9: recorders are never lent; footage from another unit's recorder is still taken.
    FOREIGN_UNIT = "foreign_unit"


class SkipReason(StrEnum):
    """Why an entry of a recorder's card was not taken as footage (DESIGN §3.5)."""

    TOO_DEEP = "too_deep"
    UNREADABLE_FOLDER = "unreadable_folder"
    UNREADABLE_ENTRY = "unreadable_entry"
    SYMLINK = "symlink"
    FIFO = "fifo"
    DEVICE = "device"
    SOCKET = "socket"
    # A second name for a file that may live outside the footage folders, or off the card
    # when a simulator folder sits on the kiosk's own disk.
    HARD_LINK = "hard_link"
    NOT_REGULAR = "not_regular"
    NOT_A_FOLDER = "not_a_folder"


@enforces("2")
def probe_flags(readable: bool, damaged: bool, has_audio: bool) -> frozenset[ClipFlag]:
    """The flags that follow from what the media probe could read."""
    if not readable:
        return frozenset({ClipFlag.UNREADABLE})
    flags = set()
    if damaged:
        flags.add(ClipFlag.DAMAGED)
    if not has_audio:
        flags.add(ClipFlag.NO_AUDIO)
    return frozenset(flags)


def flags_text(flags: frozenset[ClipFlag] | set[ClipFlag]) -> str:
    """The stored form: sorted, comma-separated."""
    return ",".join(sorted(flag.value for flag in flags))


def flags_from_text(text: str) -> frozenset[ClipFlag]:
    """Parse what flags_text wrote."""
    return frozenset(ClipFlag(part) for part in text.split(",") if part)


@dataclass(frozen=True)
class MediaInfo:
    """What a media file says of itself (DESIGN §4 step 5): the probe's answer, and the part
    of a clip row that holds it; `readable` False when the probe could read nothing."""

    readable: bool
    damaged: bool = False
    duration_seconds: float | None = None
    container: str = ""
    video_codec: str = ""
    audio_codec: str = ""
    width: int | None = None
    height: int | None = None
    has_audio: bool = False
    # The start of the recording on the recorder's own clock: the file's metadata, else (at
    # ingest) the file's modified time. The true time is the clip's drift-corrected one.
    recorded_at: datetime | None = None
    error: str = ""

    @property
    def flags(self) -> frozenset[ClipFlag]:
        """The flags that follow from what could be read."""
        return probe_flags(self.readable, self.damaged, self.has_audio)


@dataclass(frozen=True)
class NewClip:
    """A verified clip about to be committed (DESIGN §4 step 6)."""

    sha256: str
    size: int
    serial: str
    unit_code: str
    source_name: str
    job_id: int | None
    archived_at: datetime
    # Drift-corrected (DESIGN §7); the device's own time is media.recorded_at.
    recorded_at: datetime | None
    day: str
    session_id: int | None
    holder_badge: str | None
    media: MediaInfo
    # The media's own flags and those of the offload (gap, foreign unit).
    flags: frozenset[ClipFlag]


@dataclass(frozen=True)
class ArchivedClip:
    """One clip in the archive: its content hash, where it came from, and whose it is (Art. 8)."""

    id: int
    sha256: str
    size: int
    serial: str
    unit_code: str
    source_name: str
    job_id: int | None
    archived_at: datetime
    recorded_at: datetime | None
    day: str
    holder_badge: str | None
    session_id: int | None
    media: MediaInfo
    flags: frozenset[ClipFlag]
    cases: tuple[str, ...] = ()
    cleared_at: datetime | None = None


@dataclass(frozen=True)
class StoredContent:
    """One content the clip rows name: its hash and the size a row gives it."""

    sha256: str
    size: int


@dataclass(frozen=True)
class UnfinishedJob:
    """An offload job not yet in a final state, with its staging token (DESIGN §4)."""

    id: int
    token: str
    state: JobState


@dataclass(frozen=True)
class OffloadProgress:
    """One offload job as any screen can rebuild it from the database."""

    id: int
    serial: str
    state: JobState
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    bytes_total: int
    bytes_done: int
    clips_total: int
    clips_done: int
    clips_new: int
    clips_existing: int
    clips_failed: int
    clips_cleared: int
    rate_bytes_per_second: float
    current_name: str
    error: str
    operator: str = ""
    clips_skipped: int = 0
    flag_counts: dict[str, int] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        """True once the job will change no more."""
        return self.finished_at is not None

    @property
    def seconds_left(self) -> float | None:
        """An estimate from the current rate, or None when there is none yet."""
        if self.rate_bytes_per_second <= 0:
            return None
        return max(0.0, (self.bytes_total - self.bytes_done) / self.rate_bytes_per_second)


def stored_name(name: str) -> str:
    """A recorder file name as stored text: bytes that are not UTF-8 shown as escapes.

    Names arrive from the file system with undecodable bytes as surrogates; the database and
    the audit log need valid text, and the name stays what the recorder wrote (DESIGN §3.5).
    """
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
