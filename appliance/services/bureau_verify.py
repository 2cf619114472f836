"""Provides `bwc-bureau verify`: the bureau proves that nothing it holds was cut, changed or
lost (Art. 11, 15): every content re-hashed (fixity), every clip's content present, and its
own hash-chained log walked from the first event."""

from __future__ import annotations

from dataclasses import dataclass

from appliance.domain.audit import walk
from appliance.domain.records import Actor
from appliance.services.bureau_context import BureauContext


@dataclass(frozen=True)
class BureauVerifyReport:
    """What verify found: the counts, and the first problem (empty when all is sound)."""

    contents: int
    bytes: int
    events: int
    problem: str = ""
    subject: str = ""

    @property
    def sound(self) -> bool:
        """True when nothing is wrong."""
        return not self.problem


class BureauVerify:
    """Fixity and the log, checked; the check itself is logged."""

    def __init__(self, ctx: BureauContext) -> None:
        self._ctx = ctx

    def verify(self, actor: Actor) -> BureauVerifyReport:
        """Re-hash every content and walk the log; the first problem is named."""
        ctx = self._ctx
        archive = ctx.archive
        buffer = archive.new_buffer()
        contents = size_total = 0
        problem = subject = ""
        with ctx.store.snapshot():
            chain = walk(ctx.store.iterate())
            held = list(ctx.store.contents())
        if not chain.intact:
            problem, subject = f"chain.{chain.problem}", str(chain.first_bad_seq)
        for sha, size in held:
            contents += 1
            size_total += size
            if problem:
                continue
            try:
                if archive.size(sha) != size:
                    problem, subject = "bureau.content_size", sha
                elif archive.rehash(sha, buffer) != sha:
                    problem, subject = "bureau.content_changed", sha
            except FileNotFoundError:
                problem, subject = "bureau.content_missing", sha
            except OSError:
                problem, subject = "bureau.content_unreadable", sha
        if not problem:
            # A file no clip names was put there by hand: the store is not what the log says.
            named = {sha for sha, _size in held}
            stray = next((sha for sha in archive.contents() if sha not in named), None)
            if stray is not None:
                problem, subject = "bureau.content_unknown", stray
        with ctx.store.transaction():
            ctx.record(
                actor,
                "bureau_verify",
                "archive",
                "all",
                "ok" if not problem else "failed",
                contents=contents,
                bytes=size_total,
                events=chain.size,
                problem=problem,
                subject=subject,
            )
        return BureauVerifyReport(contents, size_total, chain.size, problem, subject)
