"""Provides the regulation's sentences by article id, parsed from its English and Chinese text."""

from __future__ import annotations

import re

_EN_ARTICLE = re.compile(r"^- \*\*Art\. (\d+)\*\*\s*(.*)$")
_EN_ITEM = re.compile(r"^\s+(\d+)\.\s+(.*)$")
_ZH_ARTICLE = re.compile(r"^第([一二三四五六七八九十]+)条\s*(.*)$")
_ZH_ITEM = re.compile(r"^\s*-?\s*[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$")
_ZH_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章")
_DIGITS = "一二三四五六七八九"
# The Chinese original was typed with spaces and line breaks inside sentences.
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def chinese_number(text: str) -> int:
    """一 .. 十九 as a number."""
    if text.startswith("十"):
        return 10 + (_DIGITS.index(text[1]) + 1 if len(text) > 1 else 0)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.index(tens) + 1) * 10 + (_DIGITS.index(units) + 1 if units else 0)
    return _DIGITS.index(text) + 1


def _joined(parts: list[str]) -> str:
    return " ".join(" ".join(parts).split())


def english_sentences(text: str) -> dict[str, str]:
    """Article id ("4", "12(3)") -> its sentence, from regulation.en.md; emphasis removed."""
    found: dict[str, list[str]] = {}
    article = current = ""
    for line in text.splitlines():
        if heading := _EN_ARTICLE.match(line):
            article = current = heading.group(1)
            found[current] = [heading.group(2)]
        elif article and (item := _EN_ITEM.match(line)):
            current = f"{article}({item.group(1)})"
            found[current] = [item.group(2)]
        elif current and line.startswith(" ") and line.strip():
            found[current].append(line.strip())
        elif line.startswith("#"):
            article = current = ""
    return {key: _joined(parts).replace("**", "").replace("*", "") for key, parts in found.items()}


def chinese_sentences(text: str) -> dict[str, str]:
    """Article id -> its sentence, from the Chinese original; stray spaces inside it removed."""
    found: dict[str, list[str]] = {}
    article = current = ""
    for line in text.splitlines():
        if heading := _ZH_ARTICLE.match(line.strip()):
            article = current = str(chinese_number(heading.group(1)))
            found[current] = [heading.group(2)]
        elif _ZH_CHAPTER.match(line.strip()):
            article = current = ""
        elif article and (item := _ZH_ITEM.match(line)):
            current = f"{article}({chinese_number(item.group(1))})"
            found[current] = [item.group(2)]
        elif current and line.strip():
            found[current].append(line.strip())
    return {key: _CJK_SPACE.sub("", _joined(parts)) for key, parts in found.items()}
