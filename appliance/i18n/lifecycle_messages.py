"""Provides the words of a recorder's and a person's life as (English, 简体中文) (issue 12)."""

from __future__ import annotations

LIFECYCLE_MESSAGES: dict[str, tuple[str, str]] = {
    # Art. 9: never lent to another unit or person.
    "person_other_unit": (
        "Badge {badge} belongs to unit {unit}: recorders here are never lent to another unit "
        "or person (Art. 9).",
        "工号 {badge} 属于单位 {unit}：本单位记录仪不得外借给其他单位或个人（第九条）。",
    ),
    "other_unit_officer_only": (
        "A person of another unit ({unit}) is registered here as an officer only.",
        "其他单位（{unit}）的人员在此只能登记为执法人员。",
    ),
    "recorder_step_refused": (
        "Recorder {serial} is {state}: it cannot be {step} now.",
        "记录仪 {serial} 当前{state}，现在不能{step}。",
    ),
    "repair_check_failed": (
        "Recorder {serial} does not pass its check yet (Art. 4): {failed}.",
        "记录仪 {serial} 尚未通过检查（第四条）：{failed}。",
    ),
    "found_needs_offload": (
        "Recorder {serial} must be docked and offloaded before it returns to the pool: what it "
        "recorded while lost is evidence too (Art. 11).",
        "记录仪 {serial} 须先放入采集站导出视频，才能重新入库："
        "遗失期间的记录同样是证据（第十一条）。",
    ),
    "bad_note": (
        "The note must be given, up to 500 characters, with no control characters.",
        "须填写说明，不超过 500 个字符，且不含控制字符。",
    ),
    "bad_fault_part": (
        "Unknown fault: say battery, storage, lens, microphone, clock, casing or other.",
        "未知的故障类型：请选择电池、存储、镜头、麦克风、时钟、外壳或其他。",
    ),
    "bad_incident_kind": (
        "Unknown incident: say lost or damaged.",
        "未知的事件：请选择遗失或损坏。",
    ),
    "bad_finding": (
        "Unknown finding: say negligence, improper use, deliberate or no fault.",
        "未知的认定：请选择保管不善、使用不当、故意损坏或无责任。",
    ),
    "person_already_active": ("Badge {badge} is already active.", "工号 {badge} 已在用。"),
    "pin_change_not_due": (
        "Your PIN was chosen by you already; ask a unit head for a reset to change it.",
        "您的密码已由本人设置；如需更改，请由单位负责人重设。",
    ),
    "pin_unchanged": (
        "Choose a PIN other than the one you were given.",
        "请设置一个与所给密码不同的新密码。",
    ),
    "two_badges_at_most": (
        "Give --badge twice at most: the person who acts, then the second person.",
        "--badge 最多两次：先为办理人，再为第二人。",
    ),
    # What fails (Art. 5(8)).
    "part.battery": ("battery", "电池"),
    "part.storage": ("storage", "存储"),
    "part.lens": ("lens", "镜头"),
    "part.microphone": ("microphone", "麦克风"),
    "part.clock": ("clock", "时钟"),
    "part.casing": ("casing", "外壳"),
    "part.other": ("other", "其他"),
    # Art. 10: what happened, and the unit head's finding.
    "incident.lost": ("lost", "遗失"),
    "incident.damaged": ("damaged", "损坏"),
    "finding.negligence": ("negligence (poor care)", "保管不善"),
    "finding.improper_use": ("improper use", "使用不当"),
    "finding.deliberate": ("deliberate damage", "故意损坏"),
    "finding.no_fault": ("no fault of the holder", "领用人无责任"),
    # The steps of the recorder table, as a refusal names them.
    "step.sign_out": ("signed out", "领用"),
    "step.return": ("returned", "归还"),
    "step.return_faulty": ("returned as faulty", "作为故障归还"),
    "step.send_to_repair": ("sent for repair", "送修"),
    "step.repaired": ("taken back from repair", "修复入库"),
    "step.declare_lost": ("declared lost", "登记遗失"),
    "step.found": ("taken back as found", "找回入库"),
    "step.retire": ("retired", "报废"),
    "action.mark_repaired": ("take a recorder back from repair", "将修复的记录仪入库"),
    "action.retire_device": ("retire a recorder", "报废记录仪"),
    # Results of the commands.
    "cli.fault_reported": (
        "Fault reported on recorder {serial} ({part}): it is out of the pool for repair; its "
        "footage is still offloaded at the dock.",
        "已报告记录仪 {serial} 故障（{part}）：该记录仪停用送修，其视频仍在采集站导出。",
    ),
    "cli.repaired": (
        "Recorder {serial} passed its check and is back in the pool.",
        "记录仪 {serial} 已通过检查，重新入库。",
    ),
    "cli.incident_lost": (
        "Recorder {serial} declared lost; holder {holder}; finding: {finding} (Art. 10).",
        "已登记记录仪 {serial} 遗失；领用人 {holder}；认定：{finding}（第十条）。",
    ),
    "cli.incident_damaged": (
        "Recorder {serial} declared damaged and sent for repair; holder {holder}; finding: "
        "{finding} (Art. 10).",
        "已登记记录仪 {serial} 损坏并送修；领用人 {holder}；认定：{finding}（第十条）。",
    ),
    "cli.found": (
        "Recorder {serial} is found: offloaded, checked and back in the pool.",
        "记录仪 {serial} 已找回：视频已导出、检查通过，重新入库。",
    ),
    "cli.retired": ("Recorder {serial} retired.", "记录仪 {serial} 已报废。"),
    "cli.reactivated": (
        "Badge {badge} ({name}) is active again.",
        "工号 {badge}（{name}）已恢复使用。",
    ),
    "cli.col.time": ("time", "时间"),
    "cli.col.event": ("what happened", "事项"),
    "cli.col.unit": ("unit", "单位"),
    # One recorder's history, line by line.
    "history.signed_out": ("signed out by {badge}", "由 {badge} 领用"),
    "history.returned": ("returned (by {by})", "已归还（经办人 {by}）"),
    "history.fault": ("fault reported by {by}: {part} {note}", "{by} 报告故障：{part} {note}"),
    "history.repaired": ("repaired, checked by {by}", "已修复，经 {by} 检查入库"),
    "history.incident": (
        "{kind}: {what}; holder {holder}; finding: {finding}; declared by {by} and {second}",
        "{kind}：{what}；领用人 {holder}；认定：{finding}；由 {by} 和 {second} 登记",
    ),
    "history.found": ("found, checked by {by}", "已找回，经 {by} 检查入库"),
    "history.offload": (
        "offload {job}: {count} new clips, {state}",
        "导出 {job}：新增 {count} 段视频，{state}",
    ),
    "history.offload.one": (
        "offload {job}: 1 new clip, {state}",
        "导出 {job}：新增 1 段视频，{state}",
    ),
    # One person's record, line by line (Art. 10).
    "record.signed_out": ("signed out {serial}", "领用 {serial}"),
    "record.returned": ("returned {serial} (by {by})", "归还 {serial}（经办人 {by}）"),
    "record.fault": (
        "fault on {serial} while held: {part} (reported by {by})",
        "领用期间 {serial} 故障：{part}（{by} 报告）",
    ),
    "record.incident": (
        "{serial} {kind} while held: {what}; finding: {finding}; declared by {by} and {second}",
        "领用期间 {serial} {kind}：{what}；认定：{finding}；由 {by} 和 {second} 登记",
    ),
    "record.found": ("{serial} found, checked by {by}", "{serial} 已找回，经 {by} 检查入库"),
}
