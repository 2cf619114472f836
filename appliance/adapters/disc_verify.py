"""Provides verify.py, the check an evidence disc carries for any computer (DESIGN §12).

Copied to the root of every disc as `verify.py`; it needs only Python 3.8+ and its standard
library, so a court can run `python3 verify.py` on the disc itself. It re-hashes every file
of the sealed package against its BagIt manifests, checks the tag manifest against the digest
`signature.txt` names, and re-walks the audit chain slice up to the checkpoint. It cannot
check the Ed25519 signatures (that needs a library): `bwc disc verify` or
`bwc package verify --public-key` with the unit's public key does. Exit 0 when every check
passes, 1 when one fails, 2 when there is no package to check.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys

CHUNK = 1 << 20
PAYLOAD_MANIFEST = "manifest-sha256.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = "signature.txt"
BAG_INFO = "bag-info.txt"
AUDIT_JSONL = "metadata/audit.jsonl"
CHECKPOINT = "metadata/checkpoint.txt"
GENESIS = "0" * 64


class Failed(Exception):
    """One check failed; the message says which file and what, in English and Chinese."""


def say(english: str, chinese: str) -> None:
    """One line in both languages: the disc may be read anywhere."""
    print(f"{english} / {chinese}")


def sha256_of(path: str) -> str:
    """The sha256 of a regular file, opened without following a link."""
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            digest.update(chunk)
    return digest.hexdigest()


def every_file(root: str) -> dict[str, str]:
    """Every regular file under root, by its "/"-separated relative path; links refused."""
    found: dict[str, str] = {}
    for directory, folders, names in os.walk(root, followlinks=False):
        for name in folders + names:
            full = os.path.join(directory, name)
            relative = os.path.relpath(full, root).replace(os.sep, "/")
            mode = os.lstat(full).st_mode
            if stat.S_ISLNK(mode):
                raise Failed(f"a link is on the disc: {relative!r} / 光盘上有链接：{relative!r}")
            if stat.S_ISREG(mode):
                found[relative] = full
    return found


def read_manifest(path: str, name: str) -> dict[str, str]:
    """A BagIt sha256 manifest as {path: digest}; a path with `..` or a leading / fails."""
    entries: dict[str, str] = {}
    with open(path, encoding="utf-8") as stream:
        for line in stream.read().splitlines():
            if not line.strip():
                continue
            digest, _, listed = line.partition(" ")
            listed = listed.lstrip(" ")
            listed = listed.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
            parts = listed.split("/")
            if len(digest) != 64 or listed.startswith("/") or ".." in parts or "" in parts:
                raise Failed(f"{name} has a bad line / {name} 中有无效的行")
            entries[listed] = digest
    return entries


def check_hashes(package: str, files: dict[str, str], entries: dict[str, str], what: str) -> int:
    """Re-hash every file a manifest names; the number checked."""
    for listed in sorted(entries):
        if listed not in files:
            raise Failed(f"missing {what} file: {listed!r} / 缺少文件：{listed!r}")
        if sha256_of(files[listed]) != entries[listed]:
            raise Failed(f"CHANGED {what} file: {listed!r} / 文件已被改动：{listed!r}")
    return len(entries)


def event_hash(event: dict[str, object]) -> str:
    """sha256(prev_hash ‖ canonical JSON of the event's fields), as the kiosk computes it."""
    fields = {
        "action": event["action"],
        "actor": event["actor"],
        "at": event["at"],
        "detail": event["detail_json"],
        "object_id": event["object_id"],
        "object_type": event["object_type"],
        "outcome": event["outcome"],
        "role": event["role"],
        "seq": int(str(event["seq"])),
    }
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    payload = (str(event["prev_hash"]) + text).encode("utf-8", "surrogateescape")
    return hashlib.sha256(payload).hexdigest()


def check_chain(files: dict[str, str]) -> tuple[int, str]:
    """Re-hash the chain slice, link by link, up to the checkpoint; (events, checkpoint)."""
    with open(files[CHECKPOINT], encoding="ascii") as stream:
        checkpoint = stream.read().strip()
    words = dict(w.split("=", 1) for w in checkpoint.split(" ")[1:] if "=" in w)
    previous: dict[str, object] | None = None
    count = 0
    with open(files[AUDIT_JSONL], encoding="utf-8") as stream:
        for line in stream:
            event = json.loads(line)
            if event_hash(event) != event["hash"]:
                raise Failed(f"audit event {event['seq']} was changed / 审计事件被改动")
            if previous is not None and (
                int(str(event["seq"])) != int(str(previous["seq"])) + 1
                or event["prev_hash"] != previous["hash"]
            ):
                raise Failed(f"the audit chain breaks at {event['seq']} / 审计链在此断开")
            previous = event
            count += 1
    if previous is None or (
        str(previous["seq"]) != words.get("size") or previous["hash"] != words.get("head")
    ):
        raise Failed("the audit chain does not end at the checkpoint / 审计链与检查点不符")
    return count, checkpoint


def find_package(disc: str) -> str:
    """The one folder on the disc that holds a BagIt package."""
    found = [
        os.path.join(disc, name)
        for name in sorted(os.listdir(disc))
        if os.path.isfile(os.path.join(disc, name, "bagit.txt"))
        and not os.path.islink(os.path.join(disc, name))
    ]
    if len(found) != 1:
        raise LookupError(disc)
    return found[0]


def verify(package: str) -> None:
    """Every check in turn; Failed at the first that does not hold."""
    files = every_file(package)
    for required in ("bagit.txt", BAG_INFO, PAYLOAD_MANIFEST, TAG_MANIFEST, SIGNATURE):
        if required not in files:
            raise Failed(f"missing {required} / 缺少 {required}")
    with open(files[SIGNATURE], encoding="ascii") as stream:
        signature = stream.read()
    named = dict(w.split("=", 1) for w in signature.split() if "=" in w)
    if sha256_of(files[TAG_MANIFEST]) != named.get("tagmanifest-sha256"):
        raise Failed("the tag manifest is not the one signed / 标签清单与签名不符")
    tags = read_manifest(files[TAG_MANIFEST], TAG_MANIFEST)
    check_hashes(package, files, tags, "tag")
    payload = read_manifest(files[PAYLOAD_MANIFEST], PAYLOAD_MANIFEST)
    if any(not listed.startswith("data/") for listed in payload):
        raise Failed("the payload manifest names a file outside data/ / 清单越界")
    checked = check_hashes(package, files, payload, "footage")
    extra = sorted(set(files) - set(tags) - set(payload) - {TAG_MANIFEST, SIGNATURE})
    if extra:
        raise Failed(f"a file no manifest names: {extra[0]!r} / 清单外的文件：{extra[0]!r}")
    size = sum(os.path.getsize(files[listed]) for listed in payload)
    with open(files[BAG_INFO], encoding="utf-8") as stream:
        info = dict(line.split(":", 1) for line in stream.read().splitlines() if ":" in line)
    if info.get("Payload-Oxum", "").strip() != f"{size}.{len(payload)}":
        raise Failed("bag-info.txt does not match the footage / bag-info.txt 与音视频资料不符")
    events, checkpoint = check_chain(files)
    say(
        f"OK: {checked} footage file(s), {size} bytes, every sha256 matches",
        f"通过：{checked} 个音视频文件、{size} 字节，sha256 全部一致",
    )
    say(
        f"OK: {events} audit event(s) link up to the checkpoint",
        f"通过：{events} 条审计事件与检查点相连",
    )
    say(f"checkpoint: {checkpoint}", "检查点见上一行")
    say(
        f"NOT CHECKED HERE: the signatures (key {named.get('key', '?')}); "
        "use `bwc disc verify` with the unit's public key",
        "此处未校验签名：请使用 `bwc disc verify` 和本单位公钥校验",
    )


def main(argv: list[str]) -> int:
    """Check the disc this file is on, or the folder given."""
    disc = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    try:
        package = find_package(disc)
    except (LookupError, OSError):
        say("FAILED: no sealed package found here", "失败：此处未找到封存包")
        return 2
    try:
        verify(package)
    except Failed as failed:
        say("FAILED", "失败")
        print(failed)
        return 1
    except (OSError, ValueError, KeyError, TypeError) as exc:
        say("FAILED: the package cannot be read", "失败：封存包无法读取")
        print(type(exc).__name__)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
