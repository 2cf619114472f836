"""Provides the evidence disc's failures (DESIGN §12, Art. 12(4)), as (English, 简体中文)."""

from __future__ import annotations

# One key per DiscError reason: `disc.<reason>`.
DISC_MESSAGES: dict[str, tuple[str, str]] = {
    "disc.image_failed": (
        "The disc image could not be made; nothing was burned to disc.",
        "光盘镜像未能生成，未刻盘存储任何内容。",
    ),
    "disc.burn_failed": (
        "Burning to disc failed; check the burner and the blank disc, then try again.",
        "刻盘存储失败：请检查刻录机和空白光盘后重试。",
    ),
    "disc.medium_unreadable": (
        "The disc cannot be read back, so it is not evidence; burn a new one.",
        "光盘无法回读校验，不能作为证据使用，请重新刻盘存储。",
    ),
    "disc.medium_missing": (
        "There is no disc to read back: insert the burned disc.",
        "没有可回读的光盘：请放入已刻录的光盘。",
    ),
    "disc.source_unusable": (
        "The footage for the disc is not in a form a disc can hold; nothing was written.",
        "待刻录的音视频资料不符合光盘要求，未写入任何内容。",
    ),
    "disc.tool_missing": (
        "The disc writing program is not installed on this kiosk.",
        "本机未安装光盘刻录程序。",
    ),
}
