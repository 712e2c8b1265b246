//! Reading files whose size nobody vouches for: configuration, notes and drafts.
//!
//! The length a file's metadata gives is no limit: a device (`/dev/zero`) reports 0 and never
//! ends, a FIFO blocks until someone writes to it, and a file can grow while it is read. So the
//! limit is applied while reading, and the files copydesk finds by itself (the configuration, the
//! notes) must be regular files, checked before they are opened (opening a FIFO blocks).

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadFailure {
    /// A FIFO, a device, a socket or a folder: only regular files are read.
    NotRegular(&'static str),
    /// More than the limit, which is given.
    TooLarge(u64),
    Io(io::Error),
}

impl fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadFailure::NotRegular(kind) => {
                write!(f, "not a regular file ({kind}); only regular files are read")
            }
            ReadFailure::TooLarge(limit) => write!(f, "larger than {}", human_size(*limit)),
            ReadFailure::Io(e) => write!(f, "{e}"),
        }
    }
}

/// `64 MiB`, `512 KiB`, `100 bytes`.
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes % KIB == 0 {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// What kind of file this is, when it is not a regular file.
fn odd_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a plain file")
}

/// Reads a regular file (symbolic links followed) of at most `limit` bytes. Anything else is
/// refused before it is opened, and a file that grows past the limit while it is read is refused
/// then, without reading more than `limit + 1` bytes.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFailure> {
    let metadata = std::fs::metadata(path).map_err(ReadFailure::Io)?;
    if let Some(kind) = odd_kind(metadata.file_type()) {
        return Err(ReadFailure::NotRegular(kind));
    }
    if metadata.len() > limit {
        return Err(ReadFailure::TooLarge(limit));
    }
    let file = File::open(path).map_err(ReadFailure::Io)?;
    // Checked again on the open file: the path may have been replaced in between.
    let opened = file.metadata().map_err(ReadFailure::Io)?;
    if let Some(kind) = odd_kind(opened.file_type()) {
        return Err(ReadFailure::NotRegular(kind));
    }
    read_at_most(file, limit, opened.len())
}

/// Reads `reader` to its end, refusing it once it gives more than `limit` bytes. `hint` sizes the
/// first allocation (capped by the limit), so that a lying length costs nothing.
pub fn read_at_most(reader: impl Read, limit: u64, hint: u64) -> Result<Vec<u8>, ReadFailure> {
    let mut buf = Vec::with_capacity(hint.min(limit).min(64 * 1024 * 1024) as usize);
    let mut limited = reader.take(limit.saturating_add(1));
    limited.read_to_end(&mut buf).map_err(ReadFailure::Io)?;
    if buf.len() as u64 > limit {
        return Err(ReadFailure::TooLarge(limit));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_longer_than_the_limit_is_refused_after_limit_plus_one_bytes() {
        let mut endless = io::repeat(0);
        let err = read_at_most(&mut endless, 1000, 0).unwrap_err();
        assert!(matches!(err, ReadFailure::TooLarge(1000)), "{err}");
        assert_eq!(read_at_most(&b"abc"[..], 3, 99).unwrap(), b"abc");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_not_regular_files() {
        let err = read_regular_file(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(err.to_string().contains("a device"), "{err}");
        let err = read_regular_file(Path::new("/"), 1 << 20).unwrap_err();
        assert!(err.to_string().contains("a folder"), "{err}");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(human_size(2048), "2 KiB");
        assert_eq!(human_size(10), "10 bytes");
    }
}
