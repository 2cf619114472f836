"""Provides the evidence disc's failures (DESIGN §12, Art. 12(4)), as (English, 简体中文)."""

from __future__ import annotations

# One key per DiscError reason: `disc.<reason>`.
DISC_MESSAGES: dict[str, tuple[str, str]] = {
    "disc.image_failed": (
        "The disc image could not be made; nothing was burned to disc.",
        "光盘镜像未能生成，未刻盘存储任何内容。",
    ),
    "disc.burn_failed": (
        "Burning to disc failed; check the burner and the blank disc, then try again.",
        "刻盘存储失败：请检查刻录机和空白光盘后重试。",
    ),
    "disc.medium_unreadable": (
        "The disc cannot be read back, so it is not evidence; burn a new one.",
        "光盘无法回读校验，不能作为证据使用，请重新刻盘存储。",
    ),
    "disc.medium_missing": (
        "There is no disc to read back: insert the burned disc.",
        "没有可回读的光盘：请放入已刻录的光盘。",
    ),
    "disc.source_unusable": (
        "The footage for the disc is not in a form a disc can hold; nothing was written.",
        "待刻录的音视频资料不符合光盘要求，未写入任何内容。",
    ),
    "disc.tool_missing": (
        "The disc writing program is not installed on this kiosk.",
        "本机未安装光盘刻录程序。",
    ),
}

# Making and checking a disc (DESIGN §12), and the refusals of `bwc disc`.
DISC_MESSAGES.update(
    {
        "disc.unknown_case": (
            "No clip is filed under case {case}: there is nothing to burn to disc.",
            "案件 {case} 下没有归档的音视频资料，无可刻盘存储的内容。",
        ),
        "disc.all_deleted_by_rule": (
            "Every clip of case {case} ({clips}) was deleted by the retention rule (Art. 12(3))"
            " after its hand-over: the central store holds them; the kiosk has none to burn.",
            "案件 {case} 的 {clips} 个音视频资料均已在移交后依保存规则删除（第十二条第三项）："
            "已集中存储；本机无可刻盘的内容。",
        ),
        "disc.left_out_deleted": (
            "{count} clip(s) of this case were deleted by the retention rule after their"
            " hand-over and are not on the disc (the central store holds them): {clips}.",
            "本案 {count} 个音视频资料已在移交后依保存规则删除，"
            "未刻入光盘（已集中存储）：{clips}。",
        ),
        "disc.state_secret": (
            "Clip {clip} of this case is a state secret: the kiosk never puts one on a disc.",
            "本案第 {clip} 号音视频资料属于国家秘密，本机不得将其刻盘存储。",
        ),
        "disc.out_missing": (
            "The folder {path} does not exist.",
            "文件夹 {path} 不存在。",
        ),
        "disc.out_exists": (
            "{path} already exists; an evidence disc is never written over another file.",
            "{path} 已存在；证据光盘不会覆盖其他文件。",
        ),
        "disc.place_needed": (
            "Say where the footage was recorded (--place): the record form names the place.",
            "请说明摄录地点（--place）：摄录情况记录表须填写地点。",
        ),
        "disc.recorded_by_needed": (
            "A clip of this case has no custody session: say who recorded it (--recorded-by).",
            "本案有音视频资料无领用记录：请说明摄录人员（--recorded-by）。",
        ),
        "disc.not_a_burner": (
            "{device} is not a disc burner; nothing was written.",
            "{device} 不是光盘刻录机，未写入任何内容。",
        ),
        "disc.bad_place": (
            "The place must be 1 to {limit} printable characters.",
            "地点须为 1 至 {limit} 个可打印字符。",
        ),
        "disc.bad_recorded_by": (
            "The name of the person who recorded must be 1 to {limit} printable characters.",
            "摄录人员姓名须为 1 至 {limit} 个可打印字符。",
        ),
        "disc.read_back_mismatch": (
            "Read back from the disc, {file} is not what was written: the disc is not evidence;"
            " burn a new one.",
            "回读校验发现 {file} 与写入的内容不一致：该光盘不能作为证据使用，请重新刻盘存储。",
        ),
        "disc.form_failed": (
            "The record form could not be made; no disc was made.",
            "摄录情况记录表未能生成，未制作光盘。",
        ),
        "disc.not_an_image": (
            "This is not an evidence disc that can be read (an ISO 9660 image with Rock Ridge"
            " names).",
            "这不是可读取的证据光盘（带 Rock Ridge 文件名的 ISO 9660 镜像）。",
        ),
        "disc.no_package": (
            "There is no sealed package on the disc.",
            "光盘上没有封存包。",
        ),
        "disc.created": (
            "Evidence disc for case {case}: {clips} clip(s), {files} file(s) read back and"
            " verified. Image: {image}",
            "案件 {case} 的证据光盘：{clips} 个音视频文件，{files} 个文件已回读校验。镜像：{image}",
        ),
        "disc.image_checksum": (
            "The image's sha256: {sha256}",
            "镜像的 sha256：{sha256}",
        ),
        "disc.form_written": (
            "Record form (print it; the officer and the unit leader sign it; seal it): {form}",
            "摄录情况记录表（请打印，由执法人员和本单位领导签名并加盖本单位印章）：{form}",
        ),
        "disc.burned": (
            "Burned to {device} and read back from the disc.",
            "已刻录到 {device}，并已从光盘回读校验。",
        ),
        "disc.verified": (
            "The disc holds the sealed package {name}: {files} file(s), {bytes} bytes, every"
            " sha256 matches; the chain slice of unit {unit} reaches checkpoint {size}.",
            "光盘上的封存包 {name}：{files} 个文件、{bytes} 字节，sha256 全部一致；"
            "单位 {unit} 的审计链片段与检查点 {size} 相连。",
        ),
        "disc.form_on_disc": (
            "Record form on the disc: {form}",
            "光盘上的摄录情况记录表：{form}",
        ),
        "disc.readme": (
            "EVIDENCE DISC (Art. 12(4) of the recorder regulation)\n"
            "Case: {case}\nUnit: {unit} ({code})\n\n"
            "On this disc:\n"
            "  {package}/             the sealed package: the original recordings, byte for"
            " byte,\n"
            "                         in data/, with their metadata and the audit log slice\n"
            "  {package}-record-form.pdf  the record form (the signed paper copy is filed)\n"
            "  verify.py              a check that needs only Python 3\n"
            "  README.txt             this file\n\n"
            "To check the disc, on any computer with Python 3:\n"
            "  python3 verify.py\n"
            "verify.py re-hashes every recording and every metadata file against the package's\n"
            "manifests (sha256), checks that the tag manifest is the one the signature names,\n"
            "and re-walks the audit log slice event by event up to the checkpoint. It cannot\n"
            "check the Ed25519 signatures themselves (that needs a cryptography library): for\n"
            "that, run `bwc disc verify` on the disc with the unit's public key.\n\n"
            "Package receipt (sha256 of signature.txt): {receipt}\n"
            "Checkpoint: {checkpoint}",
            "证据光盘（执法记录仪管理规定第十二条第（四）项）\n"
            "案件：{case}\n单位：{unit}（{code}）\n\n"
            "光盘内容：\n"
            "  {package}/             封存包：data/ 中为逐字节一致的原始记录，\n"
            "                         附元数据和审计日志片段\n"
            "  {package}-record-form.pdf  同步录音录像摄录情况记录表（签字盖章的纸质件入卷备查）\n"
            "  verify.py              校验程序，只需 Python 3\n"
            "  README.txt             本说明\n\n"
            "校验方法（任何装有 Python 3 的计算机）：\n"
            "  python3 verify.py\n"
            "verify.py 按封存包清单逐一重新计算每个原始记录和元数据文件的 sha256，核对标签清单\n"
            "即签名所指的清单，并逐条核对审计日志片段直至检查点。它无法校验 Ed25519 签名本身\n"
            "（需要密码库）：请在光盘上运行 `bwc disc verify` 并提供本单位公钥。\n\n"
            "封存包回执（signature.txt 的 sha256）：{receipt}\n"
            "检查点：{checkpoint}",
        ),
    }
)

# The record form 《同步录音录像摄录情况记录表》 (Art. 12(4)), in the regulation's words.
FORM_MESSAGES: dict[str, tuple[str, str]] = {
    "form.title": (
        "Synchronous Audio/Video Recording Record Form",
        "同步录音录像摄录情况记录表",
    ),
    "form.subtitle": (
        "Unit: {unit} ({code}) · Case: {case}",
        "单位：{unit}（{code}）· 案件：{case}",
    ),
    "form.case": ("Case number", "案件编号"),
    "form.officer": ("Officer's name", "执法人员姓名"),
    "form.recorded_by": ("Name of the person who recorded", "摄录人员姓名"),
    "form.time": ("Start and end time", "摄录起止时间"),
    "form.place": ("Place", "地点"),
    "form.device": ("Brand and model of the device", "所用录音录像设备的品牌型号"),
    "form.format": ("Recording format", "录音录像格式"),
    "form.length": ("Length", "长度"),
    "form.length_value": ("{length} in {count} files", "共 {count} 个文件，{length}"),
    "form.length_value.one": ("{length} in 1 file", "共 1 个文件，{length}"),
    "form.unknown": ("unknown (no custody session)", "不详（无领用记录）"),
    "form.files": ("Files on the disc", "光盘中的文件"),
    "form.col.number": ("No.", "序号"),
    "form.col.file": ("File (original name)", "文件（原文件名）"),
    "form.col.officer": ("Officer", "执法人员"),
    "form.col.time": ("Start / end", "起止时间"),
    "form.col.length": ("Length", "长度"),
    "form.col.device": ("Device / format", "设备 / 格式"),
    "form.bytes": ("{size} bytes", "{size} 字节"),
    "form.image": ("Disc image", "光盘镜像"),
    "form.image_sha256": ("Disc checksum (sha256 of the image)", "光盘校验值（镜像 sha256）"),
    "form.image_on_paper": (
        "printed on the paper copy of this form",
        "见本表纸质件",
    ),
    "form.package": ("Sealed package", "封存包"),
    "form.package_receipt": ("Package receipt (sha256)", "封存包回执（sha256）"),
    "form.checkpoint": ("Checkpoint", "检查点"),
    "form.checkpoint_unit": ("Checkpoint unit", "检查点单位"),
    "form.checkpoint_key": ("Checkpoint key", "检查点密钥"),
    "form.checkpoint_size": ("Checkpoint size", "检查点事件数"),
    "form.checkpoint_head": ("Checkpoint head", "检查点链头"),
    "form.checkpoint_at": ("Checkpoint time", "检查点时间"),
    "form.checkpoint_sig": ("Checkpoint signature", "检查点签名"),
    "form.sign_officer": ("Officer's signature", "执法人员签名"),
    "form.sign_leader": ("Unit leader's signature", "本单位领导签字"),
    "form.seal": ("The unit's seal", "加盖本单位印章"),
    "form.date": ("Date", "日期"),
    "form.footer": (
        "Made by the kiosk at {at}; filed in the case file.",
        "本表由采集站于 {at} 生成，入卷备查。",
    ),
}
DISC_MESSAGES.update(FORM_MESSAGES)
