//! Progress of long jobs on the terminal: a bar on a TTY, nothing when piped or in JSON mode.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kasane_app::Progress;

/// An `indicatif` bar that appears only when stderr is a terminal.
pub struct TerminalProgress {
    bar: ProgressBar,
}

impl TerminalProgress {
    /// A hidden bar until the first update; hidden for good when `quiet`.
    pub fn new(quiet: bool) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if quiet {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>10} [{bar:40}] {bytes}/{total_bytes} ({eta})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Self { bar }
    }

    /// Removes the bar from the screen.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for TerminalProgress {
    fn update(&self, phase: &str, done: u64, total: Option<u64>) {
        if let Some(total) = total {
            self.bar.set_length(total);
        }
        self.bar.set_message(phase.to_owned());
        self.bar.set_position(done);
    }
}
