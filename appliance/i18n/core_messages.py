"""Provides the services' and the CLI's messages as (English, 简体中文)."""

from __future__ import annotations

CORE_MESSAGES: dict[str, tuple[str, str]] = {
    # Refusals of rules and permissions.
    "permission_denied": (
        "Not allowed: the role {role} may not {action}.",
        "无权操作：{role}不能{action}。",
    ),
    "person_inactive": (
        "Badge {badge} is not active.",
        "工号 {badge} 已停用。",
    ),
    "recorder_other_unit": (
        "Recorder {serial} belongs to unit {unit}; recorders are never lent to another unit "
        "(Art. 9).",
        "记录仪 {serial} 属于单位 {unit}，不得外借给其他单位（第九条）。",
    ),
    "recorder_not_available": (
        "Recorder {serial} cannot be signed out: it is {state}.",
        "记录仪 {serial} 当前状态为 {state}，不能领用。",
    ),
    "already_holding": (
        "You already hold recorder {serial}; return it first (Art. 10).",
        "您已领用记录仪 {serial}，请先归还（第十条）。",
    ),
    "check_incomplete": (
        "The pre-shift check is not complete (Art. 4): {items}.",
        "使用前检查未完成（第四条）：{items}。",
    ),
    "reading_failed": (
        "This recorder fails the pre-shift check (Art. 4): {failed}."
        " Choose another recorder, or report a fault.",
        "该记录仪未通过使用前检查（第四条）：{failed}。请选择其他记录仪，或报告故障。",
    ),
    "check_fail.main_battery": (
        "main battery at {reading}, below the {threshold} a shift needs",
        "主电池电量 {reading}，低于值勤所需的 {threshold}",
    ),
    "check_fail.spare_battery": (
        "spare battery at {reading}, below the {threshold} a shift needs",
        "备用电池电量 {reading}，低于值勤所需的 {threshold}",
    ),
    "check_fail.free_space": (
        "{reading} free on the card, less than the {threshold} a shift needs",
        "存储卡剩余空间 {reading}，少于值勤所需的 {threshold}",
    ),
    "check_fail.clock": (
        "clock off by {reading} after setting, more than the {threshold} allowed",
        "校时后设备时间仍偏差 {reading}，超过允许的 {threshold}",
    ),
    "recorder_not_signed_out": (
        "Recorder {serial} is not signed out.",
        "记录仪 {serial} 未被领用。",
    ),
    "not_your_recorder": (
        "Recorder {serial} is held by someone else; only they or the unit head may return it.",
        "记录仪 {serial} 由他人领用，只有领用人或单位负责人可以归还。",
    ),
    "illegal_transition": (
        "A {machine} in state {state} cannot take the step {event}.",
        "{machine} 在 {state} 状态下不能执行 {event}。",
    ),
    "unknown_badge": ("Unknown badge.", "未知的工号。"),
    "wrong_pin": (
        "Wrong PIN. {remaining} tries left before the badge is locked.",
        "密码错误。再错 {remaining} 次工号将被锁定。",
    ),
    "wrong_pin.one": (
        "Wrong PIN. 1 try left before the badge is locked.",
        "密码错误。再错 1 次工号将被锁定。",
    ),
    "badge_locked": (
        "Badge {badge} is locked after too many wrong PINs; a unit head must unlock it.",
        "工号 {badge} 因密码错误次数过多已锁定，请单位负责人解锁。",
    ),
    "badge_not_locked": ("Badge {badge} is not locked.", "工号 {badge} 未被锁定。"),
    "unknown_recorder": ("Unknown recorder {serial}.", "未登记的记录仪 {serial}。"),
    "not_initialised": (
        "This home has no unit yet: run `bwc init --unit-code CODE --unit-name NAME`.",
        "尚未初始化：请先运行 `bwc init --unit-code 代码 --unit-name 名称`。",
    ),
    "already_initialised": (
        "This home already belongs to unit {unit}.",
        "该目录已属于单位 {unit}。",
    ),
    "badge_exists": ("Badge {badge} is already registered.", "工号 {badge} 已登记。"),
    "serial_exists": ("Recorder {serial} is already registered.", "记录仪 {serial} 已登记。"),
    "same_person": (
        "The approver must be a different person from the requester.",
        "审批人不能与申请人为同一人。",
    ),
    # Bad input.
    "invalid_code": ("Not a valid code.", "无效的码。"),
    "forged_code": (
        "This label's signature is not valid: it was not printed by this unit.",
        "该标签签名无效：并非本单位打印。",
    ),
    "label_other_unit": (
        "This label belongs to unit {unit}.",
        "该标签属于单位 {unit}。",
    ),
    "pin_format": (
        "A PIN is 6 to 12 digits, given on standard input.",
        "密码为 6 至 12 位数字，从标准输入读取。",
    ),
    "bad_badge": (
        "A badge is 1-32 letters, digits or '-'.",
        "工号为 1 至 32 位字母、数字或“-”。",
    ),
    "bad_serial": (
        "A serial is 1-64 letters, digits, '.', '_' or '-'.",
        "序列号为 1 至 64 位字母、数字、“.”、“_”或“-”。",
    ),
    "bad_unit_code": (
        "A unit code is 1-32 letters, digits, '_' or '-'.",
        "单位代码为 1 至 32 位字母、数字、“_”或“-”。",
    ),
    "bad_name": (
        "A name is 1-64 printable characters.",
        "名称为 1 至 64 个可打印字符。",
    ),
    "bad_role": ("Unknown role {role}.", "未知角色 {role}。"),
    "no_home": (
        "No home: give --home DIR or set BWC_HOME.",
        "未指定数据目录：请使用 --home 目录 或设置 BWC_HOME。",
    ),
    "checkpoint_unreadable": (
        "{path} does not hold a checkpoint line.",
        "{path} 中没有检查点记录。",
    ),
    # Check items (Art. 4).
    # The bwc command's table headers (issue 9 item 2: words, not column names).
    "cli.col.serial": ("recorder", "记录仪"),
    "cli.col.brand": ("brand", "品牌"),
    "cli.col.model": ("model", "型号"),
    "cli.col.state": ("state", "状态"),
    "cli.col.holder": ("holder", "领用人"),
    "cli.col.since": ("since", "领用时间"),
    "cli.col.id": ("clip", "编号"),
    "cli.col.day": ("day", "日期"),
    "cli.col.recorded_at": ("recorded", "摄录时间"),
    "cli.col.officer": ("officer", "执法人员"),
    "cli.col.name": ("name", "名称"),
    "cli.col.flags": ("flags", "标记"),
    "cli.col.cases": ("cases", "案件"),
    "cli.col.badge": ("badge", "工号"),
    "cli.col.role": ("role", "角色"),
    "cli.col.status": ("status", "状态"),
    "item.main_battery": ("Main battery charged", "主电池电量充足"),
    "item.spare_battery": ("Spare battery charged", "备用电池电量充足"),
    "item.free_space": ("Enough free space on the card", "存储卡剩余空间充足"),
    "item.clock": ("Clock set to the current date and time", "设备时间与当前日期时间一致"),
    "item.lens_microphone": ("Lens and microphone working", "镜头与麦克风工作正常"),
    # States.
    "state.available": ("available", "在库"),
    "state.signed_out": ("signed out", "已领用"),
    "state.in_repair": ("in repair", "维修中"),
    "state.lost": ("lost", "遗失"),
    "state.retired": ("retired", "已报废"),
    # Roles.
    "role.officer": ("officer", "执法人员"),
    "role.unit_head": ("unit head", "单位负责人"),
    "role.info_collector": ("information collector", "信息采集员"),
    "role.bureau_head": ("bureau head", "局主要负责人"),
    "role.auditor": ("auditor", "考核办"),
    "role.admin": ("administrator", "系统管理员"),
    # CLI results.
    "cli.initialised": ("Unit {unit} initialised in {home}.", "单位 {unit} 已在 {home} 初始化。"),
    "cli.person_added": ("Added {role} {name} ({badge}).", "已添加{role} {name}（{badge}）。"),
    "cli.device_added": ("Registered recorder {serial}.", "已登记记录仪 {serial}。"),
    "cli.signed_out": (
        "You are responsible for recorder {serial} from {time} (Art. 10).",
        "自 {time} 起，记录仪 {serial} 由您负责（第十条）。",
    ),
    "cli.returned": ("Recorder {serial} returned at {time}.", "记录仪 {serial} 已于 {time} 归还。"),
    "cli.unlocked": ("Badge {badge} unlocked.", "工号 {badge} 已解锁。"),
    "cli.label_written": ("Label written to {path}.", "标签已写入 {path}。"),
    "cli.confirm_items": (
        "Confirm these items (--checks-confirmed) or use the kiosk:",
        "请确认以下检查项（--checks-confirmed）或在终端操作：",
    ),
}
