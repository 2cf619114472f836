"""Provides the evidence disc of one case: sealed, imaged, read back, burnt, with its form.

DESIGN §12, Art. 12(4): footage used as evidence is burned to disc and the record form is
filled in. The disc holds the case's clips as a sealed package (DESIGN §10), `verify.py`,
`README.txt` and the form; every file is re-hashed from the image (and from the medium when
burnt) before success is reported, and only then are the clips marked evidence (§11).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from appliance.config import local_zone
from appliance.domain.articles import enforces
from appliance.domain.confidentiality import Classification
from appliance.domain.discs import (
    README_TXT,
    VERIFY_PY,
    DiscRecord,
    FormFacts,
    disc_stem,
    form_fields,
    form_name,
    recorded_by_default,
    volume_id,
)
from appliance.domain.errors import BadInput, Refusal, Refused
from appliance.domain.filing import check_case_number
from appliance.domain.footage import ArchivedClip
from appliance.domain.packages import CHECKPOINT_TXT, payload_path
from appliance.domain.records import Actor
from appliance.domain.roles import Action
from appliance.ports import DiscError, DiscWriter, FormError, FormRenderer
from appliance.services.context import Context
from appliance.services.disc_form import form_values, readme_text
from appliance.services.disc_staging import (
    StepFailed,
    expected_tree,
    first_difference,
    text_option,
    write_new,
)
from appliance.services.packages import PackageService

# The disc's own check, copied to its root as verify.py (standard library only).
VERIFY_SOURCE = Path(__file__).resolve().parent.parent / "adapters" / "disc_verify.py"
# Steps the kiosk shows while a disc is made.
STEPS = ("seal", "image", "read_back", "burn", "read_back_medium", "form")


@dataclass(frozen=True)
class DiscOrder:
    """What a disc is made of: the case, where it goes, and what the box cannot know."""

    case_number: str
    out_dir: Path
    burn_device: str | None = None
    place: str | None = None
    recorded_by: str | None = None
    language: str = "zh_CN"


@dataclass(frozen=True)
class CaseForDisc:
    """A case the unit head may make a disc of: its clips still held, and discs made."""

    case_number: str
    clips: int
    bytes: int
    discs: int
    # Clips filed under it whose content the retention rule deleted (DESIGN §11).
    left_out: int


@dataclass(frozen=True)
class DiscPreview:
    """What a disc of one case would hold, shown before it is made."""

    case_number: str
    clips: tuple[ArchivedClip, ...]
    left_out: tuple[int, ...]
    # The person who recorded, when the custody sessions name one holder of them all.
    recorded_by: str | None
    # The holders' names, by badge.
    names: dict[str, str]
    discs: int

    @property
    def bytes(self) -> int:
        """The recordings' size in all."""
        return sum(clip.size for clip in self.clips)


@dataclass(frozen=True)
class MadeDisc:
    """A disc made, read back and recorded."""

    disc_id: int
    case_number: str
    image_path: Path
    form_path: Path
    image_sha256: str
    image_bytes: int
    files: int
    clips: int
    package_receipt: str
    checkpoint_line: str
    burned_to: str | None
    # Clips of the case whose content the retention rule deleted (DESIGN §11): not on it.
    left_out: tuple[int, ...] = ()


class DiscService:
    """The unit head's evidence disc of one case (Art. 12(4))."""

    def __init__(
        self, ctx: Context, packages: PackageService, writer: DiscWriter, forms: FormRenderer
    ) -> None:
        self._ctx = ctx
        self._packages = packages
        self._writer = writer
        self._forms = forms

    def case_clips(self, actor: Actor, case_number: str) -> list[ArchivedClip]:
        """The clips filed under a case, as a disc would take them (by id)."""
        self._ctx.require(actor, Action.BURN_EVIDENCE, "case", case_number)
        number = check_case_number(case_number)
        clips, _gone = self._filed(number)
        return clips

    def _filed(self, number: str) -> tuple[list[ArchivedClip], tuple[int, ...]]:
        """The case's clips still archived, by id, and those the retention rule deleted.

        DESIGN §11: a deleted clip was handed over first, so the bureau holds it; the disc
        holds what the box still has, and says what it left out.
        """
        store = self._ctx.store
        clips = sorted(store.clips.listing(case_number=number, limit=1_000_000), key=lambda c: c.id)
        gone = store.retention.tombstoned_clips(c.id for c in clips)
        return [c for c in clips if c.id not in gone], tuple(sorted(gone))

    @enforces("12(4)")
    def create(
        self,
        actor: Actor,
        order: DiscOrder,
        progress: Callable[[str], None] | None = None,
    ) -> MadeDisc:
        """Make the disc; a refusal changes nothing, leaves no file and is audited."""
        self._ctx.require(actor, Action.BURN_EVIDENCE, "case", order.case_number)
        ident = order.case_number
        try:
            number = check_case_number(order.case_number)
            ident = number
            return self._create(actor, number, order, progress or (lambda _step: None))
        except Refusal as refusal:
            with self._ctx.store.transaction():
                self._ctx.record(
                    actor,
                    "disc_create",
                    "case",
                    ident,
                    "refused",
                    reason=refusal.reason,
                    params={k: str(v) for k, v in sorted(refusal.params.items())},
                    detail=getattr(refusal, "detail", ""),
                )
            raise

    def _check_order(
        self, number: str, order: DiscOrder
    ) -> tuple[list[ArchivedClip], tuple[int, ...], Path, Path, str, str]:
        """Everything that can be refused before anything is written."""
        place = text_option(order.place, "disc.bad_place")
        recorded_by = text_option(order.recorded_by, "disc.bad_recorded_by")
        if order.burn_device is not None and not self._writer.accepts(order.burn_device):
            # Before anything is sealed: a disc that cannot be burnt is not begun.
            raise Refused("disc.not_a_burner", device=order.burn_device)
        out = order.out_dir
        if not out.is_dir() or out.is_symlink():
            raise BadInput("disc.out_missing", path=str(out))
        stem = disc_stem(number)
        image, form = out / f"{stem}.iso", out / form_name(stem)
        for path in (image, form):
            if os.path.lexists(path):
                raise BadInput("disc.out_exists", path=str(path))
        clips, left_out, place, recorded_by = self._content(number, place, recorded_by)
        return clips, left_out, image, form, place, recorded_by

    def _content(
        self, number: str, place: str | None, recorded_by: str | None
    ) -> tuple[list[ArchivedClip], tuple[int, ...], str, str]:
        """The case's clips and the form's two asked fields, or the refusal of the disc."""
        store = self._ctx.store
        clips, left_out = self._filed(number)
        if not clips and left_out:
            raise Refused("disc.all_deleted_by_rule", case=number, clips=len(left_out))
        if not clips:
            raise Refused("disc.unknown_case", case=number)
        classes = store.releases.classes(c.id for c in clips)
        for clip in clips:
            # Art. 3, DESIGN §10: a state secret never leaves the kiosk, not even as evidence.
            if classes.get(clip.id) is Classification.STATE_SECRET:
                raise Refused("disc.state_secret", clip=clip.id)
        if place is None:
            # Art. 12(4): the place is on the form, and the box cannot know it.
            raise BadInput("disc.place_needed")
        names = {p.badge: p.name for p in store.people.all_people()}
        recorded_by = recorded_by or recorded_by_default(clips, names)
        if recorded_by is None:
            raise BadInput("disc.recorded_by_needed")
        return clips, left_out, place, recorded_by

    def check(
        self, actor: Actor, case_number: str, place: str | None, recorded_by: str | None
    ) -> str:
        """What `create` would refuse of this case's content and form fields, refused now
        (the kiosk asks before the service begins); the case number as checked. Records
        nothing: the caller audits the refusal as its own act."""
        self._ctx.require(actor, Action.BURN_EVIDENCE, "case", case_number)
        number = check_case_number(case_number)
        place_text = text_option(place, "disc.bad_place")
        recorded_text = text_option(recorded_by, "disc.bad_recorded_by")
        self._content(number, place_text, recorded_text)
        return number

    def cases(self, actor: Actor) -> list[CaseForDisc]:
        """Every case with clips filed under it that the box still holds, by case number."""
        self._ctx.require(actor, Action.BURN_EVIDENCE, "case", "*")
        store = self._ctx.store
        filed = store.clips.filed_cases()
        gone = store.retention.tombstoned_clips(
            clip_id for clips in filed.values() for clip_id, _size in clips
        )
        made = store.discs.discs_per_case()
        found = []
        for number, clips in sorted(filed.items()):
            kept = [(clip_id, size) for clip_id, size in clips if clip_id not in gone]
            if kept:
                found.append(
                    CaseForDisc(
                        number,
                        len(kept),
                        sum(size for _id, size in kept),
                        made.get(number, 0),
                        len(clips) - len(kept),
                    )
                )
        return found

    def preview(self, actor: Actor, case_number: str) -> DiscPreview:
        """What a disc of the case would hold, and who recorded, when the box can tell."""
        self._ctx.require(actor, Action.BURN_EVIDENCE, "case", case_number)
        number = check_case_number(case_number)
        clips, left_out = self._filed(number)
        names = {p.badge: p.name for p in self._ctx.store.people.all_people()}
        return DiscPreview(
            number,
            tuple(clips),
            left_out,
            recorded_by_default(clips, names) if clips else None,
            {badge: names[badge] for badge in {c.holder_badge for c in clips} if badge in names},
            len(self._ctx.store.discs.of_case(number)),
        )

    def _facts(self, clips: list[ArchivedClip], place: str, recorded_by: str) -> FormFacts:
        store = self._ctx.store
        return FormFacts(
            names={p.badge: p.name for p in store.people.all_people()},
            devices={r.serial: (r.brand, r.model) for r in store.recorders.all_recorders()},
            paths={c.id: payload_path(c.id, c.day, c.holder_badge, c.source_name) for c in clips},
            zone=local_zone(self._ctx.settings),
            place=place,
            recorded_by=recorded_by,
        )

    def _create(
        self, actor: Actor, number: str, order: DiscOrder, step: Callable[[str], None]
    ) -> MadeDisc:
        clips, left_out, image_path, form_path, place, recorded_by = self._check_order(
            number, order
        )
        stem = disc_stem(number)
        fields = form_fields(clips, self._facts(clips, place, recorded_by))
        staging = order.out_dir / f".{stem}.disc-{uuid.uuid4().hex[:12]}"
        staging.mkdir(mode=0o750)
        made: list[Path] = []
        try:
            step("seal")
            sealed = self._packages.seal(actor, "disc", number, clips, staging / stem)
            checkpoint = (staging / stem / CHECKPOINT_TXT).read_text(encoding="ascii").strip()
            now = self._ctx.clock.now()
            unit = (self._ctx.settings.unit_code, self._ctx.settings.unit_name)
            lang = order.language

            def render(image_sha256: str | None) -> bytes:
                values = form_values(
                    number, unit, fields, stem, sealed.signature_sha256, checkpoint,
                    image_sha256, now, lang,
                )  # fmt: skip
                try:
                    return self._forms.render("record_form", values, now)
                except FormError as exc:
                    raise StepFailed("disc.form_failed", exc.detail) from None

            write_new(staging / form_name(stem), render(None))
            write_new(staging / VERIFY_PY, VERIFY_SOURCE.read_bytes())
            readme = readme_text(number, unit, stem, sealed.signature_sha256, checkpoint)
            write_new(staging / README_TXT, readme.encode("utf-8"))
            expected = expected_tree(staging, {f"{stem}/{r.path}": r.sha256 for r in fields.files})
            step("image")
            image = self._writer.image(staging, image_path, volume_id(number))
            made.append(image_path)
            step("read_back")
            self._read_back(image_path, expected)
            burned_to = None
            if order.burn_device:
                step("burn")
                self._writer.burn(image_path, order.burn_device)
                burned_to = order.burn_device
                step("read_back_medium")
                self._read_back(Path(order.burn_device), expected)
            step("form")
            printed = render(image.sha256)
            made.append(form_path)
            write_new(form_path, printed)
            record = DiscRecord(
                id=0,
                case_number=number,
                package_id=sealed.id,
                image_name=image_path.name,
                image_sha256=image.sha256,
                image_bytes=image.size,
                volume_id=image.volume_id,
                form_sha256=hashlib.sha256(printed).hexdigest(),
                files=image.files,
                burned_to=burned_to,
                place=place,
                recorded_by=recorded_by,
                made_by=actor.actor_id,
                made_at=now,
            )
            with self._ctx.store.transaction():
                disc_id = self._ctx.store.discs.add_disc(record, (c.id for c in clips))
                self._ctx.record(
                    actor,
                    "disc_made",
                    "disc",
                    str(disc_id),
                    case=number,
                    package=sealed.id,
                    clips=[c.id for c in clips],
                    image_sha256=image.sha256,
                    image_bytes=image.size,
                    files_read_back=len(expected),
                    form_sha256=record.form_sha256,
                    burned_to=burned_to,
                    written_to=str(image_path),
                    left_out_deleted_by_rule=list(left_out),
                )
        except DiscError as failure:
            self._discard(made)
            raise StepFailed(f"disc.{failure.reason}", failure.detail) from None
        except BaseException:
            self._discard(made)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return MadeDisc(
            disc_id, number, image_path, form_path, image.sha256, image.size, image.files,
            len(clips), sealed.signature_sha256, checkpoint, burned_to, left_out,
        )  # fmt: skip

    def _read_back(self, medium: Path, expected: dict[str, str]) -> None:
        """Every file re-hashed from the medium must be what was staged, and nothing more."""
        found = self._writer.read_back(medium)
        wrong = first_difference(expected, found)
        if wrong is not None:
            raise StepFailed("disc.read_back_mismatch", wrong, file=wrong)

    @staticmethod
    def _discard(paths: list[Path]) -> None:
        # An image or form of a disc that failed is not evidence: it must not be taken for one.
        for path in paths:
            if path.is_file() and not path.is_symlink():
                path.unlink()
