"""Provides the unit head's evidence disc at the kiosk (Art. 12(4), DESIGN §12).

The unit head chooses a case, sees its clips, gives the place (and who recorded, when the box
cannot tell), puts a blank disc in the burner and asks for the disc. The disc is made by
DiscService: sealed, imaged, read back from the image, burnt, read back from the disc, the
record form printed; only then are the clips evidence.

Two modes, as for the hand-over: the demo (which holds the unit's key) makes the disc itself;
on the box the kiosk holds no key and may not open the burner (DESIGN §6: the udev rule gives it
to the service user alone), so it queues a `disc_burn` request that the service (`bwc dock`,
`bwc label serve`) does in the unit head's name, saying how far it is on the request's progress
row (steps, not bytes) and answering on the row the kiosk reads back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from appliance.domain.errors import BadInput, Refused
from appliance.domain.records import Actor
from appliance.domain.requests import KioskRequest, RequestKind
from appliance.domain.roles import Action
from appliance.i18n import LANGUAGES
from appliance.ports import DiscWriter, Printer, PrintError
from appliance.services.context import Context
from appliance.services.discs import STEPS, DiscOrder, DiscService, MadeDisc
from appliance.services.handover_requests import Answer

ASKED_ACTION = "disc_burn_requested"
# Where the kiosk's discs are written: one new folder per disc, so a case may have several.
DISCS_FOLDER = "discs"


@dataclass(frozen=True)
class KioskDisc:
    """A disc made at the kiosk, and what became of its form on the printer."""

    made: MadeDisc
    printer: str
    # The printer's job when the form was printed; else why not (`print.<reason>`).
    job: str | None
    not_printed: str = ""


class DiscRequests:
    """Make a case's disc at the kiosk: directly (the demo) or through the service (the box)."""

    def __init__(
        self, ctx: Context, discs: DiscService, writer: DiscWriter, printer: Printer
    ) -> None:
        self._ctx = ctx
        self._discs = discs
        self._writer = writer
        self._printer = printer

    @property
    def direct(self) -> bool:
        """Whether this process makes the disc itself (it holds the unit's key: the demo)."""
        return self._ctx.audit_signer.can_sign()

    def burner_ready(self) -> bool:
        """Whether a burner is attached now (what the screen tells before anything is asked)."""
        return self._writer.blank_medium(self._ctx.settings.disc_burner) is not None

    def make(
        self,
        actor: Actor,
        case_number: str,
        place: str | None,
        recorded_by: str | None,
        language: str,
        step: Callable[[str], None] | None = None,
    ) -> KioskDisc:
        """The case's disc burnt on the attached burner, read back, its form printed.

        A refusal leaves nothing behind and is in the audit log (DiscService.create's). A form
        the printer did not take leaves the disc made: it is printed again from its file.
        """
        self._ctx.require(actor, Action.BURN_EVIDENCE, "case", case_number)
        medium = self._writer.blank_medium(self._ctx.settings.disc_burner)
        if medium is None:
            with self._ctx.audited(actor, "disc_create", "case", case_number):
                self._discs.check(actor, case_number, place, recorded_by)
                # Before anything is sealed: a disc that cannot be burnt is not begun.
                raise Refused("disc.no_burner", burner=self._ctx.settings.disc_burner)
        folder = self._new_folder()
        order = DiscOrder(case_number, folder, medium, place, recorded_by, _language(language))
        try:
            made = self._discs.create(actor, order, step)
        except BaseException:
            # A disc that was not made leaves no folder of its own behind.
            if not any(folder.iterdir()):
                folder.rmdir()
            raise
        return self._print(actor, made)

    def _print(self, actor: Actor, made: MadeDisc) -> KioskDisc:
        """Art. 12(4): the form goes to paper, to be signed and sealed; each try is audited."""
        printer = self._printer.name
        try:
            job = self._printer.print_pdf(made.form_path, f"{made.case_number} record form")
        except PrintError as failure:
            with self._ctx.store.transaction():
                self._ctx.record(
                    actor, "disc_form_printed", "disc", str(made.disc_id), "failed",
                    reason=f"print.{failure.reason}", printer=printer, detail=failure.detail,
                    form=str(made.form_path),
                )  # fmt: skip
            return KioskDisc(made, printer, None, f"print.{failure.reason}")
        with self._ctx.store.transaction():
            self._ctx.record(
                actor, "disc_form_printed", "disc", str(made.disc_id),
                printer=printer, job=job, form=str(made.form_path),
            )  # fmt: skip
        return KioskDisc(made, printer, job)

    def _new_folder(self) -> Path:
        now = self._ctx.clock.now()
        parent = self._ctx.settings.exports_dir / DISCS_FOLDER
        parent.mkdir(mode=0o750, parents=True, exist_ok=True)
        stamp = f"{now:%Y%m%dT%H%M%S%fZ}"
        for attempt in range(100):
            folder = parent / (stamp if attempt == 0 else f"{stamp}-{attempt}")
            try:
                folder.mkdir(mode=0o750)
            except FileExistsError:
                continue
            return folder
        raise BadInput("disc.out_exists", path=str(parent / stamp))

    # The kiosk's side, on the box.
    def ask(
        self,
        actor: Actor,
        case_number: str,
        place: str | None,
        recorded_by: str | None,
        language: str,
    ) -> KioskRequest:
        """Queue the case's disc for the service; what it would refuse now is refused here,
        in one line, and audited: nothing is queued."""
        # A denial is its own one event (Context.require), not also a refused request.
        self._ctx.require(actor, Action.BURN_EVIDENCE, "case", case_number)
        with self._ctx.audited(actor, ASKED_ACTION, "case", case_number):
            number = self._discs.check(actor, case_number, place, recorded_by)
            if not self.burner_ready():
                raise Refused("disc.no_burner", burner=self._ctx.settings.disc_burner)
            asked = {
                "place": (place or "").strip(),
                "recorded_by": (recorded_by or "").strip(),
                "language": _language(language),
            }
            kind = RequestKind.DISC_BURN
            request = self._ctx.store.requests.add(
                kind, number, actor.actor_id, self._ctx.clock.now(), asked
            )
            self._ctx.record(
                actor, ASKED_ACTION, "kiosk_request", str(request.id),
                kind=kind.value, subject=number, **asked,
            )  # fmt: skip
        return request

    # The service's side, in the requester's name; a Refusal is the request's answer.
    def burn(self, requester: Actor, request: KioskRequest) -> Answer:
        """The disc made as the unit head asked, with its steps on the progress row."""
        asked = request.params
        total = len(STEPS)

        def step(name: str) -> None:
            # A display cache (store.state): the steps begun, of all the steps.
            done = STEPS.index(name) if name in STEPS else 0
            now = self._ctx.clock.now()
            self._ctx.store.requests.set_progress(request.id, done, total, now)

        disc = self.make(
            requester,
            request.subject,
            asked.get("place") or None,
            asked.get("recorded_by") or None,
            asked.get("language", self._ctx.settings.language),
            step,
        )
        return Answer(str(disc.made.disc_id), answer_params(disc))


def answer_params(disc: KioskDisc) -> dict[str, str]:
    """What the kiosk shows of a disc made, as the request's answer carries it."""
    made = disc.made
    return {
        "printer": disc.printer,
        "job": disc.job or "",
        "not_printed": disc.not_printed,
        "disc": str(made.disc_id),
        "case": made.case_number,
        "clips": str(made.clips),
        "files": str(made.files),
        "image_sha256": made.image_sha256,
        "burned_to": made.burned_to or "",
        "form": str(made.form_path),
        "left_out": ", ".join(str(clip) for clip in made.left_out),
    }


def _language(language: str) -> str:
    return language if language in LANGUAGES else "zh_CN"
