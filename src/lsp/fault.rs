//! Fault injection for the never-crash tests: `COPYDESK_LSP_PANIC_IN=analysis,textDocument/hover`
//! makes those points panic, so the integration tests can check that a panic is caught, reported
//! and survived. Unset (always, outside tests), it costs one load of a cached flag.

use std::sync::OnceLock;

fn points() -> &'static [String] {
    static POINTS: OnceLock<Vec<String>> = OnceLock::new();
    POINTS.get_or_init(|| {
        std::env::var("COPYDESK_LSP_PANIC_IN")
            .map(|v| {
                v.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Panics if `point` was named in `COPYDESK_LSP_PANIC_IN`.
pub fn inject(point: &str) {
    if points().iter().any(|p| p == point) {
        panic!("injected fault at {point}");
    }
}

/// Marker that a draft must contain for [`inject_for_text`] to fire.
pub const PANIC_MARKER: &str = "COPYDESK-PANIC";

/// Panics if `point` was named and the text contains [`PANIC_MARKER`]: lets a test break one
/// version of a document and keep the others good.
pub fn inject_for_text(point: &str, text: &str) {
    if !points().is_empty() && text.contains(PANIC_MARKER) {
        inject(point);
    }
}
