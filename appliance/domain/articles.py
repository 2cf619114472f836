"""Provides the regulation's article ids and the registry of the rules that enforce each."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

# Art. 5, 12 and 16 are lists of numbered items; each item is an article id of its own and the
# article itself is not (a rule or a test names the item it serves).
_ITEMS = {"5": 8, "12": 4, "16": 5}

ARTICLES: tuple[str, ...] = tuple(
    article_id
    for number in range(2, 17)
    for article_id in (
        [f"{number}({item})" for item in range(1, _ITEMS[str(number)] + 1)]
        if str(number) in _ITEMS
        else [str(number)]
    )
)
KNOWN = frozenset(ARTICLES)

# What the box cannot see or enforce: conduct at the scene, and a catch-all. Each reason is
# (English, 简体中文), said by `bwc rules`.
OUT_OF_REACH: dict[str, tuple[str, str]] = {
    "5(2)": (
        "how the camera is worn and switched on before patrol happens on the street, away "
        "from the box",
        "巡查前佩戴位置和开机状态发生在现场，设备不在本机上",
    ),
    "5(3)": (
        "which duties are guarding key points or large events is not known to the box",
        "本机不掌握哪些任务属于重点点位盯守或大型活动",
    ),
    "5(5)": (
        "when the officer reached the scene is not recorded anywhere the box can read",
        "执法人员到达现场的时间不在本机可读取的任何记录中",
    ),
    "5(6)": (
        "whether a case is sensitive or major, and which other devices were used, is decided "
        "at the scene",
        "案件是否敏感重大、是否另用其他设备，在现场决定",
    ),
    "5(7)": (
        "the warning given to an uncooperative party is spoken at the scene",
        "对不配合当事人的警告和告知在现场口头作出",
    ),
    "6": (
        "what the officer says to the party at the scene never reaches the box",
        "执法人员在现场对当事人所说的话不经过本机",
    ),
    "16(5)": (
        "'other cases' names no duty the box could check; the city's and district's rules "
        "decide them",
        "“其他情形”没有本机可检查的具体义务，由市、区有关规定认定",
    ),
}

_Enforcer = TypeVar("_Enforcer", bound=Callable[..., object])

# Article id -> the qualified names ("module.Class.method") of the rules that enforce it.
RULES: dict[str, list[str]] = {article_id: [] for article_id in ARTICLES}


def check_article(article_id: str) -> str:
    """The id itself when the regulation has it; an unknown id is a ValueError."""
    if article_id not in KNOWN:
        raise ValueError(f"no article {article_id!r} in the regulation (known: {ARTICLES})")
    return article_id


def enforces(*article_ids: str) -> Callable[[_Enforcer], _Enforcer]:
    """Record the decorated rule or service as enforcing each article; return it unchanged."""
    if not article_ids:
        raise ValueError("enforces() names no article")
    checked = [check_article(article_id) for article_id in article_ids]

    def record(enforcer: _Enforcer) -> _Enforcer:
        name = f"{enforcer.__module__}.{enforcer.__qualname__}"
        for article_id in checked:
            if name not in RULES[article_id]:
                RULES[article_id].append(name)
        return enforcer

    return record


for _reached in OUT_OF_REACH:
    check_article(_reached)
