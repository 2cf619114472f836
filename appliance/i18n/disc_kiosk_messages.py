"""Provides the words of the evidence disc at the kiosk (Art. 12(4)), as (English, 简体中文)."""

from __future__ import annotations

DISC_KIOSK_MESSAGES: dict[str, tuple[str, str]] = {
    # The refusals the kiosk's way of making a disc adds to `bwc disc create`'s.
    "disc.no_burner": (
        "No disc burner is attached ({burner}): nothing was sealed. Connect the unit's burner"
        " (IT lists it in kiosk_burners), put a blank disc in and try again.",
        "未连接刻录机（{burner}）：未封存任何内容。请连接本单位的刻录机（由信息技术人员在"
        " kiosk_burners 中登记），放入空白光盘后重试。",
    ),
    "disc.disk_failed": (
        "The disc could not be made: the kiosk's disk failed ({error}). Nothing is evidence;"
        " ask IT to look at the disk, then try again.",
        "光盘未能制作：本机磁盘出错（{error}）。未标记任何证据；请信息技术人员检查磁盘后重试。",
    ),
    # `bwc label serve`, answering the kiosk's disc.
    "cli.request_disc_done": (
        "Evidence disc request {id} (case {case}) done: disc {disc}, {files} files read back"
        " from {burned_to}; the record form is {form} (printer job: {job}).",
        "证据光盘申请 {id}（案件 {case}）已完成：光盘 {disc}，已从 {burned_to} 回读 {files}"
        " 个文件；记录表为 {form}（打印任务：{job}）。",
    ),
    "cli.request_disc_refused": (
        "Evidence disc request {id} (case {subject}) refused:",
        "证据光盘申请 {id}（案件 {subject}）被拒绝：",
    ),
    "request_kind.disc_burn": (
        "burn a case's evidence disc",
        "刻录案件的证据光盘",
    ),
    "event.disc_burn_requested": ("evidence disc asked of the service", "请求服务刻录证据光盘"),
    # The kiosk's screen.
    "ui.home.disc": ("Evidence disc", "刻录证据光盘"),
    "ui.disc.title": (
        "Burn a case's evidence disc (Art. 12(4))",
        "刻录案件证据光盘（第十二条第四项）",
    ),
    "ui.disc.prompt": (
        "Choose a case, type the place, put a blank disc in, then press Make disc.",
        "请选择案件，填写地点，放入空白光盘，然后按“制作光盘”。",
    ),
    "ui.disc.none": (
        "No clip is filed under a case yet: file clips by case first (Art. 8).",
        "尚无归入案件的音视频资料：请先按案件归档（第八条）。",
    ),
    "ui.disc.case": ("Case {case} · {count} clips, {size}", "案件 {case} · {count} 个视频，{size}"),
    "ui.disc.case.one": ("Case {case} · 1 clip, {size}", "案件 {case} · 1 个视频，{size}"),
    "ui.disc.case_discs": (" · {count} discs made before", " · 已刻录 {count} 张光盘"),
    "ui.disc.case_discs.one": (" · 1 disc made before", " · 已刻录 1 张光盘"),
    "ui.disc.clips": ("On the disc: {count} clips", "光盘将收录 {count} 个视频"),
    "ui.disc.clips.one": ("On the disc: 1 clip", "光盘将收录 1 个视频"),
    "ui.disc.clip": (
        "  No. {clip} · {day} · {file} · {size} · {name}",
        "  第 {clip} 号 · {day} · {file} · {size} · {name}",
    ),
    "ui.disc.no_holder": ("no custody session", "无领用记录"),
    "ui.disc.more": ("  and {count} more", "  另有 {count} 个"),
    "ui.disc.left_out": (
        "  {count} deleted by the retention rule stay off the disc (the bureau holds them).",
        "  {count} 个已按保存期限删除，不刻入光盘（局档案中保存）。",
    ),
    "ui.disc.left_out.one": (
        "  1 deleted by the retention rule stays off the disc (the bureau holds it).",
        "  1 个已按保存期限删除，不刻入光盘（局档案中保存）。",
    ),
    "ui.disc.place": ("Place (on the form)", "地点（填入记录表）"),
    "ui.disc.recorded_by": ("Who recorded", "摄录人员"),
    "ui.disc.recorded_by_default": ("Who recorded: {name}", "摄录人员：{name}"),
    "ui.disc.recorded_by_needed": (
        "Who recorded (needed: no custody session)",
        "摄录人员（必填：无领用记录）",
    ),
    "ui.disc.burner_ready": (
        "The burner is attached: put a blank disc in it.",
        "刻录机已连接：请放入空白光盘。",
    ),
    "ui.disc.no_burner": (
        "No burner is attached: connect the unit's burner before making a disc.",
        "未连接刻录机：制作光盘前请连接本单位的刻录机。",
    ),
    "ui.disc.make": ("Make disc", "制作光盘"),
    "ui.disc.asked": (
        "The service is making the disc of case {case}. Leave the disc in the burner.",
        "服务正在制作案件 {case} 的光盘。请勿取出光盘。",
    ),
    "ui.disc.step": (
        "Case {case}, step {number} of {steps}: {step}. Leave the disc in the burner.",
        "案件 {case}，第 {number}/{steps} 步：{step}。请勿取出光盘。",
    ),
    "ui.disc.step.seal": ("sealing the clips with the unit's key", "以本单位密钥封存视频"),
    "ui.disc.step.image": ("making the disc image", "生成光盘镜像"),
    "ui.disc.step.read_back": ("reading every file back from the image", "从镜像回读每个文件"),
    "ui.disc.step.burn": ("burning the disc", "刻录光盘"),
    "ui.disc.step.read_back_medium": (
        "reading every file back from the disc",
        "从光盘回读每个文件",
    ),
    "ui.disc.step.form": ("printing the record form", "生成记录表"),
    "ui.disc.done": (
        "The disc of case {case} is made: {clips} clips, {files} files read back from the disc;"
        " its checksum begins {sha}.",
        "案件 {case} 的光盘已制作：{clips} 个视频，已从光盘回读 {files} 个文件；"
        "校验值开头为 {sha}。",
    ),
    "ui.disc.printed": (
        "The record form is printing on {printer}: have the officer and the unit leader sign"
        " it, seal it and file it with the disc.",
        "记录表正在打印机 {printer} 上打印：请由执法人员和本单位领导签字、加盖印章，"
        "与光盘一并归档。",
    ),
    "ui.disc.print_yourself": (
        "No printer is set up: print the record form {form}, have the officer and the unit"
        " leader sign it, seal it and file it with the disc.",
        "未设置打印机：请打印记录表 {form}，由执法人员和本单位领导签字、加盖印章，与光盘一并归档。",
    ),
    "ui.disc.not_printed": (
        "The record form was not printed ({why}): print {form}, have it signed, sealed and"
        " filed with the disc.",
        "记录表未能打印（{why}）：请打印 {form}，签字、盖章后与光盘一并归档。",
    ),
    # Why a form was not printed (ports_print.PRINT_REASONS).
    "print.no_printer": ("no printer is set up", "未设置打印机"),
    "print.none": ("none", "无"),
    "print.print_failed": ("the printer did not take it", "打印机未接受打印任务"),
    "print.tool_missing": ("the printing program is not installed", "未安装打印程序"),
    "event.disc_form_printed": ("record form sent to the printer", "记录表送交打印"),
    "ui.disc.done_left_out": (
        "Left off (deleted by the retention rule): {clips}.",
        "未刻入（已按保存期限删除）：{clips}。",
    ),
}
