-- A home written by the release before migration 4 (commit 24ef2f1): a demo shift, four
-- clips offloaded and two filed, a wrong PIN, a foreign recorder, a fixity run. The clip
-- files are 'old clip N\n' x 20 and 'foreign\n' x 30; tests/integration/test_state_binding.py
-- rebuilds them. Loaded, then PRAGMA user_version = 3.
BEGIN TRANSACTION;
CREATE TABLE alarm (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('critical','warning')),
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail_json TEXT NOT NULL,
        acknowledged_at TEXT,
        acknowledged_by TEXT);
INSERT INTO "alarm" VALUES(1,'2026-11-20T02:02:00.000000+00:00','warning','foreign_unit','OTHER-9','{"job": 2, "unit": "unregistered"}',NULL,NULL);
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
INSERT INTO "audit_event" VALUES(1,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','init_unit','unit','DEMO01','ok','{"name":"演示执法中队 Demo Unit"}','0000000000000000000000000000000000000000000000000000000000000000','559a1ed6bcae4222435848d12750daf35fdc7a819e5e5c255d56b6211b169097');
INSERT INTO "audit_event" VALUES(2,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_person','person','1001','ok','{"name":"张伟 Zhang Wei","role":"officer"}','559a1ed6bcae4222435848d12750daf35fdc7a819e5e5c255d56b6211b169097','88d7fd560e8c7f77f8890cda9fb032bbef03637b831471103d64bcad8c65766c');
INSERT INTO "audit_event" VALUES(3,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_person','person','1002','ok','{"name":"王芳 Wang Fang","role":"officer"}','88d7fd560e8c7f77f8890cda9fb032bbef03637b831471103d64bcad8c65766c','068cb4ffa491ae88bb0969531b58d4db10ae7ae4726dd495eef8d236c1f23e45');
INSERT INTO "audit_event" VALUES(4,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_person','person','2001','ok','{"name":"李强 Li Qiang","role":"unit_head"}','068cb4ffa491ae88bb0969531b58d4db10ae7ae4726dd495eef8d236c1f23e45','275960834d1aa90281c2382d8c80e6280d42a26c3db3a9df552500741a935c6e');
INSERT INTO "audit_event" VALUES(5,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_person','person','3001','ok','{"name":"刘洋 Liu Yang","role":"info_collector"}','275960834d1aa90281c2382d8c80e6280d42a26c3db3a9df552500741a935c6e','816dc8aa81c4f3787201f2e9710b0f76a3e82ae145c4a6a4151c18d7638d30d2');
INSERT INTO "audit_event" VALUES(6,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_person','person','4001','ok','{"name":"陈静 Chen Jing","role":"bureau_head"}','816dc8aa81c4f3787201f2e9710b0f76a3e82ae145c4a6a4151c18d7638d30d2','e68fe3647eb1b9c2bb7d81709159c37583ca2da4cbf4234541963adf5bd8a1b0');
INSERT INTO "audit_event" VALUES(7,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_person','person','5001','ok','{"name":"赵敏 Zhao Min","role":"auditor"}','e68fe3647eb1b9c2bb7d81709159c37583ca2da4cbf4234541963adf5bd8a1b0','b81e22dada169623fe3a52c2ae38e9efabb5cf387cd3fefc9834207d83298443');
INSERT INTO "audit_event" VALUES(8,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_person','person','9001','ok','{"name":"孙磊 Sun Lei","role":"admin"}','b81e22dada169623fe3a52c2ae38e9efabb5cf387cd3fefc9834207d83298443','563a2072857e46d26b2407b51773d90926adce38e1e516d11901210dc22a6f36');
INSERT INTO "audit_event" VALUES(9,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_recorder','recorder','DSJ-A001','ok','{"brand":"Hikvision","model":"DS-MH2311"}','563a2072857e46d26b2407b51773d90926adce38e1e516d11901210dc22a6f36','72e851a00d5d50e3f60c0e9d3e8153b252f238a30c6e7c6c14ee07ef887896dc');
INSERT INTO "audit_event" VALUES(10,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_recorder','recorder','DSJ-A002','ok','{"brand":"Hikvision","model":"DS-MH2311"}','72e851a00d5d50e3f60c0e9d3e8153b252f238a30c6e7c6c14ee07ef887896dc','022f5a49a4a47a89cae3ca9f301d00fba51da2acc854e6644fd478e06a2414a0');
INSERT INTO "audit_event" VALUES(11,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_recorder','recorder','DSJ-B001','ok','{"brand":"Dahua","model":"MPT220"}','022f5a49a4a47a89cae3ca9f301d00fba51da2acc854e6644fd478e06a2414a0','c85350ce7eda7330dafa981c1b90d02fd5690298c4889c7c1112d72184118ce3');
INSERT INTO "audit_event" VALUES(12,'2026-11-20T00:02:00.000000+00:00','demo:seed','admin','add_recorder','recorder','DSJ-B002','ok','{"brand":"Dahua","model":"MPT220"}','c85350ce7eda7330dafa981c1b90d02fd5690298c4889c7c1112d72184118ce3','9e6047c3d32a697d6cbce72255c7c18974f91b86896853f9ce410c87a3204730');
INSERT INTO "audit_event" VALUES(13,'2026-11-20T00:02:00.000000+00:00','1001','officer','sign_in','person','1001','ok','{}','9e6047c3d32a697d6cbce72255c7c18974f91b86896853f9ce410c87a3204730','c55d77dc50a4cb62de301205171312d3190b1a2ca2c0824511bb3cfcc88f22b4');
INSERT INTO "audit_event" VALUES(14,'2026-11-20T00:02:00.000000+00:00','1001','officer','sign_out','recorder','DSJ-A001','ok','{"check":{"clock":"confirmed","free_space":"confirmed","lens_microphone":"confirmed","main_battery":"confirmed","spare_battery":"confirmed"},"session":1}','c55d77dc50a4cb62de301205171312d3190b1a2ca2c0824511bb3cfcc88f22b4','23db68727f47b22352e2593cbc8e2324c837d1755bd14f6c05d7e2516da042e1');
INSERT INTO "audit_event" VALUES(15,'2026-11-20T02:02:00.000000+00:00','1001','officer','return','recorder','DSJ-A001','ok','{"holder":"1001","on_behalf":false,"session":1}','23db68727f47b22352e2593cbc8e2324c837d1755bd14f6c05d7e2516da042e1','bc2f0d5292709262e3de22befb21008d3ad2ab9e0fb5ffdf72f1f2a08a1d6b95');
INSERT INTO "audit_event" VALUES(16,'2026-11-20T02:02:00.000000+00:00','1001','officer','clock_drift','recorder','DSJ-A001','ok','{"offset_seconds":975289.939}','bc2f0d5292709262e3de22befb21008d3ad2ab9e0fb5ffdf72f1f2a08a1d6b95','9f6dde4bbd0cafeada29cee4205d9bba66fc6f6feb257902f2de7d51ad4a7511');
INSERT INTO "audit_event" VALUES(17,'2026-11-20T02:02:00.000000+00:00','1001','officer','reading','recorder','DSJ-A001','ok','{"clock_offset_after_sync":0.001287,"free_bytes":64424509440,"main_battery":100,"spare_battery":100}','9f6dde4bbd0cafeada29cee4205d9bba66fc6f6feb257902f2de7d51ad4a7511','0010533e3cf38abc514a918a794d1844ed6d5802eec5a9e278db3778149bdbd8');
INSERT INTO "audit_event" VALUES(18,'2026-11-20T02:02:00.000000+00:00','system:offload','system','offload_queued','offload_job','1','ok','{"serial":"DSJ-A001"}','0010533e3cf38abc514a918a794d1844ed6d5802eec5a9e278db3778149bdbd8','ed79b1764750cd81cb98d07934062bf09fb09475426fc2f75e3e9d1aaed07ca1');
INSERT INTO "audit_event" VALUES(19,'2026-11-20T02:02:00.000000+00:00','system:offload','system','offload_start','offload_job','1','ok','{"error":"","state":"running"}','ed79b1764750cd81cb98d07934062bf09fb09475426fc2f75e3e9d1aaed07ca1','5cba8837974d57a2257415cd52ec75e8c76847df7c8a8e53b51ea5702af3e555');
INSERT INTO "audit_event" VALUES(20,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_archived','clip','1','ok','{"flags":["unreadable"],"holder":"1001","job":1,"resolved_quarantine":false,"serial":"DSJ-A001","sha256":"f5afb0d3483b2a6280ba79cfcd2397101ca2d48785dabe90eedca9e746a0c43b","size":220,"source":"DCIM/FILE0000.MP4"}','5cba8837974d57a2257415cd52ec75e8c76847df7c8a8e53b51ea5702af3e555','12ea31cd4afaed50ae24b6fcdae3df12975be7077ce47e91877ec8cd15408170');
INSERT INTO "audit_event" VALUES(21,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_archived','clip','2','ok','{"flags":["unreadable"],"holder":"1001","job":1,"resolved_quarantine":false,"serial":"DSJ-A001","sha256":"1e82fabddfa47853c99aac86085130acf909ddf55f4db611c8a9ed023940117c","size":220,"source":"DCIM/FILE0001.MP4"}','12ea31cd4afaed50ae24b6fcdae3df12975be7077ce47e91877ec8cd15408170','43d9cda707bcea2d8b95d582e5de0b8dd63a8cb8fdc52e31a6a9c3b1e94c1729');
INSERT INTO "audit_event" VALUES(22,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_archived','clip','3','ok','{"flags":["unreadable"],"holder":"1001","job":1,"resolved_quarantine":false,"serial":"DSJ-A001","sha256":"bb3d1c435379f0c49d9ba5f6eb405f4fa552a656e347bfe0441353c9597a692b","size":220,"source":"DCIM/FILE0002.MP4"}','43d9cda707bcea2d8b95d582e5de0b8dd63a8cb8fdc52e31a6a9c3b1e94c1729','f455697b7d32c6448a53882297d0e3e0b5cd89c82ff3c15e524e74c21f835fc3');
INSERT INTO "audit_event" VALUES(23,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_archived','clip','4','ok','{"flags":["unreadable"],"holder":"1001","job":1,"resolved_quarantine":false,"serial":"DSJ-A001","sha256":"80cc45017646f83f80c5a2f84284ea1d3278fd002286788d58d28038ee2b60a8","size":220,"source":"DCIM/FILE0003.MP4"}','f455697b7d32c6448a53882297d0e3e0b5cd89c82ff3c15e524e74c21f835fc3','58dc87b2912da8d5581f63a4616586213d00bd058cbc73f7b4534a77b403057a');
INSERT INTO "audit_event" VALUES(24,'2026-11-20T02:02:00.000000+00:00','system:offload','system','offload_clear','offload_job','1','ok','{"error":"","state":"clearing"}','58dc87b2912da8d5581f63a4616586213d00bd058cbc73f7b4534a77b403057a','de8ad9acfad3be0a324f25cdfc271aba15c61adac983366494810c0e5a8aadf5');
INSERT INTO "audit_event" VALUES(25,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_clear','clip','1','started','{"serial":"DSJ-A001","sha256":"f5afb0d3483b2a6280ba79cfcd2397101ca2d48785dabe90eedca9e746a0c43b","source":"DCIM/FILE0000.MP4"}','de8ad9acfad3be0a324f25cdfc271aba15c61adac983366494810c0e5a8aadf5','6efc63f7c375699951ffcb0595f72da0b2fdeb74f7935af4fec5e7df1f7d9808');
INSERT INTO "audit_event" VALUES(26,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_cleared','clip','1','ok','{"job":1,"serial":"DSJ-A001","sha256":"f5afb0d3483b2a6280ba79cfcd2397101ca2d48785dabe90eedca9e746a0c43b","source":"DCIM/FILE0000.MP4"}','6efc63f7c375699951ffcb0595f72da0b2fdeb74f7935af4fec5e7df1f7d9808','f3666b2a522125c0e2d96ca5fc15b270cfe4ee3886714f91ddbb8f2081192a3a');
INSERT INTO "audit_event" VALUES(27,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_clear','clip','2','started','{"serial":"DSJ-A001","sha256":"1e82fabddfa47853c99aac86085130acf909ddf55f4db611c8a9ed023940117c","source":"DCIM/FILE0001.MP4"}','f3666b2a522125c0e2d96ca5fc15b270cfe4ee3886714f91ddbb8f2081192a3a','214b70bc604b5b3a24c82316f75fc9da8ec387330e2a51728f0290185d256a8c');
INSERT INTO "audit_event" VALUES(28,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_cleared','clip','2','ok','{"job":1,"serial":"DSJ-A001","sha256":"1e82fabddfa47853c99aac86085130acf909ddf55f4db611c8a9ed023940117c","source":"DCIM/FILE0001.MP4"}','214b70bc604b5b3a24c82316f75fc9da8ec387330e2a51728f0290185d256a8c','99e13a9ff0a241b89c5f145a4ff61c472157125a0d24f31381e5e20e92b4aeed');
INSERT INTO "audit_event" VALUES(29,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_clear','clip','3','started','{"serial":"DSJ-A001","sha256":"bb3d1c435379f0c49d9ba5f6eb405f4fa552a656e347bfe0441353c9597a692b","source":"DCIM/FILE0002.MP4"}','99e13a9ff0a241b89c5f145a4ff61c472157125a0d24f31381e5e20e92b4aeed','1e0ffd29c3138afac4d70d982d268d6604ee3e872466f7430ef73ad3f690a965');
INSERT INTO "audit_event" VALUES(30,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_cleared','clip','3','ok','{"job":1,"serial":"DSJ-A001","sha256":"bb3d1c435379f0c49d9ba5f6eb405f4fa552a656e347bfe0441353c9597a692b","source":"DCIM/FILE0002.MP4"}','1e0ffd29c3138afac4d70d982d268d6604ee3e872466f7430ef73ad3f690a965','8318ceb7b7c6ce467db1b395667f36be0c718164f58b3b79492731cc19af87d2');
INSERT INTO "audit_event" VALUES(31,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_clear','clip','4','started','{"serial":"DSJ-A001","sha256":"80cc45017646f83f80c5a2f84284ea1d3278fd002286788d58d28038ee2b60a8","source":"DCIM/FILE0003.MP4"}','8318ceb7b7c6ce467db1b395667f36be0c718164f58b3b79492731cc19af87d2','51a7df7e1b8ecd3621d593d84c75b5376e1fa6898bb9570666c87e190aad21a5');
INSERT INTO "audit_event" VALUES(32,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_cleared','clip','4','ok','{"job":1,"serial":"DSJ-A001","sha256":"80cc45017646f83f80c5a2f84284ea1d3278fd002286788d58d28038ee2b60a8","source":"DCIM/FILE0003.MP4"}','51a7df7e1b8ecd3621d593d84c75b5376e1fa6898bb9570666c87e190aad21a5','9b4f276f62a8d2d8f26753613583b5416fd933fe761a261c48397bacb8f15727');
INSERT INTO "audit_event" VALUES(33,'2026-11-20T02:02:00.000000+00:00','system:offload','system','offload_finish','offload_job','1','ok','{"error":"","state":"done"}','9b4f276f62a8d2d8f26753613583b5416fd933fe761a261c48397bacb8f15727','8bf91bf98f09e4f25ea51bdb63c2bc8f5eaacb8710aeae0907658e3228ae16b6');
INSERT INTO "audit_event" VALUES(34,'2026-11-20T02:02:00.000000+00:00','1001','officer','file_clip','clip','1','ok','{"case":"ZF-OLD-1","holder":"1001","on_behalf":false}','8bf91bf98f09e4f25ea51bdb63c2bc8f5eaacb8710aeae0907658e3228ae16b6','672e4e4065c7c79b9e41e81e300806bca28ef64a179bb8e8af1f833ec94547fe');
INSERT INTO "audit_event" VALUES(35,'2026-11-20T02:02:00.000000+00:00','1001','officer','file_clip','clip','2','ok','{"case":"ZF-OLD-1","holder":"1001","on_behalf":false}','672e4e4065c7c79b9e41e81e300806bca28ef64a179bb8e8af1f833ec94547fe','f791c6a2c8f089078e0ab897cfa1ee14d8879a9fff4bf0e18afac3711989ee17');
INSERT INTO "audit_event" VALUES(36,'2026-11-20T02:02:00.000000+00:00','1002','officer','sign_in','person','1002','refused','{"failed":1,"locked":false,"reason":"wrong_pin"}','f791c6a2c8f089078e0ab897cfa1ee14d8879a9fff4bf0e18afac3711989ee17','9d3e5ae5a9019b22abccc7df9811485596ebc922f339999ac34847c1f0747f48');
INSERT INTO "audit_event" VALUES(37,'2026-11-20T02:02:00.000000+00:00','system:offload','system','offload_queued','offload_job','2','ok','{"serial":"OTHER-9"}','9d3e5ae5a9019b22abccc7df9811485596ebc922f339999ac34847c1f0747f48','c46094043410e1c97881757b8c4748c008ecd9ea1c53b09636f4409b7115f27a');
INSERT INTO "audit_event" VALUES(38,'2026-11-20T02:02:00.000000+00:00','system:offload','system','offload_start','offload_job','2','ok','{"error":"","state":"running"}','c46094043410e1c97881757b8c4748c008ecd9ea1c53b09636f4409b7115f27a','26a1af715e9259de31bca0918cbed0e71a9968c85ce0f9db091468dc971858ca');
INSERT INTO "audit_event" VALUES(39,'2026-11-20T02:02:00.000000+00:00','system:offload','system','alarm_raised','alarm','1','ok','{"kind":"foreign_unit","serial":"OTHER-9","unit":"unregistered"}','26a1af715e9259de31bca0918cbed0e71a9968c85ce0f9db091468dc971858ca','b94373f9daa205f32de83ef3d8bccb57dc8680d7e9c050e88b17467407d1d314');
INSERT INTO "audit_event" VALUES(40,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_archived','clip','5','ok','{"flags":["foreign_unit","unreadable"],"holder":null,"job":2,"resolved_quarantine":false,"serial":"OTHER-9","sha256":"1aaad13aff6b7c940256a7edcc4e15add62514cc61e678f3159405b6f514f24a","size":240,"source":"DCIM/A.MP4"}','b94373f9daa205f32de83ef3d8bccb57dc8680d7e9c050e88b17467407d1d314','41598133578152a6cd8d887032fe3528ee4201a6a44a06cf1f71c9e72b59647f');
INSERT INTO "audit_event" VALUES(41,'2026-11-20T02:02:00.000000+00:00','system:offload','system','offload_clear','offload_job','2','ok','{"error":"","state":"clearing"}','41598133578152a6cd8d887032fe3528ee4201a6a44a06cf1f71c9e72b59647f','d13adfbbef176b55703b7fe988d89612456a77d1375bc212950f86fc8a6764df');
INSERT INTO "audit_event" VALUES(42,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_clear','clip','5','started','{"serial":"OTHER-9","sha256":"1aaad13aff6b7c940256a7edcc4e15add62514cc61e678f3159405b6f514f24a","source":"DCIM/A.MP4"}','d13adfbbef176b55703b7fe988d89612456a77d1375bc212950f86fc8a6764df','3f697120caaf4c38441bcf599dec7babbfd303e4cf366b24c9592d83af4fdeba');
INSERT INTO "audit_event" VALUES(43,'2026-11-20T02:02:00.000000+00:00','system:offload','system','clip_cleared','clip','5','ok','{"job":2,"serial":"OTHER-9","sha256":"1aaad13aff6b7c940256a7edcc4e15add62514cc61e678f3159405b6f514f24a","source":"DCIM/A.MP4"}','3f697120caaf4c38441bcf599dec7babbfd303e4cf366b24c9592d83af4fdeba','eb0945afe3176144f57386d53b86b3d5f547df7f32febff4b5ff6ca0ef2fd851');
INSERT INTO "audit_event" VALUES(44,'2026-11-20T02:02:00.000000+00:00','system:offload','system','offload_finish','offload_job','2','ok','{"error":"","state":"done"}','eb0945afe3176144f57386d53b86b3d5f547df7f32febff4b5ff6ca0ef2fd851','a0063213e10c7bd6b422ade2bb4f9939c69d7d3214c1ebb09bca3851801f5600');
INSERT INTO "audit_event" VALUES(45,'2026-11-20T02:02:00.000000+00:00','os:test','system','fixity_verify','archive','sha256','ok','{"checked":5,"mismatched":[],"missing":[],"sample":null}','a0063213e10c7bd6b422ade2bb4f9939c69d7d3214c1ebb09bca3851801f5600','6134451b7169d9b2e7edd86bf76b24fd508a12492b3c66fd2d4678a8aa0a53e9');
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
INSERT INTO "clip" VALUES(1,'f5afb0d3483b2a6280ba79cfcd2397101ca2d48785dabe90eedca9e746a0c43b',220,'DSJ-A001','DEMO01','DCIM/FILE0000.MP4',1,'2026-11-20T02:02:00.000000+00:00','2026-12-01T08:56:49.932598+00:00','2026-11-20T02:01:59.993722+00:00','2026-11-20',1,'1001',NULL,'','','',NULL,NULL,0,'unreadable','file:/tmp/v3home/home/archive/sha256/f5/af/f5afb0d3483b2a6280ba79cfcd2397101ca2d48785dabe90eedca9e746a0c43b: Invalid data found when processing input','2026-11-20T02:02:00.000000+00:00');
INSERT INTO "clip" VALUES(2,'1e82fabddfa47853c99aac86085130acf909ddf55f4db611c8a9ed023940117c',220,'DSJ-A001','DEMO01','DCIM/FILE0001.MP4',1,'2026-11-20T02:02:00.000000+00:00','2026-12-01T08:56:49.932811+00:00','2026-11-20T02:01:59.993935+00:00','2026-11-20',1,'1001',NULL,'','','',NULL,NULL,0,'unreadable','file:/tmp/v3home/home/archive/sha256/1e/82/1e82fabddfa47853c99aac86085130acf909ddf55f4db611c8a9ed023940117c: Invalid data found when processing input','2026-11-20T02:02:00.000000+00:00');
INSERT INTO "clip" VALUES(3,'bb3d1c435379f0c49d9ba5f6eb405f4fa552a656e347bfe0441353c9597a692b',220,'DSJ-A001','DEMO01','DCIM/FILE0002.MP4',1,'2026-11-20T02:02:00.000000+00:00','2026-12-01T08:56:49.933010+00:00','2026-11-20T02:01:59.994134+00:00','2026-11-20',1,'1001',NULL,'','','',NULL,NULL,0,'unreadable','file:/tmp/v3home/home/archive/sha256/bb/3d/bb3d1c435379f0c49d9ba5f6eb405f4fa552a656e347bfe0441353c9597a692b: Invalid data found when processing input','2026-11-20T02:02:00.000000+00:00');
INSERT INTO "clip" VALUES(4,'80cc45017646f83f80c5a2f84284ea1d3278fd002286788d58d28038ee2b60a8',220,'DSJ-A001','DEMO01','DCIM/FILE0003.MP4',1,'2026-11-20T02:02:00.000000+00:00','2026-12-01T08:56:49.933244+00:00','2026-11-20T02:01:59.994368+00:00','2026-11-20',1,'1001',NULL,'','','',NULL,NULL,0,'unreadable','file:/tmp/v3home/home/archive/sha256/80/cc/80cc45017646f83f80c5a2f84284ea1d3278fd002286788d58d28038ee2b60a8: Invalid data found when processing input','2026-11-20T02:02:00.000000+00:00');
INSERT INTO "clip" VALUES(5,'1aaad13aff6b7c940256a7edcc4e15add62514cc61e678f3159405b6f514f24a',240,'OTHER-9','','DCIM/A.MP4',2,'2026-11-20T02:02:00.000000+00:00','2026-12-01T08:56:50.286322+00:00','2026-12-01T08:56:50.286322+00:00','2026-12-01',NULL,NULL,NULL,'','','',NULL,NULL,0,'foreign_unit,unreadable','file:/tmp/v3home/home/archive/sha256/1a/aa/1aaad13aff6b7c940256a7edcc4e15add62514cc61e678f3159405b6f514f24a: Invalid data found when processing input','2026-11-20T02:02:00.000000+00:00');
CREATE TABLE clip_case (
        clip_id INTEGER NOT NULL REFERENCES clip(id),
        case_number TEXT NOT NULL,
        filed_by TEXT NOT NULL,
        filed_at TEXT NOT NULL,
        PRIMARY KEY (clip_id, case_number));
INSERT INTO "clip_case" VALUES(1,'ZF-OLD-1','1001','2026-11-20T02:02:00.000000+00:00');
INSERT INTO "clip_case" VALUES(2,'ZF-OLD-1','1001','2026-11-20T02:02:00.000000+00:00');
CREATE TABLE custody_session (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        holder_badge TEXT NOT NULL REFERENCES person(badge),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        returned_by TEXT REFERENCES person(badge),
        check_id INTEGER REFERENCES preshift_check(id));
INSERT INTO "custody_session" VALUES(1,'DSJ-A001','1001','2026-11-20T00:02:00.000000+00:00','2026-11-20T02:02:00.000000+00:00','1001',1);
CREATE TABLE drift_ledger (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL,
        at TEXT NOT NULL,
        device_clock TEXT NOT NULL,
        offset_seconds REAL NOT NULL);
INSERT INTO "drift_ledger" VALUES(1,'DSJ-A001','2026-11-20T02:02:00.000000+00:00','2026-12-01T08:56:49.938876+00:00',975289.938876);
CREATE TABLE fixity_check (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        checked INTEGER NOT NULL,
        mismatched INTEGER NOT NULL,
        missing INTEGER NOT NULL);
INSERT INTO "fixity_check" VALUES(1,'2026-11-20T02:02:00.000000+00:00',5,0,0);
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
        bytes_done INTEGER NOT NULL DEFAULT 0,
        clips_total INTEGER NOT NULL DEFAULT 0,
        clips_done INTEGER NOT NULL DEFAULT 0,
        clips_new INTEGER NOT NULL DEFAULT 0,
        clips_existing INTEGER NOT NULL DEFAULT 0,
        clips_failed INTEGER NOT NULL DEFAULT 0,
        clips_cleared INTEGER NOT NULL DEFAULT 0,
        rate_bps REAL NOT NULL DEFAULT 0,
        current_name TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL DEFAULT '');
INSERT INTO "offload_job" VALUES(1,'DSJ-A001','91a67438ae314c31b408365f28e39de0','done','2026-11-20T02:02:00.000000+00:00','2026-11-20T02:02:00.000000+00:00','2026-11-20T02:02:00.000000+00:00',880,880,4,4,4,0,0,4,3.59590118914801041682e+03,'DCIM/FILE0003.MP4','');
INSERT INTO "offload_job" VALUES(2,'OTHER-9','0c053a10e8764400bd84dc6a24306942','done','2026-11-20T02:02:00.000000+00:00','2026-11-20T02:02:00.000000+00:00','2026-11-20T02:02:00.000000+00:00',240,240,1,1,1,0,0,1,1.98215384305557131483e+03,'DCIM/A.MP4','');
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
        created_at TEXT NOT NULL);
INSERT INTO "person" VALUES('1001','张伟 Zhang Wei','officer','DEMO01','scrypt$16384$8$1$mmm1ItcquIPG9YzCCqcEcg==$6qblceTwwVAqDXL81aEmBG71NyRh9TFg6phQIYSmLXE=',1,0,0,'2026-11-20T00:02:00.000000+00:00');
INSERT INTO "person" VALUES('1002','王芳 Wang Fang','officer','DEMO01','scrypt$16384$8$1$5MzOM3kLpOF4GrWD+OfZ2Q==$eqwa71ScJfZu4mte0TuKHy/zugTmIKDoF+eB0Sf1IjQ=',1,0,1,'2026-11-20T00:02:00.000000+00:00');
INSERT INTO "person" VALUES('2001','李强 Li Qiang','unit_head','DEMO01','scrypt$16384$8$1$3tpyok09CC1mqKDPpOboFQ==$uQk7XEVAeSyZjp8DHYUOpFAYWx4MViUbvSkT5ojHVR0=',1,0,0,'2026-11-20T00:02:00.000000+00:00');
INSERT INTO "person" VALUES('3001','刘洋 Liu Yang','info_collector','DEMO01','scrypt$16384$8$1$JAJNh2Qn09l3sSbmATtGwg==$2IY7sAVqm7OHyaaGJ/PlahduUHpfBEXxZG+ue+f6T9g=',1,0,0,'2026-11-20T00:02:00.000000+00:00');
INSERT INTO "person" VALUES('4001','陈静 Chen Jing','bureau_head','DEMO01','scrypt$16384$8$1$Epf4sUrp6vEvJBKfrifZag==$KyDadIdDfBhWlhAfbWF/JKDL3OzH6lFF0X+b0DbbRi4=',1,0,0,'2026-11-20T00:02:00.000000+00:00');
INSERT INTO "person" VALUES('5001','赵敏 Zhao Min','auditor','DEMO01','scrypt$16384$8$1$VPf/eDaspYiSftWJ9bsOCw==$+dus6jY0S2EUUMC2Fx0kA9O1zys/0WfuC94XMmS/tIc=',1,0,0,'2026-11-20T00:02:00.000000+00:00');
INSERT INTO "person" VALUES('9001','孙磊 Sun Lei','admin','DEMO01','scrypt$16384$8$1$bs02v7fFM+IEaIjDAD/WoQ==$57JKyEbOKMzMxslP5HBk7fsFucnTAIs8NndeUHOb9MI=',1,0,0,'2026-11-20T00:02:00.000000+00:00');
CREATE TABLE preshift_check (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        serial TEXT NOT NULL REFERENCES recorder(serial),
        badge TEXT NOT NULL REFERENCES person(badge),
        at TEXT NOT NULL,
        passed INTEGER NOT NULL,
        items_json TEXT NOT NULL);
INSERT INTO "preshift_check" VALUES(1,'DSJ-A001','1001','2026-11-20T00:02:00.000000+00:00',1,'{"clock": "confirmed", "free_space": "confirmed", "lens_microphone": "confirmed", "main_battery": "confirmed", "spare_battery": "confirmed"}');
CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        found_at TEXT NOT NULL,
        content_matches INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open','resolved')),
        resolved_at TEXT,
        clip_id INTEGER REFERENCES clip(id));
CREATE TABLE recorder (
        serial TEXT PRIMARY KEY NOT NULL,
        brand TEXT NOT NULL,
        model TEXT NOT NULL,
        unit_code TEXT NOT NULL REFERENCES unit(code),
        state TEXT NOT NULL CHECK (state IN ('available','signed_out','in_repair',
                                             'lost','retired')),
        created_at TEXT NOT NULL);
INSERT INTO "recorder" VALUES('DSJ-A001','Hikvision','DS-MH2311','DEMO01','available','2026-11-20T00:02:00.000000+00:00');
INSERT INTO "recorder" VALUES('DSJ-A002','Hikvision','DS-MH2311','DEMO01','available','2026-11-20T00:02:00.000000+00:00');
INSERT INTO "recorder" VALUES('DSJ-B001','Dahua','MPT220','DEMO01','available','2026-11-20T00:02:00.000000+00:00');
INSERT INTO "recorder" VALUES('DSJ-B002','Dahua','MPT220','DEMO01','available','2026-11-20T00:02:00.000000+00:00');
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
INSERT INTO "recorder_reading" VALUES(1,'DSJ-A001','2026-11-20T02:02:00.000000+00:00',100,100,64424509440,68719476736,8000000,0.001287);
CREATE TABLE unit (
        code TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL);
INSERT INTO "unit" VALUES('DEMO01','演示执法中队 Demo Unit','2026-11-20T00:02:00.000000+00:00');
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
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('preshift_check',1);
INSERT INTO "sqlite_sequence" VALUES('custody_session',1);
INSERT INTO "sqlite_sequence" VALUES('drift_ledger',1);
INSERT INTO "sqlite_sequence" VALUES('recorder_reading',1);
INSERT INTO "sqlite_sequence" VALUES('offload_job',2);
INSERT INTO "sqlite_sequence" VALUES('clip',5);
INSERT INTO "sqlite_sequence" VALUES('alarm',1);
INSERT INTO "sqlite_sequence" VALUES('fixity_check',1);
COMMIT;
