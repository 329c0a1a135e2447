//! Reading the configuration file from disk: only a regular file of at most
//! [`MAX_CONFIG_SIZE`], opened without waiting, with a message naming the file otherwise.

use std::path::Path;

use super::ConfigProblem;

/// Configuration files larger than this are refused: the default file is 4 KiB.
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// The text of the configuration file at `path`: `Ok(None)` when there is no such file, a
/// problem naming the file when it cannot be read. Only a regular file of at most
/// [`MAX_CONFIG_SIZE`] is read; it is opened without waiting, so a named pipe or a terminal
/// given as the configuration is refused at once instead of hanging every command.
pub fn read_file(path: &Path) -> Result<Option<String>, ConfigProblem> {
    let whole_file = |reason: String| ConfigProblem {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!("cannot read the configuration: {reason}"),
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a named pipe waits for a writer, and a terminal could become this process's
        // controlling terminal; neither flag changes how a regular file reads.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let io_reason = |e: &std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => crate::loader::io_message(e),
    };
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(whole_file(io_reason(&e))),
    };
    let meta = file.metadata().map_err(|e| whole_file(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(whole_file("it is a folder, not a file".to_string()));
    }
    if !meta.is_file() {
        return Err(whole_file(format!(
            "it is {}, not a regular file",
            special_file_kind(&meta)
        )));
    }
    let too_big = |size: u64| {
        whole_file(format!(
            "it is {:.1} MiB, over the {} MiB limit",
            size as f64 / (1024.0 * 1024.0),
            MAX_CONFIG_SIZE / (1024 * 1024)
        ))
    };
    if meta.len() > MAX_CONFIG_SIZE {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_CONFIG_SIZE + 1),
        &mut bytes,
    )
    .map_err(|e| whole_file(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_CONFIG_SIZE {
        // It grew while being read.
        return Err(too_big(bytes.len() as u64));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(whole_file(format!(
                "invalid UTF-8 at byte {at} (save the file as UTF-8)"
            )))
        }
    }
}

/// What a file that is neither a folder nor a regular file is, for messages.
fn special_file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "a special file"
}
