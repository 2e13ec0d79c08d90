//! Operating the register, on SQLite and on PostgreSQL: a receipt acknowledged survives the
//! process being killed, a backup taken while it serves restores into a working register, and
//! a clean stop leaves a checkpoint over everything it acknowledged.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::*;
use cookie_charter_register::checkpoint::{self, Checkpoint, Signer};
use cookie_charter_register::verify::verify;
use futures::StreamExt;

const RELAXED: &str = "[limits]\nper_client_per_minute = 100000\nglobal_per_second = 100000";

/// `cookie-charter-register serve` as a process of its own; its address, read from its log.
fn serve(config: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cookie-charter-register"))
        .args(["serve", "--config", config.to_str().unwrap()])
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines.next().expect("the register's log").unwrap();
        if let Some(at) = line.find("serving on http://") {
            break line[at + "serving on http://".len()..].trim().to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

async fn count(r: &Register) -> usize {
    r.store().await.export(Default::default()).count().await
}

#[tokio::test]
async fn a_receipt_acknowledged_survives_kill_9() {
    for engine in engines() {
        let r = Register::new(engine, RELAXED).await;
        let (mut child, addr) = serve(&r.config_path);
        let client = reqwest::Client::new();
        let sends = (0..40).map(|i| {
            let body = r.receipt(&new_id(), i % 3 == 0);
            let client = client.clone();
            let url = format!("http://{addr}/v1/portals/demo/receipts");
            async move {
                client
                    .post(url)
                    .header("content-type", "text/plain")
                    .header("origin", ORIGIN)
                    .body(body)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        });
        let statuses = futures::future::join_all(sends).await;
        assert!(statuses.iter().all(|s| *s == 204), "{statuses:?}");
        child.kill().unwrap(); // SIGKILL: no clean stop, no last checkpoint
        child.wait().unwrap();
        assert_eq!(
            count(&r).await,
            40,
            "{engine:?}: every acknowledged receipt is there"
        );
        // It starts again on the same data and goes on from where it was.
        let (mut again, addr) = serve(&r.config_path);
        let status = client
            .post(format!("http://{addr}/v1/portals/demo/receipts"))
            .header("content-type", "text/plain")
            .header("origin", ORIGIN)
            .body(r.receipt(&new_id(), true))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 204);
        terminate(again.id());
        again.wait().unwrap();
        assert_eq!(count(&r).await, 41);
        let config = r.config();
        let key = Signer::load_or_create(&config.signing_key)
            .unwrap()
            .public_key();
        let report = verify(
            &*r.store().await,
            &key,
            &checkpoint::published(&config.checkpoints).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(report.problems, Vec::<String>::new(), "{engine:?}");
        assert_eq!(report.receipts, 41);
    }
}

/// Sends SIGTERM (a clean stop).
fn terminate(pid: u32) {
    Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
}

#[tokio::test]
async fn a_clean_stop_leaves_a_checkpoint_over_every_receipt() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let client = reqwest::Client::new();
        for _ in 0..10 {
            assert_eq!(
                r.send(&client, &r.receipt(&new_id(), true), None).await.0,
                204
            );
        }
        r.stop().await;
        let published = checkpoint::published(&r.config().checkpoints).unwrap();
        assert_eq!(
            published
                .iter()
                .map(|c| (c.log.as_str(), c.size))
                .collect::<Vec<_>>(),
            [("demo/2026-12", 10)],
            "{engine:?}"
        );
        assert!(r.config().checkpoints.join("public-key.txt").exists());
    }
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_into_a_working_register() {
    for engine in engines() {
        let mut r = Register::new(engine, RELAXED).await;
        r.start().await;
        let sending = Arc::new(AtomicBool::new(true));
        let writer = {
            let (url, sending, bodies) = (
                r.url("/v1/portals/demo/receipts"),
                sending.clone(),
                (0..400)
                    .map(|_| r.receipt(&new_id(), true))
                    .collect::<Vec<_>>(),
            );
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut sent = 0;
                for body in bodies {
                    if !sending.load(Ordering::SeqCst) {
                        break;
                    }
                    let status = client
                        .post(&url)
                        .header("content-type", "text/plain")
                        .header("origin", ORIGIN)
                        .body(body)
                        .send()
                        .await
                        .unwrap()
                        .status();
                    assert_eq!(status, 204);
                    sent += 1;
                }
                sent
            })
        };
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let backup = r.dir.path().join("backup.db");
        r.store().await.backup(&backup).await.unwrap();
        sending.store(false, Ordering::SeqCst);
        let sent = writer.await.unwrap();
        r.stop().await;
        // Restored into a database of its own.
        let restored_dir = tempfile::tempdir().unwrap();
        let restored_url = match engine {
            Engine::Sqlite => {
                let path = restored_dir.path().join("register.db");
                std::fs::copy(&backup, &path).unwrap();
                format!("sqlite://{}", path.display())
            }
            Engine::Postgres => {
                let url = fresh_database(engine, restored_dir.path()).await;
                let status = Command::new("pg_restore")
                    .args(["--no-owner", "--dbname", &url, backup.to_str().unwrap()])
                    .status()
                    .unwrap();
                assert!(status.success());
                url
            }
        };
        let restored = cookie_charter_register::store::open(&restored_url)
            .await
            .unwrap();
        restored.check_schema().await.unwrap();
        let kept: Vec<_> = restored.export(Default::default()).collect().await;
        assert!(
            !kept.is_empty() && kept.len() <= sent,
            "{engine:?}: {} of {sent}",
            kept.len()
        );
        assert!(kept.iter().all(|row| row.is_ok()));
        // Consistent: its rows and the checkpoints it holds agree.
        let key = Signer::load_or_create(&r.config().signing_key)
            .unwrap()
            .public_key();
        let own: Vec<Checkpoint> = restored
            .checkpoints()
            .await
            .unwrap()
            .iter()
            .map(|c| Checkpoint::from_stored(c, &key))
            .collect();
        let report = verify(&*restored, &key, &own).await.unwrap();
        assert_eq!(report.problems, Vec::<String>::new(), "{engine:?}");
        assert_eq!(report.receipts as usize, kept.len());
        // And it serves: the configuration pointed at it takes receipts again.
        let text = std::fs::read_to_string(&r.config_path)
            .unwrap()
            .replace(&r.database, &restored_url);
        std::fs::write(&r.config_path, text).unwrap();
        r.database = restored_url;
        r.start().await;
        assert_eq!(
            r.send(&reqwest::Client::new(), &r.receipt(&new_id(), false), None)
                .await
                .0,
            204
        );
        r.stop().await;
    }
}
