"""Provides the words of clips' pictures and of the bureau head's approvals (English, 简体中文)."""

from __future__ import annotations

APPROVAL_MESSAGES: dict[str, tuple[str, str]] = {
    # A clip's pictures, or on a terminal without graphics its words (issue 9 item 7).
    "ui.pictures.caption": (
        "Recorded {time} · {seconds} s · recorder {serial}",
        "拍摄于 {time} · 时长 {seconds} 秒 · 记录仪 {serial}",
    ),
    "ui.pictures.unknown_length": ("?", "？"),
    # The bureau head's approvals at the kiosk (Art. 11, 13).
    "ui.approvals.title": (
        "Disclosure requests awaiting a decision (Art. 11, 13)",
        "待审批的对外提供申请（第十一条、第十三条）",
    ),
    "ui.approvals.prompt": (
        "Choose a request to see its clips, then approve or refuse it.",
        "请选择一项申请，查看其中的视频后批准或驳回。",
    ),
    "ui.approvals.none": (
        "No disclosure request is waiting for a decision.",
        "没有待审批的对外提供申请。",
    ),
    "ui.approvals.option": (
        "No. {request} · {count} clips · to {recipient} · asked {time}\n"
        "  by {name} ({role}): {reason}",
        "第 {request} 号 · {count} 个视频 · 提供给 {recipient} · 申请于 {time}\n"
        "  申请人 {name}（{role}）：{reason}",
    ),
    "ui.approvals.option.one": (
        "No. {request} · 1 clip · to {recipient} · asked {time}\n  by {name} ({role}): {reason}",
        "第 {request} 号 · 1 个视频 · 提供给 {recipient} · 申请于 {time}\n"
        "  申请人 {name}（{role}）：{reason}",
    ),
    "ui.approvals.unknown_person": ("badge {badge}", "工号 {badge}"),
    "ui.request.title": ("Disclosure request No. {request}", "对外提供申请 第 {request} 号"),
    "ui.request.summary": (
        "By {name} ({role}) on {time}: {count} clips for {recipient}. Reason: {reason}\n"
        "An approval given now may be used once, until {until}.",
        "{name}（{role}）于 {time} 申请向 {recipient} 提供 {count} 个视频。理由：{reason}\n"
        "现在批准，批准可在 {until} 前使用一次。",
    ),
    "ui.request.summary.one": (
        "By {name} ({role}) on {time}: 1 clip for {recipient}. Reason: {reason}\n"
        "An approval given now may be used once, until {until}.",
        "{name}（{role}）于 {time} 申请向 {recipient} 提供 1 个视频。理由：{reason}\n"
        "现在批准，批准可在 {until} 前使用一次。",
    ),
    "ui.request.clip": (
        "Clip {clip} · recorded {time} · {seconds} s · recorder {serial}\n"
        "Officer {officer} · {classification}{flags}",
        "视频 {clip} · 拍摄于 {time} · 时长 {seconds} 秒 · 记录仪 {serial}\n"
        "执法人员 {officer} · {classification}{flags}",
    ),
    "ui.request.no_officer": ("not known", "未记录"),
    "ui.request.names": (
        "Classes the approval names (Art. 3; state secrets never go out):",
        "批准明确的密级（第三条；国家秘密一律不予提供）：",
    ),
    "ui.request.refuse_reason": ("Reason, to refuse", "驳回理由"),
    "ui.request.approve": ("Approve", "批准"),
    "ui.request.refuse": ("Refuse", "驳回"),
}
