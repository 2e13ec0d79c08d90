//! The register end to end, on SQLite and on PostgreSQL: what it takes and refuses, that it
//! keeps each receipt once, keeps refusals, never keeps an address, holds abusers to their quota,
//! proves its receipts (and catches tampering), purges by retention, refuses a schema it does
//! not know, and answers the DPO only with the admin token.

mod common;

use common::*;
use cookie_charter_register::app;
use cookie_charter_register::checkpoint;
use cookie_charter_register::clock::parse_day;
use cookie_charter_register::server;
use cookie_charter_register::verify::verify;

const RELAXED: &str = "[limits]\nper_client_per_minute = 100000\nglobal_per_second = 100000";

#[tokio::test]
async fn the_banners_receipts_are_taken_with_refusals_and_the_servers_time() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let client = reqwest::Client::new();
        let (accept, refuse) = (new_id(), new_id());
        assert_eq!(
            r.send(&client, &r.receipt(&accept, true), None).await.0,
            204,
            "{engine:?}"
        );
        assert_eq!(
            r.send(&client, &r.receipt(&refuse, false), None).await.0,
            204
        );
        // The services charter: one service accepted, the rest refused, as fetch sends it.
        let custom = new_id();
        let body = format!(
            r#"{{"id":"{custom}","decidedAt":1,"revision":"{}","choices":{{"necessary":true,"audience":false,"embeds":false,"youtube":true,"umap":false}},"lang":"en","page":"{ORIGIN}/"}}"#,
            r.revision(1)
        );
        let response = client
            .post(r.url("/v1/portals/demo/receipts"))
            .header("content-type", "application/json")
            .header("origin", ORIGIN)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
        assert_eq!(response.headers()["access-control-allow-origin"], ORIGIN);
        let rows = r.exported(&client).await;
        assert_eq!(rows.len(), 3);
        let by_id = |id: &str| rows.iter().find(|row| row["id"] == id).unwrap().clone();
        assert_eq!(by_id(&accept)["action"], "accept-all");
        assert_eq!(by_id(&refuse)["action"], "refuse-all");
        assert_eq!(
            by_id(&refuse)["choices"]["audience"],
            false,
            "a refusal is kept with every boolean"
        );
        assert_eq!(by_id(&custom)["action"], "custom");
        assert_eq!(by_id(&custom)["choices"]["umap"], false);
        assert_eq!(
            by_id(&accept)["receivedAt"],
            today(),
            "the server's time beside the visitor's"
        );
        assert_eq!(by_id(&custom)["decidedAt"], 1);
        // Every charter revision is registered with its canonical text and its hash.
        let revisions = r.store().await.revisions().await.unwrap();
        assert_eq!(revisions.len(), 3);
        for rev in &revisions {
            use sha2::Digest;
            assert_eq!(
                rev.sha256,
                hex::encode(sha2::Sha256::digest(rev.canonical.as_bytes()))
            );
        }
        r.stop().await;
    }
}

#[tokio::test]
async fn anything_else_is_refused_with_a_reason() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let client = reqwest::Client::new();
        let good = r.receipt(&new_id(), true);
        let post = |path: &str, origin: Option<&str>, content_type: &str, body: String| {
            let mut request = client
                .post(r.url(path))
                .header("content-type", content_type)
                .body(body);
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            request.send()
        };
        let status = |response: reqwest::Response| response.status().as_u16();
        assert_eq!(
            status(
                post(
                    "/v1/portals/nowhere/receipts",
                    Some(ORIGIN),
                    "text/plain",
                    good.clone()
                )
                .await
                .unwrap()
            ),
            404
        );
        assert_eq!(
            status(
                post(
                    "/v1/portals/demo/receipts",
                    None,
                    "text/plain",
                    good.clone()
                )
                .await
                .unwrap()
            ),
            403
        );
        assert_eq!(
            status(
                post(
                    "/v1/portals/demo/receipts",
                    Some("https://evil.example"),
                    "text/plain",
                    good.clone()
                )
                .await
                .unwrap()
            ),
            403
        );
        assert_eq!(
            status(
                post(
                    "/v1/portals/demo/receipts",
                    Some(ORIGIN),
                    "text/html",
                    good.clone()
                )
                .await
                .unwrap()
            ),
            415
        );
        let big = good.replace("/explore/", &format!("/{}/", "x".repeat(5000)));
        assert_eq!(
            status(
                post("/v1/portals/demo/receipts", Some(ORIGIN), "text/plain", big)
                    .await
                    .unwrap()
            ),
            413
        );
        let other_revision = good.replace(&r.revision(0), "00000000");
        let response = post(
            "/v1/portals/demo/receipts",
            Some(ORIGIN),
            "text/plain",
            other_revision,
        )
        .await
        .unwrap();
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("is not one of"));
        assert_eq!(r.exported(&client).await.len(), 0, "nothing kept");
        r.stop().await;
    }
}

#[tokio::test]
async fn the_same_beacon_a_hundred_times_at_once_is_one_row_and_a_forgery_is_refused_and_counted() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let client = reqwest::Client::new();
        let id = new_id();
        let body = r.receipt(&id, true);
        let sends = (0..100).map(|_| r.send(&client, &body, None));
        let statuses: Vec<u16> = futures::future::join_all(sends)
            .await
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert!(statuses.iter().all(|s| *s == 204), "{statuses:?}");
        assert_eq!(r.exported(&client).await.len(), 1, "{engine:?}");
        let (status, reason) = r.send(&client, &r.receipt(&id, false), None).await;
        assert_eq!(status, 409);
        assert!(reason.contains("another body"));
        assert_eq!(
            r.exported(&client).await[0]["choices"]["audience"],
            true,
            "the first body stands"
        );
        assert_eq!(r.store().await.counter("conflicts").await.unwrap(), 1);
        r.stop().await;
    }
}

#[tokio::test]
async fn no_raw_ip_address_reaches_the_database_or_an_export() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let client = reqwest::Client::new();
        for _ in 0..20 {
            assert_eq!(
                r.send(&client, &r.receipt(&new_id(), true), Some("203.0.113.77"))
                    .await
                    .0,
                204
            );
        }
        let csv = client
            .get(r.url("/v1/export?format=csv"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let ndjson = client
            .get(r.url("/v1/export?format=ndjson"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(csv.lines().count(), 21);
        r.stop().await;
        // Every byte the database holds: its files and a copy (SQLite), or a plain-text dump of
        // every table (PostgreSQL).
        let backup = r.dir.path().join("backup");
        match engine {
            Engine::Sqlite => r.store().await.backup(&backup).await.unwrap(),
            Engine::Postgres => {
                let status = std::process::Command::new("pg_dump")
                    .args([
                        "--format=plain",
                        "--data-only",
                        "--file",
                        backup.to_str().unwrap(),
                        &r.database,
                    ])
                    .status()
                    .unwrap();
                assert!(status.success());
            }
        }
        let mut held = std::fs::read(&backup).unwrap();
        assert!(
            held.windows(5).any(|w| w == b"demo/"),
            "the copy holds the receipts"
        );
        for entry in std::fs::read_dir(r.dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("register.db")
            {
                held.extend(std::fs::read(&path).unwrap());
            }
        }
        for address in ["203.0.113.77", "127.0.0.1", "::1"] {
            for (what, bytes) in [
                ("the database", &held),
                ("the CSV export", &csv.clone().into_bytes()),
                ("the NDJSON export", &ndjson.clone().into_bytes()),
            ] {
                let found = bytes
                    .windows(address.len())
                    .any(|w| w == address.as_bytes());
                assert!(!found, "{engine:?}: {address} found in {what}");
            }
        }
    }
}

#[tokio::test]
async fn an_abusive_client_cannot_fill_the_table_past_its_quota() {
    for engine in engines() {
        let mut r = Register::new(
            engine,
            "[limits]\nper_client_per_minute = 30\nglobal_per_second = 100000",
        )
        .await;
        r.start().await;
        let client = reqwest::Client::new();
        let mut statuses = Vec::new();
        for _ in 0..50 {
            statuses.push(
                r.send(&client, &r.receipt(&new_id(), true), Some("198.51.100.4"))
                    .await
                    .0,
            );
        }
        assert_eq!(
            statuses.iter().filter(|s| **s == 204).count(),
            30,
            "{engine:?}"
        );
        assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 20);
        let limited = client
            .post(r.url("/v1/portals/demo/receipts"))
            .header("content-type", "text/plain")
            .header("origin", ORIGIN)
            .header("x-forwarded-for", "198.51.100.4")
            .body(r.receipt(&new_id(), true))
            .send()
            .await
            .unwrap();
        assert_eq!(limited.status(), 429);
        assert!(
            limited.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse::<u64>()
                .unwrap()
                <= 60
        );
        assert_eq!(
            r.send(&client, &r.receipt(&new_id(), true), Some("198.51.100.5"))
                .await
                .0,
            204,
            "another client is served"
        );
        assert_eq!(r.exported(&client).await.len(), 31);
        r.stop().await;
    }
}

#[tokio::test]
async fn the_dpo_reads_only_with_the_admin_token() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let client = reqwest::Client::new();
        let id = new_id();
        r.send(&client, &r.receipt(&id, true), None).await;
        for path in [format!("/v1/receipts/{id}"), "/v1/export".to_owned()] {
            let none = client.get(r.url(&path)).send().await.unwrap();
            assert_eq!(none.status(), 401, "{path}");
            let wrong = client
                .get(r.url(&path))
                .bearer_auth("not-the-token")
                .send()
                .await
                .unwrap();
            assert_eq!(wrong.status(), 401);
            let right = client
                .get(r.url(&path))
                .bearer_auth(TOKEN)
                .send()
                .await
                .unwrap();
            assert_eq!(right.status(), 200, "{path}");
        }
        let csv = client
            .get(r.url("/v1/export?format=csv&portal=demo&from=2026-12-01&to=2026-12-31"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let text = csv.text().await.unwrap();
        assert!(text.starts_with("id,portal,revision,action,choices,decided_at,received_at,lang,page,log,seq,leaf_hash\n"));
        assert_eq!(text.lines().count(), 2);
        let none = client
            .get(r.url("/v1/export?format=csv&from=2026-11-01&to=2026-11-30"))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(
            none.text().await.unwrap().lines().count(),
            1,
            "the header alone"
        );
        r.stop().await;
    }
}

/// A register with `n` receipts, stopped (so a last checkpoint covers them all).
async fn register_with(engine: Engine, n: usize) -> Register {
    let mut r = Register::new(engine, RELAXED).await;
    r.start().await;
    let client = reqwest::Client::new();
    for i in 0..n {
        assert_eq!(
            r.send(&client, &r.receipt(&new_id(), i % 2 == 0), None)
                .await
                .0,
            204
        );
    }
    r.stop().await;
    r
}

async fn problems(r: &Register) -> Vec<String> {
    let config = r.config();
    let key = checkpoint::Signer::load_or_create(&config.signing_key)
        .unwrap()
        .public_key();
    let published = checkpoint::published(&config.checkpoints).unwrap();
    verify(&*r.store().await, &key, &published)
        .await
        .unwrap()
        .problems
}

#[tokio::test]
async fn verify_catches_an_edited_deleted_reordered_or_inserted_row() {
    for engine in engines() {
        let id_of = |engine: Engine, seq: u32| match engine {
            Engine::Sqlite => format!("(SELECT id FROM receipts WHERE seq = {seq})"),
            Engine::Postgres => format!("(SELECT id FROM receipts WHERE seq = {seq})"),
        };
        let intact = register_with(engine, 6).await;
        assert_eq!(
            problems(&intact).await,
            Vec::<String>::new(),
            "{engine:?}: a clean stop leaves it intact"
        );

        let edited = register_with(engine, 6).await;
        edited.tamper("UPDATE receipts SET choices = '{\"audience\":true,\"necessary\":true}' WHERE seq = 1").await;
        assert!(
            problems(&edited).await.iter().any(|p| p.contains("edited")),
            "{engine:?}"
        );

        let deleted = register_with(engine, 6).await;
        deleted
            .tamper(&format!(
                "DELETE FROM receipts WHERE id = {}",
                id_of(engine, 2)
            ))
            .await;
        assert!(!problems(&deleted).await.is_empty(), "{engine:?}: deletion");

        let last_deleted = register_with(engine, 6).await;
        last_deleted
            .tamper("DELETE FROM receipts WHERE seq = 5")
            .await;
        assert!(
            problems(&last_deleted)
                .await
                .iter()
                .any(|p| p.contains("deleted")),
            "{engine:?}: the last row"
        );

        let reordered = register_with(engine, 6).await;
        reordered
            .tamper("UPDATE receipts SET seq = seq + 100 WHERE seq IN (1, 3)")
            .await;
        reordered
            .tamper("UPDATE receipts SET seq = 3 WHERE seq = 101")
            .await;
        reordered
            .tamper("UPDATE receipts SET seq = 1 WHERE seq = 103")
            .await;
        assert!(
            !problems(&reordered).await.is_empty(),
            "{engine:?}: reordering"
        );

        let inserted = register_with(engine, 6).await;
        // A forged row slipped in at leaf 2, the later ones moved up, every leaf hash recomputed
        // as the register would: the checkpoint's root still tells.
        inserted
            .tamper("UPDATE receipts SET seq = seq + 100 WHERE seq >= 2")
            .await;
        inserted
            .tamper("UPDATE receipts SET seq = seq - 99 WHERE seq >= 100")
            .await;
        let store = inserted.store().await;
        let mut forged = store
            .receipt(&store.export(Default::default()).next_id().await)
            .await
            .unwrap()
            .unwrap()
            .0;
        forged.id = new_id();
        forged.seq = 2;
        forged.choices.insert("audience".into(), true);
        let leaf = forged.leaf_hash();
        let sql = match engine {
            Engine::Sqlite => format!(
                "INSERT INTO receipts (id, body_sha256, portal, log, seq, revision, decided_at, received_at, choices, action, lang, page, leaf_hash) VALUES ('{}', 'x', 'demo', '{}', 2, '{}', 1, 1, '{}', 'accept-all', 'fr', '{}', X'{}')",
                forged.id, forged.log, forged.revision, forged.choices_json(), forged.page, hex::encode(leaf)
            ),
            Engine::Postgres => format!(
                "INSERT INTO receipts (id, body_sha256, portal, month, log, seq, revision, decided_at, received_at, choices, action, lang, page, leaf_hash) VALUES ('{}', 'x', 'demo', '2026-12', '{}', 2, '{}', 1, 1, '{}', 'accept-all', 'fr', '{}', '\\x{}')",
                forged.id, forged.log, forged.revision, forged.choices_json(), forged.page, hex::encode(leaf)
            ),
        };
        let mut fixed = forged.clone();
        fixed.received_at = 1;
        fixed.decided_at = 1;
        let sql = sql.replace(&hex::encode(leaf), &hex::encode(fixed.leaf_hash()));
        inserted.tamper(&sql).await;
        // Every later row's leaf hash recomputed for its new place.
        for row in all_rows(&inserted).await {
            let sql = match engine {
                Engine::Sqlite => format!(
                    "UPDATE receipts SET leaf_hash = X'{}' WHERE id = '{}'",
                    hex::encode(row.leaf_hash()),
                    row.id
                ),
                Engine::Postgres => format!(
                    "UPDATE receipts SET leaf_hash = '\\x{}' WHERE id = '{}'",
                    hex::encode(row.leaf_hash()),
                    row.id
                ),
            };
            inserted.tamper(&sql).await;
        }
        let found = problems(&inserted).await;
        assert!(
            found.iter().any(|p| p.contains("root")),
            "{engine:?}: insertion: {found:?}"
        );
    }
}

async fn all_rows(r: &Register) -> Vec<cookie_charter_register::record::Record> {
    use futures::StreamExt;
    let store = r.store().await;
    let rows: Vec<_> = store.export(Default::default()).collect().await;
    rows.into_iter().map(|row| row.unwrap().0).collect()
}

/// The first exported receipt's id.
trait NextId {
    async fn next_id(self) -> String;
}

impl NextId
    for futures::stream::BoxStream<
        '_,
        Result<(cookie_charter_register::record::Record, [u8; 32]), String>,
    >
{
    async fn next_id(mut self) -> String {
        use futures::StreamExt;
        self.next().await.unwrap().unwrap().0.id
    }
}

#[tokio::test]
async fn an_exported_receipt_is_checked_offline_against_its_checkpoint() {
    for engine in engines() {
        let mut r = register_with(engine, 5).await;
        r.start().await;
        let client = reqwest::Client::new();
        let id = all_rows(&r).await[3].id.clone();
        let proven = client
            .get(r.url(&format!("/v1/receipts/{id}")))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        r.stop().await;
        let file = r.dir.path().join("receipt.json");
        std::fs::write(&file, &proven).unwrap();
        let public_key = r.config().checkpoints.join("public-key.txt");
        let bin = env!("CARGO_BIN_EXE_cookie-charter-register");
        let check = |path: &std::path::Path| {
            std::process::Command::new(bin)
                .args([
                    "verify-receipt",
                    path.to_str().unwrap(),
                    "--public-key",
                    public_key.to_str().unwrap(),
                ])
                .status()
                .unwrap()
        };
        assert!(check(&file).success(), "{engine:?}: {proven}");
        let altered = r.dir.path().join("altered.json");
        std::fs::write(
            &altered,
            proven
                .replace("\"audience\": false", "\"audience\": true")
                .replace("\"audience\": true", "\"audience\": false"),
        )
        .unwrap();
        let value: serde_json::Value = serde_json::from_str(&proven).unwrap();
        let mut changed = value.clone();
        changed["receipt"]["page"] = format!("{ORIGIN}/elsewhere/").into();
        std::fs::write(&altered, changed.to_string()).unwrap();
        assert!(
            !check(&altered).success(),
            "an altered receipt is not proven"
        );
    }
}

#[tokio::test]
async fn retention_purges_whole_months_keeps_their_last_checkpoint_and_verify_still_holds() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        let client = reqwest::Client::new();
        // Receipts in March 2021 and in December 2026 (the clock moved between them).
        r.clock.set(parse_day("2021-03-10").unwrap());
        r.start().await;
        for _ in 0..3 {
            r.send(&client, &r.receipt(&new_id(), true), None).await;
        }
        r.stop().await;
        r.clock.set(today());
        r.start().await;
        for _ in 0..2 {
            r.send(&client, &r.receipt(&new_id(), false), None).await;
        }
        r.stop().await;
        let store = r.store().await;
        // Five years on: March 2021 is past a 5-year retention in... 2026-12 only if older than
        // 2021-12; it is.
        let report = app::purge(&*store, &r.config(), today()).await.unwrap();
        let demo = report.iter().find(|(p, _, _)| p == "demo").unwrap();
        assert_eq!(demo.1, ["demo/2021-03"], "{engine:?}");
        assert_eq!(demo.2, 3);
        assert_eq!(all_rows(&r).await.len(), 2);
        let kept = store.checkpoints().await.unwrap();
        assert!(
            kept.iter().any(|c| c.log == "demo/2021-03" && c.size == 3),
            "the month's last checkpoint is kept"
        );
        assert_eq!(problems(&r).await, Vec::<String>::new(), "{engine:?}");
        // Not a day early: a month inside the retention stays.
        let again = app::purge(&*store, &r.config(), today()).await.unwrap();
        assert!(again.iter().all(|(_, logs, n)| logs.is_empty() && *n == 0));
    }
}

#[tokio::test]
async fn an_unknown_or_partly_migrated_schema_is_refused() {
    for engine in engines() {
        // Never migrated.
        let dir = tempfile::tempdir().unwrap();
        let database = fresh_database(engine, dir.path()).await;
        let fresh = cookie_charter_register::store::open(&database)
            .await
            .unwrap();
        assert!(
            fresh.check_schema().await.unwrap_err().contains("migrate"),
            "{engine:?}"
        );
        // A migration from a newer register; one that failed halfway.
        let r = Register::new(engine, RELAXED).await;
        r.tamper("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (99999, 'from the future', true, X'00', 1)".replace("X'00'", if engine == Engine::Sqlite { "X'00'" } else { "'\\x00'" }).as_str()).await;
        let error = r.store().await.check_schema().await.unwrap_err();
        assert!(error.contains("does not know"), "{error}");
        let r = Register::new(engine, RELAXED).await;
        r.tamper("UPDATE _sqlx_migrations SET success = false")
            .await;
        assert!(r
            .store()
            .await
            .check_schema()
            .await
            .unwrap_err()
            .contains("partly migrated"));
        let refused = server::start(r.config(), r.clock.clone(), None).await;
        assert!(refused.is_err(), "the service refuses to start");
    }
}
