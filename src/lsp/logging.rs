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
