//! Pictures in the reader: the protocol they are drawn with (none when off), the terminal
//! cell's size, the sizer the layout asks, the pictures asked of the worker and those ready
//! (kept per file and size, within a memory bound), and the ones that failed.
//!
//! Only pictures on or near the screen are asked for ([`Pictures::want`]); the worker
//! ([`worker`]) decodes and encodes them off the UI thread and sends each back as a
//! [`Ready`], taken in by [`Pictures::take`]. A ready picture is kept while it is in the
//! cache, so a kitty picture is transmitted once and then only placed.

pub mod cell;
mod prepare;
pub mod worker;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use crate::images::{
    CellSize, Embedded, ImageBlock, ImageSizer, Limits, Probe, Protocol, SizerKey, fit_cells, probe,
};
use crate::style::ColorDepth;
use crate::term_images::Encoder;

pub use prepare::{Drawn, Prepared, prepare};

/// A picture at one size: its file and its cells.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PictureKey {
    /// The image file.
    pub path: PathBuf,
    /// Width in cells.
    pub cols: u16,
    /// Height in cells.
    pub rows: u16,
}

impl PictureKey {
    /// The key of a laid-out picture.
    pub fn of(block: &ImageBlock) -> PictureKey {
        PictureKey {
            path: block.path.clone(),
            cols: u16::try_from(block.cols).unwrap_or(u16::MAX),
            rows: u16::try_from(block.rows).unwrap_or(u16::MAX),
        }
    }
}

/// What the worker is asked to make.
#[derive(Clone, Debug)]
pub struct Request {
    /// The picture.
    pub key: PictureKey,
    /// How to encode it.
    pub encoder: Encoder,
    /// The limits it is decoded within.
    pub limits: Limits,
    /// Where the bundled samples' pictures are read from (None: from the disk).
    pub embedded: Option<Embedded>,
    /// The terminal's colour depth: half blocks take the nearest palette colours below
    /// true colour.
    pub depth: ColorDepth,
}

/// What the worker made of a [`Request`].
pub struct Ready {
    /// The picture asked for.
    pub key: PictureKey,
    /// The picture ready to draw, or why it cannot be drawn (naming the file).
    pub result: Result<Prepared, String>,
}

/// How the reader draws pictures, from the configuration and the terminal.
#[derive(Clone, Debug)]
pub struct PictureSettings {
    /// The protocol; None: no pictures (the layout is the text-only one).
    pub protocol: Option<Protocol>,
    /// Inside tmux: kitty, sixel and iTerm2 sequences are wrapped for its passthrough.
    pub tmux: bool,
    /// `image_max_kb` and the pixel limits.
    pub limits: Limits,
    /// The configured `image_root`.
    pub image_root: Option<PathBuf>,
    /// The configured `mascot_image`.
    pub mascot: Option<PathBuf>,
    /// The environment did not tell: ask the terminal after the first frame (`protocol` is
    /// what is drawn with until it answers, and if it never does).
    pub ask: bool,
    /// The terminal's colour depth (half blocks' colours are brought down to it).
    pub depth: ColorDepth,
    /// The bundled samples' pictures, read from memory when the bundled samples are read.
    pub embedded: Option<Embedded>,
}

impl Default for PictureSettings {
    /// No pictures.
    fn default() -> Self {
        PictureSettings {
            protocol: None,
            tmux: false,
            limits: Limits::default(),
            image_root: None,
            mascot: None,
            ask: false,
            depth: ColorDepth::TrueColor,
            embedded: None,
        }
    }
}

impl PictureSettings {
    /// The settings for a terminal of colour `depth` in the environment `env`, from the
    /// configuration (`images`, `--images`, `image_max_kb`, `image_root`, `mascot_image`).
    pub fn for_terminal(
        config: &crate::config::Config,
        depth: crate::style::ColorDepth,
        env: impl Fn(&str) -> Option<std::ffi::OsString>,
    ) -> PictureSettings {
        use crate::images::Choice;
        let (protocol, ask) = match config.image_choice(&env, depth) {
            Choice::Draw(p) => (Some(p), false),
            Choice::Off => (None, false),
            Choice::Ask { fallback } => (fallback, true),
        };
        PictureSettings {
            protocol,
            tmux: crate::term_images::inside_tmux(&env),
            limits: config.image_limits(),
            image_root: config.image_root.clone(),
            mascot: config.mascot_image.clone(),
            ask,
            depth,
            embedded: None,
        }
    }
}

/// The most the ready pictures may take, estimated as their pixels at four bytes each (the
/// encoded sequences are smaller): a few dozen screens of pictures.
const CACHE_BYTES: u64 = 96 << 20;

/// How many rows above and below the screen a picture may start and still be asked for.
pub const NEAR_ROWS_FACTOR: usize = 1;

/// The pictures of the reader.
#[derive(Debug, Default)]
pub struct Pictures {
    settings: PictureSettings,
    cell: CellSize,
    sizer: Option<Arc<ImageSizer>>,
    ready: HashMap<PictureKey, Cached>,
    /// Sum of the ready pictures' estimated sizes.
    held_bytes: u64,
    /// A clock for the least recently used picture.
    tick: u64,
    pending: HashSet<PictureKey>,
    failed: HashMap<PictureKey, String>,
    /// Where requests go; None: they wait in `outbox` (a reader without a worker: tests).
    worker: Option<mpsc::Sender<Request>>,
    outbox: Vec<Request>,
    /// The pictures on screen in the last layout (kept whatever the memory bound).
    on_screen: HashSet<PictureKey>,
    /// Those of them that were ready, to tell one that just came into view.
    drawn: HashSet<PictureKey>,
    /// The mascot picture's header, read once (or why it cannot be shown).
    mascot_probe: Option<Result<Probe, String>>,
    /// The mascot picture at the size the sidebar gives it, when it is shown.
    mascot_key: Option<PictureKey>,
    /// The terminal is being asked which graphics it draws: nothing is asked of the worker
    /// until it answers (or does not in time), so no picture is sent twice.
    waiting: bool,
}

#[derive(Debug)]
struct Cached {
    picture: Arc<Prepared>,
    used: u64,
    bytes: u64,
}

impl Pictures {
    /// Pictures drawn as `settings` say.
    pub fn new(settings: PictureSettings) -> Pictures {
        Pictures {
            waiting: settings.ask,
            settings,
            ..Pictures::default()
        }
    }

    /// Whether the terminal is to be asked which graphics it draws (and has not answered).
    pub fn asking(&self) -> bool {
        self.waiting
    }

    /// The terminal answered the graphics query (all false: it did not in time, or draws
    /// none): kitty where it said OK, else sixel where its attributes say so, else the
    /// fallback. True when the protocol changed.
    pub fn answered(&mut self, kitty: bool, sixel: bool) -> bool {
        self.waiting = false;
        let protocol = if kitty {
            Some(Protocol::Kitty)
        } else if sixel {
            Some(Protocol::Sixel)
        } else {
            self.settings.protocol
        };
        self.set_protocol(protocol)
    }

    /// Whether pictures are drawn at all.
    pub fn on(&self) -> bool {
        self.settings.protocol.is_some()
    }

    /// The protocol pictures are drawn with.
    pub fn protocol(&self) -> Option<Protocol> {
        self.settings.protocol
    }

    /// Draw with `protocol` from now on (None: no pictures): what the terminal's answer to
    /// the query decided. Everything made for another protocol is forgotten.
    pub fn set_protocol(&mut self, protocol: Option<Protocol>) -> bool {
        if self.settings.protocol == protocol {
            return false;
        }
        self.settings.protocol = protocol;
        self.forget();
        true
    }

    /// The configured mascot picture.
    pub fn mascot(&self) -> Option<&Path> {
        self.settings.mascot.as_deref()
    }

    /// The limits pictures are read within.
    pub fn limits(&self) -> &Limits {
        &self.settings.limits
    }

    /// The cell's size in pixels.
    pub fn cell(&self) -> CellSize {
        self.cell
    }

    /// Take the cell's size (a resize may change it); true when it changed, and the layout
    /// must be made again.
    pub fn set_cell(&mut self, cell: CellSize) -> bool {
        if cell == self.cell {
            return false;
        }
        self.cell = cell;
        self.forget();
        true
    }

    /// Forget every picture and size (the protocol or the cell changed).
    fn forget(&mut self) {
        self.sizer = None;
        self.ready.clear();
        self.held_bytes = 0;
        self.pending.clear();
        self.failed.clear();
        self.on_screen.clear();
        self.drawn.clear();
        self.mascot_key = None;
    }

    /// Send requests to `worker` from now on (and those waiting).
    pub fn attach(&mut self, worker: mpsc::Sender<Request>) {
        for request in self.outbox.drain(..) {
            let _ = worker.send(request);
        }
        self.worker = Some(worker);
    }

    /// The requests waiting for a worker (a reader without one: tests prepare them).
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.outbox)
    }

    /// The sizer for a body pane `rows` high (pictures take at most about half of it); None
    /// when pictures are off.
    pub fn sizer(&mut self, rows: usize) -> Option<Arc<ImageSizer>> {
        self.settings.protocol?;
        let max_rows = (rows / 2).max(4);
        let key = SizerKey {
            image_root: self.settings.image_root.clone(),
            limits: self.settings.limits,
            cell: self.cell,
            max_rows,
            embedded: self.settings.embedded.is_some(),
        };
        match &self.sizer {
            Some(s) if *s.key() == key => {}
            _ => {
                let sizer = ImageSizer::new(key.image_root, key.limits, key.cell, key.max_rows);
                self.sizer = Some(Arc::new(match self.settings.embedded {
                    Some(files) => sizer.with_embedded(files),
                    None => sizer,
                }));
            }
        }
        self.sizer.clone()
    }

    /// The picture ready for `key`, if any.
    pub fn ready(&self, key: &PictureKey) -> Option<&Prepared> {
        self.ready.get(key).map(|c| c.picture.as_ref())
    }

    /// Whether `key` was asked for and is not back yet.
    pub fn is_pending(&self, key: &PictureKey) -> bool {
        self.pending.contains(key)
    }

    /// Ask for `key` unless it is ready, asked for, or failed. Marks it used.
    pub fn ask(&mut self, key: &PictureKey) {
        let Some(protocol) = self.settings.protocol else {
            return;
        };
        if self.waiting {
            return;
        }
        self.tick += 1;
        if let Some(c) = self.ready.get_mut(key) {
            c.used = self.tick;
            return;
        }
        if self.pending.contains(key) || self.failed.contains_key(key) {
            return;
        }
        self.pending.insert(key.clone());
        let request = Request {
            key: key.clone(),
            encoder: Encoder {
                protocol,
                cell: self.cell,
                tmux: self.settings.tmux,
            },
            limits: self.settings.limits,
            embedded: self.settings.embedded,
            depth: self.settings.depth,
        };
        match &self.worker {
            Some(w) if w.send(request.clone()).is_ok() => {}
            _ => self.outbox.push(request),
        }
    }

    /// Ask for the pictures of `images` that start or end within `rows` of the screen
    /// (`scroll` is the first line shown, `rows` how many); say which are on screen now and
    /// return the ones that just came into view and are ready.
    pub fn want(&mut self, images: &[ImageBlock], scroll: usize, rows: usize) -> Vec<PictureKey> {
        let near_top = scroll.saturating_sub(rows * NEAR_ROWS_FACTOR);
        let near_bottom = scroll + rows + rows * NEAR_ROWS_FACTOR;
        let mut on_screen = HashSet::new();
        for block in images {
            let (top, bottom) = (block.line, block.line + block.rows);
            if bottom <= near_top || top >= near_bottom {
                continue;
            }
            let key = PictureKey::of(block);
            self.ask(&key);
            if bottom > scroll && top < scroll + rows {
                on_screen.insert(key);
            }
        }
        let drawn: HashSet<PictureKey> = on_screen
            .iter()
            .filter(|k| self.ready.contains_key(*k))
            .cloned()
            .collect();
        let fresh = drawn.difference(&self.drawn).cloned().collect();
        self.on_screen = on_screen;
        self.drawn = drawn;
        fresh
    }

    /// Size the mascot picture for a sidebar `cols` x `rows` inside (at most half its height)
    /// and ask for it. Returns why it cannot be shown the first time that is known (the
    /// sidebar then shows the drawing).
    pub fn want_mascot(&mut self, cols: u16, rows: u16) -> Option<String> {
        self.mascot_key = None;
        let path = self.settings.mascot.clone()?;
        self.settings.protocol?;
        let max_rows = rows / 2;
        if cols < 6 || max_rows < 2 {
            return None;
        }
        let mut told = None;
        let header = self.mascot_probe.get_or_insert_with(|| {
            let answer =
                probe(&path, &self.settings.limits).map_err(|e| format!("mascot_image: {e}"));
            told = answer.as_ref().err().cloned();
            answer
        });
        let Ok(header) = header else {
            return told;
        };
        let (c, r) = fit_cells(
            (header.width, header.height),
            self.cell,
            usize::from(cols),
            usize::from(max_rows),
        );
        let key = PictureKey {
            path,
            cols: u16::try_from(c).unwrap_or(cols),
            rows: u16::try_from(r).unwrap_or(max_rows),
        };
        self.ask(&key);
        self.mascot_key = Some(key);
        None
    }

    /// The mascot picture and its size, when it is ready to draw.
    pub fn mascot_ready(&self) -> Option<(&PictureKey, &Prepared)> {
        let key = self.mascot_key.as_ref()?;
        self.ready(key).map(|p| (key, p))
    }

    /// Whether `key` is the mascot picture.
    pub fn is_mascot(&self, key: &PictureKey) -> bool {
        self.mascot_key.as_ref() == Some(key)
    }

    /// Whether `key` was on screen at the last layout.
    pub fn is_on_screen(&self, key: &PictureKey) -> bool {
        self.on_screen.contains(key)
    }

    /// Take in what the worker made: kept when it is ready (the least recently used ones
    /// dropped past the memory bound), remembered as failed otherwise. Returns the failure's
    /// message for the status bar.
    pub fn take(&mut self, ready: Ready) -> Result<(), String> {
        if !self.pending.remove(&ready.key) {
            // Asked for under another protocol or cell size: of no use now.
            return Ok(());
        }
        match ready.result {
            Ok(picture) => {
                let bytes = estimate(&ready.key, self.cell, picture.protocol);
                self.tick += 1;
                self.held_bytes += bytes;
                self.ready.insert(
                    ready.key,
                    Cached {
                        picture: Arc::new(picture),
                        used: self.tick,
                        bytes,
                    },
                );
                self.evict();
                Ok(())
            }
            Err(problem) => {
                self.failed.insert(ready.key, problem.clone());
                Err(problem)
            }
        }
    }

    /// Why `key` could not be drawn, if it failed.
    pub fn failure(&self, key: &PictureKey) -> Option<&str> {
        self.failed.get(key).map(String::as_str)
    }

    /// Drop the least recently used pictures until the rest fit the bound (the ones on
    /// screen are kept whatever they take).
    fn evict(&mut self) {
        while self.held_bytes > CACHE_BYTES {
            let victim = self
                .ready
                .iter()
                .filter(|(k, _)| !self.on_screen.contains(*k))
                .min_by_key(|(_, c)| c.used)
                .map(|(k, _)| k.clone());
            let Some(key) = victim else {
                return;
            };
            if let Some(c) = self.ready.remove(&key) {
                self.held_bytes = self.held_bytes.saturating_sub(c.bytes);
            }
        }
    }
}

/// The memory a ready picture is taken to hold: its pixels at four bytes each (half blocks:
/// two pixels a cell).
fn estimate(key: &PictureKey, cell: CellSize, protocol: Protocol) -> u64 {
    let cells = u64::from(key.cols) * u64::from(key.rows);
    match protocol {
        Protocol::Halfblocks => cells * 2 * 4 + cells * 32,
        _ => cells * u64::from(cell.width.max(1)) * u64::from(cell.height.max(1)) * 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u16) -> PictureKey {
        PictureKey {
            path: PathBuf::from(format!("{n}.png")),
            cols: 80,
            rows: 20,
        }
    }

    fn on() -> Pictures {
        Pictures::new(PictureSettings {
            protocol: Some(Protocol::Kitty),
            ..PictureSettings::default()
        })
    }

    #[test]
    fn a_picture_is_asked_for_once_and_not_again_after_it_failed() {
        let mut p = on();
        p.ask(&key(1));
        p.ask(&key(1));
        assert_eq!(p.take_requests().len(), 1);
        let problem = p.take(Ready {
            key: key(1),
            result: Err("1.png: image not found".into()),
        });
        assert_eq!(problem, Err("1.png: image not found".to_string()));
        p.ask(&key(1));
        assert!(p.take_requests().is_empty());
        assert_eq!(p.failure(&key(1)), Some("1.png: image not found"));
    }

    /// A stand-in picture: one blank half-block cell (what the bound counts is the key's size).
    fn tiny() -> Prepared {
        use ratatui_image::protocol::Protocol as Encoded;
        use ratatui_image::protocol::halfblocks::Halfblocks;
        let image = image::DynamicImage::new_rgb8(1, 2);
        let blocks = Halfblocks::new(image, ratatui::layout::Size::new(1, 1)).expect("encodes");
        Prepared {
            protocol: Protocol::Kitty,
            drawn: Drawn::Whole(Encoded::Halfblocks(blocks)),
            cost: None,
            took: std::time::Duration::ZERO,
            depth: ColorDepth::TrueColor,
        }
    }

    #[test]
    fn ready_pictures_are_kept_within_the_memory_bound_least_recently_used_first() {
        let mut p = on();
        // 80x20 cells of 8x16 pixels: 800 KiB each by the estimate, about 120 fit.
        for n in 0..200 {
            p.ask(&key(n));
            p.take(Ready {
                key: key(n),
                result: Ok(tiny()),
            })
            .expect("kept");
            if n == 10 {
                p.ask(&key(0)); // used again: kept over the others
            }
        }
        assert!(p.held_bytes <= CACHE_BYTES, "{}", p.held_bytes);
        assert!(
            p.ready.len() < 200 && p.ready.len() > 100,
            "{}",
            p.ready.len()
        );
        // Kept: the most recently used, in the order 1..=10, 0 (used again), 11..200.
        let order: Vec<u16> = (1..=10).chain([0]).chain(11..200).collect();
        let kept = order.len() - p.ready.len();
        for (i, n) in order.iter().enumerate() {
            assert_eq!(p.ready(&key(*n)).is_some(), i >= kept, "picture {n}");
        }
    }

    #[test]
    fn nothing_is_asked_with_pictures_off() {
        let mut p = Pictures::default();
        p.ask(&key(1));
        assert!(p.take_requests().is_empty());
        assert!(p.sizer(40).is_none());
    }

    #[test]
    fn only_pictures_near_the_screen_are_asked_for() {
        let mut p = on();
        let block = |line: usize, n: u16| ImageBlock {
            line,
            rows: 5,
            cols: 20,
            path: PathBuf::from(format!("{n}.png")),
            alt: String::new(),
            url: String::new(),
            probe: crate::images::Probe {
                path: PathBuf::from(format!("{n}.png")),
                format: image::ImageFormat::Png,
                width: 10,
                height: 10,
                bytes: 10,
            },
        };
        // A screen of 10 rows at line 100: 90..120 is near.
        let images = [
            block(10, 1),
            block(86, 2),
            block(105, 3),
            block(119, 4),
            block(200, 5),
        ];
        let fresh = p.want(&images, 100, 10);
        assert!(fresh.is_empty(), "none ready yet");
        let asked: Vec<PathBuf> = p.take_requests().into_iter().map(|r| r.key.path).collect();
        assert_eq!(
            asked,
            [PathBuf::from("2.png"), "3.png".into(), "4.png".into()]
        );
        assert!(p.is_on_screen(&PictureKey::of(&images[2])));
        assert!(!p.is_on_screen(&PictureKey::of(&images[1])));
    }
}
