//! The register serving on a socket: the HTTP interface over the [`App`], its background
//! checkpoints, and a clean stop (no new request, every receipt acknowledged kept, a last
//! checkpoint).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app::App;
use crate::clock::Clock;
use crate::config::Config;
use crate::http;

/// A register serving on a socket.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The app it serves.
    pub app: Arc<App>,
    stop: watch::Sender<bool>,
    task: JoinHandle<Result<(), String>>,
}

impl Running {
    /// Stops it as SIGTERM does: no new request, every acknowledged receipt kept, a last
    /// checkpoint.
    pub async fn stop(self) -> Result<(), String> {
        let Running {
            stop, task, app, ..
        } = self;
        drop(app);
        let _ = stop.send(true);
        task.await.map_err(|e| e.to_string())?
    }
}

/// Serves `config` on its address (or `listener`'s), until [`Running::stop`].
pub async fn start(
    config: Config,
    clock: Arc<dyn Clock>,
    listener: Option<TcpListener>,
) -> Result<Running, String> {
    let listener = match listener {
        Some(l) => l,
        None => TcpListener::bind(config.listen)
            .await
            .map_err(|e| format!("{}: {e}", config.listen))?,
    };
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let every = Duration::from_secs(config.checkpoint_every_minutes * 60);
    let (app, writing) = App::prepare(config, clock).await?;
    let (stop, mut stopped) = watch::channel(false);
    let router = http::router(app.clone());
    let served = app.clone();
    let task = tokio::spawn(async move {
        let checkpoints = {
            let app = served.clone();
            let mut stopped = stopped.clone();
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(every);
                tick.tick().await;
                loop {
                    tokio::select! {
                        _ = tick.tick() => {
                            if let Err(e) = app.checkpoint().await {
                                tracing::error!("checkpoint: {e}");
                            }
                        }
                        _ = stopped.changed() => break,
                    }
                }
            })
        };
        let shutdown = async move {
            let _ = stopped.changed().await;
        };
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| e.to_string())?;
        let _ = checkpoints.await;
        // Every handler has answered, so every receipt acknowledged is committed: a last
        // checkpoint covers them. (The writer task ends with the process.)
        drop(writing);
        served.checkpoint().await.map(|_| ())
    });
    Ok(Running {
        addr,
        app,
        stop,
        task,
    })
}
