PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE unit (
        code TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL, home INTEGER NOT NULL DEFAULT 1);
INSERT INTO unit VALUES('DEMO01','演示执法中队 Demo Unit','2026-12-01T22:32:56.820719+00:00',1);
INSERT INTO unit VALUES('DEMO02','DEMO02','2026-12-01T22:32:57.472480+00:00',0);
CREATE TABLE person (
        badge TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer','unit_head','info_collector',
                                           'bureau_head','auditor','admin')),
        unit_code TEXT NOT NULL REFERENCES unit(code),
        pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        locked INTEGER NOT NULL DEFAULT 0,
        failed_pins INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, must_change_pin INTEGER NOT NULL DEFAULT 0);
INSERT INTO person VALUES('2001','李强 Li Qiang','unit_head','DEMO01','scrypt$16384$8$1$RUsBcuRxTQ+LenPPmzOnJQ==$ncvFZpUq23BZrUzrY1g8RSAlzH8Fr533TAHXeqjwcJQ=',1,0,0,'2026-12-01T22:32:56.917662+00:00',0);
INSERT INTO person VALUES('1001','张伟 Zhang Wei','officer','DEMO01','scrypt$16384$8$1$Z0ukOc7o0IxISDdUSI7+AQ==$h00xhVa4B01vCrxD3QT1+nqCVcfaV9OjyAclE8zd1ws=',1,0,0,'2026-12-01T22:32:57.069409+00:00',0);
INSERT INTO person VALUES('1002','王芳 Wang Fang','officer','DEMO01','scrypt$16384$8$1$l7G2lfVBB+aEBZciVfBgBw==$jXw3+vrm4YNx0vEqIdu/XIuZ7zFUj9m6mikAIGKWoEA=',1,0,0,'2026-12-01T22:32:57.137322+00:00',0);
INSERT INTO person VALUES('3001','刘洋 Liu Yang','info_collector','DEMO01','scrypt$16384$8$1$2T3F6m/Jh/DFBiuJytPqrw==$wV70eTkNIaeV9matzT3CGhs8F1LzJWC0jRWZd12N8ng=',1,0,0,'2026-12-01T22:32:57.204558+00:00',0);
INSERT INTO person VALUES('4001','陈静 Chen Jing','bureau_head','DEMO01','scrypt$16384$8$1$pVuQNcUK7m5osklpVuFcJQ==$O6Xmn8un7zSVJUOFYhkeL1A/Z8wqrUkwE6pCrIvUYV4=',1,0,0,'2026-12-01T22:32:57.277545+00:00',0);
INSERT INTO person VALUES('5001','赵敏 Zhao Min','auditor','DEMO01','scrypt$16384$8$1$a4iuxBHD3bLVtrpZpSAYKA==$9ID/fHqITWaaEsIFMLiHzu7XeTgfcgV9OPTonzJr+kE=',1,0,0,'2026-12-01T22:32:57.358171+00:00',0);
INSERT INTO person VALUES('9001','孙磊 Sun Lei','admin','DEMO01','scrypt$16384$8$1$EhXaAmBDPHJPI6rjvxYkxg==$kRYVD0VkKwRM7bbMMv4JsR63H+D07LML5FTVD/32B+U=',1,0,0,'2026-12-01T22:32:57.439951+00:00',0);
INSERT INTO person VALUES('8001','周杰 Zhou Jie','officer','DEMO02','scrypt$16384$8$1$xxNSBZDzhahbkJk9hqwnHA==$UyZSLHjuIkT+GgNDcU74NlQmoQ+msNW0ywsBRzj9s/k=',1,0,0,'2026-12-01T22:32:57.552263+00:00',0);
CREATE TABLE recorder (
        serial TEXT PRIMARY KEY NOT NULL,
        brand TEXT NOT NULL,
        model TEXT NOT NULL,
        unit_code TEXT NOT NULL REFERENCES unit(code),
        state TEXT NOT NULL CHECK (state IN ('available','signed_out','in_repair',
                                             'lost','retired')),
        created_at TEXT NOT NULL);
INSERT INTO recorder VALUES('DSJ-A001','Hikvision','DS-MH2311','DEMO01','available','2026-12-01T22:32:57.445825+00:00');
INSERT INTO recorder VALUES('DSJ-A002','Hikvision','DS-MH2311','DEMO01','available','2026-12-01T22:32:57.451209+00:00');
INSERT INTO recorder VALUES('DSJ-B001','Dahua','MPT220','DEMO01','available','2026-12-01T22:32:57.455222+00:00');
INSERT INTO recorder VALUES('DSJ-B002','Dahua','MPT220','DEMO01','available','2026-12-01T22:32:57.458942+00:00');
INSERT INTO recorder VALUES('DSJ-C001','Hikvision','DS-MH2311','DEMO01','in_repair','2026-12-01T22:32:57.462717+00:00');
INSERT INTO recorder VALUES('DSJ-X001','Dahua','MPT220','DEMO02','available','2026-12-01T22:32:57.472767+00:00');
CREATE TABLE preshift_check (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        badge TEXT NOT NULL REFERENCES person(badge),
        at TEXT NOT NULL,
        passed INTEGER NOT NULL,
        items_json TEXT NOT NULL);
CREATE TABLE custody_session (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        holder_badge TEXT NOT NULL REFERENCES person(badge),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        returned_by TEXT REFERENCES person(badge),
        check_id INTEGER REFERENCES preshift_check(id));
CREATE TABLE audit_event (
        seq INTEGER PRIMARY KEY NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        object_type TEXT NOT NULL,
        object_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        detail_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL);
INSERT INTO audit_event VALUES(1,'2026-12-01T22:32:56.821678+00:00','demo:seed','admin','init_unit','unit','DEMO01','ok','{"changes":[["unit",["DEMO01"],{"code":"DEMO01","created_at":"2026-12-01T22:32:56.820719+00:00","home":1,"name":"演示执法中队 Demo Unit"}]],"name":"演示执法中队 Demo Unit"}','0000000000000000000000000000000000000000000000000000000000000000','f51340331eebacef794f957a4aff09bc45d66abfebc33145559c18e15275eb6e');
INSERT INTO audit_event VALUES(2,'2026-12-01T22:32:56.918910+00:00','demo:seed','admin','add_person','person','2001','ok','{"bootstrap":true,"changes":[["person",["2001"],{"active":1,"badge":"2001","created_at":"2026-12-01T22:32:56.917662+00:00","failed_pins":0,"locked":0,"must_change_pin":0,"name":"李强 Li Qiang","pin_hash":{"sha256":"a38fddadb6667f9993316cff3c2a5389bfa2df578a2fc5ee4a5006a6ae24b7cc"},"role":"unit_head","unit_code":"DEMO01"}]],"confirmed_by":"","name":"李强 Li Qiang","role":"unit_head"}','f51340331eebacef794f957a4aff09bc45d66abfebc33145559c18e15275eb6e','ce0ac9bb7b3ffd95eb40dce38ef05facc5d5d918cb56952aaf387accde88ceaf');
INSERT INTO audit_event VALUES(3,'2026-12-01T22:32:57.001609+00:00','2001','unit_head','sign_in','person','2001','ok','{}','ce0ac9bb7b3ffd95eb40dce38ef05facc5d5d918cb56952aaf387accde88ceaf','e85b576a3a8a4cd67568ccd88498a1638e758dae56615ae5a477780b19981bfd');
INSERT INTO audit_event VALUES(4,'2026-12-01T22:32:57.070355+00:00','demo:seed','admin','add_person','person','1001','ok','{"bootstrap":false,"changes":[["person",["1001"],{"active":1,"badge":"1001","created_at":"2026-12-01T22:32:57.069409+00:00","failed_pins":0,"locked":0,"must_change_pin":0,"name":"张伟 Zhang Wei","pin_hash":{"sha256":"39b6a7217675e7761dc5addb2e44eccd11ddbf92c795e6b5217bfe40e0c70c72"},"role":"officer","unit_code":"DEMO01"}]],"confirmed_by":"","name":"张伟 Zhang Wei","role":"officer"}','e85b576a3a8a4cd67568ccd88498a1638e758dae56615ae5a477780b19981bfd','5fa79af8bdf96bd24a96605cae10404c35b1c323d1a34c132a26db9c306d3fe1');
INSERT INTO audit_event VALUES(5,'2026-12-01T22:32:57.138018+00:00','demo:seed','admin','add_person','person','1002','ok','{"bootstrap":false,"changes":[["person",["1002"],{"active":1,"badge":"1002","created_at":"2026-12-01T22:32:57.137322+00:00","failed_pins":0,"locked":0,"must_change_pin":0,"name":"王芳 Wang Fang","pin_hash":{"sha256":"17890e2baca66e5ad74cb5eb6752f284a91ff6af0de2dc2549a447b32671434c"},"role":"officer","unit_code":"DEMO01"}]],"confirmed_by":"","name":"王芳 Wang Fang","role":"officer"}','5fa79af8bdf96bd24a96605cae10404c35b1c323d1a34c132a26db9c306d3fe1','caf6650a9446b8e38dc805c74a8ca2887007fc0b6f8ad13813e0e3ac55f55399');
INSERT INTO audit_event VALUES(6,'2026-12-01T22:32:57.205742+00:00','demo:seed','admin','add_person','person','3001','ok','{"bootstrap":false,"changes":[["person",["3001"],{"active":1,"badge":"3001","created_at":"2026-12-01T22:32:57.204558+00:00","failed_pins":0,"locked":0,"must_change_pin":0,"name":"刘洋 Liu Yang","pin_hash":{"sha256":"cfeb2978e6531621e53baff5b36433a5cb795f9d57f5859645c8af177007869a"},"role":"info_collector","unit_code":"DEMO01"}]],"confirmed_by":"2001","name":"刘洋 Liu Yang","role":"info_collector"}','caf6650a9446b8e38dc805c74a8ca2887007fc0b6f8ad13813e0e3ac55f55399','e0f2edccf489af8fc86d34250363bd2dd1dc811de4f8f9895bed49ab2a7b855b');
INSERT INTO audit_event VALUES(7,'2026-12-01T22:32:57.278292+00:00','demo:seed','admin','add_person','person','4001','ok','{"bootstrap":false,"changes":[["person",["4001"],{"active":1,"badge":"4001","created_at":"2026-12-01T22:32:57.277545+00:00","failed_pins":0,"locked":0,"must_change_pin":0,"name":"陈静 Chen Jing","pin_hash":{"sha256":"c3f13abdbebc1e51282c0b665b6d5a10ea484662e47ad36dbff2fafb91ead562"},"role":"bureau_head","unit_code":"DEMO01"}]],"confirmed_by":"2001","name":"陈静 Chen Jing","role":"bureau_head"}','e0f2edccf489af8fc86d34250363bd2dd1dc811de4f8f9895bed49ab2a7b855b','ece966cc4264f2144ff2aab75f05d12ee2c87293a319152838ecafe568e4f2bb');
INSERT INTO audit_event VALUES(8,'2026-12-01T22:32:57.359096+00:00','demo:seed','admin','add_person','person','5001','ok','{"bootstrap":false,"changes":[["person",["5001"],{"active":1,"badge":"5001","created_at":"2026-12-01T22:32:57.358171+00:00","failed_pins":0,"locked":0,"must_change_pin":0,"name":"赵敏 Zhao Min","pin_hash":{"sha256":"932ba795e75dbeccc890b582b64707e381b0265fc28fe2a4b6db18bb11d91a48"},"role":"auditor","unit_code":"DEMO01"}]],"confirmed_by":"2001","name":"赵敏 Zhao Min","role":"auditor"}','ece966cc4264f2144ff2aab75f05d12ee2c87293a319152838ecafe568e4f2bb','5de594a2db7b7d702e0ebe1d98514cd186e34cb16e07d8093d8c66b3465359e0');
INSERT INTO audit_event VALUES(9,'2026-12-01T22:32:57.440952+00:00','demo:seed','admin','add_person','person','9001','ok','{"bootstrap":false,"changes":[["person",["9001"],{"active":1,"badge":"9001","created_at":"2026-12-01T22:32:57.439951+00:00","failed_pins":0,"locked":0,"must_change_pin":0,"name":"孙磊 Sun Lei","pin_hash":{"sha256":"c288f82400f1ca54418880bd30297b350aa2f3d1bc41fe95c6270506effb7c99"},"role":"admin","unit_code":"DEMO01"}]],"confirmed_by":"2001","name":"孙磊 Sun Lei","role":"admin"}','5de594a2db7b7d702e0ebe1d98514cd186e34cb16e07d8093d8c66b3465359e0','4ba495ef16d87647cfce325c091fc37af20343a81b7b2c7525c156513f2c3bda');
INSERT INTO audit_event VALUES(10,'2026-12-01T22:32:57.446489+00:00','demo:seed','admin','add_recorder','recorder','DSJ-A001','ok','{"brand":"Hikvision","changes":[["recorder",["DSJ-A001"],{"brand":"Hikvision","created_at":"2026-12-01T22:32:57.445825+00:00","model":"DS-MH2311","serial":"DSJ-A001","state":"available","unit_code":"DEMO01"}]],"model":"DS-MH2311","unit":"DEMO01"}','4ba495ef16d87647cfce325c091fc37af20343a81b7b2c7525c156513f2c3bda','8e5c358e3e0a7ec752e1f3e1b91e55d94157daa0cf16f92aab628aac5b92903d');
INSERT INTO audit_event VALUES(11,'2026-12-01T22:32:57.451669+00:00','demo:seed','admin','add_recorder','recorder','DSJ-A002','ok','{"brand":"Hikvision","changes":[["recorder",["DSJ-A002"],{"brand":"Hikvision","created_at":"2026-12-01T22:32:57.451209+00:00","model":"DS-MH2311","serial":"DSJ-A002","state":"available","unit_code":"DEMO01"}]],"model":"DS-MH2311","unit":"DEMO01"}','8e5c358e3e0a7ec752e1f3e1b91e55d94157daa0cf16f92aab628aac5b92903d','eb381100af3a111ca9243f67ec2e42d6c9b7a27b9641c5d748fa7cf38dae7fe1');
INSERT INTO audit_event VALUES(12,'2026-12-01T22:32:57.455663+00:00','demo:seed','admin','add_recorder','recorder','DSJ-B001','ok','{"brand":"Dahua","changes":[["recorder",["DSJ-B001"],{"brand":"Dahua","created_at":"2026-12-01T22:32:57.455222+00:00","model":"MPT220","serial":"DSJ-B001","state":"available","unit_code":"DEMO01"}]],"model":"MPT220","unit":"DEMO01"}','eb381100af3a111ca9243f67ec2e42d6c9b7a27b9641c5d748fa7cf38dae7fe1','27d50062ac712cbbd8b37503e7a337ed039091bbd6097bcefb36dada460df8a1');
INSERT INTO audit_event VALUES(13,'2026-12-01T22:32:57.459347+00:00','demo:seed','admin','add_recorder','recorder','DSJ-B002','ok','{"brand":"Dahua","changes":[["recorder",["DSJ-B002"],{"brand":"Dahua","created_at":"2026-12-01T22:32:57.458942+00:00","model":"MPT220","serial":"DSJ-B002","state":"available","unit_code":"DEMO01"}]],"model":"MPT220","unit":"DEMO01"}','27d50062ac712cbbd8b37503e7a337ed039091bbd6097bcefb36dada460df8a1','a470e357d1394209a3de0efa6703d5ad25655bb63f7ed77aece9f5144f963990');
INSERT INTO audit_event VALUES(14,'2026-12-01T22:32:57.463079+00:00','demo:seed','admin','add_recorder','recorder','DSJ-C001','ok','{"brand":"Hikvision","changes":[["recorder",["DSJ-C001"],{"brand":"Hikvision","created_at":"2026-12-01T22:32:57.462717+00:00","model":"DS-MH2311","serial":"DSJ-C001","state":"available","unit_code":"DEMO01"}]],"model":"DS-MH2311","unit":"DEMO01"}','a470e357d1394209a3de0efa6703d5ad25655bb63f7ed77aece9f5144f963990','34b46cb18d7ee14460fafc7e53f90a865189e4ca53bad0fe040f2107855a3323');
INSERT INTO audit_event VALUES(15,'2026-12-01T22:32:57.468418+00:00','2001','unit_head','report_fault','recorder','DSJ-C001','ok','{"changes":[["fault",[1],{"holder_badge":null,"id":1,"note":"does not hold a charge","part":"battery","repair_check_id":null,"repaired_at":null,"repaired_by":null,"reported_at":"2026-12-01T22:32:57.467760+00:00","reported_by":"2001","serial":"DSJ-C001","session_id":null}],["recorder",["DSJ-C001"],{"brand":"Hikvision","created_at":"2026-12-01T22:32:57.462717+00:00","model":"DS-MH2311","serial":"DSJ-C001","state":"in_repair","unit_code":"DEMO01"}]],"fault":1,"holder":null,"part":"battery","session":null}','34b46cb18d7ee14460fafc7e53f90a865189e4ca53bad0fe040f2107855a3323','3fa4bccef9e7075ff57a68dbbb4f310409121449a331842da8e9c0556d794e17');
INSERT INTO audit_event VALUES(16,'2026-12-01T22:32:57.473116+00:00','demo:seed','admin','add_recorder','recorder','DSJ-X001','ok','{"brand":"Dahua","changes":[["recorder",["DSJ-X001"],{"brand":"Dahua","created_at":"2026-12-01T22:32:57.472767+00:00","model":"MPT220","serial":"DSJ-X001","state":"available","unit_code":"DEMO02"}],["unit",["DEMO02"],{"code":"DEMO02","created_at":"2026-12-01T22:32:57.472480+00:00","home":0,"name":"DEMO02"}]],"model":"MPT220","unit":"DEMO02"}','3fa4bccef9e7075ff57a68dbbb4f310409121449a331842da8e9c0556d794e17','9c55d6f0dcb9ee15bc42adf41feb178345834500dab73d779d97e51cab5c391d');
INSERT INTO audit_event VALUES(17,'2026-12-01T22:32:57.553152+00:00','demo:seed','admin','add_person','person','8001','ok','{"changes":[["person",["8001"],{"active":1,"badge":"8001","created_at":"2026-12-01T22:32:57.552263+00:00","failed_pins":0,"locked":0,"must_change_pin":0,"name":"周杰 Zhou Jie","pin_hash":{"sha256":"400076393feae3acaa6c903a35f2a234350c3048d5c1b1df939baf124bd8b25a"},"role":"officer","unit_code":"DEMO02"}]],"name":"周杰 Zhou Jie","role":"officer","unit":"DEMO02"}','9c55d6f0dcb9ee15bc42adf41feb178345834500dab73d779d97e51cab5c391d','5d17811887da46415c714f9d7bb059e85a8963e0f2bf5848b6c88102e4b951de');
INSERT INTO audit_event VALUES(18,'2026-12-01T22:32:57.558056+00:00','9001','admin','label_requested','kiosk_request','1','ok','{"changes":[["kiosk_request",[1],{"finished_at":null,"id":1,"kind":"label_device","reason":"","requested_at":"2026-12-01T22:32:57.557398+00:00","requested_by":"9001","result":"","state":"queued","subject":"DSJ-A001"}]],"kind":"label_device","subject":"DSJ-A001"}','5d17811887da46415c714f9d7bb059e85a8963e0f2bf5848b6c88102e4b951de','9feb46c024242dcdd7d1e33dc2988e17527df3f56bfcc73dfe85dded9f70e01f');
INSERT INTO audit_event VALUES(19,'2026-12-01T22:32:57.588809+00:00','9001','admin','print_label','recorder','DSJ-A001','ok','{"path":"/tmp/v7home/exports/labels/000001-device-DSJ-A001.png"}','9feb46c024242dcdd7d1e33dc2988e17527df3f56bfcc73dfe85dded9f70e01f','4445da1a63cb4d1b45edda5a86534d849be28c80401c6b3891c89378c92cc458');
INSERT INTO audit_event VALUES(20,'2026-12-01T22:32:57.591658+00:00','system:dock','system','request_answered','kiosk_request','1','ok','{"changes":[["kiosk_request",[1],{"finished_at":"2026-12-01T22:32:57.590867+00:00","id":1,"kind":"label_device","reason":"","requested_at":"2026-12-01T22:32:57.557398+00:00","requested_by":"9001","result":"/tmp/v7home/exports/labels/000001-device-DSJ-A001.png","state":"done","subject":"DSJ-A001"}]],"kind":"label_device","reason":"","result":"/tmp/v7home/exports/labels/000001-device-DSJ-A001.png","subject":"DSJ-A001"}','4445da1a63cb4d1b45edda5a86534d849be28c80401c6b3891c89378c92cc458','7646d133a26dcdb810b7351d71f3e318d12562da9e5fc0e24a4946ce236761a5');
INSERT INTO audit_event VALUES(21,'2026-12-01T22:32:57.595210+00:00','9001','admin','label_requested','kiosk_request','2','ok','{"changes":[["kiosk_request",[2],{"finished_at":null,"id":2,"kind":"label_badge","reason":"","requested_at":"2026-12-01T22:32:57.594842+00:00","requested_by":"9001","result":"","state":"queued","subject":"1001"}]],"kind":"label_badge","subject":"1001"}','7646d133a26dcdb810b7351d71f3e318d12562da9e5fc0e24a4946ce236761a5','a0217265798ed5ddfe648a5363a6b1b046bafe8301b25ca6605b165f4d6ca3ff');
CREATE TABLE recorder_reading (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL,
        at TEXT NOT NULL,
        main_battery_percent INTEGER,
        spare_battery_percent INTEGER,
        free_bytes INTEGER,
        total_bytes INTEGER,
        bitrate_bps INTEGER,
        clock_offset_after_sync REAL);
CREATE TABLE drift_ledger (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL,
        at TEXT NOT NULL,
        device_clock TEXT NOT NULL,
        offset_seconds REAL NOT NULL);
CREATE TABLE offload_job (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('queued','running','clearing','done','failed',
                                             'interrupted')),
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT,
        bytes_total INTEGER NOT NULL DEFAULT 0,
        clips_total INTEGER NOT NULL DEFAULT 0,
        clips_done INTEGER NOT NULL DEFAULT 0,
        clips_new INTEGER NOT NULL DEFAULT 0,
        clips_existing INTEGER NOT NULL DEFAULT 0,
        clips_failed INTEGER NOT NULL DEFAULT 0,
        clips_cleared INTEGER NOT NULL DEFAULT 0,
        error TEXT NOT NULL DEFAULT '', operator TEXT NOT NULL DEFAULT '', clips_skipped INTEGER NOT NULL DEFAULT 0);
CREATE TABLE clip (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        serial TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        source_name TEXT NOT NULL,
        job_id INTEGER REFERENCES offload_job(id),
        archived_at TEXT NOT NULL,
        device_recorded_at TEXT,
        recorded_at TEXT,
        day TEXT NOT NULL DEFAULT '',
        session_id INTEGER REFERENCES custody_session(id),
        holder_badge TEXT,
        duration_seconds REAL,
        container TEXT NOT NULL DEFAULT '',
        video_codec TEXT NOT NULL DEFAULT '',
        audio_codec TEXT NOT NULL DEFAULT '',
        width INTEGER,
        height INTEGER,
        has_audio INTEGER NOT NULL DEFAULT 0,
        flags TEXT NOT NULL DEFAULT '',
        probe_error TEXT NOT NULL DEFAULT '',
        cleared_at TEXT,
        UNIQUE (serial, source_name, sha256));
CREATE TABLE clip_case (
        clip_id INTEGER NOT NULL REFERENCES clip(id),
        case_number TEXT NOT NULL,
        filed_by TEXT NOT NULL,
        filed_at TEXT NOT NULL,
        PRIMARY KEY (clip_id, case_number));
CREATE TABLE alarm (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('critical','warning')),
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail_json TEXT NOT NULL,
        acknowledged_at TEXT,
        acknowledged_by TEXT);
CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        found_at TEXT NOT NULL,
        content_matches INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open','resolved')),
        resolved_at TEXT,
        clip_id INTEGER REFERENCES clip(id));
CREATE TABLE fixity_check (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        checked INTEGER NOT NULL,
        mismatched INTEGER NOT NULL,
        missing INTEGER NOT NULL);
CREATE TABLE offload_progress (
        job_id INTEGER PRIMARY KEY NOT NULL REFERENCES offload_job(id),
        bytes_done INTEGER NOT NULL DEFAULT 0,
        rate_bps REAL NOT NULL DEFAULT 0,
        current_name TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL);
CREATE TABLE verified_head (
        id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        at TEXT NOT NULL);
CREATE TABLE clip_class (
        clip_id INTEGER PRIMARY KEY NOT NULL REFERENCES clip(id),
        class TEXT NOT NULL CHECK (class IN ('normal','privacy','trade_secret','state_secret')),
        set_by TEXT NOT NULL,
        set_at TEXT NOT NULL);
CREATE TABLE package (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('handover','disclosure')),
        name TEXT NOT NULL,
        period TEXT NOT NULL DEFAULT '',
        signature_sha256 TEXT NOT NULL UNIQUE CHECK (length(signature_sha256) = 64),
        clips INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        received_by TEXT,
        received_at TEXT);
CREATE TABLE package_clip (
        package_id INTEGER NOT NULL REFERENCES package(id),
        clip_id INTEGER NOT NULL REFERENCES clip(id),
        PRIMARY KEY (package_id, clip_id));
CREATE TABLE disclosure (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        recipient TEXT NOT NULL,
        reason TEXT NOT NULL,
        items_sha256 TEXT NOT NULL CHECK (length(items_sha256) = 64),
        state TEXT NOT NULL CHECK (state IN ('pending','approved','refused','exported')),
        named_classes TEXT NOT NULL DEFAULT '',
        decided_by TEXT,
        decided_at TEXT,
        decision_note TEXT NOT NULL DEFAULT '',
        approved_items_sha256 TEXT,
        expires_at TEXT,
        exported_at TEXT,
        package_id INTEGER REFERENCES package(id));
CREATE TABLE disclosure_clip (
        disclosure_id INTEGER NOT NULL REFERENCES disclosure(id),
        clip_id INTEGER NOT NULL REFERENCES clip(id),
        PRIMARY KEY (disclosure_id, clip_id));
CREATE TABLE fault (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        part TEXT NOT NULL CHECK (part IN ('battery','storage','lens','microphone','clock',
                                           'casing','other')),
        note TEXT NOT NULL DEFAULT '',
        reported_by TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        session_id INTEGER REFERENCES custody_session(id),
        holder_badge TEXT,
        repaired_by TEXT,
        repaired_at TEXT,
        repair_check_id INTEGER REFERENCES preshift_check(id));
INSERT INTO fault VALUES(1,'DSJ-C001','battery','does not hold a charge','2001','2026-12-01T22:32:57.467760+00:00',NULL,NULL,NULL,NULL,NULL);
CREATE TABLE incident (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        kind TEXT NOT NULL CHECK (kind IN ('lost','damaged')),
        what TEXT NOT NULL,
        finding TEXT NOT NULL CHECK (finding IN ('negligence','improper_use','deliberate',
                                                 'no_fault')),
        note TEXT NOT NULL DEFAULT '',
        declared_by TEXT NOT NULL,
        confirmed_by TEXT NOT NULL,
        declared_at TEXT NOT NULL,
        session_id INTEGER REFERENCES custody_session(id),
        holder_badge TEXT,
        found_by TEXT,
        found_at TEXT);
CREATE TABLE kiosk_request (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('label_device','label_badge')),
        subject TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','done','refused')),
        finished_at TEXT,
        result TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '');
INSERT INTO kiosk_request VALUES(1,'label_device','DSJ-A001','9001','2026-12-01T22:32:57.557398+00:00','done','2026-12-01T22:32:57.590867+00:00','/tmp/v7home/exports/labels/000001-device-DSJ-A001.png','');
INSERT INTO kiosk_request VALUES(2,'label_badge','1001','9001','2026-12-01T22:32:57.594842+00:00','queued',NULL,'','');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('fault',1);
INSERT INTO sqlite_sequence VALUES('kiosk_request',2);
CREATE UNIQUE INDEX custody_one_open_per_recorder
        ON custody_session(serial) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX custody_one_open_per_holder
        ON custody_session(holder_badge) WHERE ended_at IS NULL;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE INDEX recorder_reading_serial_at ON recorder_reading(serial, at);
CREATE INDEX drift_ledger_serial_at ON drift_ledger(serial, at);
CREATE INDEX offload_job_serial ON offload_job(serial, started_at);
CREATE INDEX clip_sha256 ON clip(sha256);
CREATE INDEX clip_day ON clip(day);
CREATE INDEX clip_holder ON clip(holder_badge, day);
CREATE TRIGGER clip_identity_fixed BEFORE UPDATE OF sha256, size, serial, source_name
        ON clip BEGIN SELECT RAISE(ABORT, 'a clip''s identity never changes'); END;
CREATE INDEX clip_case_number ON clip_case(case_number);
CREATE INDEX package_clip_clip ON package_clip(clip_id);
CREATE INDEX fault_serial ON fault(serial);
CREATE INDEX incident_serial ON incident(serial);
CREATE INDEX incident_holder ON incident(holder_badge);
CREATE INDEX kiosk_request_state ON kiosk_request(state);
COMMIT;
