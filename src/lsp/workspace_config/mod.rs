//! The workspace's `copydesk.toml` and the notes it names, in the editor.
//!
//! - Read at `initialize`; the notes of `[quotes] sources` are indexed off the message loop, so
//!   that `initialize` answers at once however large (or odd) the notes folder. The open drafts
//!   are re-checked when they are in, and `window/logMessage` says `copydesk: notes indexed`.
//! - A repository's file is not trusted: its notes patterns stay inside its folder
//!   ([`notes_files`]); only the user's own configuration (`~/.config/copydesk/copydesk.toml`)
//!   and the editor's `notes.sources` setting ([`super::settings`]) read notes elsewhere.
//! - Watched: the file itself, the notes patterns, the user's configuration and the user's own
//!   patterns (`workspace/didChangeWatchedFiles`, registered dynamically; the user's patterns are
//!   watched from their literal folder, at most [`MAX_USER_WATCHERS`] of them). A change to the
//!   file reloads it, notes included; a change to a notes file or to the user's configuration
//!   re-indexes the notes. Either way the caller re-checks the open drafts.
//! - A bad file is shown as a message and as a diagnostic on the file itself, at the error's
//!   line and column; the last good configuration (and its notes) stays in force. Fixing the file
//!   clears the diagnostic.
//!
//! Reloads run one at a time (a config reload and a notes re-index never interleave) and read
//! files on the blocking pool, so a large notes folder never holds up keystrokes.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use ropey::Rope;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;
use tracing::{debug, info, warn};

use super::config_file::{file_path, root_config_path, root_uri};
use super::convert::{self, Encoding};
use crate::analysis::span::Span;
use crate::config::glob::Glob;
use crate::config::bounded_read::{read_regular_file, ReadFailure};
use crate::config::notes_files::{self, NotesReport};
use crate::config::user::MAX_CONFIG_BYTES;
use crate::config::{parse_toml, Config, ConfigError};

mod watch;

const CONFIG_WATCHER_ID: &str = "copydesk-toml";
const NOTES_WATCHER_ID: &str = "copydesk-notes";

/// At most this many of the user's own patterns are watched (a watcher each): they are typed by
/// hand, and each may ask the client to watch a folder outside the workspace.
pub const MAX_USER_WATCHERS: usize = 32;

/// Where the workspace's configuration lives.
#[derive(Debug, Clone)]
struct Location {
    path: PathBuf,
    /// The folder notes patterns are relative to.
    dir: PathBuf,
    uri: Uri,
    dir_uri: Option<Uri>,
}

/// What reading the file gave.
enum Loaded {
    /// No file: the defaults apply.
    Missing,
    Good(Config, Option<NotesReport>),
    /// Refused, with the file's text for the error's position.
    Bad(ConfigError, String),
    /// The file exists but cannot be read.
    Unreadable(String),
}

#[derive(Default)]
struct State {
    /// Notes patterns the client was asked to watch.
    watched_sources: Vec<GlobPattern>,
    /// The client accepts `RelativePattern` watchers.
    relative_patterns: bool,
    /// The client accepts watchers registered at run time.
    dynamic_watchers: bool,
    /// What `initialize` found, told once the client is ready.
    pending_messages: Vec<(MessageType, String)>,
    pending_diagnostic: Option<(ConfigError, String)>,
    /// The notes `initialize` started indexing, handed over by `initialized`, with the count of
    /// reloads then (a reload or re-index since makes them stale).
    pending_notes: Option<(u64, tokio::sync::oneshot::Receiver<(Config, Option<NotesReport>)>)>,
}

#[derive(Default)]
pub struct WorkspaceConfig {
    location: RwLock<Option<Location>>,
    /// The last good configuration, with its notes index.
    good: RwLock<Arc<Config>>,
    state: Mutex<State>,
    reload_lock: tokio::sync::Mutex<()>,
    /// Counts the configurations put in force by a reload: the notes indexed at start-up are
    /// dropped if a reload came first.
    reloads: AtomicU64,
    /// The editor's `notes.sources`: the user's own patterns, relative to the workspace folder.
    editor_sources: RwLock<Vec<Glob>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl WorkspaceConfig {
    /// The configuration in force (the last good one).
    pub fn current(&self) -> Arc<Config> {
        self.good.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn location(&self) -> Option<Location> {
        self.location
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn editor_sources(&self) -> Vec<Glob> {
        self.editor_sources.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Sets the editor's `notes.sources` (before [`WorkspaceConfig::initialize`], from
    /// `initializationOptions`; later from the settings, in their order); true if they changed.
    pub fn set_editor_sources(&self, sources: Vec<Glob>) -> bool {
        let mut current = self.editor_sources.write().unwrap_or_else(|e| e.into_inner());
        if *current == sources {
            return false;
        }
        *current = sources;
        true
    }

    /// After [`WorkspaceConfig::set_editor_sources`] changed them: re-indexes the notes with the
    /// sources in force when it runs (`on_change` re-checks the open drafts) and watches them.
    pub async fn editor_sources_changed(&self, client: &Client, on_change: impl FnOnce()) {
        self.reindex_notes(client, on_change).await;
        self.watch_notes(client).await;
    }

    fn set_current(&self, config: Config) {
        *self.good.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(config);
    }

    /// Finds and reads the workspace's file (and its notes). What went wrong is kept for
    /// [`WorkspaceConfig::initialized`], as the client cannot be told anything yet.
    pub fn initialize(&self, params: &InitializeParams) {
        let watch_caps = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref());
        {
            let mut state = lock(&self.state);
            state.relative_patterns = watch_caps
                .and_then(|c| c.relative_pattern_support)
                .unwrap_or(false);
            state.dynamic_watchers = watch_caps
                .and_then(|c| c.dynamic_registration)
                .unwrap_or(true);
        }
        let (Some(root), Some(path)) = (root_uri(params), root_config_path(params)) else {
            return;
        };
        let Some(location) = locate(&root, path) else {
            return;
        };
        let loaded = read_file(&location.path);
        let dir = location.dir.clone();
        *self.location.write().unwrap_or_else(|e| e.into_inner()) = Some(location);
        let mut state = lock(&self.state);
        match loaded {
            Loaded::Missing | Loaded::Good(..) => {
                let config = match loaded {
                    Loaded::Good(config, _) => config,
                    // No file: the user's own notes may still apply.
                    _ => Config::default(),
                };
                // In force at once (rules, people, style); the notes follow when indexed.
                self.set_current(config.clone());
                let (tx, rx) = tokio::sync::oneshot::channel();
                state.pending_notes = Some((self.reloads.load(Ordering::SeqCst), rx));
                let editor_sources = self.editor_sources();
                std::thread::spawn(move || {
                    let _ = tx.send(notes_files::attach_with(config, &dir, &editor_sources));
                });
            }
            Loaded::Bad(error, text) => {
                state.pending_messages.push((
                    MessageType::ERROR,
                    bad_file_message(&self.location(), &error),
                ));
                state.pending_diagnostic = Some((error, text));
            }
            Loaded::Unreadable(message) => state
                .pending_messages
                .push((MessageType::ERROR, format!("copydesk: {message}"))),
        }
    }

    /// Waits for the notes `initialize` started indexing and puts them in force, unless a reload
    /// came first; `on_change` re-checks the open drafts.
    async fn finish_start_up_notes(&self, client: &Client, on_change: impl FnOnce()) {
        let Some((reloads, pending)) = lock(&self.state).pending_notes.take() else {
            return;
        };
        let Ok((config, report)) = pending.await else {
            return;
        };
        let _one_at_a_time = self.reload_lock.lock().await;
        if self.reloads.load(Ordering::SeqCst) != reloads {
            return;
        }
        for (kind, message) in notes_messages(report.as_ref()) {
            client.show_message(kind, message).await;
        }
        let Some(report) = report else {
            return; // no notes: the configuration in force is already this one
        };
        self.set_current(config);
        on_change();
        client.log_message(MessageType::INFO, notes_indexed_message(&report)).await;
    }

    /// Tells the client what `initialize` found, puts the notes in force when they are indexed
    /// (`on_change` then re-checks the open drafts) and registers the file watchers.
    pub async fn initialized(&self, client: &Client, encoding: Encoding, on_change: impl FnOnce()) {
        let (messages, diagnostic) = {
            let mut state = lock(&self.state);
            (
                std::mem::take(&mut state.pending_messages),
                state.pending_diagnostic.take(),
            )
        };
        for (kind, message) in messages {
            client.show_message(kind, message).await;
        }
        if let (Some((error, text)), Some(location)) = (diagnostic, self.location()) {
            client
                .publish_diagnostics(
                    location.uri.clone(),
                    vec![diagnostic_for(&error, &text, encoding)],
                    None,
                )
                .await;
        }
        let config_watcher = Registration {
            id: CONFIG_WATCHER_ID.into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String("**/copydesk.toml".into()),
                    kind: None,
                }],
            })
            .ok(),
        };
        if let Err(e) = client.register_capability(vec![config_watcher]).await {
            debug!("no file watcher: {e}");
        }
        self.finish_start_up_notes(client, on_change).await;
        self.watch_notes(client).await;
    }

    /// Handles `workspace/didChangeWatchedFiles`. `on_change` runs as soon as the configuration
    /// in force changed (to re-check the open drafts), before the client is asked to watch
    /// other notes patterns.
    pub async fn on_watched_files(
        &self,
        client: &Client,
        changes: &[FileEvent],
        encoding: Encoding,
        on_change: impl FnOnce(),
    ) {
        let Some(location) = self.location() else {
            return;
        };
        let paths: Vec<PathBuf> = changes
            .iter()
            .filter_map(|c| file_path(c.uri.as_str()))
            .collect();
        if paths.iter().any(|p| *p == location.path) {
            return self.reload(client, encoding, on_change).await;
        }
        let config = self.current();
        let user_scopes = self.user_scopes(&location);
        let user_config = crate::config::user::path();
        let is_notes = |p: &PathBuf| {
            watch::is_notes_path(&location.dir, &config.quote_sources, p)
                || user_config.as_ref() == Some(p)
                || user_scopes.iter().any(|(dir, sources)| watch::is_notes_path(dir, sources, p))
        };
        if paths.iter().any(is_notes) {
            self.reindex_notes(client, on_change).await;
            // The user's configuration may name other patterns now.
            self.watch_notes(client).await;
        }
    }

    /// Re-reads the file. A bad file leaves the last good configuration in force.
    async fn reload(&self, client: &Client, encoding: Encoding, on_change: impl FnOnce()) {
        let _one_at_a_time = self.reload_lock.lock().await;
        let Some(location) = self.location() else {
            return;
        };
        let (path, dir) = (location.path.clone(), location.dir.clone());
        let editor_sources = self.editor_sources();
        let loaded = match tokio::task::spawn_blocking(move || read(&path, &dir, &editor_sources)).await {
            Ok(loaded) => loaded,
            Err(e) => {
                Loaded::Unreadable(format!("reading {} failed: {e}", location.path.display()))
            }
        };
        match loaded {
            Loaded::Missing | Loaded::Good(..) => {
                let (config, report) = match loaded {
                    Loaded::Good(config, report) => (config, report),
                    _ => (Config::default(), None),
                };
                info!("copydesk.toml reloaded");
                client
                    .publish_diagnostics(location.uri.clone(), Vec::new(), None)
                    .await;
                for (kind, message) in notes_messages(report.as_ref()) {
                    client.show_message(kind, message).await;
                }
                self.reloads.fetch_add(1, Ordering::SeqCst);
                self.set_current(config);
                on_change();
                if let Some(report) = &report {
                    client.log_message(MessageType::INFO, notes_indexed_message(report)).await;
                }
                self.watch_notes(client).await;
            }
            Loaded::Bad(error, text) => {
                warn!("{}", bad_file_message(&Some(location.clone()), &error));
                client
                    .publish_diagnostics(
                        location.uri.clone(),
                        vec![diagnostic_for(&error, &text, encoding)],
                        None,
                    )
                    .await;
                client
                    .show_message(
                        MessageType::ERROR,
                        bad_file_message(&Some(location), &error),
                    )
                    .await;
            }
            Loaded::Unreadable(message) => {
                warn!("{message}");
                client
                    .show_message(
                        MessageType::ERROR,
                        format!("copydesk: {message} (the last good configuration stays in force)"),
                    )
                    .await;
            }
        }
    }

    /// Re-reads the notes of the configuration in force.
    async fn reindex_notes(&self, client: &Client, on_change: impl FnOnce()) {
        let _one_at_a_time = self.reload_lock.lock().await;
        let Some(location) = self.location() else {
            return;
        };
        let current = self.current();
        let dir = location.dir.clone();
        let config = (*current).clone();
        let editor_sources = self.editor_sources();
        let Ok((next, report)) = tokio::task::spawn_blocking(move || {
            notes_files::attach_with(config, &dir, &editor_sources)
        })
        .await
        else {
            return;
        };
        // Newer than the notes start-up may still be indexing: those are dropped (even when
        // there are no notes now).
        self.reloads.fetch_add(1, Ordering::SeqCst);
        if report.is_none() && current.notes.is_none() {
            return; // no notes before, none now
        }
        for (kind, message) in notes_messages(report.as_ref()) {
            client.show_message(kind, message).await;
        }
        self.set_current(next);
        on_change();
        if let Some(report) = &report {
            client.log_message(MessageType::INFO, notes_indexed_message(report)).await;
        }
    }

    /// The user's own patterns with the folder each is relative to: the editor's `notes.sources`
    /// (the workspace folder) and the user's configuration's (its folder). A configuration that
    /// cannot be read has none (the re-index says why).
    fn user_scopes(&self, location: &Location) -> Vec<(PathBuf, Vec<Glob>)> {
        let mut scopes = vec![(location.dir.clone(), self.editor_sources())];
        if let Ok(Some(user)) = crate::config::user::notes_sources() {
            scopes.push(user);
        }
        scopes
    }

    /// Asks the client to watch the notes patterns in force (the repository's, the user's, and
    /// the user's configuration file), replacing the previous request when they changed.
    async fn watch_notes(&self, client: &Client) {
        let Some(location) = self.location() else {
            return;
        };
        let relative = lock(&self.state).relative_patterns;
        // Patterns refused as leaving the workspace are read nowhere, so not watched either.
        let mut patterns: Vec<GlobPattern> = self
            .current()
            .quote_sources
            .iter()
            .filter(|g| g.alternatives().iter().all(|a| notes_files::leaves_the_workspace(a).is_none()))
            .map(|g| watch::watch_pattern(&location.dir, location.dir_uri.as_ref(), g.as_str(), relative))
            .collect();
        let user: Vec<GlobPattern> = self
            .user_scopes(&location)
            .iter()
            .flat_map(|(dir, sources)| sources.iter().map(move |g| watch::user_pattern(dir, g.as_str(), relative)))
            .chain(crate::config::user::path().map(|p| watch::user_file_pattern(&p, relative)))
            .take(MAX_USER_WATCHERS)
            .collect();
        patterns.extend(user);
        let previous = {
            let mut state = lock(&self.state);
            if !state.dynamic_watchers || state.watched_sources == patterns {
                return;
            }
            std::mem::replace(&mut state.watched_sources, patterns.clone())
        };
        if !previous.is_empty() {
            let old = Unregistration {
                id: NOTES_WATCHER_ID.into(),
                method: "workspace/didChangeWatchedFiles".into(),
            };
            if let Err(e) = client.unregister_capability(vec![old]).await {
                debug!("could not drop the notes watcher: {e}");
            }
        }
        if patterns.is_empty() {
            return;
        }
        let watchers = patterns
            .into_iter()
            .map(|glob_pattern| FileSystemWatcher { glob_pattern, kind: None })
            .collect();
        let registration = Registration {
            id: NOTES_WATCHER_ID.into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        if let Err(e) = client.register_capability(vec![registration]).await {
            debug!("no notes watcher: {e}");
        }
    }
}

/// The file's place, its URI spelt as the client spells the root's (so that a diagnostic on it
/// lands on the document the client knows).
fn locate(root_uri: &str, path: PathBuf) -> Option<Location> {
    let dir = path.parent()?.to_path_buf();
    let root = root_uri.trim_end_matches('/');
    let uri = Uri::from_str(&format!(
        "{root}/{}",
        crate::config::CONFIG_FILE_NAME
    ))
    .ok()?;
    let dir_uri = Uri::from_str(root).ok();
    Some(Location {
        path,
        dir,
        uri,
        dir_uri,
    })
}

/// Reads the file and, when it is good, its notes (with the editor's `notes.sources`).
fn read(path: &Path, dir: &Path, editor_sources: &[Glob]) -> Loaded {
    let config = match read_file(path) {
        Loaded::Good(config, _) => config,
        // No file: the defaults, with the user's own notes if they have any.
        Loaded::Missing => Config::default(),
        other => return other,
    };
    let (config, report) = notes_files::attach_with(config, dir, editor_sources);
    Loaded::Good(config, report)
}

/// Reads and parses the file alone: a regular file of bounded size (a FIFO or a device named
/// `copydesk.toml` is refused, not waited on or read without end).
fn read_file(path: &Path) -> Loaded {
    let bytes = match read_regular_file(path, MAX_CONFIG_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadFailure::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::Missing,
        Err(e) => return Loaded::Unreadable(format!("{}: {e}", path.display())),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Loaded::Unreadable(format!("{}: not UTF-8 text", path.display()));
    };
    match parse_toml(&text) {
        Ok(config) => Loaded::Good(config, None),
        Err(error) => Loaded::Bad(error, text),
    }
}

/// The log line tests and users can wait on: the notes are in force.
fn notes_indexed_message(report: &NotesReport) -> String {
    format!(
        "copydesk: notes indexed: {} files, {} bytes, {:.0} ms",
        report.files.len(),
        report.bytes,
        report.elapsed.as_secs_f64() * 1e3
    )
}

fn bad_file_message(location: &Option<Location>, error: &ConfigError) -> String {
    let path = location
        .as_ref()
        .map_or("copydesk.toml".into(), |l| l.path.display().to_string());
    format!("copydesk: {path}:{error} (the last good configuration stays in force)")
}

/// The messages a notes load deserves: one per skipped file (a warning), and a log line.
fn notes_messages(report: Option<&NotesReport>) -> Vec<(MessageType, String)> {
    let Some(report) = report else {
        return Vec::new();
    };
    info!(
        files = report.files.len(),
        bytes = report.bytes,
        ms = report.elapsed.as_secs_f64() * 1e3,
        "notes indexed"
    );
    report
        .problems
        .iter()
        .map(|p| {
            (
                MessageType::WARNING,
                format!("copydesk: [quotes] sources: {p}"),
            )
        })
        .collect()
}

/// The diagnostic for a bad file, at the error's place.
fn diagnostic_for(error: &ConfigError, text: &str, encoding: Encoding) -> Diagnostic {
    let rope = Rope::from_str(text);
    let range = match &error.span {
        Some(span) => convert::range(
            &rope,
            Span::new(span.start.min(text.len()), span.end.min(text.len())),
            encoding,
        ),
        None => Range::default(),
    };
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config".into())),
        source: Some("copydesk".into()),
        message: format!(
            "{} (the last good configuration stays in force)",
            error.message
        ),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_become_a_diagnostic_at_their_place() {
        let text = "[quotes]\nstyle = \"french\"\n";
        let error = parse_toml(text).unwrap_err();
        let d = diagnostic_for(&error, text, Encoding::Utf16);
        assert_eq!((d.range.start.line, d.range.start.character), (1, 8));
        assert_eq!((d.range.end.line, d.range.end.character), (1, 16));
        assert!(d.message.contains("french"));
    }

    #[test]
    fn the_config_uri_is_spelt_like_the_root_uri() {
        let location = locate(
            "file:///ws/my%20story/",
            PathBuf::from("/ws/my story/copydesk.toml"),
        )
        .unwrap();
        assert_eq!(location.uri.as_str(), "file:///ws/my%20story/copydesk.toml");
        assert_eq!(location.dir, Path::new("/ws/my story"));
        assert_eq!(location.dir_uri.unwrap().as_str(), "file:///ws/my%20story");
    }
}
