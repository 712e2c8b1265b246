//! Logs: through `tracing` to stderr, and our own events also to the client's `window/logMessage`.
//! The level comes from `COPYDESK_LOG` (`error`, `warn`, `info`, `debug`, `trace`; default `warn`).

use std::sync::OnceLock;

use tokio::sync::mpsc;
use tower_lsp_server::ls_types::MessageType;
use tower_lsp_server::Client;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::prelude::*;

static TO_CLIENT: OnceLock<mpsc::UnboundedSender<(MessageType, String)>> = OnceLock::new();

fn level() -> Level {
    match std::env::var("COPYDESK_LOG")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .as_str()
    {
        "error" => Level::ERROR,
        "info" => Level::INFO,
        "debug" => Level::DEBUG,
        "trace" => Level::TRACE,
        _ => Level::WARN,
    }
}

pub fn init() {
    let level = level();
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_filter(tracing_subscriber::filter::LevelFilter::from_level(level));
    let client = ClientLayer.with_filter(tracing_subscriber::filter::filter_fn(move |m| {
        *m.level() <= level && m.target().starts_with("copydesk")
    }));
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(client)
        .try_init();
}

/// Starts forwarding log events to the client. Called once the client handle exists.
pub fn attach_client(client: Client) {
    let (tx, mut rx) = mpsc::unbounded_channel::<(MessageType, String)>();
    if TO_CLIENT.set(tx).is_err() {
        return;
    }
    tokio::spawn(async move {
        while let Some((typ, message)) = rx.recv().await {
            client.log_message(typ, message).await;
        }
    });
}

struct ClientLayer;

impl<S: Subscriber> Layer<S> for ClientLayer {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let Some(tx) = TO_CLIENT.get() else { return };
        let mut text = MessageText(String::new());
        event.record(&mut text);
        let typ = match *event.metadata().level() {
            Level::ERROR => MessageType::ERROR,
            Level::WARN => MessageType::WARNING,
            Level::INFO => MessageType::INFO,
            _ => MessageType::LOG,
        };
        let _ = tx.send((typ, text.0));
    }
}

/// Collects an event's message and fields as `message key=value ...`.
struct MessageText(String);

impl Visit for MessageText {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            self.0.push_str(&format!("{value:?}"));
        } else {
            self.0.push_str(&format!("{}={value:?}", field.name()));
        }
    }
}

/// Keeps a flood of one kind of log line (a client writing thousands of bad frames) from
/// flooding stderr and the editor's log: the first [`Throttle::first`] events are logged one by
/// one; after that, one summary line per interval gives the count of those not logged. A quiet
/// interval (no event at all) starts afresh. Pure: the caller passes the time.
#[derive(Debug)]
pub struct Throttle {
    first: u32,
    interval: std::time::Duration,
    logged: u32,
    suppressed: u64,
    /// When the first event not logged since the last summary came.
    suppressed_since: Option<std::time::Instant>,
    last_event: Option<std::time::Instant>,
}

impl Throttle {
    pub fn new(first: u32, interval: std::time::Duration) -> Throttle {
        Throttle { first, interval, logged: 0, suppressed: 0, suppressed_since: None, last_event: None }
    }

    /// Counts an event; true if it is to be logged.
    pub fn event(&mut self, now: std::time::Instant) -> bool {
        let quiet = self
            .last_event
            .is_some_and(|last| now.saturating_duration_since(last) >= self.interval);
        if quiet && self.suppressed == 0 {
            self.logged = 0;
        }
        self.last_event = Some(now);
        if self.logged < self.first {
            self.logged += 1;
            return true;
        }
        self.suppressed += 1;
        self.suppressed_since.get_or_insert(now);
        false
    }

    /// When the next summary is due, if events were left out.
    pub fn summary_due(&self) -> Option<std::time::Instant> {
        self.suppressed_since.map(|since| since + self.interval)
    }

    /// The count of events left out since the last summary, once its interval is over.
    pub fn summary(&mut self, now: std::time::Instant) -> Option<u64> {
        match self.summary_due() {
            Some(due) if now >= due => self.flush(),
            _ => None,
        }
    }

    /// The count of events left out since the last summary, now (at the end of input).
    pub fn flush(&mut self) -> Option<u64> {
        self.suppressed_since = None;
        (self.suppressed > 0).then(|| std::mem::take(&mut self.suppressed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_flood_logs_the_first_few_then_one_count_per_interval() {
        let second = Duration::from_secs(1);
        let mut throttle = Throttle::new(3, 5 * second);
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        // 12 seconds of flood, one event a millisecond, handled as the transport does.
        let (mut logged, mut summaries) = (Vec::new(), Vec::new());
        for ms in 0..12_000 {
            summaries.extend(throttle.summary(at(ms)).map(|n| (ms, n)));
            if throttle.event(at(ms)) {
                logged.push(ms);
            }
        }
        assert_eq!(logged, [0, 1, 2]);
        // A count when each interval is over (the first counts from the first event left out).
        assert_eq!(summaries, [(5_003, 5_000), (10_003, 5_000)]);
        assert_eq!(throttle.summary_due(), Some(at(10_003) + 5 * second));
        assert_eq!(throttle.summary(at(12_000)), None);
        // The end of input: the rest, at once.
        assert_eq!(throttle.flush(), Some(1_997));
        assert_eq!(throttle.flush(), None);
        assert_eq!(throttle.summary_due(), None);
        // A quiet interval: the next events are logged again.
        assert!(throttle.event(at(17_000)));
    }

    #[test]
    fn a_few_events_are_all_logged() {
        let mut throttle = Throttle::new(10, Duration::from_secs(5));
        let t0 = Instant::now();
        assert!((0..10).all(|i| throttle.event(t0 + Duration::from_secs(i))));
        assert_eq!(throttle.flush(), None);
    }
}
