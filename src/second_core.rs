//! A second core for the work of one keystroke on a long draft: one helper thread that lives as
//! long as the process and sleeps on a channel between jobs.
//!
//! Why not a thread per job (`std::thread::scope`): a new thread starts with an empty allocator
//! heap, so everything it builds faults in fresh pages, and on a 10 MB draft that cost about what
//! the second core saved. Why not rayon: its idle workers spin before they sleep, and on two
//! cores that took time from the analysis and the editor (the server's median keystroke went from
//! 20 to 21-25 ms). Measured side by side on the 10 MB draft, this helper took the analysis and
//! rules from a median of 22.4-22.8 ms to 19.7-20.1.
//!
//! [`join`] lends the helper closures that borrow from the caller's stack. That is sound because
//! `join` does not return, nor unwind, before the helper has finished with the closure (run it,
//! or dropped it unrun): both halves are run under `catch_unwind`, and the caller always waits for
//! the helper's answer before it looks at either result.

use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Mutex, OnceLock};

/// From this length of draft on, an edited draft's analysis and rules use the second core where
/// there is one: below it a keystroke's work is a few milliseconds, and the hand-over not worth
/// it. Tests use it for every draft, so that their comparisons of cached runs with fresh ones
/// hold the split too (the server's tests, on small drafts, still run one thread).
pub(crate) const PARALLEL_FROM_BYTES: usize = if cfg!(test) { 0 } else { 1 << 18 };

/// Whether work on a text this long should use the second core.
pub(crate) fn worth_it(text_len: usize) -> bool {
    text_len >= PARALLEL_FROM_BYTES && two_cores()
}

/// Whether this process may run on two cores or more (asked once: the answer reads files).
fn two_cores() -> bool {
    static CORES: OnceLock<bool> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2))
}

type Job = Box<dyn FnOnce() + Send + 'static>;

/// Whether the helper has a job: a second caller meanwhile (another document's analysis) runs
/// both halves itself rather than queue behind the first.
static BUSY: AtomicBool = AtomicBool::new(false);

/// The helper's queue, started on first use; `None` if the thread could not be started.
fn helper() -> Option<&'static Mutex<Sender<Job>>> {
    static HELPER: OnceLock<Option<Mutex<Sender<Job>>>> = OnceLock::new();
    HELPER
        .get_or_init(|| {
            let (jobs, queue) = mpsc::channel::<Job>();
            let started = std::thread::Builder::new().name("copydesk-second-core".into()).spawn(move || {
                for job in queue {
                    job();
                }
            });
            started.ok().map(|_| Mutex::new(jobs))
        })
        .as_ref()
}

/// Runs `on_helper` on the helper thread and `here` on this one, and returns both results. A
/// panic in either is raised here once both are over. When the helper is busy or missing, both
/// run here, one after the other.
pub(crate) fn join<A, B, RA, RB>(on_helper: A, here: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    RA: Send,
    B: FnOnce() -> RB,
{
    let Some(helper) = helper().filter(|_| BUSY.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_ok()) else {
        return (on_helper(), here());
    };
    let (answer, answered) = mpsc::sync_channel::<std::thread::Result<RA>>(1);
    let job: Box<dyn FnOnce() + Send + '_> = Box::new(move || {
        let result = catch_unwind(AssertUnwindSafe(on_helper));
        BUSY.store(false, Ordering::Release);
        let _ = answer.send(result);
    });
    // SAFETY: the job borrows from this frame for at most as long as this call: below, this
    // function waits for the job's answer (or for the job to be dropped unrun, which closes the
    // channel) before it returns or unwinds, and `here` cannot unwind past that wait since it
    // runs under `catch_unwind`. Only the lifetime changes; the type is the same.
    let job: Job = unsafe { std::mem::transmute::<Box<dyn FnOnce() + Send + '_>, Job>(job) };
    let sent = helper.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).send(job);
    if let Err(mpsc::SendError(job)) = sent {
        // The helper is gone: do its half here.
        job();
    }
    let here = catch_unwind(AssertUnwindSafe(here));
    let there = answered.recv().unwrap_or_else(|_| Err(Box::new("the second core's job was dropped unrun")));
    match (there, here) {
        (Ok(there), Ok(here)) => (there, here),
        (Err(panic), _) | (_, Err(panic)) => resume_unwind(panic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_halves_run_and_borrow_from_the_caller() {
        let words = vec!["Lavrov".to_string(), "said".to_string()];
        let mut counted = 0;
        let (helper_thread, here_thread) = join(
            || (words.iter().map(|w| w.len()).sum::<usize>(), std::thread::current().id()),
            || {
                counted = words.len();
                std::thread::current().id()
            },
        );
        assert_eq!((helper_thread.0, counted), (10, 2));
        assert_eq!(here_thread, std::thread::current().id());
    }

    #[test]
    fn a_panic_on_either_side_reaches_the_caller_and_the_helper_works_on() {
        for helper_panics in [true, false] {
            let caught = catch_unwind(|| {
                join(
                    || if helper_panics { panic!("helper half") } else { 1 },
                    || if helper_panics { 2 } else { panic!("caller half") },
                )
            });
            assert!(caught.is_err());
            assert_eq!(join(|| 3, || 4), (3, 4));
        }
    }

    #[test]
    fn callers_on_many_threads_each_get_their_own_answers() {
        let totals: Vec<(u64, u64)> = std::thread::scope(|scope| {
            let runs: Vec<_> = (0..8u64)
                .map(|i| scope.spawn(move || (0..200).map(|_| join(|| i * 2, || i * 3)).fold((0, 0), |(a, b), (x, y)| (a + x, b + y))))
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        for (i, total) in totals.into_iter().enumerate() {
            let i = i as u64;
            assert_eq!(total, (i * 2 * 200, i * 3 * 200));
        }
    }
}
