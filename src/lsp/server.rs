//! The language server: session state, document life cycle, scheduling of analyses, and the
//! dispatch of each request to its handler in [`super::handlers`].
//!
//! Notifications mutate state synchronously (before any `.await`). Each document has at most one
//! worker analysing it (small drafts on the message thread, large ones on tokio's blocking pool)
//! and one queued job, the newest; a result is published only if no newer edit arrived.
//! Requests read an immutable [`Snapshot`], waiting briefly for the current one.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use tracing::{debug, error, info, warn};

use super::convert::{self, Encoding};
use super::documents::{self, Document, Documents};
use super::fault;
use super::handlers;
use super::settings::Settings;
use crate::config::Config;
use super::snapshot::{self, DiagnosticFields, Job, SentDiagnostic, Snapshot};

/// How long a request waits for the analysis of the current text before answering from the last
/// finished one: long enough for any normal draft, short enough to stay responsive on a huge one.
const REQUEST_WAIT: Duration = Duration::from_millis(50);

/// A diagnostics pull waits longer: answering it with a stale analysis would put the client's
/// squiggles on the wrong words, as the report carries no version.
const PULL_WAIT: Duration = Duration::from_secs(2);

/// Drafts up to this size are analysed on the async thread (a few milliseconds at most); larger
/// ones on the blocking pool. Handing an analysis to the pool and its result back costs two
/// thread wake-ups, a good part of a 100 KB draft's keystroke on a busy machine; and requests on
/// the document wait for its analysis anyway.
const INLINE_ANALYSIS_BYTES: usize = 256 * 1024;

/// What the client told us in `initialize`.
#[derive(Debug, Default, Clone)]
pub struct ClientInfo {
    pub encoding: Encoding,
    pub markdown_hover: bool,
    pub pull_configuration: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`). Such clients (VS Code, Neovim
    /// 0.11) keep pulled and pushed diagnostics apart and would show each twice, so we then
    /// only answer pulls; every other client gets pushed diagnostics only.
    pub pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`, to re-pull after a settings change.
    pub diagnostic_refresh: bool,
    /// The optional diagnostic fields the client declared it accepts (see [`diagnostic_fields`]).
    pub diagnostic_fields: DiagnosticFields,
    /// Notes patterns are taken from `initializationOptions` only, never from later settings:
    /// the client's `workspace/configuration` may be set by the workspace itself without the
    /// user's say (Eglot: `eglot-workspace-configuration` is a safe local variable, so a
    /// repository's `.dir-locals.el` sets it silently). Set for a client named Eglot, or when
    /// `initializationOptions` say `notes.onlyAtStart` (copydesk.el does).
    pub notes_from_initialization_only: bool,
}

pub struct Inner {
    client: Client,
    docs: Documents,
    info: RwLock<ClientInfo>,
    settings: RwLock<Arc<Settings>>,
    /// Every edit and configuration change takes a new revision.
    next_revision: AtomicU64,
    /// Settings arrive pushed or pulled, and a pull's answer can come after a later push: each
    /// update takes a ticket when it starts, and one older than the last applied is dropped.
    next_settings_ticket: AtomicU64,
    applied_settings_ticket: Mutex<u64>,
    /// Serialises publishing, so that a stale result can never be sent after a newer one.
    publish_lock: tokio::sync::Mutex<()>,
    shutdown_requested: Arc<AtomicBool>,
    /// The workspace's `copydesk.toml` and its notes: the last good configuration read from it.
    workspace: super::workspace_config::WorkspaceConfig,
    /// The last merge of the workspace's configuration and the settings' one, with the two it
    /// was made from (see [`Inner::merged_config`]).
    merged_config: Mutex<Option<MergedConfig>>,
    /// For documents that are themselves notes files: the merged configuration each was derived
    /// from, and the derived one (see [`Inner::config_for`]).
    draft_configs: Mutex<HashMap<Uri, (Arc<Config>, Arc<Config>)>>,
}

type MergedConfig = (
    Arc<crate::config::Config>,
    Arc<Settings>,
    Arc<crate::config::Config>,
);

#[derive(Clone)]
pub struct Server(Arc<Inner>);

impl Server {
    pub fn new(client: Client, shutdown_requested: Arc<AtomicBool>) -> Server {
        Server(Arc::new(Inner {
            client,
            docs: Documents::default(),
            info: RwLock::default(),
            settings: RwLock::default(),
            next_revision: AtomicU64::new(1),
            next_settings_ticket: AtomicU64::new(1),
            applied_settings_ticket: Mutex::new(0),
            publish_lock: tokio::sync::Mutex::new(()),
            shutdown_requested,
            workspace: Default::default(),
            merged_config: Mutex::new(None),
            draft_configs: Mutex::new(HashMap::new()),
        }))
    }
}

fn read<T: Clone>(lock: &RwLock<T>) -> T {
    lock.read().unwrap_or_else(|e| e.into_inner()).clone()
}

impl Inner {
    fn encoding(&self) -> Encoding {
        read(&self.info).encoding
    }

    fn diagnostic_fields(&self) -> DiagnosticFields {
        read(&self.info).diagnostic_fields
    }

    fn settings(&self) -> Arc<Settings> {
        read(&self.settings)
    }

    fn revision(&self) -> u64 {
        self.next_revision.fetch_add(1, Ordering::Relaxed)
    }

    /// Builds the analysis job for a document's current text, if its language is one we read.
    fn job(&self, uri: &Uri, doc: &Document, settings: &Arc<Settings>) -> Option<Job> {
        if !settings.analyses_language(&doc.language_id) {
            return None;
        }
        Some(Job {
            uri: uri.clone(),
            version: doc.version,
            revision: doc.revision,
            rope: doc.rope.clone(),
            text: doc.text.clone(),
            format: doc.format,
            edit: doc.edit_since_job,
            config: self.config_for(uri, settings),
            encoding: self.encoding(),
            fields: self.diagnostic_fields(),
        })
    }

    /// The configuration a document is checked with: the merged one, unless the document is one
    /// of the notes files, which is then left out of its own notes ([`Config::for_draft`]).
    /// Worked out once per document and merged configuration, not on every keystroke.
    fn config_for(&self, uri: &Uri, settings: &Arc<Settings>) -> Arc<Config> {
        let merged = self.merged_config(settings);
        if merged.notes.is_none() {
            return merged;
        }
        let mut cache = self.draft_configs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((from, derived)) = cache.get(uri) {
            if Arc::ptr_eq(from, &merged) {
                return derived.clone();
            }
        }
        let derived = super::config_file::file_path(uri.as_str())
            .and_then(|path| merged.for_draft(&path))
            .map_or_else(|| merged.clone(), Arc::new);
        cache.insert(uri.clone(), (merged, derived.clone()));
        derived
    }

    /// The file's configuration under the editor's settings, merged once per change of either
    /// rather than on every keystroke (a people list can be long).
    fn merged_config(&self, settings: &Arc<Settings>) -> Arc<crate::config::Config> {
        let file = self.workspace.current();
        let mut cache = self.merged_config.lock().unwrap_or_else(|e| e.into_inner());
        match &*cache {
            Some((f, s, merged)) if Arc::ptr_eq(f, &file) && Arc::ptr_eq(s, settings) => {
                merged.clone()
            }
            _ => {
                let merged = Arc::new(super::config_file::merge(&file, &settings.config));
                *cache = Some((file, settings.clone(), merged.clone()));
                merged
            }
        }
    }

    /// Queues a document's analysis (called under the store's lock, right after the edit).
    /// Returns whether a worker must be started for it; if one runs, it takes the job next.
    fn queue(doc: &mut Document, mut job: Job) -> bool {
        // The analyser last read the text of the job before the one replaced (if one is): the
        // edit it is told is both jobs' edits together.
        doc.drop_pending();
        job.edit = doc.edit_since_job;
        doc.edit_since_job = Some(crate::analysis::Unchanged::nothing_in(doc.text.len()));
        doc.pending = Some(job);
        !std::mem::replace(&mut doc.worker_running, true)
    }

    /// Starts the worker that analyses a document's queued jobs, one at a time, newest only,
    /// and publishes each unless a newer edit superseded it.
    fn start_worker(self: &Arc<Self>, uri: Uri, checker: Arc<Mutex<crate::rules::Checker>>) {
        let inner = self.clone();
        tokio::spawn(async move { inner.work(uri, checker).await });
    }

    async fn work(self: Arc<Self>, uri: Uri, checker: Arc<Mutex<crate::rules::Checker>>) {
        loop {
            let next = self.docs.with(&uri, |d| {
                // Closed and opened again: the new document has its own worker.
                if !Arc::ptr_eq(&d.checker, &checker) {
                    return None;
                }
                let job = d.pending.take();
                d.worker_running = job.is_some();
                // The last analysis, whose diagnostics the edit may only have moved.
                job.map(|job| (job, d.snapshot.clone()))
            });
            let Some(Some((job, previous))) = next else { return };
            let revision = job.revision;
            // A small draft is analysed right here, saving a thread hand-off per keystroke; a
            // large one goes to the blocking pool so that requests are answered meanwhile.
            let outcome = if job.rope.len_bytes() <= INLINE_ANALYSIS_BYTES {
                let mut guard = checker.lock().unwrap_or_else(|e| e.into_inner());
                snapshot::build_after(&mut guard, job, previous.as_deref())
            } else {
                let checker = checker.clone();
                let run = tokio::task::spawn_blocking(move || {
                    let mut guard = checker.lock().unwrap_or_else(|e| e.into_inner());
                    snapshot::build_after(&mut guard, job, previous.as_deref())
                });
                match run.await {
                    Ok(outcome) => outcome,
                    Err(join_error) => Err(format!("analysis task failed: {join_error}")),
                }
            };
            self.finish_analysis(uri.clone(), revision, outcome).await;
        }
    }

    async fn finish_analysis(
        self: &Arc<Self>,
        uri: Uri,
        revision: u64,
        outcome: std::result::Result<Snapshot, String>,
    ) {
        let _publishing = self.publish_lock.lock().await;
        match outcome {
            Ok(snap) => {
                let snap = Arc::new(snap);
                let mut replaced = None;
                let is_current = self.docs.with(&uri, |d| {
                    if d.snapshot
                        .as_ref()
                        .is_none_or(|s| s.revision < snap.revision)
                    {
                        replaced = d.snapshot.replace(snap.clone());
                    }
                    d.settled = d.settled.max(revision);
                    d.updated.notify_waiters();
                    d.revision == revision
                });
                // Freeing the previous analysis of a large draft takes a good part of a
                // millisecond: do it after publishing, and off the message thread. The text it
                // held is then the document's spare, no one else's: the next edit's copy of the
                // text is made into it then, while the client reads the diagnostics.
                let _free_after_publishing = FreeLater { old: replaced, then_prepare: Some((self.clone(), uri.clone())) };
                if is_current == Some(true) && !read(&self.info).pull_diagnostics {
                    debug!(
                        uri = uri.as_str(),
                        version = snap.version,
                        n = snap.diagnostics.len(),
                        "publishing"
                    );
                    self.publish(uri, &snap.diagnostics, Some(snap.version))
                        .await;
                }
            }
            Err(message) => {
                // Keep the last good snapshot and its diagnostics; just say what happened.
                error!(uri = uri.as_str(), "analysis panicked: {message}");
                self.docs.with(&uri, |d| {
                    d.settled = d.settled.max(revision);
                    d.updated.notify_waiters();
                });
                self.client
                    .log_message(
                        MessageType::ERROR,
                        format!("copydesk: analysis failed ({message}); keeping the last results"),
                    )
                    .await;
            }
        }
    }

    /// Publishes diagnostics (the caller holds `publish_lock`). Written straight to stdout from
    /// the snapshot's diagnostics, without the copy and the JSON tree tower-lsp's client makes:
    /// about 0.5 ms per keystroke on a 1 MB draft with a few hundred findings.
    async fn publish(&self, uri: Uri, diagnostics: &[SentDiagnostic], version: Option<i32>) {
        #[derive(serde::Serialize)]
        struct Params<'a> {
            uri: &'a Uri,
            diagnostics: &'a [SentDiagnostic],
            #[serde(skip_serializing_if = "Option::is_none")]
            version: Option<i32>,
        }
        let params = Params {
            uri: &uri,
            diagnostics,
            version,
        };
        if !super::transport::send_notification("textDocument/publishDiagnostics", &params) {
            let diagnostics = diagnostics.iter().map(|d| Diagnostic::clone(d)).collect();
            self.client
                .publish_diagnostics(uri, diagnostics, version)
                .await;
        }
    }

    /// The snapshot a request should read: the current one, or after [`REQUEST_WAIT`] (or if the
    /// current analysis failed) the newest that finished.
    async fn snapshot_for_request(&self, uri: &Uri, wait: Duration) -> Option<Arc<Snapshot>> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let notify = self.docs.with(uri, |d| d.updated.clone())?;
            let notified = notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let (latest, settled, analysed) = self.docs.with(uri, |d| {
                let settings = self.settings();
                (
                    d.snapshot.clone(),
                    d.settled >= d.revision,
                    settings.analyses_language(&d.language_id),
                )
            })?;
            if settled || !analysed {
                return latest;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return latest;
            }
        }
    }

    /// Runs a request handler on a snapshot, turning a panic into a JSON-RPC error.
    async fn on_snapshot<T: Default>(
        &self,
        method: &'static str,
        uri: &Uri,
        handler: impl FnOnce(&Snapshot, &ClientInfo) -> T,
    ) -> Result<T> {
        let wait = if method == "textDocument/diagnostic" {
            PULL_WAIT
        } else {
            REQUEST_WAIT
        };
        let Some(snap) = self.snapshot_for_request(uri, wait).await else {
            return Ok(T::default());
        };
        let info = read(&self.info);
        guarded(method, || handler(&snap, &info))
    }

    /// Reads the `copydesk` settings from the client and re-analyses if they changed.
    /// `ticket` is taken when the reason to pull arrives, before any `.await`.
    async fn pull_settings(self: &Arc<Self>, ticket: u64) {
        if !read(&self.info).pull_configuration {
            return;
        }
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("copydesk".into()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => {
                // `null` means the client has no `copydesk` section: keep what we have (perhaps
                // from `initializationOptions`).
                match values.into_iter().next() {
                    Some(Value::Null) | None => {}
                    Some(value) => self.apply_settings(ticket, value).await,
                }
            }
            Err(e) => warn!("workspace/configuration failed: {e}"),
        }
    }

    fn settings_ticket(&self) -> u64 {
        self.next_settings_ticket.fetch_add(1, Ordering::SeqCst)
    }

    async fn apply_settings(self: &Arc<Self>, ticket: u64, value: Value) {
        {
            let mut applied = self
                .applied_settings_ticket
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if ticket < *applied {
                debug!("dropping settings overtaken by newer ones");
                return;
            }
            *applied = ticket;
        }
        let (mut settings, mut warnings) = Settings::from_json(&value);
        let previous = self.settings();
        if read(&self.info).notes_from_initialization_only {
            if !settings.notes_sources.is_empty() && settings.notes_sources != previous.notes_sources {
                warnings.push(
                    "copydesk.notes.sources is read at start-up only with this editor, whose \
                     workspace settings a repository can set (Emacs: customise \
                     copydesk-notes-sources, not eglot-workspace-configuration)"
                        .into(),
                );
            }
            settings.notes_sources = previous.notes_sources.clone();
        }
        for w in warnings {
            warn!("{w}");
            self.client.log_message(MessageType::WARNING, w).await;
        }
        let notes_changed = settings.notes_sources != previous.notes_sources;
        let same = settings.same_as(&previous);
        if same && !notes_changed {
            return;
        }
        if notes_changed {
            // Set here, in the settings' order; the re-index reads whichever are newest.
            self.workspace.set_editor_sources(settings.notes_sources.clone());
        }
        *self.settings.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(settings);
        if notes_changed {
            // Spawned: indexing notes must not hold up the edits that follow.
            let inner = self.clone();
            tokio::spawn(async move {
                let on_change = || inner.reanalyse_all();
                inner.workspace.editor_sources_changed(&inner.client, on_change).await;
            });
        }
        if !same {
            info!("settings changed; re-analysing open documents");
            self.reanalyse_all();
        }
    }

    fn reanalyse_all(self: &Arc<Self>) {
        let settings = self.settings();
        for uri in self.docs.uris() {
            let start = self.docs.with(&uri, |d| {
                d.revision = self.revision();
                let job = self.job(&uri, d, &settings)?;
                Self::queue(d, job).then(|| d.checker.clone())
            });
            if let Some(Some(checker)) = start {
                self.start_worker(uri, checker);
            }
        }
        let info = read(&self.info);
        if info.pull_diagnostics && info.diagnostic_refresh {
            // Spawned: a handler must never wait on the client (see `initialized`).
            let client = self.client.clone();
            tokio::spawn(async move {
                if let Err(e) = client.workspace_diagnostic_refresh().await {
                    warn!("workspace/diagnostic/refresh failed: {e}");
                }
            });
        }
    }
}

/// A replaced snapshot, freed when this is dropped (on the blocking pool for a large draft),
/// and then its document's spare text prepared ([`documents::Spare::prepare`]).
struct FreeLater {
    old: Option<Arc<Snapshot>>,
    then_prepare: Option<(Arc<Inner>, Uri)>,
}

impl Drop for FreeLater {
    fn drop(&mut self) {
        if let Some(old) = self.old.take() {
            // Only the last holder frees anything; requests may still be reading it.
            if Arc::strong_count(&old) == 1 {
                let large = old.rope.len_bytes() > INLINE_ANALYSIS_BYTES;
                let then_prepare = self.then_prepare.take();
                let free = move || {
                    if let Ok(old) = Arc::try_unwrap(old) {
                        old.free();
                        if let Some((inner, uri)) = then_prepare {
                            inner.docs.with(&uri, |d| d.spare_text.prepare(&d.text));
                        }
                    }
                };
                if large {
                    tokio::task::spawn_blocking(free);
                } else {
                    free();
                }
            }
        }
    }
}

/// Runs `f`, catching a panic: it is logged and becomes an internal-error reply.
pub fn guarded<T>(method: &'static str, f: impl FnOnce() -> T) -> Result<T> {
    catch_unwind(AssertUnwindSafe(|| {
        fault::inject(method);
        f()
    }))
    .map_err(|panic| {
        let message = snapshot::panic_message(&*panic);
        error!("{method} panicked: {message}");
        Error {
            code: ErrorCode::InternalError,
            message: format!("copydesk: {method} failed: {message}").into(),
            data: None,
        }
    })
}

fn client_info(params: &InitializeParams) -> ClientInfo {
    let caps = &params.capabilities;
    let offered = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref());
    let markdown_hover = caps
        .text_document
        .as_ref()
        .and_then(|t| t.hover.as_ref())
        .and_then(|h| h.content_format.as_ref())
        .is_none_or(|formats| {
            formats.first() != Some(&MarkupKind::PlainText)
                && formats.contains(&MarkupKind::Markdown)
        });
    let pull_configuration = caps
        .workspace
        .as_ref()
        .and_then(|w| w.configuration)
        .unwrap_or(false);
    let pull_diagnostics = caps
        .text_document
        .as_ref()
        .is_some_and(|t| t.diagnostic.is_some());
    let diagnostic_refresh = caps
        .workspace
        .as_ref()
        .and_then(|w| w.diagnostics.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(false);
    let diagnostic_fields = diagnostic_fields(caps, pull_diagnostics);
    let notes_from_initialization_only = params
        .client_info
        .as_ref()
        .is_some_and(|c| c.name.to_ascii_lowercase().contains("eglot"));
    ClientInfo {
        encoding: Encoding::negotiate(offered),
        markdown_hover,
        pull_configuration,
        pull_diagnostics,
        diagnostic_refresh,
        diagnostic_fields,
        notes_from_initialization_only,
    }
}

/// Which optional diagnostic fields to send: those the client declared, as LSP 3.17 defines
/// them in `textDocument.publishDiagnostics` (`relatedInformation`, `codeDescriptionSupport`).
/// 3.17's pull capability (`textDocument.diagnostic`) has no such flags; 3.18 adds the same
/// two there. So a pulling client's own flag counts where it gives one, and its
/// `publishDiagnostics` flag otherwise. What the editors declare (their sources):
/// - VS Code (vscode-languageclient 9.0.1): both, in `publishDiagnostics`; it pulls.
/// - Neovim 0.7 and 0.11: `relatedInformation` only; 0.11 pulls and declares neither in
///   `textDocument.diagnostic`.
/// - Eglot 1.9: both `false`. Helix: neither.
fn diagnostic_fields(caps: &ClientCapabilities, pull: bool) -> DiagnosticFields {
    let text = caps.text_document.as_ref();
    let push = text.and_then(|t| t.publish_diagnostics.as_ref());
    let pulled = text.and_then(|t| t.diagnostic.as_ref()).filter(|_| pull);
    let flag = |pulled: Option<bool>, pushed: Option<bool>| pulled.or(pushed).unwrap_or(false);
    DiagnosticFields {
        related_information: flag(
            pulled.and_then(|d| d.related_information),
            push.and_then(|p| p.related_information),
        ),
        code_description: flag(
            pulled.and_then(|d| d.code_description_support),
            push.and_then(|p| p.code_description_support),
        ),
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: handlers::semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: Some(false),
                ..Default::default()
            },
        )),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![handlers::code_lens::LIST_SOURCES.to_string()],
            work_done_progress_options: Default::default(),
        }),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("copydesk".into()),
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            ..Default::default()
        })),
        ..Default::default()
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let mut info = client_info(&params);
        info!(encoding = ?info.encoding, "initialize");
        let encoding = info.encoding;
        if let Some(settings) = params.initialization_options.as_ref() {
            let (settings, _) = Settings::from_json(settings.get("copydesk").unwrap_or(settings));
            info.notes_from_initialization_only |= settings.notes_only_at_start;
            self.0.workspace.set_editor_sources(settings.notes_sources.clone());
            *self.0.settings.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(settings);
        }
        *self.0.info.write().unwrap_or_else(|e| e.into_inner()) = info;
        self.0.workspace.initialize(&params);
        Ok(InitializeResult {
            capabilities: capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "copydesk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Spawned, never awaited here: a handler still waiting for the client when `exit` comes
        // would keep the transport (and so the process) alive.
        let inner = self.0.clone();
        let ticket = inner.settings_ticket();
        tokio::spawn(async move {
            inner
                .workspace
                .initialized(&inner.client, inner.encoding(), || inner.reanalyse_all())
                .await;
            inner.pull_settings(ticket).await
        });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        // Spawned: reading a large notes folder must not hold up the edits that follow.
        let inner = self.0.clone();
        tokio::spawn(async move {
            let ws = &inner.workspace;
            ws.on_watched_files(&inner.client, &params.changes, inner.encoding(), || {
                inner.reanalyse_all()
            })
            .await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.0.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let format = documents::format_of(&td.language_id, &td.uri);
        let mut doc = Document::new(td.text, td.version, td.language_id, format);
        doc.revision = self.0.revision();
        let start = match self.0.job(&td.uri, &doc, &self.0.settings()) {
            Some(job) => Inner::queue(&mut doc, job).then(|| doc.checker.clone()),
            None => None,
        };
        self.0.docs.insert(td.uri.clone(), doc);
        if let Some(checker) = start {
            self.0.start_worker(td.uri, checker);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Everything up to the spawn happens before any `.await`, so edits apply in arrival order.
        let uri = params.text_document.uri;
        let encoding = self.0.encoding();
        let settings = self.0.settings();
        let start = self.0.docs.with(&uri, |d| {
            // The queued job (if any) is about to be replaced by this edit's: dropped first, so
            // that the text it holds may be edited in place.
            d.drop_pending();
            let edit = documents::apply_changes_shared(&mut d.rope, &mut d.text, &mut d.spare_text, &params.content_changes, encoding);
            d.edit_since_job = d.edit_since_job.map(|since| since.then(edit));
            d.version = params.text_document.version;
            d.revision = self.0.revision();
            let job = self.0.job(&uri, d, &settings)?;
            Inner::queue(d, job).then(|| d.checker.clone())
        });
        match start {
            Some(Some(checker)) => self.0.start_worker(uri, checker),
            Some(None) => {}
            None => warn!(
                uri = uri.as_str(),
                "didChange for a document that is not open"
            ),
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let was_open = self.0.docs.remove(&uri).is_some();
        self.0.draft_configs.lock().unwrap_or_else(|e| e.into_inner()).remove(&uri);
        if was_open && !read(&self.0.info).pull_diagnostics {
            let _publishing = self.0.publish_lock.lock().await;
            self.0.publish(uri, &[], None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let inner = self.0.clone();
        let ticket = inner.settings_ticket();
        match params.settings.get("copydesk") {
            Some(section) => inner.apply_settings(ticket, section.clone()).await,
            None => {
                tokio::spawn(async move { inner.pull_settings(ticket).await });
            }
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let items = self
            .0
            .on_snapshot("textDocument/diagnostic", &uri, |snap, _| {
                snap.diagnostics.iter().map(|d| Diagnostic::clone(d)).collect()
            })
            .await?;
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        self.0
            .on_snapshot("textDocument/hover", &p.text_document.uri, |snap, info| {
                let offset = convert::offset(&snap.rope, p.position, snap.encoding);
                handlers::hover::hover(snap, offset, info.markdown_hover)
            })
            .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.0
            .on_snapshot(
                "textDocument/inlayHint",
                &params.text_document.uri,
                |snap, _| {
                    let span = convert::span(&snap.rope, params.range, snap.encoding);
                    Some(handlers::inlay_hints::inlay_hints(snap, span))
                },
            )
            .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.0
            .on_snapshot("textDocument/codeAction", &uri, |snap, _| {
                let span = convert::span(&snap.rope, params.range, snap.encoding)?;
                Some(handlers::code_actions::code_actions(snap, span))
            })
            .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.0
            .on_snapshot(
                "textDocument/documentSymbol",
                &params.text_document.uri,
                |snap, _| {
                    Some(DocumentSymbolResponse::Nested(
                        handlers::symbols::document_symbols(snap),
                    ))
                },
            )
            .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        self.0
            .on_snapshot(
                "textDocument/references",
                &p.text_document.uri,
                |snap, _| {
                    let offset = convert::offset(&snap.rope, p.position, snap.encoding);
                    handlers::navigation::references(snap, offset)
                },
            )
            .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        self.0
            .on_snapshot(
                "textDocument/definition",
                &p.text_document.uri,
                |snap, _| {
                    let offset = convert::offset(&snap.rope, p.position, snap.encoding);
                    handlers::navigation::definition(snap, offset)
                        .map(GotoDefinitionResponse::Scalar)
                },
            )
            .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        self.0
            .on_snapshot(
                "textDocument/documentHighlight",
                &p.text_document.uri,
                |snap, _| {
                    let offset = convert::offset(&snap.rope, p.position, snap.encoding);
                    handlers::navigation::highlights(snap, offset)
                },
            )
            .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.0
            .on_snapshot(
                "textDocument/prepareRename",
                &params.text_document.uri,
                |snap, _| {
                    let offset = convert::offset(&snap.rope, params.position, snap.encoding);
                    handlers::navigation::prepare_rename(snap, offset)
                },
            )
            .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        if params.new_name.trim().is_empty() {
            return Err(Error::invalid_params("the new name is empty"));
        }
        self.0
            .on_snapshot("textDocument/rename", &p.text_document.uri, |snap, _| {
                let offset = convert::offset(&snap.rope, p.position, snap.encoding);
                handlers::navigation::rename(snap, offset, params.new_name.trim())
            })
            .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.0
            .on_snapshot(
                "textDocument/semanticTokens/full",
                &params.text_document.uri,
                |snap, _| {
                    Some(SemanticTokensResult::Tokens(
                        handlers::semantic_tokens::tokens(snap),
                    ))
                },
            )
            .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.0
            .on_snapshot(
                "textDocument/codeLens",
                &params.text_document.uri,
                |snap, _| Some(vec![handlers::code_lens::summary_lens(snap)]),
            )
            .await
    }

    /// `copydesk.listSources` (the code lens's command): shows the draft's sources with their
    /// quote counts, and answers them.
    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != handlers::code_lens::LIST_SOURCES {
            return Err(Error::invalid_params(format!("unknown command `{}`", params.command)));
        }
        let Some(uri) = params.arguments.first().and_then(Value::as_str).and_then(|u| u.parse::<Uri>().ok()) else {
            return Err(Error::invalid_params("expected the document's URI as the first argument"));
        };
        let list = self
            .0
            .on_snapshot("workspace/executeCommand", &uri, |snap, _| Some(handlers::code_lens::list_sources(snap)))
            .await?;
        if let Some(text) = list.as_ref().and_then(|l| l["text"].as_str()) {
            self.0.client.show_message(MessageType::INFO, text).await;
        }
        Ok(list)
    }
}
