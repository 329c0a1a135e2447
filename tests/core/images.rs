//! The image core (`kiji::images`) on files made here: URLs resolved (relative, root-relative,
//! remote never opened), headers read and refused before decoding (a 20000x20000 PNG, a file
//! over `image_max_kb`), corrupt and truncated files, GIF's first frame, and the messages.

use std::path::{Path, PathBuf};

use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use kiji::images::{ImageError, Limits, Target, classify, decode, probe, repository_root, resolve};

/// A `w`x`h` PNG at `path` (folders made), a gradient so it does not compress to nothing.
pub(crate) fn write_png(path: &Path, w: u32, h: u32) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("image folder");
    }
    let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x * 7) as u8, (y * 11) as u8, 128]));
    img.save_with_format(path, ImageFormat::Png)
        .expect("png written");
}

/// The bytes of a PNG whose header says `w`x`h` pixels, with the pixel data of a 1x1 picture:
/// a tiny PNG with its IHDR width and height patched and its CRC made again.
pub(crate) fn png_header_only(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    RgbImage::new(1, 1)
        .write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)
        .expect("png encoded");
    // 8 signature bytes, then the IHDR chunk: length (4), "IHDR" (4), width, height, ...,
    // and a CRC over the type and the 13 data bytes.
    assert_eq!(&bytes[12..16], b"IHDR");
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// CRC-32 as PNG chunks use it (ISO 3309, reflected, polynomial 0xEDB88320).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

fn article_in(dir: &Path) -> PathBuf {
    let article = dir.join("articles/post.md");
    std::fs::create_dir_all(article.parent().expect("folder")).expect("articles folder");
    std::fs::write(&article, "# post\n").expect("article");
    article
}

#[test]
fn relative_paths_resolve_from_the_article_folder() {
    let dir = tempdir();
    let article = article_in(dir.path());
    write_png(&dir.path().join("articles/img/a b.png"), 4, 4);
    write_png(&dir.path().join("shared/c.png"), 4, 4);
    let found = resolve("img/a%20b.png", &article, None).expect("resolved");
    assert_eq!(found, dir.path().join("articles/img/a b.png"));
    let up = resolve("../shared/c.png", &article, None).expect("resolved through ..");
    assert_eq!(
        std::fs::canonicalize(up).ok(),
        std::fs::canonicalize(dir.path().join("shared/c.png")).ok()
    );
}

#[test]
fn root_relative_paths_resolve_from_the_folder_with_images_or_git() {
    let dir = tempdir();
    let article = article_in(dir.path());
    write_png(&dir.path().join("images/d.png"), 4, 4);
    assert_eq!(
        repository_root(&dir.path().join("articles")),
        Some(dir.path().to_path_buf())
    );
    let found = resolve("/images/d.png", &article, None).expect("resolved");
    assert_eq!(found, dir.path().join("images/d.png"));

    // A repository marked by .git only, its pictures elsewhere.
    let git = tempdir();
    std::fs::create_dir_all(git.path().join(".git")).expect(".git");
    let nested = git.path().join("books/b1/ch.md");
    std::fs::create_dir_all(nested.parent().expect("folder")).expect("book folder");
    write_png(&git.path().join("assets/e.png"), 4, 4);
    assert_eq!(
        resolve("/assets/e.png", &nested, None).expect("from .git"),
        git.path().join("assets/e.png")
    );

    // A relative folder (the tests run in the package's folder, a Git checkout) is searched
    // above too.
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_eq!(
        repository_root(Path::new("tests/configs/valid")).as_deref(),
        Some(package)
    );

    // image_root wins over the repository.
    let other = tempdir();
    write_png(&other.path().join("images/d.png"), 4, 4);
    let configured =
        resolve("/images/d.png", &article, Some(other.path())).expect("from image_root");
    assert_eq!(configured, other.path().join("images/d.png"));
}

#[test]
fn a_remote_url_is_refused_without_touching_the_file_system() {
    // classify takes no path at all: it cannot open anything.
    assert!(matches!(
        classify("https://example.com/x.png"),
        Target::Remote(_)
    ));
    // resolve refuses it before any look-up: the article's folder does not even exist.
    let err = resolve(
        "https://example.com/x.png",
        Path::new("/nonexistent/kiji/a.md"),
        None,
    );
    assert!(matches!(err, Err(ImageError::Remote { .. })), "{err:?}");
    let message = err.err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        message,
        "https://example.com/x.png: a remote image is not fetched (kiji reads local files only)"
    );
}

#[test]
fn missing_svg_folder_and_empty_are_told_apart() {
    let dir = tempdir();
    let article = article_in(dir.path());
    std::fs::write(dir.path().join("articles/logo.svg"), "<svg/>").expect("svg");
    std::fs::create_dir_all(dir.path().join("articles/sub")).expect("folder");
    let missing = resolve("nope.png", &article, None).err();
    assert!(
        matches!(missing, Some(ImageError::Missing { .. })),
        "{missing:?}"
    );
    let message = missing.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.ends_with("articles/nope.png: image not found"),
        "{message}"
    );
    let svg = resolve("logo.svg", &article, None).err();
    assert!(matches!(svg, Some(ImageError::Svg { .. })), "{svg:?}");
    // An SVG is refused by its name even when it does not exist.
    assert!(matches!(
        resolve("gone.SVG", &article, None),
        Err(ImageError::Svg { .. })
    ));
    assert!(matches!(
        resolve("sub", &article, None),
        Err(ImageError::NotAFile { .. })
    ));
    assert!(matches!(
        resolve("", &article, None),
        Err(ImageError::Empty { .. })
    ));
}

#[test]
fn the_header_gives_format_size_and_bytes_of_each_format() {
    let dir = tempdir();
    let img = RgbaImage::from_fn(12, 5, |x, _| Rgba([x as u8 * 20, 0, 0, 255]));
    for (name, format) in [
        ("p.png", ImageFormat::Png),
        ("j.jpg", ImageFormat::Jpeg),
        ("g.gif", ImageFormat::Gif),
        ("w.webp", ImageFormat::WebP),
    ] {
        let path = dir.path().join(name);
        let picture = image::DynamicImage::ImageRgba8(img.clone());
        let picture = if format == ImageFormat::Jpeg {
            image::DynamicImage::ImageRgb8(picture.to_rgb8())
        } else {
            picture
        };
        picture.save_with_format(&path, format).expect("written");
        let p = probe(&path, &Limits::default()).expect("probed");
        assert_eq!((p.format, p.width, p.height), (format, 12, 5), "{name}");
        assert_eq!(p.bytes, std::fs::metadata(&path).expect("stat").len());
        let d = decode(&path, &Limits::default()).expect("decoded");
        assert_eq!((d.image.width(), d.image.height()), (12, 5), "{name}");
    }
    // The format is read from the bytes, not the name.
    let misnamed = dir.path().join("really-png.jpg");
    write_png(&misnamed, 3, 2);
    assert_eq!(
        probe(&misnamed, &Limits::default()).map(|p| p.format).ok(),
        Some(ImageFormat::Png)
    );
}

#[test]
fn a_20000_pixel_square_is_refused_from_its_header_before_decoding() {
    let dir = tempdir();
    let path = dir.path().join("huge.png");
    std::fs::write(&path, png_header_only(20000, 20000)).expect("written");
    let limits = Limits::default();
    let err = probe(&path, &limits).err();
    assert!(
        matches!(
            err,
            Some(ImageError::TooManyPixels {
                width: 20000,
                height: 20000,
                ..
            })
        ),
        "{err:?}"
    );
    // decode refuses it the same way: it never got as far as the (missing) pixel data.
    assert!(matches!(
        decode(&path, &limits),
        Err(ImageError::TooManyPixels { .. })
    ));
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.ends_with("huge.png: the image is 20000x20000 pixels, over the limit of 8192 pixels a side and 40 megapixels; it is not decoded"),
        "{message}"
    );
    // Within a side but over the area: 8000x6000 is 48 megapixels.
    std::fs::write(&path, png_header_only(8000, 6000)).expect("written");
    assert!(matches!(
        probe(&path, &limits),
        Err(ImageError::TooManyPixels { .. })
    ));
}

#[test]
fn a_file_over_image_max_kb_is_refused_by_its_size() {
    let dir = tempdir();
    let path = dir.path().join("big.png");
    write_png(&path, 300, 300);
    let kb = std::fs::metadata(&path).expect("stat").len().div_ceil(1024);
    assert!(kb > 1, "the test picture is {kb} KB");
    let err = probe(&path, &Limits::with_max_kb(1)).err();
    assert!(
        matches!(err, Some(ImageError::FileTooLarge { max_kb: 1, .. })),
        "{err:?}"
    );
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.ends_with(&format!(
            "big.png: the image is {kb} KB, over the limit of 1 KB (raise image_max_kb in the configuration to show it)"
        )),
        "{message}"
    );
    assert!(probe(&path, &Limits::with_max_kb(kb)).is_ok());
}

#[test]
fn corrupt_and_truncated_files_are_not_images() {
    let dir = tempdir();
    let text = dir.path().join("text.png");
    std::fs::write(&text, "これは画像ではありません").expect("written");
    let err = probe(&text, &Limits::default()).err();
    assert!(
        matches!(err, Some(ImageError::NotAnImage { .. })),
        "{err:?}"
    );
    assert!(
        err.map(|e| e.to_string())
            .unwrap_or_default()
            .contains("text.png: not a readable image")
    );

    // The header survives, the pixels do not: probing works, decoding says what is wrong.
    let good = dir.path().join("good.png");
    write_png(&good, 64, 64);
    let bytes = std::fs::read(&good).expect("read");
    let cut = dir.path().join("cut.png");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("written");
    assert!(probe(&cut, &Limits::default()).is_ok());
    assert!(matches!(
        decode(&cut, &Limits::default()),
        Err(ImageError::NotAnImage { .. })
    ));

    // A BMP is a real image, but not one kiji reads.
    let bmp = dir.path().join("x.bmp");
    std::fs::write(&bmp, b"BM\0\0\0\0\0\0\0\0\x36\0\0\0").expect("written");
    assert!(matches!(
        probe(&bmp, &Limits::default()),
        Err(ImageError::NotAnImage { .. })
    ));
}

#[test]
fn a_gif_gives_its_first_frame() {
    use image::codecs::gif::GifEncoder;
    use image::{Delay, Frame};
    let dir = tempdir();
    let path = dir.path().join("anim.gif");
    let file = std::fs::File::create(&path).expect("created");
    let mut encoder = GifEncoder::new(file);
    let red = RgbaImage::from_pixel(4, 4, Rgba([255, 0, 0, 255]));
    let blue = RgbaImage::from_pixel(4, 4, Rgba([0, 0, 255, 255]));
    let delay = Delay::from_numer_denom_ms(100, 1);
    encoder
        .encode_frames([
            Frame::from_parts(red, 0, 0, delay),
            Frame::from_parts(blue, 0, 0, delay),
        ])
        .expect("frames encoded");
    drop(encoder);
    let d = decode(&path, &Limits::default()).expect("decoded");
    assert_eq!(d.image.to_rgba8().get_pixel(1, 1), &Rgba([255, 0, 0, 255]));
}

#[test]
fn bytes_in_memory_are_read_as_their_file_would_be() {
    let dir = tempdir();
    let file = dir.path().join("a.png");
    write_png(&file, 30, 20);
    let bytes = std::fs::read(&file).expect("read");
    let limits = Limits::default();
    let name = Path::new("articles/a.png");
    let from_memory = kiji::images::probe_bytes(name, &bytes, &limits).expect("probe");
    let from_disk = probe(&file, &limits).expect("probe");
    assert_eq!(
        (from_memory.format, from_memory.width, from_memory.height),
        (from_disk.format, from_disk.width, from_disk.height)
    );
    assert_eq!(from_memory.bytes, from_disk.bytes);
    assert_eq!(from_memory.path, name);
    let decoded = kiji::images::decode_bytes(name, &bytes, &limits).expect("decode");
    assert_eq!(decoded.image, decode(&file, &limits).expect("decode").image);
    // The same limits: a header over the pixel limit, a file over image_max_kb, broken data.
    let huge = png_header_only(20_000, 20_000);
    assert!(matches!(
        kiji::images::decode_bytes(name, &huge, &limits),
        Err(ImageError::TooManyPixels { .. })
    ));
    assert!(matches!(
        kiji::images::probe_bytes(name, &bytes, &Limits::with_max_kb(0)),
        Err(ImageError::FileTooLarge { .. })
    ));
    let err = kiji::images::decode_bytes(name, &bytes[..bytes.len() / 2], &limits)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.starts_with("articles/a.png: not a readable image"),
        "{err}"
    );
}
