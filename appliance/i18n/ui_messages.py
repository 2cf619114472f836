"""Provides the kiosk screens' words as (English, 简体中文)."""

from __future__ import annotations

UI_MESSAGES: dict[str, tuple[str, str]] = {
    # Every screen.
    "ui.app_title": ("Body-worn recorder kiosk", "执法记录仪管理终端"),
    "ui.demo_tag": ("DEMO", "演示"),
    "ui.back": ("Back", "返回"),
    "ui.cancel": ("Cancel", "取消"),
    "ui.sign_off": ("Sign off", "退出登录"),
    "ui.signed_in_as": ("{name} · {role}", "{name} · {role}"),
    "ui.busy": ("One moment…", "请稍候……"),
    "ui.error": (
        "The kiosk could not do that. Try again, or call IT.",
        "操作未能完成，请重试或联系信息技术人员。",
    ),
    "ui.scan.already_you": (
        "That is your own badge: you are signed in.",
        "这是您本人的工号，您已登录。",
    ),
    # Idle screen.
    "ui.idle.prompt": (
        "Scan your badge, or type its number and press Enter.",
        "请刷工作证，或输入工号后按回车。",
    ),
    "ui.idle.placeholder": ("badge", "工号"),
    "ui.idle.timed_out": (
        "Signed off after {seconds} seconds without input.",
        "因 {seconds} 秒无操作，已自动退出登录。",
    ),
    "ui.idle.signed_off": ("Signed off. Goodbye.", "已退出登录，再见。"),
    "ui.idle.warning": (
        "No input for a while: you will be signed off in {count} seconds. Press any key to stay.",
        "长时间无操作：{count} 秒后将自动退出登录。按任意键继续使用。",
    ),
    "ui.idle.warning.one": (
        "No input for a while: you will be signed off in 1 second. Press any key to stay.",
        "长时间无操作：1 秒后将自动退出登录。按任意键继续使用。",
    ),
    "ui.idle.demo_title": (
        "Demo badges and PINs (this demo only):",
        "演示工号与密码（仅限演示）：",
    ),
    # The unit's board on the idle screen (issue 9 item 5).
    "ui.board.title": ("Recorders of the unit", "本单位记录仪"),
    "ui.board.col_serial": ("Recorder", "记录仪"),
    "ui.board.col_charge": ("Charge", "电量"),
    "ui.board.col_offload": ("Footage", "视音频导出"),
    "ui.board.col_ready": ("Ready", "可否领用"),
    "ui.board.no_alarms": ("No alarm waits for the unit head.", "没有待单位负责人处理的告警。"),
    "ui.board.alarms": (
        "{count} alarms wait for the unit head (Art. 14): {kinds}.",
        "有 {count} 条告警待单位负责人处理（第十四条）：{kinds}。",
    ),
    "ui.board.alarms.one": (
        "1 alarm waits for the unit head (Art. 14): {kinds}.",
        "有 1 条告警待单位负责人处理（第十四条）：{kinds}。",
    ),
    "ui.board.weekday_1": ("Monday", "星期一"),
    "ui.board.weekday_2": ("Tuesday", "星期二"),
    "ui.board.weekday_3": ("Wednesday", "星期三"),
    "ui.board.weekday_4": ("Thursday", "星期四"),
    "ui.board.weekday_5": ("Friday", "星期五"),
    "ui.board.weekday_6": ("Saturday", "星期六"),
    "ui.board.weekday_7": ("Sunday", "星期日"),
    "ui.idle.col_badge": ("Badge", "工号"),
    "ui.idle.col_name": ("Name", "姓名"),
    "ui.idle.col_role": ("Role", "角色"),
    "ui.idle.col_pin": ("PIN", "密码"),
    "ui.idle.quit_demo": ("Quit demo", "退出演示"),
    # PIN dialog.
    "ui.pin.hello": ("Badge {badge}: {name}", "工号 {badge}：{name}"),
    "ui.pin.prompt": ("Enter your PIN and press Enter.", "请输入密码后按回车。"),
    "ui.pin.placeholder": ("PIN", "密码"),
    "ui.pin.sign_in": ("Sign in", "登录"),
    # Officer home.
    "ui.home.holding": (
        "You hold recorder {serial} since {time}.",
        "您自 {time} 起领用记录仪 {serial}。",
    ),
    "ui.home.holding_none": ("You hold no recorder.", "您当前未领用记录仪。"),
    "ui.home.sign_out": ("Sign out a recorder", "领用记录仪"),
    "ui.home.return": ("Return a recorder", "归还记录仪"),
    "ui.home.unit": ("Unit recorders", "本单位记录仪"),
    "ui.home.unlock": ("Unlock a badge", "解锁工号"),
    "ui.home.unfiled": (
        "{count} of your clips wait to be filed by case (Art. 8).",
        "您有 {count} 个视音频文件待按案件归档（第八条）。",
    ),
    "ui.home.unfiled.one": (
        "1 of your clips waits to be filed by case (Art. 8).",
        "您有 1 个视音频文件待按案件归档（第八条）。",
    ),
    "ui.home.fault": ("Report a fault", "报告故障"),
    "ui.home.alarms": ("Alarms", "告警"),
    "ui.home.holds": ("Holds on footage", "延长保存"),
    "ui.home.handover": ("Weekly hand-over", "每周移交"),
    "ui.home.approvals": ("Disclosure approvals", "公开使用审批"),
    "ui.home.audit_log": ("Audit log", "审计日志"),
    "ui.home.reports": ("Reports", "检查报告"),
    "ui.home.people": ("People", "人员管理"),
    "ui.home.devices": ("Recorders", "设备管理"),
    "ui.home.intro.info_collector": (
        "As information collector you take the unit's weekly hand-over (Art. 12(2)).",
        "信息采集员负责每周一上报本单位的视音频资料（第十二条第二项）。",
    ),
    "ui.home.intro.bureau_head": (
        "As bureau head you see the unit, approve public use (Art. 13) and set holds.",
        "局主要负责人可查看本单位情况、审批公开使用（第十三条）、设置延长保存。",
    ),
    "ui.home.intro.auditor": (
        "For the audit office: the unit's recorders and day, the audit log, reports (Art. 15).",
        "考核办可查看本单位记录仪与日检、审计日志与检查报告（第十五条）。",
    ),
    "ui.home.intro.admin": (
        "As administrator you manage people, recorders and the box's alarms; you hold no recorder.",
        "系统管理员负责人员、设备与本机告警的管理，不领用记录仪。",
    ),
    # Acts a later release brings to the kiosk: each entry says so (issue 9 item 3).
    "ui.later.fault": (
        "Reporting a fault at the kiosk arrives with a later release; until then, tell the"
        " unit head and choose another recorder.",
        "在终端上报告故障将在后续版本提供；在此之前请告知单位负责人，并选择其他记录仪。",
    ),
    "ui.later.approvals": (
        "Approving public use of footage (Art. 13) arrives with a later release.",
        "审批视音频资料的公开使用（第十三条）将在后续版本提供。",
    ),
    # Sign-out flow.
    "ui.signout.title": ("Sign out a recorder", "领用记录仪"),
    "ui.signout.prompt": (
        "Scan the recorder's label or type its serial, or pick one below.",
        "请扫描记录仪标签或输入序列号，或在下方选择。",
    ),
    "ui.signout.placeholder": ("serial", "序列号"),
    "ui.signout.none": ("No recorder is available now.", "当前没有可领用的记录仪。"),
    "ui.signout.option": ("{serial}  {brand} {model}", "{serial}  {brand} {model}"),
    "ui.check.title": (
        "Pre-shift check of recorder {serial} (Art. 4)",
        "记录仪 {serial} 使用前检查（第四条）",
    ),
    "ui.check.prompt": (
        "Check each item on the recorder, then tick it.",
        "请逐项检查记录仪，确认后勾选。",
    ),
    "ui.check.measured_ok": ("✓ {item}: {reading}", "✓ {item}：{reading}"),
    "ui.check.measured_fail": ("✗ {item}: {failure}", "✗ {item}：{failure}"),
    "ui.check.confirm": ("Checked: sign it out", "检查完毕，领用"),
    # Return flow.
    "ui.return.title": ("Return a recorder", "归还记录仪"),
    "ui.return.prompt": (
        "Scan the recorder's label or type its serial, or pick one below.",
        "请扫描记录仪标签或输入序列号，或在下方选择。",
    ),
    "ui.return.none": ("There is no recorder for you to return.", "没有需要您归还的记录仪。"),
    "ui.return.fault": ("Return with a fault", "故障归还"),
    "ui.return.option": (
        "{serial}  {holder}  since {time}",
        "{serial}  {holder}  自 {time} 起",
    ),
    # Confirmation.
    "ui.done.menu": ("Back to menu", "返回菜单"),
    # Unit-head screen.
    "ui.unit.title": ("Recorders of {unit} (Art. 14)", "{unit} 的记录仪（第十四条）"),
    "ui.unit.col_serial": ("Recorder", "记录仪"),
    "ui.unit.col_model": ("Model", "型号"),
    "ui.unit.col_state": ("State", "状态"),
    "ui.unit.col_holder": ("Holder", "领用人"),
    "ui.unit.col_since": ("Since", "领用时间"),
    "ui.unit.locked_title": ("Locked badges:", "已锁定的工号："),
    "ui.unit.locked_none": ("No badge is locked.", "没有被锁定的工号。"),
    "ui.unit.locked_option": ("{badge}  {name}", "{badge}  {name}"),
    "ui.unit.unlock": ("Unlock", "解锁"),
    # The admin's unlock with a second person (DESIGN §6).
    "ui.unlock.title": (
        "Unlock a badge, with a second person",
        "解锁工号（须第二人确认）",
    ),
    "ui.unlock.prompt": (
        "Scan or type the locked badge, or pick it below.",
        "请扫描或输入被锁定的工号，或在下方选择。",
    ),
    "ui.unlock.done": (
        "Badge {badge} unlocked, confirmed by {name}.",
        "工号 {badge} 已解锁，确认人：{name}。",
    ),
    "ui.second.unlock_title": (
        "Unlock badge {badge}: {name}",
        "解锁工号 {badge}：{name}",
    ),
    "ui.second.prompt": (
        "A unit head or the bureau head confirms: scan your badge, then enter your PIN.",
        "请单位负责人或局主要负责人确认：刷工号，再输入密码。",
    ),
    "ui.second.confirm": ("Confirm", "确认"),
}
