//! `copydesk lsp`: the language server, over stdio.
//!
//! Only this module knows the protocol. It turns the core's byte spans into LSP positions
//! ([`convert`], the one place that does), keeps one rope per open document ([`documents`]), runs
//! the analysis off the message loop ([`snapshot`], [`server`]) and answers each feature from an
//! immutable snapshot ([`handlers`]).
//!
//! Framework: `tower-lsp-server` 0.23, the maintained continuation of tower-lsp. Unlike tower-lsp
//! 0.20 it stops reading after `exit` even when the client keeps stdin open, and we still end the
//! process ourselves once the transport returns.

pub mod ascii_json;
pub mod config_file;
pub mod convert;
pub mod documents;
pub mod envelope;
pub mod fault;
pub mod framing;
pub mod handlers;
pub mod logging;
pub mod server;
pub mod settings;
pub mod snapshot;
pub mod transport;
pub mod workspace_config;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tower_lsp_server::{LspService, Server as Transport};

/// Serves LSP on stdin/stdout until `exit`. Exit code 0 if `shutdown` came first, 1 if not.
pub fn run() -> ExitCode {
    logging::init();
    // One async thread: the message loop and handlers are light, and keeping them on one thread
    // saves cross-thread wake-ups on every keystroke. Analyses of large drafts run on the
    // blocking pool, so requests are still answered while one runs.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk lsp: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let flag = shutdown_requested.clone();
    let served = runtime.block_on(async move {
        let (input, output) = transport::guarded_stdio()?;
        let (service, socket) = LspService::new(move |client| {
            logging::attach_client(client.clone());
            server::Server::new(client, flag)
        });
        Transport::new(input, output, socket).serve(service).await;
        std::io::Result::Ok(())
    });
    if let Err(e) = served {
        eprintln!("copydesk lsp: cannot start writing to stdout: {e}");
        return ExitCode::from(2);
    }
    let code = if shutdown_requested.load(Ordering::SeqCst) {
        0
    } else {
        1
    };
    tracing::info!("exit ({code})");
    // The blocking thread reading stdin may still be parked in read(2) if the client keeps stdin
    // open; dropping the runtime would wait for it forever. Exit now, as LSP asks.
    std::process::exit(code);
}
