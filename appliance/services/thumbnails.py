"""Provides the clips' pictures: drawn after an offload, off its path; looked up by the screens.

A picture is a display cache beside the archive, never evidence (DESIGN §3.2: nothing edits
footage, and nothing drawn from it is kept with it). Drawing starts only once the clips are
archived, verified and committed and the job has its verdict; it runs in one background
thread, so a slow or hostile clip never delays an offload, and a failure is logged and leaves
that clip without a picture.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from appliance.domain.footage import ArchivedClip, MediaInfo
from appliance.ports import Archive, Thumbnailer
from appliance.services.context import Context

log = logging.getLogger(__name__)


class ThumbnailService:
    """Draws the pictures of newly archived clips in the background and finds them for screens."""

    def __init__(self, ctx: Context, archive: Archive, thumbnailer: Thumbnailer) -> None:
        self._ctx = ctx
        self._archive = archive
        self._thumbnailer = thumbnailer
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []
        self._lock = threading.Lock()

    def after_offload(self, clip_ids: Iterable[int]) -> None:
        """Queue the pictures of these committed clips; returns at once, never raises."""
        try:
            rows = self._ctx.store.clips.by_ids(clip_ids)
            work: dict[str, tuple[Path, MediaInfo]] = {}
            for row in rows.values():
                if row.media.readable and row.media.video_codec and row.sha256 not in work:
                    work[row.sha256] = (self._archive.path_for(row.sha256), row.media)
        except Exception:  # a cache: the offload's verdict stands whatever happens here
            log.exception("no pictures for the offload's clips")
            return
        if not work:
            return
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="thumbnails")
            self._pending = [future for future in self._pending if not future.done()]
            self._pending.append(self._pool.submit(self._draw_all, work))

    def _draw_all(self, work: dict[str, tuple[Path, MediaInfo]]) -> None:
        for sha256, (source, media) in sorted(work.items()):
            if self._thumbnailer.pictures(sha256):
                continue  # the same content came before, from this or another clip
            try:
                self._thumbnailer.make(sha256, source, media)
            except Exception:  # the port promises not to raise; a bug still costs one picture
                log.exception("pictures of %s failed", sha256)

    def wait(self) -> None:
        """Block until every queued drawing is done (tests; closing the services)."""
        with self._lock:
            pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def close(self) -> None:
        """Finish what is queued and stop the background thread."""
        self.wait()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def of_clip(self, clip: ArchivedClip) -> tuple[Path, ...]:
        """The clip's pictures, in order; none for a clip not (or not yet) drawn."""
        return tuple(self._thumbnailer.pictures(clip.sha256))

    def pictured(self, clips: Iterable[ArchivedClip]) -> PicturedClips:
        """The clips with the pictures each has (a screen's list of clips)."""
        listed = tuple(clips)
        return PicturedClips(listed, {clip.id: self.of_clip(clip) for clip in listed})


@dataclass(frozen=True)
class PicturedClips:
    """Clips, in order, and each one's pictures by clip id (none when it has none)."""

    clips: tuple[ArchivedClip, ...]
    pictures: dict[int, tuple[Path, ...]] = field(default_factory=dict)
    # Clips the viewer may know only exist, by their day and size (Art. 3: a class the
    # viewer's role does not read); they come without pictures.
    restricted: frozenset[int] = frozenset()
