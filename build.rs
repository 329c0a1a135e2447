//! Embeds the sample articles in `articles/` and the pictures they use (PNG, JPEG, GIF and
//! WebP files beside them) into the binary, so `cargo install` users have something real to
//! read. Generates `$OUT_DIR/samples.rs`.

use std::fs;
use std::path::{Path, PathBuf};

/// Picture files taken along with the articles.
const PICTURES: [&str; 5] = ["png", "jpg", "jpeg", "gif", "webp"];
/// A picture larger than this is left out (with a warning): the samples' diagrams are a few
/// kilobytes, and every byte is in every copy of the binary.
const MAX_PICTURE: u64 = 256 * 1024;

fn collect(dir: &Path, out: &mut Vec<PathBuf>, pictures: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, out, pictures);
        } else if path.extension().is_some_and(|e| e == "md") {
            println!("cargo:rerun-if-changed={}", path.display());
            out.push(path);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PICTURES.contains(&e.to_ascii_lowercase().as_str()))
        {
            println!("cargo:rerun-if-changed={}", path.display());
            let len = fs::metadata(&path).map_or(0, |m| m.len());
            if len > MAX_PICTURE {
                println!(
                    "cargo:warning={} is {len} bytes, over {MAX_PICTURE}: not bundled",
                    path.display()
                );
            } else {
                pictures.push(path);
            }
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = manifest.join("articles");
    let mut files = Vec::new();
    let mut pictures = Vec::new();
    collect(&root, &mut files, &mut pictures);
    let mut code = String::new();
    table(
        &mut code,
        "/// Sample articles: (path relative to `articles/`, contents).\npub static SAMPLES",
        &root,
        &files,
    );
    table(
        &mut code,
        "/// The pictures the samples use: (path relative to `articles/`, contents).\npub static IMAGES",
        &root,
        &pictures,
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("samples.rs");
    if let Err(e) = fs::write(&out, code) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
    }
}

/// `{head}: &[(&str, &[u8])] = &[...];` with each file's path under `root` and its bytes.
fn table(code: &mut String, head: &str, root: &Path, files: &[PathBuf]) {
    code.push_str(head);
    code.push_str(": &[(&str, &[u8])] = &[\n");
    for file in files {
        let rel = file.strip_prefix(root).unwrap_or(file);
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        code.push_str(&format!(
            "    ({:?}, include_bytes!({:?})),\n",
            rel.join("/"),
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
}
