"""Provides the hostile card corpus: good clips among links, pipes, devices and a deep chain.

Built with real files as root: a FIFO, a character device, a socket, symlinks into and out
of the card, a hard link to a file off the card, a 1,000-level folder chain and a folder
with mode 000 (unreadable to any process without CAP_DAC_OVERRIDE, see `WITHOUT_DAC`).
"""

from __future__ import annotations

import contextlib
import os
import socket
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from appliance.adapters.recorder_fs import MAX_DEPTH

CHAIN_LEVELS = 1000
# Runs a command as root without the two capabilities that let root read any folder, so a
# mode-000 folder is refused by the kernel as it is to the `bwc` service user (DESIGN §1).
WITHOUT_DAC = [
    "setpriv",
    "--inh-caps=-all",
    "--bounding-set=-dac_override,-dac_read_search",
]


@dataclass
class Corpus:
    """The card: good clip name -> bytes, skipped entry name -> reason code."""

    root: Path
    good: dict[str, bytes] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


@contextlib.contextmanager
def _inside(path: Path) -> Iterator[None]:
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def _chain(folder: Path, clip: bytes, corpus: Corpus) -> None:
    """folder/d/d/... 1,000 levels deep, built by relative steps (no path grows past PATH_MAX).

    A clip at level MAX_DEPTH is still footage; the folder below it is the one skipped.
    """
    name = folder.name
    with _inside(folder):
        for level in range(1, CHAIN_LEVELS + 1):
            os.mkdir("d")
            os.chdir("d")
            name += "/d"
            if level == MAX_DEPTH:
                Path("DEEP.MP4").write_bytes(clip)
                corpus.good[f"{name}/DEEP.MP4"] = clip
            elif level == MAX_DEPTH + 1:
                corpus.skipped[name] = "too_deep"
        Path("BOTTOM.MP4").write_bytes(clip)


def remove_chain(folder: Path) -> None:
    """Remove the chain bottom-up by relative steps (shutil.rmtree would recurse 1,000 deep)."""
    with _inside(folder):
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            for entry in os.listdir("."):
                os.unlink(entry)  # the files of this level; its "d" is already gone
            os.chdir("..")
            os.rmdir("d")


def build_corpus(root: Path, clips: list[bytes], off_card: Path) -> Corpus:
    """The card under root; off_card is a folder beside it (the box's own files)."""
    corpus = Corpus(root)
    media = root / "DCIM" / "100MEDIA"
    media.mkdir(parents=True)
    for index, clip in enumerate(clips[:3], start=1):
        (media / f"FILE{index:04d}.MP4").write_bytes(clip)
        corpus.good[f"DCIM/100MEDIA/FILE{index:04d}.MP4"] = clip
    (media / "执法 0004.MP4").write_bytes(clips[3])
    corpus.good["DCIM/100MEDIA/执法 0004.MP4"] = clips[3]

    def skip(name: str, reason: str) -> Path:
        corpus.skipped[name] = reason
        return root / name

    os.symlink("/etc/passwd", skip("DCIM/100MEDIA/out.MP4", "symlink"))
    os.symlink("FILE0001.MP4", skip("DCIM/100MEDIA/in.MP4", "symlink"))
    os.symlink("/etc", skip("DCIM/LINKDIR", "symlink"))
    os.symlink("/etc", skip("VIDEO", "symlink"))
    skip("VIDEOS", "not_a_folder").write_bytes(clips[0])
    os.mkfifo(skip("DCIM/100MEDIA/pipe.MP4", "fifo"))
    os.mknod(skip("DCIM/100MEDIA/null.MP4", "device"), stat.S_IFCHR | 0o600, os.makedev(1, 3))
    with socket.socket(socket.AF_UNIX) as listener, _inside(off_card):
        listener.bind("s")  # a short relative name: socket paths are limited to 108 bytes
        os.rename("s", skip("DCIM/100MEDIA/sock.MP4", "socket"))
    secret = off_card / "audit.key"
    secret.write_bytes(b"the box's signing key")
    os.link(secret, skip("DCIM/100MEDIA/KEY.MP4", "hard_link"))
    locked = skip("DCIM/LOCKED", "unreadable_folder")
    locked.mkdir()
    (locked / "HIDDEN.MP4").write_bytes(clips[0])
    locked.chmod(0)
    _chain(root / "DCIM", clips[0], corpus)
    return corpus
