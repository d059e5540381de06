//! A text's lines worked on in batches by several threads and handed back in file order: how
//! `annotate-vcf` keeps both cores busy on a whole genome while its output stays in the order
//! of its input. A reader thread cuts the text into batches of whole lines, each worker keeps
//! its own state (its cache connection, reference reader, the transcripts near its lines), and
//! the calling thread takes the results one by one in order. Memory stays bounded: only a few
//! batches are in flight at a time.

use std::io::BufRead;
use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use crate::error::{AppError, ErrorKind};

/// Bytes of text a batch holds at least (its last line is whole): a few thousand VCF records.
const BATCH_BYTES: usize = 1 << 20;

/// Worker threads: the two cores Kasane is built for.
pub(crate) const WORKERS: usize = 2;

/// Whole lines of a text and where they start in it.
pub(crate) struct LineBatch {
    /// The 1-based number of the first line.
    pub(crate) first_line: usize,
    /// The lines, each ending with its line feed.
    pub(crate) text: String,
}

impl LineBatch {
    /// The lines with their 1-based numbers, without line ends (LF or CRLF).
    pub(crate) fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.text
            .split_terminator('\n')
            .map(|line| line.strip_suffix('\r').unwrap_or(line))
            .zip(self.first_line..)
            .map(|(line, number)| (number, line))
    }
}

/// A batch on its way to a worker, with where its result goes.
type Job<R> = (LineBatch, SyncSender<Result<R, AppError>>);

/// Reads the rest of `text` (from line `first_line` on) in batches, has `work` make a result of
/// each on [`WORKERS`] threads, each with the state `state` makes for it, and gives the results
/// to `take` in the order of the text. The first error — reading (named by `path` and line),
/// working or taking — stops the run and is returned.
pub(crate) fn in_line_batches<S, R>(
    text: Box<dyn BufRead + Send>,
    first_line: usize,
    path: &Path,
    state: impl Fn() -> Result<S, AppError> + Sync,
    work: impl Fn(&mut S, &LineBatch) -> Result<R, AppError> + Sync,
    mut take: impl FnMut(R) -> Result<(), AppError>,
) -> Result<(), AppError>
where
    R: Send,
{
    let (jobs, queued) = sync_channel::<Job<R>>(WORKERS);
    let queued = Mutex::new(queued);
    thread::scope(|scope| {
        let (order, in_order) = sync_channel::<Receiver<Result<R, AppError>>>(4 * WORKERS);
        let reader = scope.spawn(move || read_batches(text, first_line, path, jobs, order));
        for _ in 0..WORKERS {
            let (queued, state, work) = (&queued, &state, &work);
            scope.spawn(move || {
                let mut held = state();
                loop {
                    let next = match queued.lock() {
                        Ok(queue) => queue.recv(),
                        Err(poisoned) => poisoned.into_inner().recv(),
                    };
                    let Ok((batch, result)) = next else {
                        return;
                    };
                    let made = match &mut held {
                        Ok(held) => work(held, &batch),
                        Err(e) => Err(e.clone()),
                    };
                    // The taker may have stopped at an earlier error and no longer listens.
                    let _ = result.send(made);
                }
            });
        }
        let taken = (|| {
            for result in in_order {
                let made = result.recv().map_err(|_| {
                    AppError::new(ErrorKind::Internal, "a worker stopped without its result")
                })??;
                take(made)?;
            }
            Ok(())
        })();
        // On an error the queues are dropped, which stops the reader and the workers.
        let read = reader.join().unwrap_or_else(|_| {
            Err(AppError::new(
                ErrorKind::Internal,
                "the reader thread stopped unexpectedly",
            ))
        });
        taken.and(read)
    })
}

/// Cuts `text` into batches and queues each for a worker, its result's place in `order`.
fn read_batches<R>(
    mut text: Box<dyn BufRead + Send>,
    first_line: usize,
    path: &Path,
    jobs: SyncSender<Job<R>>,
    order: SyncSender<Receiver<Result<R, AppError>>>,
) -> Result<(), AppError> {
    let mut line = first_line;
    loop {
        let mut batch = LineBatch {
            first_line: line,
            text: String::with_capacity(BATCH_BYTES + (BATCH_BYTES >> 2)),
        };
        while batch.text.len() < BATCH_BYTES {
            let read = text.read_line(&mut batch.text).map_err(|e| {
                AppError::new(
                    ErrorKind::InvalidInput,
                    format!("{}: line {line}: {e}", path.display()),
                )
            })?;
            if read == 0 {
                break;
            }
            line += 1;
        }
        if batch.text.is_empty() {
            return Ok(());
        }
        if !batch.text.ends_with('\n') {
            batch.text.push('\n');
        }
        let (result, receiver) = sync_channel(1);
        // A closed queue means the taker stopped at an error; it reports that one.
        if jobs.send((batch, result)).is_err() || order.send(receiver).is_err() {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn text(lines: usize) -> Box<dyn BufRead + Send> {
        let body: String = (1..=lines)
            .map(|n| format!("line {n} {}\n", "x".repeat(300)))
            .collect();
        Box::new(Cursor::new(body.into_bytes()))
    }

    #[test]
    fn results_come_back_in_the_order_of_the_text() {
        let mut seen = Vec::new();
        in_line_batches(
            text(20_000),
            1,
            Path::new("t.txt"),
            || Ok(()),
            |(), batch| {
                Ok(batch
                    .lines()
                    .map(|(number, line)| (number, line.split(' ').nth(1).map(str::to_string)))
                    .collect::<Vec<_>>())
            },
            |lines| {
                seen.extend(lines);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen.len(), 20_000);
        for (k, (number, field)) in seen.iter().enumerate() {
            assert_eq!(*number, k + 1);
            assert_eq!(field.as_deref(), Some((k + 1).to_string().as_str()));
        }
    }

    #[test]
    fn the_first_error_in_text_order_is_returned() {
        let mut taken = 0;
        let failed = in_line_batches(
            text(20_000),
            1,
            Path::new("t.txt"),
            || Ok(()),
            |(), batch| match batch.lines().find(|(n, _)| *n == 12_345 || *n == 19_000) {
                Some((n, _)) => Err(AppError::new(ErrorKind::InvalidInput, format!("line {n}"))),
                None => Ok(()),
            },
            |()| {
                taken += 1;
                Ok(())
            },
        )
        .unwrap_err();
        assert_eq!(failed.message, "line 12345");
        assert!(taken > 0);
    }

    #[test]
    fn a_worker_state_that_cannot_be_made_fails_the_run() {
        let failed = in_line_batches(
            text(10),
            1,
            Path::new("t.txt"),
            || Err::<(), _>(AppError::new(ErrorKind::InvalidInput, "no cache")),
            |(), _| Ok(()),
            |()| Ok(()),
        )
        .unwrap_err();
        assert_eq!(failed.message, "no cache");
    }

    #[test]
    fn crlf_line_ends_and_a_missing_last_line_feed_are_read_alike() {
        let mut lines = Vec::new();
        in_line_batches(
            Box::new(Cursor::new(b"a\r\nb\nc".to_vec())),
            7,
            Path::new("t.txt"),
            || Ok(()),
            |(), batch| {
                Ok(batch
                    .lines()
                    .map(|(n, l)| format!("{n}:{l}"))
                    .collect::<Vec<_>>())
            },
            |made| {
                lines.extend(made);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(lines, ["7:a", "8:b", "9:c"]);
    }
}
