"""Provides the words of the audit office's report screen (Art. 15, 16), as (English, 简体中文)."""

from __future__ import annotations

AUDIT_SCREEN_MESSAGES: dict[str, tuple[str, str]] = {
    "ui.audit_report.title": ("Audit report of a period", "时段督察报告"),
    "ui.audit_report.from": ("from YYYY-MM-DD", "起始 YYYY-MM-DD"),
    "ui.audit_report.to": ("to YYYY-MM-DD", "截止 YYYY-MM-DD"),
    "ui.audit_report.show": ("Show", "显示"),
    "ui.audit_report.ask": (
        "Write the period's first and last day, then press Show.",
        "请填写时段的起止日期，然后按“显示”。",
    ),
    "ui.audit_report.summary": (
        "{first} to {last}: {count} findings: {kinds}.",
        "{first} 至 {last}：发现问题 {count} 项：{kinds}。",
    ),
    "ui.audit_report.summary_none": (
        "{first} to {last}: no findings.",
        "{first} 至 {last}：未发现问题。",
    ),
    # One kind in the summary: its id (the charts' label), its words and its count.
    "ui.audit_report.kind_count": ("{kind} {label} {count}", "{kind} {label} {count} 项"),
    "ui.audit_report.kind_separator": (", ", "，"),
    "ui.audit_report.officer_count": ("{name} ({badge}): {count}", "{name}（{badge}）：{count} 项"),
    "ui.audit_report.nobody_count": ("{nobody}: {count}", "{nobody}：{count} 项"),
    "ui.audit_report.fixity": (
        "{title}: {runs} runs, {checked} re-hashed, {mismatched} changed, {missing} missing.",
        "{title}：{runs} 次，校验 {checked} 个，不符 {mismatched} 个，缺失 {missing} 个。",
    ),
    "ui.audit_report.chain": ("{title}: {state}", "{title}：{state}"),
}
