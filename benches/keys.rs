//! Reader keystrokes: `cargo bench --bench keys`.
//!
//! Time per keystroke handled and drawn: `App::update(action)` followed by drawing a full
//! frame (`view::draw` through `ratatui::Terminal::draw`, which diffs the frame against the
//! last one and hands the changed cells to the backend), as the reader's event loop does for
//! every key. The target is 16 ms per keystroke at 10,000 articles; no test asserts a timing.
//!
//! Corpora: 1,000 and 10,000 articles built in memory from the bundled samples, the same files
//! as `scripts/make-corpus.sh` (see `benches/common/mod.rs`); with `KIJI_CORPUS=DIR` also that
//! folder (e.g. `../shared/corpus/technyan-2025`), as the reader has it after its first start:
//! from its index cache (made first; `KIJI_BENCH_CACHE=DIR` keeps it), the search texts a
//! mapped file and each body read from its file when shown. The searchable text is
//! folded before timing (the reader does it on a background thread at start-up), and one
//! filter has run (the first filter of a session folds the tags).
//!
//! Each timed iteration is one key that changes what is shown (the bench asserts that
//! `update` says so): keys that would do nothing are never timed. Keys needed to get back to
//! a starting point (`T` after a filter, `/` before typing) are done and drawn untimed.
//!
//! - `next`: `j` on the list, each time to an article not shown before (its layout and its
//!   related articles are worked out; the layout cache does not have it).
//! - `next_prev`: `j` then `k`, alternately (both articles are in the layout cache).
//! - `page`: `space` (page down) in the body of the longest article, until its end, then `b`
//!   (page up) back to its top.
//! - `tag_1`: `1` in the body: filter by the article's first tag (`T` untimed after).
//! - `clear`: `T` with that tag filter active (the `1` untimed before).
//! - `picker_open`: `t`, the tag picker (counts the tags of every article).
//! - `picker_apply`: `enter` in the tag picker with its first (most used) tag chosen.
//! - `search_en`, `search_ja`: one key typed into the `/` prompt, cycling through `terminal`
//!   and `たーみなる` (which finds `ターミナル`): the mean over the prefixes of one to all of
//!   their characters.
//!
//! In the repeated corpora the copies of one sample share its date, so they sit next to each
//! other in the list: `j` moves to a copy of the same article (another article for the layout
//! cache and the related articles, but the same text on screen), and a filter leaves the
//! first screenful of the list looking alike. The time is the real work; the bytes are low.
//! `KIJI_CORPUS=../shared/corpus/technyan-2025` gives figures over 110 distinct articles.
//!
//! Groups: `keys_120x40` and `keys_80x24` draw into ratatui's `TestBackend`; `keys_slim`
//! draws through kiji's own backend (`SlimBackend`, what the reader writes to the terminal)
//! into memory at 120x40, and before timing prints how many bytes each key writes;
//! `keys_parts` splits a move into the update alone, an unchanged frame and the related
//! articles. `cargo bench --bench keys -- keys_slim` (a criterion filter) runs one group.

mod common;

use std::cell::RefCell;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use kiji::index::{Filter, Index};
use kiji::loader::{self, LoadOptions};
use kiji::tui::action::Action;
use kiji::tui::app::{App, Overlay, Settings};
use kiji::tui::backend::SlimBackend;
use kiji::tui::effects::Message;
use kiji::tui::panes::{self, Focus};
use kiji::tui::view;
use ratatui::backend::{Backend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const SIZES: [usize; 2] = [1_000, 10_000];

/// A named set of articles.
struct Corpus {
    name: String,
    load: Box<dyn Fn() -> Index>,
}

fn corpora() -> Vec<Corpus> {
    let mut out: Vec<Corpus> = SIZES
        .iter()
        .map(|&n| {
            let files = common::corpus(n);
            Corpus {
                name: n.to_string(),
                load: Box::new(move || {
                    let refs: Vec<(&str, &[u8])> = files
                        .iter()
                        .map(|(p, b)| (p.as_str(), b.as_slice()))
                        .collect();
                    Index::new(loader::load_memory(
                        Path::new("articles"),
                        &refs,
                        &LoadOptions::default(),
                    ))
                }),
            }
        })
        .collect();
    if let Some(dir) = std::env::var_os("KIJI_CORPUS") {
        let dir = PathBuf::from(dir);
        let name = dir
            .file_name()
            .map_or_else(|| "corpus".into(), |n| n.to_string_lossy().into_owned());
        out.push(Corpus {
            name,
            load: Box::new(move || common::from_cache(dir.clone())),
        });
    }
    out
}

/// A writer into memory that the bench can read and empty while the backend owns it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn take_len(&self) -> usize {
        let mut v = self.0.borrow_mut();
        let n = v.len();
        v.clear();
        n
    }
}

fn fixed(w: u16, h: u16) -> TerminalOptions {
    TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    }
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App)
where
    B::Error: std::fmt::Debug,
{
    terminal.draw(|f| view::draw(f, app)).expect("draw");
}

/// The keys of one scenario: given the state, what to do untimed to get to a starting point,
/// then the key to time.
type Step = Box<dyn FnMut(&App) -> (Vec<Action>, Action)>;

fn page_rows(app: &App) -> usize {
    app.panes()
        .body
        .map_or(0, |r| usize::from(panes::inner(r).height))
}

fn step_next() -> Step {
    Box::new(|app| {
        if app.selected() + 1 < app.visible().len() {
            (vec![], Action::Next)
        } else {
            (vec![Action::First], Action::Next)
        }
    })
}

fn step_next_prev() -> Step {
    Box::new(|app| {
        if app.selected() % 2 == 0 {
            (vec![], Action::Next)
        } else {
            (vec![], Action::Previous)
        }
    })
}

/// Down to the end of the article, then up to its top, and again.
fn step_page() -> Step {
    let mut down = true;
    Box::new(move |app| {
        let max = app.body().lines.len().saturating_sub(page_rows(app));
        if app.body_scroll() == 0 {
            down = true;
        } else if app.body_scroll() >= max {
            down = false;
        }
        let key = if down {
            Action::PageDown
        } else {
            Action::PageUp
        };
        (vec![], key)
    })
}

fn step_tag_1() -> Step {
    Box::new(|app| {
        if app.filter().tags.is_empty() {
            (vec![], Action::FilterTag(1))
        } else {
            (vec![Action::ClearFilters], Action::FilterTag(1))
        }
    })
}

fn step_clear() -> Step {
    Box::new(|app| {
        if app.filter().tags.is_empty() {
            (vec![Action::FilterTag(1)], Action::ClearFilters)
        } else {
            (vec![], Action::ClearFilters)
        }
    })
}

fn step_picker_open() -> Step {
    Box::new(|app| match app.overlay() {
        Overlay::Picker(_) => (vec![Action::PickerCancel], Action::TagPicker),
        _ => (vec![], Action::TagPicker),
    })
}

fn step_picker_apply() -> Step {
    Box::new(|app| {
        let mut reset = Vec::new();
        if !app.filter().tags.is_empty() {
            reset.push(Action::ClearFilters);
        }
        reset.extend([Action::TagPicker, Action::PickerToggle]);
        (reset, Action::PickerApply)
    })
}

/// One character of `word` typed into the prompt; after the last, the prompt is closed and
/// opened again (untimed).
fn typing(word: &'static str) -> Step {
    let chars: Vec<char> = word.chars().collect();
    Box::new(move |app| match &app.overlay() {
        Overlay::Search(p) => {
            let typed = p.query.chars().count();
            if typed >= chars.len() {
                (
                    vec![Action::SearchCancel, Action::Search],
                    Action::SearchType(chars[0]),
                )
            } else {
                (vec![], Action::SearchType(chars[typed]))
            }
        }
        _ => (vec![Action::Search], Action::SearchType(chars[0])),
    })
}

fn step_search_en() -> Step {
    typing("terminal")
}

fn step_search_ja() -> Step {
    typing("たーみなる")
}

/// How a scenario starts: the list, or the body of the longest article.
#[derive(Clone, Copy)]
enum Start {
    List,
    LongestBody,
    FirstBody,
}

/// A scenario: its name, where it starts, and its keys.
type Scenario = (&'static str, Start, fn() -> Step);

const SCENARIOS: [Scenario; 9] = [
    ("next", Start::List, step_next),
    ("next_prev", Start::List, step_next_prev),
    ("page", Start::LongestBody, step_page),
    ("tag_1", Start::FirstBody, step_tag_1),
    ("clear", Start::FirstBody, step_clear),
    ("picker_open", Start::List, step_picker_open),
    ("picker_apply", Start::List, step_picker_apply),
    ("search_en", Start::List, step_search_en),
    ("search_ja", Start::List, step_search_ja),
];

/// A reader over `index`, its searchable text folded as the reader's background thread
/// does at start-up.
fn reader(index: Index) -> App {
    index.prepare_search();
    App::new(index, Settings::default(), 120, 40)
}

/// Put `app` at `w` x `h` in the scenario's starting state: no filter, no prompt or picker, the
/// first article selected (or the longest, for paging), the list or the body focused.
fn start_at(app: &mut App, w: u16, h: u16, start: Start) {
    app.update(Action::Resize(w, h));
    // Close whatever is open, by the keys that close it.
    let close = match app.overlay() {
        Overlay::None => None,
        Overlay::Search(_) => Some(Action::SearchCancel),
        Overlay::Help(_) => Some(Action::Help),
        Overlay::Confirm(_) => Some(Action::ConfirmCancel),
        Overlay::Picker(_) | Overlay::Category(_) | Overlay::Menu(_) => Some(Action::PickerCancel),
    };
    if let Some(close) = close {
        app.update(close);
    }
    app.update(Message::Filter(Filter::default()));
    for a in [Action::First, Action::Top, Action::Back] {
        app.update(a);
    }
    match start {
        Start::List => {}
        Start::FirstBody => {
            app.update(Action::Open);
        }
        Start::LongestBody => {
            let longest = (0..app.visible().len())
                .max_by_key(|&i| {
                    app.index()
                        .get(app.visible()[i])
                        .map_or(0, |a| a.body_len_bound())
                })
                .unwrap_or(0);
            app.update(Action::SelectAt(longest));
            app.update(Action::Open);
        }
    }
    assert_eq!(
        app.focus() == Focus::Body,
        !matches!(start, Start::List),
        "starting focus"
    );
}

/// Do the untimed part of a step (drawing after it, so the next diff is the key's alone) and
/// return the key to time.
fn prepare<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, step: &mut Step) -> Action
where
    B::Error: std::fmt::Debug,
{
    let (reset, key) = step(app);
    if !reset.is_empty() {
        for a in reset {
            app.update(a);
        }
        draw(terminal, app);
    }
    key
}

fn press<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, key: Action)
where
    B::Error: std::fmt::Debug,
{
    let changed = app.update(key).redraw;
    assert!(
        changed,
        "{key:?} changed nothing: the bench would time a no-op"
    );
    draw(terminal, app);
}

/// Time `iters` keys of a scenario.
fn time_keys<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    step: &mut Step,
    iters: u64,
) -> Duration
where
    B::Error: std::fmt::Debug,
{
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let key = prepare(terminal, app, step);
        let t = Instant::now();
        press(terminal, app, key);
        total += t.elapsed();
    }
    total
}

fn bench_test_backend(c: &mut Criterion, readers: &mut [(String, App)], w: u16, h: u16) {
    let mut group = c.benchmark_group(format!("keys_{w}x{h}"));
    group.sample_size(20).sampling_mode(SamplingMode::Flat);
    for (corpus, app) in readers.iter_mut() {
        for (name, start, make_step) in SCENARIOS {
            let mut step = make_step();
            start_at(app, w, h, start);
            let mut terminal =
                Terminal::with_options(TestBackend::new(w, h), fixed(w, h)).expect("terminal");
            draw(&mut terminal, app);
            group.bench_function(BenchmarkId::new(name, &*corpus), |b| {
                b.iter_custom(|iters| time_keys(&mut terminal, app, &mut step, iters));
            });
        }
    }
    group.finish();
}

/// Bytes written through the lean backend for 40 keys of each scenario (printed), then the
/// timings.
fn bench_slim(c: &mut Criterion, readers: &mut [(String, App)]) {
    let (w, h) = (120, 40);
    let mut group = c.benchmark_group("keys_slim");
    group.sample_size(20).sampling_mode(SamplingMode::Flat);
    // 10,000 articles, and the KIJI_CORPUS folder when there is one.
    for (corpus, app) in readers.iter_mut().filter(|(name, _)| name != "1000") {
        slim_corpus(&mut group, corpus, app, w, h);
    }
    group.finish();
}

fn slim_corpus(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    corpus: &str,
    app: &mut App,
    w: u16,
    h: u16,
) {
    for (name, start, make_step) in SCENARIOS {
        let mut step = make_step();
        start_at(app, w, h, start);
        let out = Shared::default();
        let mut terminal =
            Terminal::with_options(SlimBackend::new(out.clone()), fixed(w, h)).expect("terminal");
        draw(&mut terminal, app);
        let first = out.take_len();
        let mut bytes = Vec::new();
        for _ in 0..40 {
            let key = prepare(&mut terminal, app, &mut step);
            out.take_len();
            press(&mut terminal, app, key);
            bytes.push(out.take_len());
        }
        let mean = bytes.iter().sum::<usize>() / bytes.len();
        let (min, max) = (
            bytes.iter().min().copied().unwrap_or(0),
            bytes.iter().max().copied().unwrap_or(0),
        );
        eprintln!(
            "bytes per key, {name}, {w}x{h}, {} articles: mean {mean}, min {min}, max {max} over {} keys (full frame {first})",
            corpus,
            bytes.len()
        );
        group.bench_function(BenchmarkId::new(name, corpus), |b| {
            b.iter_custom(|iters| {
                let d = time_keys(&mut terminal, app, &mut step, iters);
                out.take_len();
                d
            });
        });
    }
}

/// Where the time of a move goes, at 120x40: the update alone (no frame), a frame drawn with
/// nothing changed (the view and ratatui's diff), and `related::related` for one article (the
/// related-articles section, worked out again for every article selected).
fn bench_parts(c: &mut Criterion, readers: &mut [(String, App)]) {
    let (w, h) = (120, 40);
    let mut group = c.benchmark_group("keys_parts");
    group.sample_size(20).sampling_mode(SamplingMode::Flat);
    for (corpus, app) in readers.iter_mut().filter(|(name, _)| name != "1000") {
        start_at(app, w, h, Start::List);
        let mut step = step_next_prev();
        group.bench_function(BenchmarkId::new("update_next_prev", &*corpus), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let (_, key) = step(app);
                    let t = Instant::now();
                    assert!(app.update(key).redraw, "{key:?} changed nothing");
                    total += t.elapsed();
                }
                total
            });
        });
        let mut terminal =
            Terminal::with_options(TestBackend::new(w, h), fixed(w, h)).expect("terminal");
        draw(&mut terminal, app);
        group.bench_function(BenchmarkId::new("draw_unchanged", &*corpus), |b| {
            b.iter(|| draw(&mut terminal, app));
        });
        let pos = app.visible().get(app.selected()).copied().unwrap_or(0);
        group.bench_function(BenchmarkId::new("related", &*corpus), |b| {
            b.iter(|| {
                kiji::related::related(
                    app.index(),
                    std::hint::black_box(pos),
                    kiji::tui::menu::RELATED,
                )
            });
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    let mut readers: Vec<(String, App)> = corpora()
        .into_iter()
        .map(|corpus| (corpus.name, reader((corpus.load)())))
        .collect();
    bench_slim(c, &mut readers);
    bench_parts(c, &mut readers);
    bench_test_backend(c, &mut readers, 120, 40);
    bench_test_backend(c, &mut readers, 80, 24);
}

criterion_group! {
    name = keys;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .nresamples(10_000)
        .without_plots();
    targets = benches
}
criterion_main!(keys);
