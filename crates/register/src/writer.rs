//! The one writer: receipts are kept by a single task, in batches (a batch is one transaction,
//! committed before any of its senders is answered), so that each log's leaf indices follow one
//! another without gaps and many receipts share one disk flush.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::store::{Arrival, Heads, Outcome, Store};

/// Most receipts in one transaction.
const BATCH: usize = 256;

struct Job {
    arrival: Arrival,
    done: oneshot::Sender<Result<Outcome, String>>,
}

/// Hands receipts to the writer task.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer task over `store`, from each log's size; it ends once every [`Writer`]
    /// is dropped and what they sent is kept.
    pub async fn start(store: Arc<dyn Store>) -> Result<(Writer, JoinHandle<()>), String> {
        let mut heads: Heads = store.log_sizes().await?.into_iter().collect();
        let (jobs, mut queue) = mpsc::channel::<Job>(4 * BATCH);
        let task = tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(first) = queue.recv().await {
                batch.push(first);
                while batch.len() < BATCH {
                    match queue.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                let arrivals: Vec<Arrival> = batch.iter().map(|j| j.arrival.clone()).collect();
                let before = heads.clone();
                match store.insert(&arrivals, &mut heads).await {
                    Ok(outcomes) => {
                        for (job, outcome) in batch.drain(..).zip(outcomes) {
                            let _ = job.done.send(Ok(outcome));
                        }
                    }
                    Err(e) => {
                        // Nothing of the batch was kept: its leaf indices are given again.
                        heads = before;
                        tracing::error!("a batch of receipts could not be kept: {e}");
                        for job in batch.drain(..) {
                            let _ = job.done.send(Err(e.clone()));
                        }
                    }
                }
            }
        });
        Ok((Writer { jobs }, task))
    }

    /// Keeps `arrival`; resolves once its transaction is committed.
    pub async fn submit(&self, arrival: Arrival) -> Result<Outcome, String> {
        let (done, answer) = oneshot::channel();
        self.jobs
            .send(Job { arrival, done })
            .await
            .map_err(|_| "the register is shutting down".to_owned())?;
        answer
            .await
            .map_err(|_| "the register is shutting down".to_owned())?
    }
}
