"""Provides the kiosk's words for faults, losses and people as (English, 简体中文) (issue 12)."""

from __future__ import annotations

KIOSK_LIFE_MESSAGES: dict[str, tuple[str, str]] = {
    # Art. 5(8): the fault screen.
    "ui.fault.title": ("Report a fault", "报告故障"),
    "ui.fault.title_one": ("Report a fault on recorder {serial}", "报告记录仪 {serial} 故障"),
    "ui.fault.recorder": ("Which recorder:", "哪台记录仪："),
    "ui.fault.part": ("What fails:", "故障部位："),
    "ui.fault.note": ("what you saw (needed for 'other')", "故障情况（选“其他”时必填）"),
    "ui.fault.option": ("{serial} {brand} {model}", "{serial} {brand} {model}"),
    "ui.fault.option_held": (
        "{serial} {brand} {model}, held by {holder}",
        "{serial} {brand} {model}，领用人 {holder}",
    ),
    "ui.fault.none": (
        "You hold no recorder to report a fault on; the unit head reports one on the shelf.",
        "您当前未领用记录仪；架上记录仪的故障由单位负责人报告。",
    ),
    "ui.fault.pick": ("Choose the recorder first.", "请先选择记录仪。"),
    "ui.fault.send": ("Report the fault", "报告故障"),
    # Art. 10: the loss or damage screen.
    "ui.home.loss": ("Loss or damage", "遗失或损坏"),
    "ui.loss.title": ("Declare a loss or damage (Art. 10)", "登记遗失或损坏（第十条）"),
    "ui.loss.what_happened": ("What happened:", "事件："),
    "ui.loss.finding": ("Your finding:", "认定："),
    "ui.loss.what": ("what happened, where and when", "经过（时间、地点、情况）"),
    "ui.loss.note": ("a note (optional)", "备注（可不填）"),
    "ui.loss.none": (
        "No recorder of the unit is in the pool or out: nothing can be declared lost.",
        "本单位没有在库或已领用的记录仪，无可登记的记录仪。",
    ),
    "ui.loss.declare": ("Declare, with a second person", "登记（需第二人确认）"),
    "ui.loss.second_title": (
        "Declare recorder {serial} {kind}: {finding}",
        "登记记录仪 {serial} {kind}：{finding}",
    ),
    "ui.loss.done_lost": (
        "Recorder {serial} declared lost with {second}; holder {holder}.",
        "已与 {second} 登记记录仪 {serial} 遗失；领用人 {holder}。",
    ),
    "ui.loss.done_damaged": (
        "Recorder {serial} declared damaged with {second} and sent for repair; holder {holder}.",
        "已与 {second} 登记记录仪 {serial} 损坏并送修；领用人 {holder}。",
    ),
    "ui.loss.nobody": ("nobody (it was on the shelf)", "无（在库）"),
    # The admin's people screen.
    "ui.people.title": ("People registered at this kiosk", "本终端登记人员"),
    "ui.people.option": (
        "{badge} {name} · {role} · unit {unit} · {status}",
        "{badge} {name} · {role} · 单位 {unit} · {status}",
    ),
    "ui.people.active": ("active", "在用"),
    "ui.people.inactive": ("deactivated", "已停用"),
    "ui.people.locked": ("locked", "已锁定"),
    "ui.people.new_pin": ("new PIN for a reset (6-12 digits)", "重设用的新密码（6-12 位数字）"),
    "ui.people.add": ("Add", "新增"),
    "ui.people.toggle": ("(De)activate", "停用/恢复"),
    "ui.people.reset": ("Reset PIN", "重设密码"),
    "ui.people.unlock": ("Unlock", "解锁"),
    "ui.people.label": ("Label", "标签"),
    # A label asked of the service, which holds the key (DESIGN §6).
    "ui.label.asked": (
        "Label for {subject} asked for: the service signs and writes it.",
        "已申请 {subject} 的标签：由服务签发并写出。",
    ),
    "ui.label.done": ("Label for {subject} written: {path}", "{subject} 的标签已写出：{path}"),
    "ui.label.refused": ("Label for {subject} refused:", "{subject} 的标签被拒绝："),
    "ui.people.pick": ("Choose a person first.", "请先选择人员。"),
    "ui.people.pin_first": (
        "Type the new PIN first; its owner chooses their own at their next sign-in.",
        "请先输入新密码；本人下次登录时须自行设置密码。",
    ),
    "ui.people.second_title": ("{act}: badge {badge} {name}", "{act}：工号 {badge} {name}"),
    "ui.people.act.deactivate": ("Deactivate", "停用"),
    "ui.people.act.reactivate": ("Reactivate", "恢复使用"),
    "ui.people.act.reset": ("Reset the PIN", "重设密码"),
    "ui.people.act.unlock": ("Unlock", "解锁"),
    "ui.people.act.add": ("Add", "新增"),
    "ui.people.deactivated": (
        "Badge {badge} ({name}) is deactivated.",
        "工号 {badge}（{name}）已停用。",
    ),
    "ui.people.reset_done": (
        "New PIN set for badge {badge} ({name}); they choose their own at their next sign-in.",
        "已为工号 {badge}（{name}）重设密码；本人下次登录时须自行设置。",
    ),
    "ui.people.unlocked": ("Badge {badge} ({name}) is unlocked.", "工号 {badge}（{name}）已解锁。"),
    # Adding a person.
    "ui.person_add.title": ("Add a person", "新增人员"),
    "ui.person_add.badge": ("badge", "工号"),
    "ui.person_add.name": ("name", "姓名"),
    "ui.person_add.unit": ("unit code (empty: this unit)", "单位代码（留空：本单位）"),
    "ui.person_add.pin": (
        "first PIN, 6-12 digits (they choose their own at first sign-in)",
        "初始密码 6-12 位数字（本人首次登录时须自行设置）",
    ),
    "ui.person_add.role": ("Role:", "角色："),
    "ui.person_add.add": ("Add the person", "新增"),
    "ui.person_add.done": (
        "Badge {badge} ({name}) added as {role}; they choose their own PIN at first sign-in.",
        "已新增工号 {badge}（{name}），角色：{role}；本人首次登录时须自行设置密码。",
    ),
    "ui.person_add.missing": (
        "Give the badge, the name and a first PIN.",
        "请填写工号、姓名和初始密码。",
    ),
    # DESIGN §6: a PIN somebody else typed is replaced by the person's own at sign-in.
    "ui.choose_pin.title": ("Choose your own PIN, {name}", "{name}，请设置您自己的密码"),
    "ui.choose_pin.prompt": (
        "Your PIN was given to you by someone else: choose your own (6-12 digits) before "
        "you go on.",
        "您的密码由他人设置：请先设置您自己的密码（6-12 位数字）再继续。",
    ),
    "ui.choose_pin.new": ("new PIN", "新密码"),
    "ui.choose_pin.again": ("the same PIN again", "再次输入新密码"),
    "ui.choose_pin.mismatch": (
        "The two PINs differ: type them again.",
        "两次输入的密码不一致，请重新输入。",
    ),
    "ui.choose_pin.save": ("Save my PIN", "保存密码"),
}
