//! `cookie-charter-register`: the consent register's one binary (docs/register.md).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use cookie_charter_register::app::{self, App};
use cookie_charter_register::checkpoint::{self, Checkpoint, Signer};
use cookie_charter_register::clock::{parse_day, Clock, SystemClock};
use cookie_charter_register::config::Config;
use cookie_charter_register::export::Format;
use cookie_charter_register::server;
use cookie_charter_register::store::{self, Filter};
use cookie_charter_register::{merkle, verify};
use futures::StreamExt;
use sha2::{Digest, Sha256};

#[derive(Parser)]
#[command(
    name = "cookie-charter-register",
    version,
    about = "Keeps cookie-charter's consent receipts as tamper-evident proof"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serves the register (SIGTERM or Ctrl-C: a clean stop).
    Serve {
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Creates or updates the database's schema.
    Migrate {
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Checks every receipt against its log and the signed checkpoints.
    Verify {
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Checks an exported receipt (from `lookup`) offline, against its checkpoint.
    VerifyReceipt {
        /// The JSON `lookup` wrote.
        receipt: PathBuf,
        /// The register's public key (hex), or the published folder's public-key.txt.
        #[arg(long)]
        public_key: String,
    },
    /// Exports receipts, streamed (CSV or NDJSON).
    Export {
        #[arg(long, short)]
        config: PathBuf,
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(long)]
        portal: Option<String>,
        #[arg(long)]
        revision: Option<String>,
        /// First day (YYYY-MM-DD), inclusive.
        #[arg(long)]
        from: Option<String>,
        /// Last day (YYYY-MM-DD), inclusive.
        #[arg(long)]
        to: Option<String>,
        /// A file to write to (standard output otherwise).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// One receipt by its id (the one in the visitor's cookie), with its proof, as JSON.
    Lookup {
        #[arg(long, short)]
        config: PathBuf,
        id: String,
    },
    /// Applies each portal's retention (whole months; their last checkpoints kept).
    Purge {
        #[arg(long, short)]
        config: PathBuf,
    },
    /// A consistent copy of the database, taken while the register serves.
    Backup {
        #[arg(long, short)]
        config: PathBuf,
        to: PathBuf,
    },
    /// Signs and publishes a checkpoint of each log that grew, now.
    Checkpoint {
        #[arg(long, short)]
        config: PathBuf,
    },
    /// Lists the registered charter revisions: what each portal's visitors were shown, and since
    /// when (portal, revision, SHA-256 of its canonical text, date).
    Revisions {
        #[arg(long, short)]
        config: PathBuf,
        /// Print one revision's canonical text (the charter as it was shown).
        #[arg(long)]
        show: Option<String>,
    },
    /// Prints a new admin token and the SHA-256 the configuration keeps.
    Token,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse().command).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cookie-charter-register: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<ExitCode, String> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    match command {
        Command::Serve { config } => {
            let config = Config::load(&config)?;
            let running = server::start(config, clock, None).await?;
            tracing::info!("serving on http://{}", running.addr);
            shutdown_signal().await;
            tracing::info!("stopping: answering what came in, then a last checkpoint");
            running.stop().await?;
        }
        Command::Migrate { config } => {
            let config = Config::load(&config)?;
            let store = store::open(&config.database).await?;
            store.migrate().await?;
            store.check_schema().await?;
            eprintln!("the {} schema is up to date", store.engine());
        }
        Command::Verify { config } => {
            let config = Config::load(&config)?;
            let store = store::open(&config.database).await?;
            store.check_schema().await?;
            let key = Signer::load_or_create(&config.signing_key)?.public_key();
            let published = checkpoint::published(&config.checkpoints)?;
            let report = verify::verify(&*store, &key, &published).await?;
            eprintln!(
                "{} logs, {} receipts, {} checkpoints checked",
                report.logs, report.receipts, report.checkpoints
            );
            for problem in &report.problems {
                eprintln!("problem: {problem}");
            }
            if !report.problems.is_empty() {
                return Ok(ExitCode::from(2));
            }
            eprintln!("intact");
        }
        Command::VerifyReceipt {
            receipt,
            public_key,
        } => return verify_receipt(&receipt, &public_key),
        Command::Export {
            config,
            format,
            portal,
            revision,
            from,
            to,
            out,
        } => {
            let config = Config::load(&config)?;
            let format = Format::from_name(&format).ok_or("--format: csv or ndjson")?;
            let day = |d: Option<String>| {
                d.map(|d| parse_day(&d).ok_or(format!("{d}: expected YYYY-MM-DD")))
                    .transpose()
            };
            let filter = Filter {
                portal,
                revision,
                from: day(from)?,
                to: day(to)?.map(|t| t + 86_400),
            };
            let store = store::open(&config.database).await?;
            store.check_schema().await?;
            let mut sink: Box<dyn Write> = match out {
                Some(path) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            sink.write_all(&format.header())
                .map_err(|e| e.to_string())?;
            let mut rows = store.export(filter);
            let mut count = 0u64;
            while let Some(row) = rows.next().await {
                let (record, leaf) = row?;
                sink.write_all(&format.line(&record, &leaf))
                    .map_err(|e| e.to_string())?;
                count += 1;
            }
            sink.flush().map_err(|e| e.to_string())?;
            eprintln!("{count} receipts exported");
        }
        Command::Lookup { config, id } => {
            let config = Config::load(&config)?;
            let (app, _writing) = App::prepare(config, clock).await?;
            match app.proven(&id.to_ascii_lowercase()).await? {
                Some(proven) => println!(
                    "{}",
                    serde_json::to_string_pretty(&proven).map_err(|e| e.to_string())?
                ),
                None => {
                    eprintln!("no receipt of id {id}");
                    return Ok(ExitCode::from(3));
                }
            }
        }
        Command::Purge { config } => {
            let config = Config::load(&config)?;
            let store = store::open(&config.database).await?;
            store.check_schema().await?;
            for (portal, logs, removed) in app::purge(&*store, &config, clock.now()).await? {
                eprintln!(
                    "{portal}: {removed} receipts purged ({})",
                    if logs.is_empty() {
                        "none due".into()
                    } else {
                        logs.join(", ")
                    }
                );
            }
        }
        Command::Backup { config, to } => {
            let config = Config::load(&config)?;
            let store = store::open(&config.database).await?;
            store.check_schema().await?;
            store.backup(&to).await?;
            eprintln!("backup written to {}", to.display());
        }
        Command::Checkpoint { config } => {
            let config = Config::load(&config)?;
            let (app, _writing) = App::prepare(config, clock).await?;
            for c in app.checkpoint().await? {
                eprintln!("{}: checkpoint at {} receipts", c.log, c.size);
            }
        }
        Command::Revisions { config, show } => {
            let config = Config::load(&config)?;
            let store = store::open(&config.database).await?;
            store.check_schema().await?;
            for portal in &config.portals {
                for revision in &portal.revisions {
                    store.register_revision(revision).await?;
                }
            }
            for r in store.revisions().await? {
                match &show {
                    Some(wanted) if *wanted == r.revision => println!("{}", r.canonical),
                    Some(_) => {}
                    None => println!(
                        "{}\t{}\t{}\t{}",
                        r.portal,
                        r.revision,
                        r.sha256,
                        cookie_charter_register::clock::rfc3339(r.effective_from)
                    ),
                }
            }
        }
        Command::Token => {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
            let token = hex::encode(bytes);
            println!("token (give it to the DPO; keep it secret): {token}");
            println!(
                "admin_token_sha256 = \"{}\"",
                hex::encode(Sha256::digest(token.as_bytes()))
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks the JSON `lookup` wrote: the receipt gives its leaf hash, the proof puts that leaf in
/// the checkpoint's tree, and the checkpoint carries the register's signature.
fn verify_receipt(path: &PathBuf, public_key: &str) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let key_text = match std::fs::read_to_string(public_key) {
        Ok(file) => file,
        Err(_) => public_key.to_owned(),
    };
    let key = hex::decode(key_text.trim())
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| ed25519_dalek::VerifyingKey::from_bytes(&b).ok())
        .ok_or("--public-key: not an Ed25519 public key (64 hex digits)")?;
    let receipt = value.get("receipt").ok_or("no receipt in the file")?;
    let leaf = merkle::leaf_hash(receipt.to_string().as_bytes());
    let checkpoint: Checkpoint =
        serde_json::from_value(value.get("checkpoint").cloned().unwrap_or_default()).map_err(
            |_| "no checkpoint in the file yet: export the receipt again after the next checkpoint",
        )?;
    let proof: Vec<merkle::Hash> = value["proof"]
        .as_array()
        .ok_or("no proof in the file")?
        .iter()
        .map(|h| {
            h.as_str()
                .and_then(|h| hex::decode(h).ok())
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
        })
        .collect::<Option<_>>()
        .ok_or("the proof is not a list of hashes")?;
    let root = hex::decode(&checkpoint.root)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .ok_or("the checkpoint's root is not a hash")?;
    let seq = receipt["seq"].as_u64().ok_or("the receipt has no seq")?;
    let log_matches = receipt["log"].as_str() == Some(checkpoint.log.as_str());
    let signed = checkpoint.is_signed_by(&key);
    let included = merkle::verify_inclusion(seq, checkpoint.size, &leaf, &proof, &root);
    if log_matches && signed && included {
        eprintln!(
            "the receipt is in {} (checkpoint of {} receipts, signed {})",
            checkpoint.log, checkpoint.size, checkpoint.signed_at
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "NOT proven: {}{}{}",
            if signed {
                ""
            } else {
                "the checkpoint is not signed by that key; "
            },
            if included {
                ""
            } else {
                "the receipt is not in the checkpoint's tree (altered?); "
            },
            if log_matches {
                ""
            } else {
                "the checkpoint is of another log"
            }
        );
        Ok(ExitCode::from(2))
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
