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
    "ui.idle.demo_title": (
        "Demo badges and PINs (this demo only):",
        "演示工号与密码（仅限演示）：",
    ),
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
    "ui.check.measured_fail": ("✗ {item}: {reading}", "✗ {item}：{reading}"),
    "ui.check.confirm": ("Checked: sign it out", "检查完毕，领用"),
    # Return flow.
    "ui.return.title": ("Return a recorder", "归还记录仪"),
    "ui.return.prompt": (
        "Scan the recorder's label or type its serial, or pick one below.",
        "请扫描记录仪标签或输入序列号，或在下方选择。",
    ),
    "ui.return.none": ("There is no recorder for you to return.", "没有需要您归还的记录仪。"),
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
