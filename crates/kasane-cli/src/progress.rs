//! Progress of long jobs: an `indicatif` bar when stderr is a terminal, a plain line at every
//! tenth of the work when it is not (logs, CI), nothing in JSON mode.

use std::io::IsTerminal;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kasane_app::Progress;

/// Progress shown on stderr.
pub struct TerminalProgress {
    bar: ProgressBar,
    /// Off a terminal: the phase and tenth last printed.
    plain: Option<Mutex<(String, u64)>>,
}

impl TerminalProgress {
    /// A bar (on a terminal) or plain lines (elsewhere); silent when `quiet`.
    pub fn new(quiet: bool) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if quiet || !terminal {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        if let Ok(style) =
            ProgressStyle::with_template("{msg:>10} [{bar:40}] {bytes}/{total_bytes} ({eta})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        let plain = (!quiet && !terminal).then(|| Mutex::new((String::new(), u64::MAX)));
        Self { bar, plain }
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
        let (Some(plain), Some(total)) = (&self.plain, total) else {
            return;
        };
        let tenth = done.saturating_mul(10).checked_div(total).unwrap_or(10);
        if let Ok(mut last) = plain.lock()
            && (last.0 != phase || last.1 != tenth)
        {
            *last = (phase.to_owned(), tenth);
            eprintln!("{phase}: {}%", tenth * 10);
        }
    }
}
