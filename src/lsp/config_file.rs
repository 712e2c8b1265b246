//! `copydesk.toml` in the editor: where it is, and how it combines with the editor's settings.
//! Reading and reloading it is [`super::workspace_config`].

use std::path::PathBuf;

use tower_lsp_server::ls_types::InitializeParams;

use crate::config::{Config, DatelinePolicy};

/// The workspace root's URI, as the client wrote it (first workspace folder, else rootUri).
#[allow(deprecated)]
pub fn root_uri(params: &InitializeParams) -> Option<String> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.as_str().to_string())
        .or_else(|| params.root_uri.as_ref().map(|u| u.as_str().to_string()))
}

/// The workspace root's `copydesk.toml`.
pub fn root_config_path(params: &InitializeParams) -> Option<PathBuf> {
    Some(file_path(&root_uri(params)?)?.join(crate::config::CONFIG_FILE_NAME))
}

/// The path of a `file:` URI (percent escapes decoded).
pub fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let hex = |k: usize| bytes.get(k).and_then(|&c| (c as char).to_digit(16));
    let mut i = 0;
    while i < bytes.len() {
        // A `%` not followed by two hex digits is kept as it is written.
        if bytes[i] == b'%' {
            if let (Some(high), Some(low)) = (hex(i + 1), hex(i + 2)) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

/// The file's configuration with the editor's settings on top: rule levels set in the editor
/// win, and so does a dateline policy other than the default.
pub fn merge(file: &Config, editor: &Config) -> Config {
    let mut config = file.clone();
    config.rules.extend(editor.rules.iter().map(|(k, v)| (k.clone(), *v)));
    if editor.dateline != DatelinePolicy::Auto {
        config.dateline = editor.dateline;
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(file_path("file:///tmp/my%20news"), Some(PathBuf::from("/tmp/my news")));
        assert_eq!(file_path("untitled:1"), None);
        // Not escapes: kept as written (`%+1` was read as the byte 1, and `%aé` lost the whole
        // path: half of `é` is no UTF-8).
        assert_eq!(file_path("file:///tmp/%+1/%aé/%2"), Some(PathBuf::from("/tmp/%+1/%aé/%2")));
        assert_eq!(file_path("file:///tmp/%C3%A9"), Some(PathBuf::from("/tmp/é")));
    }

    proptest::proptest! {
        /// Any path, every byte escaped or not, comes back as written; and no URI a client sends,
        /// however malformed, makes the decoding panic.
        #[test]
        fn an_escaped_path_comes_back_and_no_uri_panics(path in "/[^\u{0}]{0,40}", escape in proptest::collection::vec(proptest::bool::ANY, 0..200), junk in "\\PC{0,60}") {
            let mut uri = String::from("file://");
            for (i, b) in path.bytes().enumerate() {
                if b == b'%' || !b.is_ascii() || escape.get(i).copied().unwrap_or(false) {
                    uri.push_str(&format!("%{b:02X}"));
                } else {
                    uri.push(b as char);
                }
            }
            proptest::prop_assert_eq!(file_path(&uri), Some(PathBuf::from(&path)));
            let _ = file_path(&format!("file://{junk}"));
            let _ = file_path(&junk);
        }
    }
}
