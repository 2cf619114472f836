"""Provides each permission (domain.roles.Action) in words, as (English, 简体中文).

A refusal names what was not allowed in words, never as an identifier (STYLE 14a).
"""

from __future__ import annotations

ACTION_MESSAGES: dict[str, tuple[str, str]] = {
    "action.sign_out": ("sign out a recorder", "领用记录仪"),
    "action.return_own": ("return their own recorder", "归还本人领用的记录仪"),
    "action.return_for_other": ("return a recorder someone else holds", "归还他人领用的记录仪"),
    "action.report_fault": ("report a fault", "报告故障"),
    "action.file_clip": ("file their own footage", "归档本人的视听资料"),
    "action.file_clip_for_other": ("file someone else's footage", "归档他人的视听资料"),
    "action.view_own": ("see their own records", "查看本人记录"),
    "action.view_unit_status": ("see the unit's recorders and alarms", "查看本单位记录仪及告警"),
    "action.unlock_badge": ("unlock a badge", "解锁工号"),
    "action.set_hold": ("set a hold", "设置延长保存"),
    "action.lift_hold": ("lift a hold", "解除延长保存"),
    "action.declare_lost": ("declare a recorder lost", "申报记录仪丢失"),
    "action.manage_people": ("manage people", "管理人员"),
    "action.manage_devices": ("manage recorders and their labels", "管理记录仪及其标签"),
    "action.change_config": ("change the configuration", "修改配置"),
    "action.request_disclosure": ("request a disclosure", "申请对外提供视听资料"),
    "action.approve_disclosure": ("approve a disclosure", "批准对外提供视听资料"),
    "action.receive_handover": ("receive the weekly hand-over", "接收每周移交"),
    "action.burn_evidence": ("burn an evidence disc", "刻录证据光盘"),
    "action.read_audit": ("read the audit log", "查阅审计日志"),
    "action.verify_audit": ("verify the audit log", "核验审计日志"),
}
