"""Provides the README check: every ```sh block runs as written, in order, on a fresh home.

Issue 9 item 6: the examples are copy-pasteable. The test gives them what the README tells the
reader to set up (`bwc` on PATH, `BWC_HOME` naming a fresh home, a scratch working folder);
each line runs in bash and must exit 0, or the code a comment starting `# exits N` names.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^```(sh|console)\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXPECTED_EXIT = re.compile(r"#\s*exits (\d)\b")


def readme_blocks() -> list[str]:
    """The README's runnable blocks, in order."""
    return [body for _, body in BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))]


def command_lines(block: str) -> list[str]:
    """Each command of a block (one per line; comments and blank lines left out)."""
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_the_readme_has_runnable_blocks() -> None:
    blocks = readme_blocks()
    assert len(blocks) >= 4
    assert all(command_lines(block) for block in blocks)
    # Usage brackets are for --help, not for a block that is meant to be pasted.
    for block in blocks:
        for line in command_lines(block):
            command = line.split("#", 1)[0]
            assert not re.search(r"\[--?[a-z]", command), line


def test_every_readme_block_runs_as_written(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("BWC_", "TEXTUAL"))
    }
    env["PATH"] = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["BWC_HOME"] = str(tmp_path / "bwc-try")
    env["HOME"] = str(tmp_path)
    for block in readme_blocks():
        for line in command_lines(block):
            found = EXPECTED_EXIT.search(line)
            expected = int(found.group(1)) if found else 0
            ran = subprocess.run(  # noqa: S603 -- the README's own lines, in a scratch folder
                ["/bin/bash", "-o", "pipefail", "-c", line],  # noqa: S607
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert ran.returncode == expected, (line, ran.stdout, ran.stderr)
            assert "Traceback" not in ran.stderr, line
            if expected:
                # A refusal is one line, never a traceback (DESIGN §8).
                assert ran.stderr.strip(), line
    verified = subprocess.run(  # noqa: S603
        [str(ROOT / ".venv" / "bin" / "bwc"), "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stderr
