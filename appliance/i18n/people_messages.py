"""Provides the words about people as (English, 简体中文): two-person refusals, standing, acts."""

from __future__ import annotations

PEOPLE_MESSAGES: dict[str, tuple[str, str]] = {
    # The two-person rule and its limits (DESIGN §6).
    "second_person_required": (
        "A second person must confirm this: a unit head or the bureau head of this unit, with "
        "their badge and PIN. Privileged roles (unit head, information collector, bureau head, "
        "auditor, administrator) are given, reset and removed only by two people.",
        "此操作须由第二人确认：本单位负责人或局主要负责人刷工号并输入密码。"
        "单位负责人、信息采集员、局主要负责人、考核办、系统管理员等特权角色的授予、"
        "重置和停用须两人共同办理。",
    ),
    "confirmer_not_allowed": (
        "Badge {badge} cannot confirm this: the second person is an active unit head or "
        "bureau head of this unit, neither the one asking nor the person concerned.",
        "工号 {badge} 不能确认此操作：第二人须为本单位在用的单位负责人或局主要负责人，"
        "且不能是申请人或被办理人本人。",
    ),
    "own_badge": (
        "Nobody may do this to their own badge; another person must.",
        "不能对本人工号办理此操作，须由他人办理。",
    ),
    "still_holding": (
        "Badge {badge} still holds recorder {serial}; it must be returned first (Art. 10).",
        "工号 {badge} 仍领用着记录仪 {serial}，须先归还（第十条）。",
    ),
    # A person's standing, as `bwc officer list` says it.
    "person.active": ("active", "在用"),
    "person.locked": ("locked", "已锁定"),
    "person.inactive": ("deactivated", "已停用"),
    # Results of the `bwc officer` commands.
    "cli.bootstrap": (
        "The unit had no unit head yet, so this first one was added by one person "
        "(recorded as the bootstrap); everyone privileged after needs a second person.",
        "本单位尚无单位负责人，首位单位负责人由一人添加（已记为初始设置）；"
        "此后授予特权角色均须第二人确认。",
    ),
    "cli.confirmed_by": ("Confirmed by {name} ({badge}).", "确认人：{name}（{badge}）。"),
    "cli.deactivated": (
        "Badge {badge} ({name}) deactivated: it can no longer sign in.",
        "工号 {badge}（{name}）已停用，不能再登录。",
    ),
    "cli.pin_reset": (
        "New PIN set for badge {badge} ({name}); the badge is unlocked.",
        "已为工号 {badge}（{name}）重设密码，该工号已解锁。",
    ),
    # Each action of the permission table, as a refusal names it (never its identifier).
    "action.sign_out": ("sign out a recorder", "领用记录仪"),
    "action.return_own": ("return their recorder", "归还本人领用的记录仪"),
    "action.return_for_other": ("return a recorder for someone else", "代他人归还记录仪"),
    "action.report_fault": ("report a fault", "报告故障"),
    "action.file_clip": ("file footage under a case", "按案件归档视听资料"),
    "action.file_clip_for_other": ("file someone else's footage", "代他人归档视听资料"),
    "action.view_own": ("see their own records", "查看本人记录"),
    "action.view_unit_status": ("see the unit's recorders", "查看本单位记录仪"),
    "action.unlock_badge": ("unlock a badge", "解锁工号"),
    "action.unlock_with_second": (
        "unlock a badge with a second person",
        "经第二人确认解锁工号",
    ),
    "action.set_hold": ("set a hold", "设置延长保存"),
    "action.lift_hold": ("lift a hold", "解除延长保存"),
    "action.declare_lost": ("declare a recorder lost", "登记记录仪丢失"),
    "action.manage_people": ("manage people", "管理人员"),
    "action.grant_role": ("give a privileged role", "授予特权角色"),
    "action.confirm_grant": ("confirm as the second person", "作为第二人确认"),
    "action.deactivate_person": ("deactivate a person", "停用人员"),
    "action.reset_pin": ("reset a PIN", "重设密码"),
    "action.manage_devices": ("manage recorders", "管理记录仪"),
    "action.change_config": ("change the configuration", "修改配置"),
    "action.request_disclosure": ("request a disclosure", "申请对外提供"),
    "action.approve_disclosure": ("approve a disclosure", "批准对外提供"),
    "action.receive_handover": ("receive the weekly hand-over", "接收每周移交"),
    "action.burn_evidence": ("burn an evidence disc", "刻录证据光盘"),
    "action.read_audit": ("read the audit log", "查阅审计日志"),
    "action.verify_audit": ("verify the audit log", "校验审计日志"),
}
