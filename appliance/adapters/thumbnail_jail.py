"""Provides the thumbnail decoder's jail: limits set, then ffmpeg run in this very process.

Run as `python -I -m appliance.adapters.thumbnail_jail CPU_SECONDS FFMPEG ARGS...` by
`FfmpegThumbnailer` (adapters/thumbnails), never by hand. The limits are those of the probe
worker (DESIGN §3.5: a hostile file meets a decoder that can write no file, dump no core,
open few files and use bounded memory and CPU) and survive the exec, so ffmpeg runs inside
them; the pictures leave on stdout, a pipe, which RLIMIT_FSIZE does not cover. Setting them
here rather than in a `preexec_fn` keeps the fork of a threaded parent free of Python code.
"""

from __future__ import annotations

import os
import sys

from appliance.adapters.probe_worker import confine, limit_cpu


def main(argv: list[str]) -> int:
    """Confine this process and become the ffmpeg named in argv; 2 for a bad command line."""
    if len(argv) < 2 or not os.path.isabs(argv[1]):
        return 2
    try:
        seconds = float(argv[0])
    except ValueError:
        return 2
    confine()
    limit_cpu(seconds)
    os.execv(argv[1], argv[1:])  # noqa: S606 -- an absolute binary the parent found, no shell


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
