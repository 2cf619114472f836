"""Provides the `bwc audit` commands: verify the chain and the state, sign checkpoints."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appliance.cli.audit_log import add_log
from appliance.cli.output import EXIT_OK, EXIT_REFUSED, Output, os_actor
from appliance.domain.errors import BadInput

if TYPE_CHECKING:
    from appliance.bootstrap import Services
    from appliance.services.audit import VerifyResult

# The audit office reads findings, not a wall of them: the rest is counted.
_SHOWN_FINDINGS = 20


def _public_key(services: Services, path: str | None) -> str | None:
    if path is None:
        return None
    try:
        text = Path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError, ValueError):
        raise BadInput("key_unreadable", path=path) from None
    if not services.audit.is_public_key(text):
        raise BadInput("key_unreadable", path=path)
    return text


def _say_findings(result: VerifyResult, out: Output) -> None:
    chain = result.chain
    if not chain.intact:
        out.say(f"chain.{chain.problem}", seq=chain.first_bad_seq, expected=chain.size + 1)
    if result.state_problem is not None:
        out.say(f"audit.{result.state_problem.code}", **result.state_problem.params)
    difference = result.state_difference
    if difference is not None:
        out.say(
            f"state.{difference.problem}",
            table=difference.table,
            key=difference.key,
            column=difference.column,
            count=result.state_differences,
        )
    if result.integrity_problem:
        out.say("audit.integrity", detail=result.integrity_problem)
    if result.verified_head_problem is not None:
        problem = result.verified_head_problem
        out.say(f"audit.{problem.code}", **problem.params)
    for finding in result.archive_findings[:_SHOWN_FINDINGS]:
        out.say(
            f"archive.{finding.problem}",
            sha256=finding.sha256,
            expected=finding.expected_size,
            actual=finding.actual_size,
        )
    if len(result.archive_findings) > _SHOWN_FINDINGS:
        out.say("audit.more_findings", count=len(result.archive_findings) - _SHOWN_FINDINGS)
    if result.checkpoint_problem is not None:
        problem = result.checkpoint_problem
        out.say(f"checkpoint.{problem.code}", **problem.params)


def cmd_audit_verify(services: Services, args: argparse.Namespace, out: Output) -> int:
    key = _public_key(services, args.public_key)
    result = services.audit.verify(
        os_actor(services.settings.unit_code, "system"), args.checkpoint, key
    )
    chain = result.chain
    difference = result.state_difference
    out.data(
        clean=result.clean,
        intact=chain.intact,
        size=chain.size,
        head=chain.head_hash,
        first_bad_seq=chain.first_bad_seq,
        problem=chain.problem,
        state_difference=None
        if difference is None
        else {
            "table": difference.table,
            "key": difference.key,
            "column": difference.column,
            "problem": difference.problem,
            "rows_differing": result.state_differences,
        },
        integrity_problem=result.integrity_problem,
        archive_findings=[
            {
                "sha256": f.sha256,
                "problem": f.problem,
                "expected_size": f.expected_size,
                "actual_size": f.actual_size,
            }
            for f in result.archive_findings
        ],
        checkpoint_ok=(result.checkpoint is not None and result.checkpoint_problem is None),
        checkpoint_problem=None
        if result.checkpoint_problem is None
        else {"code": result.checkpoint_problem.code, **result.checkpoint_problem.params},
    )
    if not result.clean:
        _say_findings(result, out)
        return EXIT_REFUSED
    out.say("cli.audit_intact", size=chain.size, head=chain.head_hash)
    out.say("audit.state_ok", rows=result.state_rows)
    out.say("audit.archive_ok", files=result.archive_files)
    if result.checkpoint is not None:
        out.say("cli.checkpoint_ok", size=result.checkpoint.size, at=result.checkpoint.at)
    out.say("cli.audit_not_covered")
    return EXIT_OK


def cmd_audit_checkpoint(services: Services, args: argparse.Namespace, out: Output) -> int:
    target = Path(args.out) if args.out else None
    checkpoint = services.audit.checkpoint(os_actor(services.settings.unit_code, "system"), target)
    out.line(checkpoint.line())
    out.data(
        line=checkpoint.line(),
        size=checkpoint.size,
        head=checkpoint.head_hash,
        at=checkpoint.at,
        key=checkpoint.key,
        public_key=services.ctx.audit_signer.public_key_b64(),
    )
    return EXIT_OK


def register(sub: Any) -> None:
    """Add `bwc audit` to the `bwc` command."""
    audit = sub.add_parser("audit", help="the audit chain").add_subparsers(
        dest="sub", required=True
    )
    verify = audit.add_parser("verify", help="verify the chain, the state and the archive")
    verify.add_argument("--checkpoint", type=Path, help="a checkpoint kept off the box")
    verify.add_argument("--public-key", help="the unit's public key file (default: the home's)")
    # An emptied or replaced database is the audit office's to examine (DESIGN §5.2).
    verify.set_defaults(handler=cmd_audit_verify, any_database=True)
    checkpoint = audit.add_parser("checkpoint", help="sign the chain's head")
    checkpoint.add_argument("--out", help="also write the line to this file")
    checkpoint.set_defaults(handler=cmd_audit_checkpoint, any_database=True)
    add_log(audit)
