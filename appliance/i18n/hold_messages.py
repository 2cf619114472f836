"""Provides the words of holds and retention as (English, 简体中文) (issue 11, Art. 12(3))."""

from __future__ import annotations

HOLD_MESSAGES: dict[str, tuple[str, str]] = {
    "hold_kind.complaint": ("complaint", "投诉"),
    "hold_kind.petition": ("petition", "信访"),
    "hold_kind.litigation": ("litigation", "诉讼"),
    "hold_kind.other": ("other", "其他"),
    "hold_scope.clips": ("clips {clips}", "视频 {clips}"),
    "hold_scope.case": ("case {case}", "案件 {case}"),
    "hold_scope.officer": (
        "footage of {officer} from {start} to {end}",
        "{officer} 自 {start} 至 {end} 的视听资料",
    ),
    "hold_state.active": ("in force", "有效"),
    "hold_state.lifted": ("lifted", "已解除"),
    "bad_hold_kind": (
        "A hold is for a complaint, a petition, litigation or another reason.",
        "延长保存的原因须为投诉、信访、诉讼或其他。",
    ),
    "hold_scope_unclear": (
        "A hold covers clips, one case, or one officer's footage over a time range: name one.",
        "延长保存须指定其范围：视频、一个案件，或一名执法人员在一段时间内的视听资料，三者选一。",
    ),
    "hold_range_needed": (
        "A hold on an officer's footage needs the start and the end of the time range.",
        "对执法人员视听资料的延长保存须填写起止时间。",
    ),
    "hold_range_backwards": (
        "The end of the time range must come after its start.",
        "结束时间须晚于开始时间。",
    ),
    "bad_hold_range_time": (
        "A time is a day (YYYY-MM-DD) or a day and time (YYYY-MM-DD HH:MM).",
        "时间须为日期（YYYY-MM-DD）或日期加时间（YYYY-MM-DD HH:MM）。",
    ),
    "bad_hold_id": ("That is not a hold number.", "这不是延长保存的编号。"),
    "unknown_hold": ("There is no hold {hold}.", "不存在编号为 {hold} 的延长保存。"),
    "hold_already_lifted": (
        "Hold {hold} has already been lifted.",
        "编号为 {hold} 的延长保存已经解除。",
    ),
    "hold_lift_same_person": (
        "A hold is lifted by two different people: the second badge must be someone else's.",
        "解除延长保存须由两名不同人员办理：第二个工号须为他人。",
    ),
    "hold_lift_needs_head": (
        "Lifting a hold needs a unit head or the bureau head as one of the two people.",
        "解除延长保存的两人中须有一名单位主要负责人或局领导。",
    ),
    "cli.hold_set": (
        "Hold {hold} set ({kind}): {scope}.",
        "已设置延长保存 {hold}（{kind}）：{scope}。",
    ),
    "cli.hold_lifted": (
        "Hold {hold} lifted by {by} and {second}.",
        "延长保存 {hold} 已由 {by} 和 {second} 解除。",
    ),
    "ui.holds.title": ("Holds on footage (Art. 12(3))", "延长保存（第十二条第三项）"),
    "ui.holds.scope.case": ("a case", "案件"),
    "ui.holds.scope.officer": ("an officer", "执法人员"),
    "ui.holds.subject": ("case or badge", "案件编号或工号"),
    "ui.holds.from": ("from YYYY-MM-DD", "起 YYYY-MM-DD"),
    "ui.holds.to": ("to YYYY-MM-DD", "止 YYYY-MM-DD"),
    "ui.holds.note": (
        "what came in: who complained, the file number",
        "事由：投诉或信访人、文件编号",
    ),
    "ui.holds.set": ("Set hold", "设置"),
    "ui.holds.lift": ("Lift, with a second person", "解除（需第二人确认）"),
    "ui.holds.none": ("No holds yet.", "暂无延长保存。"),
    "ui.holds.line": (
        "No. {hold} · {kind} · {covers} · set by {by} · {state} · {note}",
        "第 {hold} 号 · {kind} · {covers} · 设置人 {by} · {state} · {note}",
    ),
    "ui.holds.pick": ("Choose a reason and what the hold covers.", "请选择原因和范围。"),
    "ui.holds.pick_active": (
        "Highlight a hold in force in the list first.",
        "请先在列表中选中一项有效的延长保存。",
    ),
    "ui.holds.done_set": (
        "Hold No. {hold} is set: the footage it covers is kept until two people lift it.",
        "第 {hold} 号延长保存已设置：所涉视听资料将一直保存，直至两人共同解除。",
    ),
    "ui.holds.second_title": (
        "Lift hold No. {hold}: a second person confirms",
        "解除第 {hold} 号延长保存：请第二人确认",
    ),
    "ui.holds.done_lift": (
        "Hold No. {hold} is lifted, confirmed by {second}.",
        "第 {hold} 号延长保存已解除，确认人：{second}。",
    ),
    "retention_clock_untrusted": (
        "Nothing was deleted: the clock says {now}, but the newest audit event is {newest} "
        "(a clock behind it, or more than {days} days past it, is not trusted); an alarm is "
        "raised.",
        "未删除任何内容：系统时间为 {now}，而最新审计事件时间为 {newest}"
        "（早于该时间或超出 {days} 天的时钟不可信）；已发出告警。",
    ),
    "cli.retention_done": (
        "{judged} clips judged; {count} deleted by rule ({contents} files removed); "
        "destruction list {path}.",
        "共判定 {judged} 条视频；依规删除 {count} 条（移除 {contents} 个文件）；销毁清单 {path}。",
    ),
    "cli.retention_dry": (
        "{judged} clips judged; {count} would be deleted by rule (nothing deleted); list {path}.",
        "共判定 {judged} 条视频；依规可删除 {count} 条（本次未删除）；清单 {path}。",
    ),
    "cli.retention_deferred": (
        "{judged} clips judged; nothing deleted while an offload is running: the next run "
        "tries again; list {path}.",
        "共判定 {judged} 条视频；正在导出视频，本次未删除，下次运行时重试；清单 {path}。",
    ),
    "cli.retention_failed": (
        "{count} files could not be removed (their seal stays): an alarm is raised for each.",
        "{count} 个文件未能移除（防篡改保护未解除）：已逐一发出告警。",
    ),
    "clip_deleted_by_rule": (
        "Clip {clip} was deleted by the retention rule (Art. 12(3)): only its tombstone is left.",
        "视频 {clip} 已依保存规则删除（第十二条第三项）：仅留有删除记录。",
    ),
    "unseal_not_allowed": (
        "The seal of {sha256} stays: the retention rule does not allow its deletion.",
        "{sha256} 的防篡改保护未解除：保存规则不允许删除该文件。",
    ),
    "cli.unsealed": (
        "Seal cleared for {sha256}: its deletion by the retention rule may proceed.",
        "已解除 {sha256} 的防篡改保护：可依保存规则删除。",
    ),
    # The alarms of the retention run (shown on the board and the unit screen).
    "alarm.retention_clock": (
        "retention stopped: clock not trusted",
        "保存期限清理已停止：系统时间不可信",
    ),
    "alarm.retention_delete_failed": (
        "retention: a file could not be removed",
        "保存期限清理：有文件未能移除",
    ),
    "alarm.destruction_list_unprinted": (
        "retention: the destruction list PDF could not be made",
        "保存期限清理：销毁清单 PDF 未能生成",
    ),
    "flag.deleted_by_rule": ("deleted by the retention rule", "已依保存规则删除"),
    "cli.col.hold": ("hold", "编号"),
    "cli.col.kind": ("reason", "原因"),
    "cli.col.covers": ("covers", "范围"),
    "cli.col.note": ("note", "说明"),
    "cli.col.set_by": ("set by", "设置人"),
    "cli.col.set_at": ("set at", "设置时间"),
    "cli.col.lifted": ("lifted", "解除"),
}
