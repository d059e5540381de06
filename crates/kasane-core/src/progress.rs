//! Progress reporting and cancellation for long jobs (hashing, import, annotation, cache build).
//!
//! Library code reports through [`Progress`] and checks a [`CancelToken`]; the front ends decide
//! how to show it (a progress bar in the app, `indicatif` on a terminal, plain lines in CI).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Receives progress of one job: a phase name and work done out of a known total.
pub trait Progress: Send + Sync {
    /// Called as work advances; `total` is `None` while the amount of work is unknown.
    fn update(&self, phase: &str, done: u64, total: Option<u64>);
}

/// A progress sink that ignores every update, for callers that do not show progress.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&self, _phase: &str, _done: u64, _total: Option<u64>) {}
}

/// A shared flag a front end sets to ask a running job to stop at its next check.
#[derive(Debug, Default, Clone)]
pub struct CancelToken(Arc<AtomicBool>);

/// The job stopped because it was asked to; nothing was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled by the user")]
pub struct Cancelled;

impl CancelToken {
    /// A token that has not been cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the job holding this token (or a clone of it) to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// `Err(Cancelled)` once cancellation was asked for; call between units of work.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_sees_the_cancellation() {
        let token = CancelToken::new();
        let seen_by_job = token.clone();
        assert_eq!(seen_by_job.check(), Ok(()));
        token.cancel();
        assert_eq!(seen_by_job.check(), Err(Cancelled));
    }
}
