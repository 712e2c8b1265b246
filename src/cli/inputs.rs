//! What `copydesk check` reads: files, folders of drafts, and standard input.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::lines::LineIndex;
use crate::config::bounded_read::{human_size, read_at_most, ReadFailure};
use crate::analysis::format_for_path;
use crate::analysis::layout::Format;

/// One draft to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The name the output uses: the path as given (or as found under a folder), or the stdin name.
    pub name: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// A path that could not be listed or a draft that could not be read, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub name: String,
    pub message: String,
}

/// The extensions a folder is searched for.
const DRAFT_EXTENSIONS: &[&str] = &["txt", "md"];

/// Name used for standard input unless `--stdin-filename` gives one.
pub const STDIN_NAME: &str = "<stdin>";

/// Expands the command line's paths into drafts, in the order given. A folder contributes its
/// `.txt` and `.md` files, recursively, sorted by name so that output is the same on every
/// machine; hidden files and folders are skipped. A file named explicitly is read whatever its
/// extension. Listing errors take the place of the drafts they hide, so that the order of the
/// messages follows the order of the paths.
pub fn expand(paths: &[PathBuf], stdin_name: Option<&str>) -> Vec<Result<Input, InputError>> {
    let mut inputs = Vec::with_capacity(paths.len());
    for path in paths {
        if path.as_os_str() == "-" {
            let name = stdin_name.unwrap_or(STDIN_NAME).to_string();
            inputs.push(Ok(Input {
                name,
                source: Source::Stdin,
            }));
        } else if path.is_dir() {
            walk_folder(path, &mut inputs);
        } else {
            // A missing or odd path is reported when it is read, with the system's reason.
            inputs.push(Ok(Input {
                name: display(path),
                source: Source::File(path.clone()),
            }));
        }
    }
    inputs
}

/// Adds a folder's drafts. A link to a draft is followed when it resolves inside the folder, and
/// skipped with a warning naming it when it leads out (a cloned repository's link to a secret
/// must not end up in a report uploaded elsewhere) or to a draft checked under its own name.
/// Links to folders are not followed: what they hold inside the folder is checked where it is,
/// and no link loop can make the walk endless.
fn walk_folder(root: &Path, inputs: &mut Vec<Result<Input, InputError>>) {
    let walker = WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    let mut found: Vec<Result<(PathBuf, bool), InputError>> = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_draft(entry.path()) => {
                found.push(Ok((entry.into_path(), false)));
            }
            Ok(entry) if entry.path_is_symlink() && is_draft(entry.path()) => {
                found.push(Ok((entry.into_path(), true)));
            }
            Ok(_) => {}
            Err(err) => {
                let name = err.path().map_or_else(|| display(root), display);
                let message = match err.io_error() {
                    Some(io) => format!("cannot list this folder: {io}"),
                    None => format!("cannot list this folder: {err}"),
                };
                found.push(Err(InputError { name, message }));
            }
        }
    }
    let links = LinkCheck::new(root, &found);
    for item in found {
        match item {
            Ok((path, is_link)) => {
                if is_link {
                    if let Err(why) = links.follow(&path) {
                        eprintln!("copydesk: warning: {}: skipped: {why}", display(&path));
                        continue;
                    }
                }
                inputs.push(Ok(Input { name: display(&path), source: Source::File(path) }));
            }
            Err(err) => inputs.push(Err(err)),
        }
    }
}

/// Decides which links to drafts a folder walk follows. Paths are canonicalised only when the
/// folder holds such links.
struct LinkCheck {
    root: Option<PathBuf>,
    /// The canonical paths of the drafts found under their own names.
    plain: std::collections::HashMap<PathBuf, PathBuf>,
}

impl LinkCheck {
    fn new(root: &Path, found: &[Result<(PathBuf, bool), InputError>]) -> LinkCheck {
        let entries = || found.iter().filter_map(|f| f.as_ref().ok());
        if !entries().any(|(_, is_link)| *is_link) {
            return LinkCheck { root: None, plain: Default::default() };
        }
        let plain = entries()
            .filter(|(_, is_link)| !is_link)
            .filter_map(|(path, _)| Some((std::fs::canonicalize(path).ok()?, path.clone())))
            .collect();
        LinkCheck { root: std::fs::canonicalize(root).ok(), plain }
    }

    /// Ok when the link is to be checked; else why not.
    fn follow(&self, link: &Path) -> Result<(), String> {
        let target = std::fs::canonicalize(link).map_err(|e| format!("a link that leads nowhere ({e})"))?;
        if !self.root.as_ref().is_some_and(|root| target.starts_with(root)) {
            return Err(format!("a link to {}, outside the folder", display(&target)));
        }
        if !target.is_file() {
            return Err("a link to something that is not a file".into());
        }
        if let Some(plain) = self.plain.get(&target) {
            return Err(format!("a link to {}, which is checked", display(plain)));
        }
        Ok(())
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn is_draft(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DRAFT_EXTENSIONS.iter().any(|d| e.eq_ignore_ascii_case(d)))
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

impl Input {
    /// Plain text or Markdown, from the name's extension.
    pub fn format(&self) -> Format {
        format_for_path(&self.name)
    }

    /// Reads the draft. Fails with a message meant for the user (the caller names the draft).
    ///
    /// The size limit holds while reading, whatever the file claims: a FIFO or a pipe (`<(cmd)`)
    /// is read up to it, and a device (`/dev/zero`) is refused, as it has no end.
    pub fn read(&self) -> Result<String, String> {
        let bytes = match &self.source {
            Source::Stdin => read_stdin()?,
            Source::File(path) => read_draft_file(path)?,
        };
        decode(bytes)
    }
}

/// Drafts larger than this are refused: a long feature is 100 KB, a book 1 MB.
pub const MAX_DRAFT_BYTES: u64 = 256 * 1024 * 1024;

fn too_large() -> String {
    format!("too large (copydesk reads drafts up to {})", human_size(MAX_DRAFT_BYTES))
}

fn read_draft_file(path: &Path) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_char_device() || kind.is_block_device() || kind.is_socket() {
            return Err("cannot read: a device or socket, not a draft".into());
        }
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    read_at_most(file, MAX_DRAFT_BYTES, metadata.len()).map_err(|e| match e {
        ReadFailure::TooLarge(_) => too_large(),
        e => format!("cannot read: {e}"),
    })
}

/// Standard input, read once. A closed standard input (which the Rust runtime replaces with
/// `/dev/null`) or `/dev/null` itself is no draft: a pipe that brings nothing is an empty draft,
/// but a command run with nothing on its input is a mistake worth exit code 2.
fn read_stdin() -> Result<Vec<u8>, String> {
    if stdin_is_dev_null() {
        return Err("standard input is closed (or /dev/null): pipe a draft in, or name a file".into());
    }
    read_at_most(std::io::stdin().lock(), MAX_DRAFT_BYTES, 0).map_err(|e| match e {
        ReadFailure::TooLarge(_) => too_large(),
        e => format!("cannot read standard input: {e}"),
    })
}

#[cfg(unix)]
fn stdin_is_dev_null() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else {
        return true;
    };
    let (Ok(stdin), Ok(null)) = (std::fs::File::from(fd).metadata(), std::fs::metadata("/dev/null"))
    else {
        return false;
    };
    stdin.file_type().is_char_device() && stdin.rdev() == null.rdev()
}

#[cfg(not(unix))]
fn stdin_is_dev_null() -> bool {
    false
}

/// The draft as text: UTF-8, and small enough for the core's 32-bit offsets.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if u32::try_from(bytes.len()).is_err() {
        return Err(format!(
            "too large ({} bytes; copydesk reads drafts under 4 GiB)",
            bytes.len()
        ));
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        // The position is where the valid prefix ends, so it can be counted on that prefix.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let at = LineIndex::new(prefix).line_col(valid);
        format!(
            "not UTF-8 text: invalid byte 0x{:02X} at line {}, column {} (byte {valid}); save it as UTF-8",
            bytes[valid], at.line, at.column
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_place() {
        let msg = decode(b"ok\nab\xFFc".to_vec()).unwrap_err();
        assert!(msg.contains("0xFF at line 2, column 3 (byte 5)"), "{msg}");
    }

    #[test]
    fn drafts_are_txt_and_md_in_any_case() {
        assert!(is_draft(Path::new("a/b.TXT")));
        assert!(is_draft(Path::new("story.md")));
        assert!(!is_draft(Path::new("notes.rtf")));
        assert!(!is_draft(Path::new("README")));
    }
}
