"""Provides fixity checks: archived files re-hashed from disk against their names."""

from __future__ import annotations

from dataclasses import dataclass, field

from appliance.domain.alarms import FixityRun
from appliance.domain.articles import enforces
from appliance.domain.records import Actor
from appliance.ports import Archive
from appliance.services.alarms import raise_alarm
from appliance.services.context import Context


@dataclass
class FixityReport:
    """How many contents were re-hashed, and which did not match or were gone."""

    checked: int = 0
    mismatched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """True when every checked file matched."""
        return not self.mismatched and not self.missing


class FixityService:
    """Re-reads the archive (bwc-fixity.timer) so silent corruption is found early."""

    def __init__(self, ctx: Context, archive: Archive) -> None:
        self._ctx = ctx
        self._archive = archive

    @enforces("11", "16(3)")
    def verify(self, actor: Actor, sample: int | None = None) -> FixityReport:
        """Re-hash every archived content (or a random sample); mismatches raise alarms."""
        report = FixityReport()
        buffer = self._archive.new_buffer()
        # DESIGN §11: what the retention rule deleted is no longer kept, so never re-hashed.
        gone = self._ctx.store.retention.gone_contents()
        for content in self._ctx.store.clips.sample_hashes(sample):
            sha256 = content.sha256
            if sha256 in gone:
                continue
            report.checked += 1
            try:
                on_disk = self._archive.rehash(sha256, buffer)
            except FileNotFoundError:
                report.missing.append(sha256)
                self._alarm("archive_missing", sha256, actor)
                continue
            except OSError as exc:
                on_disk = f"unreadable: {exc.strerror}"
            if on_disk != sha256:
                # Art. 11: an original that changed is evidence lost; a person must act.
                report.mismatched.append(sha256)
                self._alarm("fixity_mismatch", sha256, actor)
        with self._ctx.store.transaction():
            run = FixityRun(
                self._ctx.clock.now(), report.checked, len(report.mismatched), len(report.missing)
            )
            self._ctx.store.alarms.record_fixity(run)
            self._ctx.record(
                actor,
                "fixity_verify",
                "archive",
                "sha256",
                "ok" if report.clean else "failed",
                checked=report.checked,
                sample=sample,
                mismatched=report.mismatched[:50],
                missing=report.missing[:50],
            )
        return report

    def _alarm(self, kind: str, sha256: str, actor: Actor) -> None:
        raise_alarm(self._ctx, actor, "critical", kind, sha256, event={"sha256": sha256})
