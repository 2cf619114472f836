"""Provides the words of the unit head's day at the kiosk (Art. 14), as (English, 简体中文)."""

from __future__ import annotations

DAY_MESSAGES: dict[str, tuple[str, str]] = {
    "ui.home.day": ("The unit's day", "本单位日检"),
    "ui.day.title": ("The day of {unit}: {day} (Art. 14)", "{unit} {day} 日检（第十四条）"),
    "ui.day.summary": (
        "Recorders: {recorders} · custody: {sessions} · findings: {findings}"
        " · open alarms: {alarms}",
        "记录仪 {recorders} 台 · 领用 {sessions} 次 · 发现问题 {findings} 项"
        " · 未处理告警 {alarms} 条",
    ),
    "ui.day.loading": ("Reading the day …", "正在读取 …"),
    # The finding's next step, on the line under its sentence.
    "ui.day.next": ("Next step: {step}", "处理：{step}"),
    "ui.day.col_where": ("Holder or place", "使用人或去向"),
    "ui.day.previous": ("Previous day", "前一天"),
    "ui.day.following": ("Next day", "后一天"),
    "ui.day.today": ("Today", "今天"),
    "ui.day.go": ("Go to YYYY-MM-DD", "查看日期 YYYY-MM-DD"),
    "ui.day.bad_day": (
        "{day} is not a day: write it as YYYY-MM-DD.",
        "{day} 不是有效日期：请写作 YYYY-MM-DD。",
    ),
    "ui.day.future": (
        "{day} has not come yet: a day is checked once it has begun.",
        "{day} 尚未到来：只能查看已开始的日期。",
    ),
}
