//! `kiji show --images` and `kiji check` on pictures made here: the exact half-block, kitty and
//! sixel output of a small PNG, relative and root-relative paths, a remote URL never opened,
//! no image bytes with `off`, `auto` into a pipe or `--plain`, and a missing, a corrupt, an SVG
//! and an oversize image shown as their alt text with a warning naming the file; and `auto` on
//! a terminal (a pty), where pictures are drawn and held to its height.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use image::{ImageFormat, Rgb, RgbImage};

/// A 40x32 PNG of four coloured quarters at `path` (folders made): 5x2 cells of 8x16 pixels.
fn quarters_png(path: &Path) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("folder");
    }
    let colours = [[200, 30, 30], [30, 160, 60], [40, 80, 200], [240, 200, 40]];
    RgbImage::from_fn(40, 32, |x, y| {
        Rgb(colours[usize::from(y >= 16) * 2 + usize::from(x >= 20)])
    })
    .save_with_format(path, ImageFormat::Png)
    .expect("png written");
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("folder");
    }
    fs::write(path, text).expect("written");
}

/// An article whose only content is `body`.
fn article(path: &Path, body: &str) {
    write(
        path,
        &format!("---\ntitle: \"Pictures\"\ndate: 2026-12-02\n---\n\n{body}"),
    );
}

/// `kiji ARGS` in `dir` with its own configuration (`config`, YAML) and cache, stdout a pipe.
fn kiji_with(dir: &Path, config: &str, args: &[&str]) -> Output {
    kiji_env(dir, config, &[], args)
}

/// [`kiji_with`] with variables set in its environment.
fn kiji_env(dir: &Path, config: &str, vars: &[(&str, &str)], args: &[&str]) -> Output {
    let home = tempfile::tempdir().expect("home");
    let file = home.path().join("config.yaml");
    fs::write(&file, config).expect("config");
    Command::new(env!("CARGO_BIN_EXE_kiji"))
        .args(args)
        .current_dir(dir)
        .env("KIJI_CONFIG", &file)
        .env("XDG_CACHE_HOME", home.path())
        .env("XDG_STATE_HOME", home.path())
        .env_remove("NO_COLOR")
        .env_remove("TMUX")
        .envs(vars.iter().copied())
        .output()
        .expect("run kiji")
}

fn kiji(dir: &Path, args: &[&str]) -> Output {
    kiji_with(dir, "", args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// Output with its escape character visible, for snapshots.
fn escaped(out: &[u8]) -> String {
    text(out).replace('\x1b', "\\e").replace('\x07', "\\a")
}

/// The lines of a picture's rows in `show` output (they start with a colour).
fn picture_rows(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.contains("48;")).collect()
}

/// True if `out` holds a byte of any picture protocol: half blocks, kitty's APC, sixel's DCS,
/// iTerm2's OSC 1337 or kitty's placeholder character.
fn has_image_bytes(out: &[u8]) -> bool {
    let out = text(out);
    out.contains(['▀', '▄', '\u{10EEEE}'])
        || out.contains("\x1b_G")
        || out.contains("\x1bP")
        || out.contains("\x1b]1337")
        || out.contains("48;")
}

/// A folder with `post.md` showing the quarters picture `four.png` beside it.
fn one_picture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    quarters_png(&dir.path().join("four.png"));
    article(
        &dir.path().join("post.md"),
        "Before.\n\n![four colours](four.png)\n\nAfter.\n",
    );
    dir
}

#[test]
fn half_blocks_of_a_small_png_in_truecolor_and_256_colours() {
    let dir = one_picture();
    for (colors, name) in [
        ("truecolor", "halfblocks_truecolor"),
        ("256", "halfblocks_256"),
    ] {
        let o = kiji(
            dir.path(),
            &[
                "show",
                "post.md",
                "--images",
                "halfblocks",
                "--colors",
                colors,
                "--width",
                "20",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert_eq!(text(&o.stderr), "");
        insta::assert_snapshot!(name, escaped(&o.stdout));
    }
}

#[test]
fn the_exact_kitty_sixel_and_iterm2_sequences() {
    let dir = one_picture();
    for mode in ["kitty", "sixel", "iterm2"] {
        let o = kiji(
            dir.path(),
            &[
                "show", "post.md", "--images", mode, "--plain", "--width", "20",
            ],
        );
        // `--plain` is text only: no picture whatever the mode.
        assert!(
            !has_image_bytes(&o.stdout),
            "{mode}: {}",
            escaped(&o.stdout)
        );
        let o = kiji(
            dir.path(),
            &[
                "show", "post.md", "--images", mode, "--colors", "none", "--width", "20",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        insta::assert_snapshot!(mode, escaped(&o.stdout));
    }
}

#[test]
fn relative_and_root_relative_paths_are_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path().join("repo");
    quarters_png(&repo.join("images/top.png"));
    quarters_png(&repo.join("articles/post/beside.png"));
    article(
        &repo.join("articles/post/en.md"),
        "![root](/images/top.png)\n\n![beside](./beside.png)\n\n![up](../../images/top.png)\n",
    );
    let o = kiji(
        &repo,
        &[
            "show",
            "articles/post/en.md",
            "--images",
            "halfblocks",
            "--colors",
            "256",
        ],
    );
    assert_eq!(text(&o.stderr), "");
    let out = text(&o.stdout);
    // Three pictures of two rows each, and no alt text shown in their place.
    assert_eq!(picture_rows(&out).len(), 6, "{}", escaped(&o.stdout));
    assert!(!out.contains("[image:"), "{out}");
    // `image_root` moves the root: `/images/top.png` is then looked for under it.
    let o = kiji_with(
        &repo,
        &format!("image_root: {}\n", repo.join("articles").display()),
        &[
            "show",
            "articles/post/en.md",
            "--images",
            "halfblocks",
            "--colors",
            "256",
        ],
    );
    assert_eq!(picture_rows(&text(&o.stdout)).len(), 4);
    assert!(
        text(&o.stderr).contains("articles/images/top.png: image not found"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_remote_url_is_never_opened() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("address").port();
    let dir = tempfile::tempdir().expect("temp dir");
    quarters_png(&dir.path().join("four.png"));
    let local = dir.path().join("four.png");
    article(
        &dir.path().join("post.md"),
        &format!(
            "![web](http://127.0.0.1:{port}/four.png)\n\n![file](file://{})\n",
            local.display()
        ),
    );
    for args in [
        &["show", "post.md", "--images", "kitty"][..],
        &["check", "."][..],
    ] {
        let o = kiji(dir.path(), args);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
        assert!(!has_image_bytes(&o.stdout), "{}", escaped(&o.stdout));
        assert_eq!(text(&o.stderr), "", "a remote image is not a problem");
    }
    let o = kiji(dir.path(), &["show", "post.md", "--images", "kitty"]);
    let out = text(&o.stdout);
    assert!(
        out.contains("[image: web]") && out.contains("[image: file]"),
        "{out}"
    );
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("kiji connected to the remote image: {other:?}"),
    }
}

#[test]
fn off_auto_into_a_pipe_and_plain_write_no_image_bytes() {
    let dir = one_picture();
    let base = kiji(dir.path(), &["show", "post.md", "--colors", "256"]);
    assert!(!has_image_bytes(&base.stdout));
    assert!(text(&base.stdout).contains("[image: four colours]"));
    for mode in ["off", "auto"] {
        let o = kiji(
            dir.path(),
            &["show", "post.md", "--colors", "256", "--images", mode],
        );
        assert_eq!(o.stdout, base.stdout, "{mode}");
    }
    // `auto` into a pipe draws nothing, even in a terminal that says it is kitty.
    let o = kiji_env(
        dir.path(),
        "",
        &[("KITTY_WINDOW_ID", "1"), ("TERM", "xterm-kitty")],
        &["show", "post.md", "--colors", "256", "--images", "auto"],
    );
    assert_eq!(o.stdout, base.stdout);
    // The configuration's `images: off` too; `--images` on the command line wins over it.
    let off = kiji_with(
        dir.path(),
        "images: off\n",
        &["show", "post.md", "--colors", "256"],
    );
    assert_eq!(off.stdout, base.stdout);
    let on = kiji_with(
        dir.path(),
        "images: off\n",
        &[
            "show",
            "post.md",
            "--colors",
            "256",
            "--images",
            "halfblocks",
        ],
    );
    assert!(has_image_bytes(&on.stdout));
    // `--plain` has no escape byte at all, even with a mode.
    let plain = kiji(
        dir.path(),
        &["show", "post.md", "--plain", "--images", "sixel"],
    );
    assert!(!plain.stdout.contains(&0x1b), "{}", escaped(&plain.stdout));
    assert!(text(&plain.stdout).contains("[image: four colours]"));
}

/// A folder with one article of broken images: missing, corrupt, SVG, oversize, remote.
fn broken_pictures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let posts = dir.path().join("posts");
    write(
        &posts.join("corrupt.png"),
        "\u{89}PNG\r\n\u{1a}\nnot really a picture",
    );
    write(
        &posts.join("drawing.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    // Noise does not compress: well over 1 KB.
    RgbImage::from_fn(64, 64, |x, y| {
        let n = (x * 7919 + y * 104_729) ^ (x * y * 31);
        Rgb([n as u8, (n >> 8) as u8, (n >> 3) as u8])
    })
    .save_with_format(posts.join("big.png"), ImageFormat::Png)
    .expect("png");
    quarters_png(&posts.join("good.png"));
    article(
        &posts.join("post.md"),
        "![gone](missing.png)\n\n![broken](corrupt.png)\n\nText ![vector](drawing.svg) inline.\n\n![large](big.png)\n\n![remote](https://example.com/x.png)\n\n![fine](good.png)\n",
    );
    dir
}

#[test]
fn broken_images_are_alt_text_with_a_warning_naming_the_file() {
    let dir = broken_pictures();
    let o = kiji_with(
        dir.path(),
        "image_max_kb: 1\n",
        &[
            "show",
            "posts/post.md",
            "--images",
            "halfblocks",
            "--colors",
            "256",
            "--width",
            "60",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    for alt in ["gone", "broken", "vector", "large", "remote"] {
        assert!(out.contains(&format!("[image: {alt}]")), "{alt}: {out}");
    }
    // The good picture is drawn (two rows) and its alt text sits under it.
    assert_eq!(picture_rows(&out).len(), 2, "{}", escaped(&o.stdout));
    assert!(out.contains("fine"));
    let big_kb = fs::metadata(dir.path().join("posts/big.png"))
        .expect("big")
        .len()
        .div_ceil(1024);
    assert_eq!(
        text(&o.stderr),
        format!(
            "kiji: posts/post.md:6:1: error: posts/missing.png: image not found\n\
             kiji: posts/post.md:8:1: error: posts/corrupt.png: not a readable image (Format error decoding Png: Invalid PNG signature.)\n\
             kiji: posts/post.md:10:6: warning: posts/drawing.svg: SVG images are not drawn; its alt text is shown\n\
             kiji: posts/post.md:12:1: warning: posts/big.png: the image is {big_kb} KB, over the limit of 1 KB (raise image_max_kb in the configuration to show it)\n"
        )
    );
}

#[test]
fn check_reports_each_image_problem_at_its_line() {
    let dir = broken_pictures();
    let o = kiji_with(dir.path(), "image_max_kb: 1\n", &["check", "posts"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "missing and corrupt images are errors"
    );
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines[0].starts_with("posts/post.md:6:1: error: posts/missing.png: image not found"));
    assert!(
        lines[1].starts_with("posts/post.md:8:1: error: posts/corrupt.png: not a readable image")
    );
    assert!(lines[2].starts_with("posts/post.md:10:6: warning: posts/drawing.svg: SVG"));
    assert!(lines[3].starts_with("posts/post.md:12:1: warning: posts/big.png: the image is"));
    assert_eq!(lines[4], "1 article read: 2 errors, 2 warnings");
    // Within the default limit the large picture is fine.
    let o = kiji(dir.path(), &["check", "posts"]);
    assert!(text(&o.stdout).ends_with("1 article read: 2 errors, 1 warning\n"));
}

#[test]
fn the_bundled_sample_shows_its_diagram_outside_the_repository() {
    let empty = tempfile::tempdir().expect("temp dir");
    let o = kiji(
        empty.path(),
        &[
            "show",
            "20261202/terminal-pictures/en",
            "--images",
            "halfblocks",
            "--colors",
            "256",
            "--width",
            "80",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "");
    // 782x230 pixels at 80 columns of 8x16: 12 rows.
    assert_eq!(picture_rows(&text(&o.stdout)).len(), 12);
    // And `kiji check` on the bundled samples finds their pictures.
    let o = kiji(empty.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
}

#[test]
fn auto_on_a_terminal_draws_half_blocks_no_taller_than_the_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 40x400 pixels: 5x25 cells of 8x16, held to the 20-row window's 19 rows (4 columns).
    RgbImage::from_fn(40, 400, |_, y| Rgb([(y / 2) as u8, 90, 200]))
        .save_with_format(dir.path().join("tall.png"), ImageFormat::Png)
        .expect("png");
    article(
        &dir.path().join("post.md"),
        "Before.\n\n![tall](tall.png)\n\nAfter.\n",
    );
    let rows = |out: &[u8]| -> Vec<usize> {
        picture_rows(&text(out))
            .iter()
            .map(|row| row.matches(['▀', '▄', ' ']).count())
            .collect()
    };
    let mut s = crate::pty::Session::start(&["show", "post.md"], dir.path(), 40, 20, &[]);
    assert_eq!(s.wait_exit(), 0);
    assert!(text(&s.output).contains("After."));
    // TERM=xterm-256color: 256 colours, the picture in 19 rows of 4 cells.
    assert!(text(&s.output).contains("48;5;"), "{}", escaped(&s.output));
    assert_eq!(rows(&s.output), vec![4; 19], "{}", escaped(&s.output));
    for (args, env) in [
        (&["show", "post.md"][..], &[("NO_COLOR", "1")][..]),
        (&["show", "post.md", "--plain"], &[]),
        (&["show", "post.md", "--images", "off"], &[]),
    ] {
        let mut s = crate::pty::Session::start(args, dir.path(), 40, 20, env);
        assert_eq!(s.wait_exit(), 0);
        assert!(text(&s.output).contains("After."));
        assert!(!has_image_bytes(&s.output), "{args:?} {env:?}");
        assert!(text(&s.output).contains("[image: tall]"));
    }
}

#[test]
fn check_on_a_warm_cache_finds_an_image_removed_since_without_the_article_changing() {
    let dir = broken_pictures();
    let cache = tempfile::tempdir().expect("cache");
    let cache = cache.path().to_string_lossy().into_owned();
    let vars = [("XDG_CACHE_HOME", cache.as_str())];
    let o = kiji_env(dir.path(), "", &vars, &["check", "posts"]);
    assert!(text(&o.stdout).ends_with("1 article read: 2 errors, 1 warning\n"));
    assert!(
        fs::read_dir(&cache).expect("cache folder").next().is_some(),
        "the first check wrote the index cache"
    );
    // The article is unchanged, so its images come from the cache; the picture it names is
    // gone, and the check says so where the article names it.
    fs::remove_file(dir.path().join("posts/good.png")).expect("rm");
    let o = kiji_env(dir.path(), "", &vars, &["check", "posts"]);
    let out = text(&o.stdout);
    assert!(
        out.contains("posts/post.md:16:1: error: posts/good.png: image not found"),
        "{out}"
    );
    assert!(
        out.ends_with("1 article read: 3 errors, 1 warning\n"),
        "{out}"
    );
}
