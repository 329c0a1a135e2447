//! The reader's state and its one way to change: [`App::update`] takes an [`Action`] and says
//! whether anything on screen changed. Laid-out text is prepared here, never in the view.

mod nav;
mod pictures;
mod preview;
mod reload;

use std::sync::Arc;

use ratatui::layout::Rect;

use super::action::Action;
use super::article_pane::{self, ArticlePane};
use super::category_picker::CategoryPicker;
use super::confirm::{Confirm, Question};
use super::effects::{Effects, Message};
use super::help::HelpScreen;
use super::keymap::{Context, Keymap};
use super::list_pane::{ListOutcome, ListPane};
pub use super::list_pane::{Row, Sort, list_rows};
use super::marks::Marks;
use super::mascot_pane::MascotPane;
use super::menu::Menu;
use super::overlay::Outcome;
pub use super::overlay::Overlay;
use super::panes::{self, Focus, Panes};
use super::picker::TagPicker;
use super::pictures::{PictureSettings, Pictures};
use super::search_prompt::{BodyMatches, SearchPrompt};
use super::theme::{Glyphs, Theme};
use crate::article::Article;
use crate::config::{DateFormat, MarkRead};
use crate::date::Date;
use crate::document::{ArticleLayout, LayoutCache};
use crate::fold::fold;
use crate::images::SizerKey;
use crate::index::{Filter, Index};
use crate::state::Session;
use crate::text::wrap::LayoutOptions;
use crate::text::{Line, str_width};
use crate::words::plural;

/// Lines laid out for one (article, width), shared with the cache.
pub type Lines = Arc<Vec<Line>>;

/// The reader.
pub struct App {
    /// Every article.
    index: Index,
    /// The key table.
    keymap: Keymap,
    /// Layout settings.
    layout: LayoutOptions,
    /// The active filter.
    filter: Filter,
    /// The article list: what it shows, in which order, and the selection.
    list: ListPane,
    /// Which pane has the keys.
    focus: Focus,
    /// The article pane: the selected article laid out, its scroll and its matches.
    article: ArticlePane,
    /// The mascot pane.
    mascot: MascotPane,
    /// The overlay (help, a picker, a list, the search prompt) that has the keys, if any.
    overlay: Overlay,
    /// Terminal size.
    size: (u16, u16),
    /// Read, starred and position marks (kept in the state file when there is one).
    marks: Marks,
    /// Show starred articles only.
    starred_only: bool,
    /// Show unread articles only (as they were when the list was last filtered: an article
    /// read meanwhile stays until the next filter change).
    unread_only: bool,
    /// How many listed articles are unread (None: count again before the next frame).
    unread: Option<usize>,
    /// Whether each article (by position in the index) is read: the marks, looked up once
    /// per index rather than on every search keystroke.
    read: Vec<bool>,
    /// Articles a rescan found that were not there before, until the next key.
    arrived: usize,
    /// Where the list and the article were when an overlay that moves them opened (the
    /// search prompt), to put back when it is cancelled.
    spot: Option<Spot>,
    /// Colours and emphasis.
    theme: Theme,
    /// Border and mark characters (Unicode or ASCII).
    glyphs: Glyphs,
    /// How dates are written in the list.
    date_format: DateFormat,
    /// A message for the status bar (a warning about the state or config file), shown until
    /// the next key.
    notice: Option<String>,
    /// Whether the marks changed since they were last written.
    unsaved: bool,
    /// Whether the reader asks the terminal for mouse events (the `mouse` setting).
    mouse: bool,
    /// When an article counts as read (the `mark_read` setting).
    read_when: MarkRead,
    /// How far the scan of the roots has got, while the list is still filling in.
    loading: Option<crate::scan::Progress>,
    /// What the session or the language asked for before the articles were there.
    pending: reload::Pending,
    /// Load settings, for reading bodies left on disk.
    load_options: crate::loader::LoadOptions,
    cache: LayoutCache,
    /// The last body with its related-articles section: (index position, width, the sizer's
    /// key when pictures are on, layout).
    with_related: Option<WithRelated>,
    /// The body or the speech shown left the related articles out: the index's tag lists were
    /// being made ([`Message::Warmed`] lays them out again).
    related_left_out: bool,
    /// Work put off until the end of a batch of queued keys (see [`App::update_queued`]).
    unsettled: Unsettled,
    /// The preview held back while moves come as key repeat.
    preview: preview::PreviewHold,
    /// Pictures: the protocol, the ones asked for and the ones ready.
    pictures: Pictures,
}

/// A body laid out with its related-articles section, and what it was laid out for.
type WithRelated = (usize, usize, Option<SizerKey>, Arc<ArticleLayout>);

/// A place in the reader: the selected article, the article's scroll, the list's scroll.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Spot {
    selected: Option<String>,
    scroll: usize,
    offset: usize,
}

/// What [`App::settle`] still has to do.
#[derive(Clone, Debug, Default)]
struct Unsettled {
    /// The search prompt's query changed and the list has not been searched for it yet.
    query: bool,
    /// A query typed while the articles' search texts were still being read: searched for
    /// once they are, the prompt open or not (see [`App::awaits_texts`]).
    awaited: Option<String>,
    /// Something changed and the layout (body, rows, speech) has not been made again.
    layout: bool,
}

/// What the reader looks and behaves like, from the configuration.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The key table.
    pub keymap: Keymap,
    /// Layout settings (ambiguous width, strictness).
    pub layout: LayoutOptions,
    /// Colours.
    pub theme: Theme,
    /// Border and mark characters.
    pub glyphs: Glyphs,
    /// How dates are written in the list.
    pub date_format: DateFormat,
    /// Whether to take the mouse (wheel and clicks).
    pub mouse: bool,
    /// When an article counts as read.
    pub mark_read: MarkRead,
    /// Load settings, for reading bodies left on disk.
    pub load_options: crate::loader::LoadOptions,
    /// Pictures in articles and the mascot's (off by default).
    pub pictures: PictureSettings,
}

/// How a reader starts, besides its settings: where its marks live, whether the articles are
/// still being read, the language to start in, and what to tell the user first.
#[derive(Default)]
pub struct Startup {
    /// The list fills in from a background scan ([`Message::Snapshot`]).
    pub loading: bool,
    /// Marks kept in the state file; their saved session is brought back.
    pub marks: Option<Marks>,
    /// When no session was brought back: start with the locale filter of this `LANG`-style
    /// value, if some article has that locale.
    pub lang: Option<String>,
    /// A message for the status bar until the first key.
    pub notice: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keymap: Keymap::default_keys(),
            layout: LayoutOptions::default(),
            theme: Theme::default(),
            glyphs: Glyphs::default(),
            date_format: DateFormat::default(),
            mouse: true,
            mark_read: MarkRead::Open,
            load_options: crate::loader::LoadOptions::default(),
            pictures: PictureSettings::default(),
        }
    }
}

/// Inner width of the speech bubble for a mascot pane.
pub fn bubble_width(mascot_pane: Rect) -> u16 {
    // Pane border (2) + bubble border (2) + one space of padding on each side (2).
    mascot_pane.width.saturating_sub(6).max(1)
}

impl App {
    /// A reader over `index` sized for a terminal of `width` x `height`.
    pub fn new(index: Index, settings: Settings, width: u16, height: u16) -> App {
        let Settings {
            keymap,
            layout,
            theme,
            glyphs,
            date_format,
            mouse,
            mark_read,
            load_options,
            pictures,
        } = settings;
        let visible = (0..index.articles().len()).collect();
        let mut app = App {
            index,
            keymap,
            layout,
            filter: Filter::default(),
            list: ListPane::new(visible),
            focus: Focus::List,
            article: ArticlePane::default(),
            mascot: MascotPane::default(),
            overlay: Overlay::None,
            size: (width, height),
            marks: Marks::in_memory(),
            starred_only: false,
            unread_only: false,
            unread: None,
            read: Vec::new(),
            arrived: 0,
            spot: None,
            theme,
            glyphs,
            date_format,
            notice: None,
            unsaved: false,
            mouse,
            read_when: mark_read,
            loading: None,
            pending: reload::Pending::default(),
            load_options,
            cache: LayoutCache::new(64),
            with_related: None,
            related_left_out: false,
            unsettled: Unsettled::default(),
            preview: preview::PreviewHold::default(),
            pictures: Pictures::new(pictures),
        };
        app.refresh_read();
        app.prepare();
        app
    }

    /// A reader as [`App::new`] makes it, started as `startup` says: marks (and their
    /// session), loading, language, first notice.
    pub fn start(
        index: Index,
        settings: Settings,
        (width, height): (u16, u16),
        startup: Startup,
    ) -> App {
        let mut app = App::new(index, settings, width, height);
        if startup.loading {
            app.start_loading();
        }
        if let Some(marks) = startup.marks {
            app.marks = marks;
            app.refresh_read();
            app.restore_session();
        }
        if app.marks.session().is_none() {
            app.locale_from_lang(startup.lang.as_deref());
        }
        if let Some(notice) = startup.notice {
            app.notice = Some(notice);
        }
        app
    }

    /// Every article.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The key table.
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// The active filter.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Positions (in the index) of the articles in the list, in its order.
    pub fn visible(&self) -> &[usize] {
        &self.list.visible
    }

    /// Position in [`App::visible`] of the selected article.
    pub fn selected(&self) -> usize {
        self.list.selected
    }

    /// The list's rows (articles and date headings).
    pub fn rows(&self) -> &[Row] {
        &self.list.rows
    }

    /// Which pane has the keys.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// First line of the body shown.
    pub fn body_scroll(&self) -> usize {
        self.article.scroll
    }

    /// The selected article laid out at the body width.
    pub fn body(&self) -> &ArticleLayout {
        &self.article.layout
    }

    /// The overlay that has the keys, if any.
    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// The terminal size the reader is laid out for.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Colours and emphasis.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// Border and mark characters.
    pub fn glyphs(&self) -> &Glyphs {
        &self.glyphs
    }

    /// Layout settings (ambiguous width, strictness).
    pub fn layout(&self) -> &LayoutOptions {
        &self.layout
    }

    /// How dates are written in the list.
    pub fn date_format(&self) -> &DateFormat {
        &self.date_format
    }

    /// Whether only starred articles are shown.
    pub fn starred_only(&self) -> bool {
        self.starred_only
    }

    /// How far the scan of the roots has got, while the list is still filling in.
    pub fn loading(&self) -> Option<crate::scan::Progress> {
        self.loading
    }

    /// The list pane.
    pub fn list_pane(&self) -> &ListPane {
        &self.list
    }

    /// The article pane.
    pub fn article_pane(&self) -> &ArticlePane {
        &self.article
    }

    /// The mascot pane.
    pub fn mascot_pane(&self) -> &MascotPane {
        &self.mascot
    }

    /// The status bar's message, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// First row of the list shown (an index into [`App::rows`]).
    pub fn list_offset(&self) -> usize {
        self.list.offset
    }

    /// How the list is ordered.
    pub fn sort(&self) -> Sort {
        self.list.sort
    }

    /// Whether the user asked for date headings (see [`App::grouping`]).
    pub fn grouped(&self) -> bool {
        self.list.grouped
    }

    /// Read, starred and position marks.
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// The active query's matches in the body.
    pub fn matches(&self) -> &BodyMatches {
        &self.article.matches
    }

    /// Whether the reader asks the terminal for mouse events.
    pub fn mouse(&self) -> bool {
        self.mouse
    }

    /// Whether the mascot pane is wanted.
    pub fn mascot_on(&self) -> bool {
        self.mascot.shown(self.size.0)
    }

    /// The panes of the current frame.
    pub fn panes(&self) -> Panes {
        self.panes_for(Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// The panes for a frame of `area`.
    pub fn panes_for(&self, area: Rect) -> Panes {
        panes::panes(area, self.focus, self.mascot_on())
    }

    /// The selected article.
    pub fn current(&self) -> Option<&Article> {
        self.list
            .visible
            .get(self.list.selected)
            .and_then(|&i| self.index.get(i))
    }

    /// The key context of the current state.
    pub fn context(&self) -> Context {
        match (&self.overlay, self.focus) {
            (Overlay::Search(_), _) => Context::Search,
            (Overlay::Help(h), _) if h.finding() => Context::Search,
            (Overlay::Help(_), _) => Context::Help,
            (Overlay::Picker(_) | Overlay::Category(_), _) => Context::Picker,
            (Overlay::Menu(_), _) => Context::Menu,
            (Overlay::Confirm(_), _) => Context::Confirm,
            (Overlay::None, Focus::List) => Context::List,
            (Overlay::None, Focus::Body) => Context::Body,
        }
    }

    fn body_rows(&self) -> usize {
        self.panes()
            .body
            .map_or(0, |r| usize::from(panes::inner(r).height))
    }

    fn list_rows(&self) -> usize {
        self.panes()
            .list
            .map_or(0, |r| usize::from(panes::inner(r).height))
    }

    pub(super) fn max_body_scroll(&self) -> usize {
        self.article.max_scroll(self.body_rows())
    }

    /// Lay out what the current selection and size need (cached per article and width).
    pub(super) fn prepare(&mut self) {
        let p = self.panes();
        let body_width = p.body.map_or(0, |r| panes::inner(r).width);
        if self.preview.is_held() {
            // The body and the speech still show the article the keys left (see `preview`).
            self.prepare_list();
            return;
        }
        self.related_left_out |= self.index.tags_warming();
        let pos = self.list.visible.get(self.list.selected).copied();
        self.article.layout = match (pos, body_width) {
            (Some(pos), w) if w > 0 => self.body_with_related(pos, usize::from(w)),
            _ => Arc::default(),
        };
        self.article.scroll = self.article.scroll.min(self.max_body_scroll());
        self.want_pictures();
        let of = self
            .list
            .current()
            .map(|p| (p, self.article.layout.lines.len()));
        let words = super::search_prompt::query_words(self);
        self.article.refresh_matches(&words, of);
        self.mascot.prepare(&super::mascot_pane::About {
            index: &self.index,
            pos,
            load: &self.load_options,
            width: p.mascot.map_or(0, bubble_width),
            layout: &self.layout,
            related: super::menu::RELATED,
        });
        self.prepare_list();
    }

    /// Lay out the list's rows and columns, and keep the selection in view.
    fn prepare_list(&mut self) {
        self.list.rows = list_rows(&self.index, &self.list.visible, self.grouping());
        if self.unread.is_none() {
            // The list or the marks changed (every change of `visible` clears the count):
            // count again, and see which columns the rows earn.
            self.unread = Some(self.unread_count());
            self.list.columns = super::list_pane::Columns::of(&self.index, &self.list.visible);
        }
        let rows = self.list_rows();
        self.list.keep_selection_visible(rows);
    }

    /// The article at `pos` laid out at `width`, with its related-articles section at the end
    /// (made once per article and width).
    fn body_with_related(&mut self, pos: usize, width: usize) -> Arc<ArticleLayout> {
        let sizer = self.pictures.sizer(self.body_rows());
        let sizer_key = sizer.as_ref().map(|s| s.key().clone());
        if let Some((p, w, k, l)) = &self.with_related {
            if *p == pos && *w == width && *k == sizer_key {
                return l.clone();
            }
        }
        let Some(article) = self.index.get(pos) else {
            return Arc::default();
        };
        let article =
            crate::loader::with_body(article, &self.load_options).unwrap_or_else(|problem| {
                let mut shown = article.clone();
                shown.body = format!("```\n{problem}\n```\n");
                shown.body_on_disk = false;
                std::borrow::Cow::Owned(shown)
            });
        let base = self
            .cache
            .get_with_images(&article, width, &self.layout, sizer.as_deref());
        if self.index.tags_warming() {
            // The related articles follow when the tag lists are made (`Message::Warmed`).
            return base;
        }
        let related = crate::related::related(&self.index, pos, super::menu::RELATED);
        let laid = if related.is_empty() {
            base
        } else {
            let mut l = (*base).clone();
            l.lines.extend(crate::related::section_lines(
                &self.index,
                &related,
                width,
                &self.layout,
            ));
            Arc::new(l)
        };
        self.with_related = Some((pos, width, sizer_key, laid.clone()));
        laid
    }

    /// Whether date headings are shown: asked for, and sorted by date.
    pub fn grouping(&self) -> bool {
        self.list.grouping()
    }

    /// A date heading's text: `2025-11-18 (7)` (the date as configured), `(no date) (2)`.
    pub fn heading_text(&self, date: Option<Date>, count: usize) -> String {
        match date {
            Some(d) => format!("{} ({count})", self.date_format.format(d)),
            None => format!("(no date) ({count})"),
        }
    }

    /// The row (in [`App::rows`]) of the selected article.
    pub fn selected_row(&self) -> usize {
        self.list.selected_row()
    }

    fn select(&mut self, target: usize) -> bool {
        let target = target.min(self.list.visible.len().saturating_sub(1));
        if target == self.list.selected {
            return false;
        }
        self.remember_position();
        let before = self.list.current();
        self.list.selected = target;
        let scroll = self.current().map_or(0, |a| self.marks.get(a).position);
        self.moved(scroll, before);
        true
    }

    /// Note where the current article is scrolled to, so reopening it returns there.
    pub(super) fn remember_position(&mut self) {
        if self.preview.is_held() {
            // The scroll is the shown article's, not the selected one's (never shown).
            return;
        }
        let Some(pos) = self.list.visible.get(self.list.selected).copied() else {
            return;
        };
        if let Some(a) = self.index.get(pos) {
            if self.marks.set_position(a, self.article.scroll) {
                self.unsaved = true;
            }
        }
    }

    /// Apply a change to the marks of the selected article; true when it changed anything.
    fn mark_current(&mut self, change: impl Fn(&mut Marks, &Article) -> bool) -> bool {
        let Some(pos) = self.list.visible.get(self.list.selected).copied() else {
            return false;
        };
        let Some(a) = self.index.get(pos) else {
            return false;
        };
        let changed = change(&mut self.marks, a);
        self.unsaved |= changed;
        if changed {
            let read = self.marks.get(a).read;
            if let Some(r) = self.read.get_mut(pos) {
                *r = read;
            }
            self.unread = None;
        }
        changed
    }

    /// The articles the filter (and the starred-only switch) lets through.
    pub(super) fn compute_visible(&self) -> Vec<usize> {
        let mut visible = self.index.filter(&self.filter);
        if self.starred_only {
            visible.retain(|&i| self.index.get(i).is_some_and(|a| self.marks.get(a).starred));
        }
        if self.unread_only {
            visible.retain(|&i| !self.is_read(i));
        }
        self.sort_order(&mut visible);
        visible
    }

    /// Put `visible` (positions in the index, newest first) in the chosen order.
    fn sort_order(&self, visible: &mut [usize]) {
        match self.list.sort {
            Sort::Date => visible.sort_unstable(),
            Sort::Title => {
                visible.sort_by_cached_key(|&i| (self.index.get(i).map(|a| fold(&a.title)), i))
            }
        }
    }

    /// Put the list back in the chosen order (after an article was added to it).
    pub(super) fn sort_visible(&mut self) {
        let mut v = std::mem::take(&mut self.list.visible);
        self.sort_order(&mut v);
        self.list.visible = v;
        self.unread = None;
    }

    /// Recompute the list after a filter change, keeping the selection on the same article
    /// when it is still visible.
    fn refilter(&mut self) {
        let keep = self.list.visible.get(self.list.selected).copied();
        self.remember_position();
        self.list.visible = self.compute_visible();
        self.unread = None;
        let same = keep.and_then(|k| self.list.visible.iter().position(|&p| p == k));
        if same.is_none() {
            self.article.scroll = 0;
            self.mascot.rewind();
        }
        self.list.selected = same.unwrap_or(0);
        if same.is_none() {
            self.article.scroll = self.current().map_or(0, |a| self.marks.get(a).position);
        }
    }

    /// What to restore next time: the selection, the focus and the filter.
    pub fn session(&self) -> Session {
        // A query still being typed is not kept: the one in force before the prompt is.
        let filter = match &self.overlay {
            Overlay::Search(p) => Filter {
                text: p.before.clone(),
                ..self.filter.clone()
            },
            _ => self.filter.clone(),
        };
        Session {
            selected: self.current().map(|a| a.id.clone()),
            focus_body: self.focus == Focus::Body,
            mascot: self.mascot.preference(),
            filter: crate::state::SessionFilter {
                starred_only: self.starred_only,
                unread_only: self.unread_only,
                sort_by_title: self.list.sort == Sort::Title,
                grouped: self.list.grouped,
                ..(&filter).into()
            },
        }
    }

    /// Bring back the session saved last time, if any.
    pub(super) fn restore_session(&mut self) {
        let Some(session) = self.marks.session() else {
            return;
        };
        self.starred_only = session.filter.starred_only;
        self.unread_only = session.filter.unread_only;
        self.mascot.prefer(session.mascot);
        self.list.sort = if session.filter.sort_by_title {
            Sort::Title
        } else {
            Sort::Date
        };
        self.list.grouped = session.filter.grouped;
        self.filter = session.filter.to_filter();
        self.list.visible = self.compute_visible();
        self.unread = None;
        self.list.selected = session
            .selected
            .as_ref()
            .and_then(|id| self.index.position(id))
            .and_then(|p| self.list.visible.iter().position(|&v| v == p))
            .unwrap_or(0);
        self.article.scroll = self.current().map_or(0, |a| self.marks.get(a).position);
        if session.focus_body && self.current().is_some() {
            self.focus = Focus::Body;
        }
        let found = session
            .selected
            .as_ref()
            .is_some_and(|id| self.index.position(id).is_some());
        if session.selected.is_some() {
            self.pending.follow_top = false;
        }
        if self.is_loading() && !found {
            // Its article has not been read yet: select it when it arrives.
            self.pending.selected = session.selected.clone();
            self.pending.focus_body = session.focus_body;
        }
        self.prepare();
    }

    /// Write the marks and the session; a message for the user if something went wrong.
    pub fn persist(&mut self) -> Option<String> {
        self.remember_position();
        let session = self.session();
        self.marks.set_session(session);
        self.unsaved = false;
        let outcome = match self.marks.save() {
            Ok(None) => None,
            Ok(Some(warning)) => Some(warning.to_string()),
            Err(e) => Some(format!("cannot save the reading state: {e}")),
        };
        // A save merges what another kiji saved meanwhile.
        self.refresh_read();
        outcome
    }

    /// Search for `query` now (the prompt's typing goes through [`App::settle`]).
    fn set_query_now(&mut self, query: Option<String>) {
        self.set_filter(Filter {
            text: query.filter(|q| !q.trim().is_empty()),
            ..self.filter.clone()
        });
    }

    /// Apply `filter`, keeping the selection on the same article when it is still visible.
    pub(super) fn set_filter(&mut self, filter: Filter) -> bool {
        if filter == self.filter {
            return false;
        }
        self.filter = filter;
        self.refilter();
        true
    }

    /// Open `menu` over the panes, or say `none` when there is no menu to open.
    fn open_menu(&mut self, menu: Option<Menu>, none: &str) -> bool {
        match menu {
            Some(menu) => self.overlay = Overlay::Menu(menu),
            None => self.notice = Some(none.to_string()),
        }
        true
    }

    fn filter_by_nth_tag(&mut self, n: u8) -> bool {
        let Some(tag) = self
            .current()
            .and_then(|a| a.tags.get(usize::from(n) - 1))
            .cloned()
        else {
            return false;
        };
        let mut f = self.filter.clone();
        if f.tags.iter().any(|t| fold(t) == fold(&tag)) {
            return false;
        }
        f.tags.push(tag);
        self.set_filter(f)
    }

    /// Take in `message` (a key's action, a scan snapshot, a notice) and say what the loop
    /// must do: redraw, save, copy, suspend, quit.
    pub fn update(&mut self, message: impl Into<Message>) -> Effects {
        let effects = self.update_queued(message);
        effects.and(self.settle())
    }

    /// Take in `message`, putting off what can wait for the end of a batch of queued keys:
    /// the search for a query being typed and the layout. A paste of 300 characters into the
    /// search prompt then searches once, not 300 times. Anything else settles first, so it
    /// always sees the state every earlier message left; call [`App::settle`] before
    /// drawing.
    pub fn update_queued(&mut self, message: impl Into<Message>) -> Effects {
        let action = match message.into() {
            Message::Action(action) => action,
            Message::Snapshot(index, progress) => {
                self.release_preview();
                let settled = self.settle();
                let changed = self.replace_index(index, progress);
                return settled.and(self.effects(changed));
            }
            Message::Notice(text) => {
                self.notice = Some(text);
                return Effects::redraw_if(true);
            }
            Message::Picture(ready) => return self.picture_ready(ready),
            Message::Warmed => {
                let settled = self.settle();
                let changed = self.related_ready();
                return settled.and(self.effects(changed));
            }
            Message::Graphics(answer) => {
                return self.graphics_answered(answer.kitty, answer.sixel);
            }
            Message::Filter(filter) => {
                self.release_preview();
                let settled = self.settle();
                let changed = self.set_filter(filter);
                self.unsettled.layout |= changed;
                return settled.and(self.effects(changed));
            }
        };
        let typing =
            self.searching() && matches!(action, Action::SearchType(_) | Action::SearchErase);
        if action == Action::SearchCancel {
            // Esc puts the old query back: the typed one need never be searched for.
            self.unsettled.query = false;
            self.unsettled.awaited = None;
        }
        let settled = if typing {
            Effects::default()
        } else {
            self.settle()
        };
        let key = !matches!(action, Action::Resize(..));
        if key {
            // Once the user does something, a selection the session wanted no longer applies.
            self.pending = reload::Pending::default();
        }
        // A notice, and the count of new articles, stay until the next key.
        let dropped_notice = key && self.notice.take().is_some();
        let dropped_arrivals = key && std::mem::take(&mut self.arrived) > 0;
        let was_held = self.preview.is_held();
        self.preview.quick = self.hold_for(&action);
        let mut effects = self.apply(action);
        self.key_handled();
        let released = was_held && !self.preview.is_held();
        effects.redraw |= dropped_notice || dropped_arrivals || released;
        self.unsettled.layout |= effects.redraw;
        settled.and(self.effects(false)).and(effects)
    }

    /// Effects that only report a redraw (when `changed`) and unsaved marks.
    fn effects(&self, changed: bool) -> Effects {
        Effects {
            redraw: changed,
            save: self.unsaved,
            ..Effects::default()
        }
    }

    /// The index's tag lists are made: lay out again the body and the speech that left the
    /// related articles out. Whether that changed either (an article without related articles
    /// is laid out as it was).
    fn related_ready(&mut self) -> bool {
        if !std::mem::take(&mut self.related_left_out) {
            return false;
        }
        let body = Arc::clone(&self.article.layout);
        let speech = Arc::clone(&self.mascot.speech);
        self.with_related = None;
        self.prepare();
        !Arc::ptr_eq(&body, &self.article.layout) || *speech != *self.mascot.speech
    }

    /// Finish what [`App::update_queued`] put off: search for the typed query, lay out.
    pub fn settle(&mut self) -> Effects {
        if std::mem::take(&mut self.unsettled.query) {
            if let Overlay::Search(p) = &self.overlay {
                self.unsettled.awaited = Some(p.query.clone());
            }
        }
        let mut searched = false;
        if let Some(query) = self.unsettled.awaited.take() {
            if self.texts_pending() && !query.trim().is_empty() {
                // Searching now would hold the keys and the screen until every file is read.
                self.unsettled.awaited = Some(query);
            } else {
                self.set_query_now(Some(query));
                searched = true;
                self.unsettled.layout = true;
            }
        }
        if std::mem::take(&mut self.unsettled.layout) {
            self.prepare();
        }
        self.effects(searched)
    }

    /// Whether the search texts of the articles shown are still to come: the first scan is
    /// reading the files, or folding their texts into the index cache.
    fn texts_pending(&self) -> bool {
        !self.index.search_ready() && (self.is_loading() || self.index.search_waits())
    }

    /// Whether a typed query waits for the articles' search texts ([`App::settle`] searches
    /// for it once they are there; the loop calls it again while this is true).
    pub fn awaits_texts(&self) -> bool {
        self.unsettled.awaited.is_some()
    }

    /// Whether typed keys wait for a search ([`App::settle`] does it).
    pub fn is_typing(&self) -> bool {
        self.unsettled.query
    }

    /// Note that the prompt's query changed; [`App::settle`] searches for it.
    pub(super) fn query_typed(&mut self) {
        self.unsettled.query = true;
    }

    fn apply(&mut self, action: Action) -> Effects {
        if let Action::Resize(w, h) = action {
            if self.size == (w, h) {
                return Effects::default();
            }
            self.size = (w, h);
            self.overlay.resize(w, h);
            return Effects::redraw_if(true);
        }
        if action == Action::Suspend {
            // From anywhere, overlays and the search prompt included.
            return Effects {
                suspend: true,
                ..Effects::default()
            };
        }
        if action == Action::Quit {
            return Effects::quit();
        }
        if self.overlay != Overlay::None {
            let outcome = self.overlay.handle(action);
            return self.follow(outcome);
        }
        self.apply_to_panes(action).into()
    }

    /// Whether the search prompt is open.
    pub fn searching(&self) -> bool {
        matches!(self.overlay, Overlay::Search(_))
    }

    /// Do what an overlay's `outcome` asks of the rest of the reader.
    fn follow(&mut self, outcome: Outcome) -> Effects {
        if !matches!(
            outcome,
            Outcome::Ignored | Outcome::Changed | Outcome::Query
        ) {
            self.overlay = Overlay::None;
        }
        let spot = match outcome {
            Outcome::Ignored | Outcome::Changed | Outcome::Query => None,
            _ => self.spot.take(),
        };
        match outcome {
            Outcome::Ignored => return Effects::default(),
            Outcome::Changed | Outcome::Close => {}
            Outcome::Query => self.query_typed(),
            Outcome::RestoreQuery(before) => {
                self.set_query_now(before);
                if let Some(spot) = spot {
                    self.go_back_to(spot);
                }
            }
            Outcome::Confirmed(Question::MarkAllRead(_)) => {
                let marked = self.mark_all_read();
                self.notice = Some(format!("marked {} read", plural(marked, "article")));
            }
            Outcome::Declined => self.notice = Some("nothing changed".to_string()),
            Outcome::ApplyTags(tags, tag_mode) => {
                self.set_filter(Filter {
                    tags,
                    tag_mode,
                    ..self.filter.clone()
                });
            }
            Outcome::ApplyCategory(category) => {
                self.set_filter(Filter {
                    category,
                    ..self.filter.clone()
                });
            }
            Outcome::Open(pos) => self.show_article(pos),
            Outcome::Copy { url, number } => {
                self.notice = Some(format!("[{number}] copied to the clipboard (OSC 52)"));
                return Effects {
                    redraw: true,
                    copy: Some(url),
                    ..Effects::default()
                };
            }
        }
        Effects::redraw_if(true)
    }

    /// An action for the list, the body or the mascot (no overlay or prompt is open).
    fn apply_to_panes(&mut self, action: Action) -> bool {
        match action {
            Action::Help => {
                self.overlay = Overlay::Help(HelpScreen::for_app(self));
                true
            }
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::List => Focus::Body,
                    Focus::Body => Focus::List,
                };
                self.mark_read();
                true
            }
            Action::ToggleMascot | Action::MascotDown | Action::MascotUp => {
                self.mascot.handle(action, self.size.0)
            }
            Action::TagPicker => {
                self.overlay = Overlay::Picker(TagPicker::for_filter(&self.index, &self.filter));
                true
            }
            Action::Search => {
                self.spot = Some(self.spot_here());
                self.overlay = Overlay::Search(SearchPrompt::open(self.filter.text.clone()));
                true
            }
            Action::Star => self.mark_current(|m, a| {
                let starred = m.get(a).starred;
                m.set_starred(a, !starred)
            }),
            Action::ClearFilters => {
                let had_marks =
                    std::mem::take(&mut self.starred_only) | std::mem::take(&mut self.unread_only);
                let changed = self.set_filter(Filter::default());
                if had_marks && !changed {
                    self.refilter();
                }
                changed || had_marks
            }
            Action::ToggleRead => self.mark_current(|m, a| {
                let read = m.get(a).read;
                m.set_read(a, !read)
            }),
            Action::StarredOnly => {
                self.starred_only = !self.starred_only;
                self.refilter();
                true
            }
            Action::MarkAllRead => {
                match self.unread_count() {
                    0 => self.notice = Some("every article in the list is read".to_string()),
                    n => self.overlay = Overlay::Confirm(Confirm::ask(Question::MarkAllRead(n))),
                }
                true
            }
            Action::UnreadOnly => {
                self.unread_only = !self.unread_only;
                self.refilter();
                true
            }
            Action::CycleDrafts => {
                use crate::index::Drafts;
                let drafts = match self.filter.drafts {
                    Drafts::Show => Drafts::Hide,
                    Drafts::Hide => Drafts::Only,
                    Drafts::Only => Drafts::Show,
                };
                self.set_filter(Filter {
                    drafts,
                    ..self.filter.clone()
                })
            }
            Action::NextArticle => self.step_article(1),
            Action::PreviousArticle => self.step_article(-1),
            Action::NextUnread => self.next_unread(),
            Action::PageDown if self.at_article_end() => self.next_unread(),
            Action::PageDown
            | Action::PageUp
            | Action::ScrollDown
            | Action::ScrollUp
            | Action::ScrollBody(_)
            | Action::Top
            | Action::Bottom
            | Action::NextMatch
            | Action::PreviousMatch => {
                let ctx = article_pane::Ctx {
                    rows: self.body_rows(),
                };
                let moved = self.article.handle(action, &ctx);
                if moved && self.read_when == MarkRead::End {
                    self.mark_read();
                }
                moved
            }
            Action::Next
            | Action::Previous
            | Action::First
            | Action::Last
            | Action::ToggleGroup => match self.list.handle(action) {
                ListOutcome::Ignored => false,
                ListOutcome::Changed => true,
                ListOutcome::Select(target) => self.select(target),
            },
            Action::Open => {
                if self.current().is_none() {
                    return false;
                }
                self.focus = Focus::Body;
                self.mark_read();
                true
            }
            Action::SelectAt(i) => {
                if i >= self.list.visible.len() {
                    return false;
                }
                let moved = self.select(i);
                let refocused = self.focus != Focus::List;
                self.focus = Focus::List;
                moved || refocused
            }
            Action::Back => {
                self.focus = Focus::List;
                true
            }
            Action::FilterTag(n) => self.filter_by_nth_tag(n),
            Action::Translation => self.open_translation(),
            Action::CycleLocale => self.cycle_locale(),
            Action::CategoryPicker => {
                let picker = CategoryPicker::for_filter(&self.index, &self.filter);
                self.overlay = Overlay::Category(picker);
                true
            }
            Action::ToggleSort => {
                self.list.sort = match self.list.sort {
                    Sort::Date => Sort::Title,
                    Sort::Title => Sort::Date,
                };
                self.refilter();
                true
            }
            Action::Related => match self.list.current() {
                Some(pos) => {
                    let menu = Menu::related(&self.index, pos);
                    self.open_menu(menu, "no related articles (none shares a tag)")
                }
                None => false,
            },
            Action::Links => match self.current() {
                Some(_) => {
                    let menu = Menu::links(&self.article.layout.links);
                    self.open_menu(menu, "this article has no links")
                }
                None => false,
            },
            // Handled before the panes see anything, or not theirs.
            Action::Quit
            | Action::Suspend
            | Action::PickerUp
            | Action::PickerDown
            | Action::PickerToggle
            | Action::PickerMode
            | Action::PickerApply
            | Action::PickerCancel
            | Action::PickerErase
            | Action::PickerType(_)
            | Action::Choose(_)
            | Action::SearchAccept
            | Action::SearchCancel
            | Action::SearchErase
            | Action::Confirm
            | Action::ConfirmCancel
            | Action::SearchType(_)
            | Action::Resize(..) => false,
        }
    }

    /// How many listed articles are unread.
    pub fn unread_count(&self) -> usize {
        self.unread.unwrap_or_else(|| {
            self.list
                .visible
                .iter()
                .filter(|&&p| !self.is_read(p))
                .count()
        })
    }

    /// Whether the article at `pos` in the index is read.
    fn is_read(&self, pos: usize) -> bool {
        self.read.get(pos).copied().unwrap_or(false)
    }

    /// Look every article's read mark up again (a new index, new marks, a merged save).
    pub(super) fn refresh_read(&mut self) {
        self.read = self.marks.reads(self.index.articles());
        self.unread = None;
    }

    /// Whether only unread articles are listed.
    pub fn unread_only(&self) -> bool {
        self.unread_only
    }

    /// How many articles the last rescans brought that were not there before (shown until
    /// the next key).
    pub fn arrived(&self) -> usize {
        self.arrived
    }

    /// Mark every listed article read; how many were unread.
    fn mark_all_read(&mut self) -> usize {
        let mut marked = 0;
        for &p in &self.list.visible {
            if let Some(a) = self.index.get(p) {
                if self.marks.set_read(a, true) {
                    marked += 1;
                }
                if let Some(r) = self.read.get_mut(p) {
                    *r = true;
                }
            }
        }
        self.unsaved |= marked > 0;
        self.unread = None;
        marked
    }

    /// Whether the whole article has been seen: it is scrolled to its end (or fits).
    fn at_article_end(&self) -> bool {
        self.current().is_some() && self.article.scroll >= self.max_body_scroll()
    }

    /// Read the article `step` places away in the list (J/K): selected, and opened when the
    /// article has the keys. Past either end, the status bar says so.
    fn step_article(&mut self, step: isize) -> bool {
        if self.list.visible.is_empty() {
            return false;
        }
        let target = self.list.selected.checked_add_signed(step);
        match target.filter(|&t| t < self.list.visible.len()) {
            Some(t) => {
                self.select(t);
                self.mark_read();
                true
            }
            None => {
                let end = if step > 0 { "last" } else { "first" };
                self.notice = Some(format!("this is the {end} article in the list"));
                true
            }
        }
    }

    /// Go to the next unread article after the selection (from the top again after the
    /// last), opened when the article has the keys; the status bar says where it went.
    fn next_unread(&mut self) -> bool {
        let n = self.list.visible.len();
        let is_unread =
            |app: &App, i: usize| app.list.visible.get(i).is_some_and(|&p| !app.is_read(p));
        let found = (1..=n)
            .map(|k| (self.list.selected + k) % n.max(1))
            .find(|&i| i != self.list.selected && is_unread(self, i));
        let Some(target) = found else {
            self.notice = Some("no other unread article in the list".to_string());
            return true;
        };
        let wrapped = target < self.list.selected;
        self.select(target);
        self.mark_read();
        let title = self.current().map(|a| a.title.clone()).unwrap_or_default();
        let left = self
            .unread_count()
            .saturating_sub(usize::from(self.focus == Focus::List));
        self.notice = Some(format!(
            "next unread{}: {title} ({left} left)",
            if wrapped { ", from the top" } else { "" }
        ));
        true
    }

    /// Where the reader is now, to come back to.
    fn spot_here(&self) -> Spot {
        Spot {
            selected: self.current().map(|a| a.id.clone()),
            scroll: self.article.scroll,
            offset: self.list.offset,
        }
    }

    /// Put the selection and both scrolls back where `spot` says, if its article is listed.
    fn go_back_to(&mut self, spot: Spot) {
        let at = spot.selected.as_deref().and_then(|id| {
            let p = self.index.position(id)?;
            self.list.visible.iter().position(|&v| v == p)
        });
        if let Some(at) = at {
            self.list.selected = at;
            self.article.scroll = spot.scroll;
            self.list.offset = spot.offset;
            self.mascot.rewind();
        }
    }

    /// Mark the article read if it has the keys and has been seen as the `mark_read` setting
    /// says: opened, or scrolled to its end.
    pub(super) fn mark_read(&mut self) {
        let seen = match self.read_when {
            MarkRead::Open => true,
            MarkRead::End => {
                // The selection may have just moved: lay out what is shown now.
                self.prepare();
                self.at_article_end()
            }
        };
        if self.focus == Focus::Body && seen {
            self.mark_current(|m, a| m.set_read(a, true));
        }
    }

    /// How far through the article the view is, in percent.
    pub fn body_percent(&self) -> usize {
        let max = self.max_body_scroll();
        (self.article.scroll * 100).checked_div(max).unwrap_or(100)
    }

    /// Width of text in columns, by the one width function.
    pub fn width_of(&self, s: &str) -> usize {
        str_width(s, self.layout.ambiguous)
    }
}
