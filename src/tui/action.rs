//! What a key (or the mouse, `tui/mouse.rs`) can ask the reader to do. The names are the ones
//! written in the key table (`assets/keymap.txt`).

/// One thing the reader can do in response to a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave kiji.
    Quit,
    /// Suspend kiji (as Ctrl-Z does in a shell); the shell's `fg` brings it back.
    Suspend,
    /// Show or hide the help screen.
    Help,
    /// Move focus between the list and the article.
    SwitchFocus,
    /// Show or hide the mascot sidebar.
    ToggleMascot,
    /// Open the tag picker.
    TagPicker,
    /// Drop every filter.
    ClearFilters,
    /// Page the article down.
    PageDown,
    /// Page the article up.
    PageUp,
    /// Star or unstar the selected article.
    Star,
    /// Mark the selected article read or unread.
    ToggleRead,
    /// Show starred articles only, or all again.
    StarredOnly,
    /// Mark every article in the current list read.
    MarkAllRead,
    /// Scroll the mascot's speech bubble down.
    MascotDown,
    /// Scroll the mascot's speech bubble up.
    MascotUp,
    /// Select the next article.
    Next,
    /// Select the previous article.
    Previous,
    /// Select the first article.
    First,
    /// Select the last article.
    Last,
    /// Read the selected article (focus moves to the body).
    Open,
    /// Scroll the article (or help) down a line.
    ScrollDown,
    /// Scroll the article (or help) up a line.
    ScrollUp,
    /// Go to the top of the article.
    Top,
    /// Go to the end of the article.
    Bottom,
    /// Back to the list.
    Back,
    /// Filter by the current article's n-th tag (1-based).
    FilterTag(u8),
    /// Open the selected article in its other language (its next translation).
    Translation,
    /// Show all languages, then only `ja`, then only `en` (and other locales), then all.
    CycleLocale,
    /// Open the category picker.
    CategoryPicker,
    /// Sort the list by date (newest first) or by title.
    ToggleSort,
    /// Group the list by date under headings, or not.
    ToggleGroup,
    /// List the article's related articles (choose one to open it).
    Related,
    /// List the article's links (choose one to copy its URL).
    Links,
    /// Tag picker: move up.
    PickerUp,
    /// Tag picker: move down.
    PickerDown,
    /// Tag picker: select or unselect the tag under the cursor.
    PickerToggle,
    /// Tag picker: switch between AND and OR.
    PickerMode,
    /// Tag picker: apply.
    PickerApply,
    /// Tag picker: close without applying.
    PickerCancel,
    /// Tag picker: erase the last typed character.
    PickerErase,
    /// Tag picker: a character typed into the query.
    PickerType(char),
    /// Link and related lists: choose the n-th entry (1-based).
    Choose(u8),
    /// Open the search prompt.
    Search,
    /// Search prompt: keep the query as a filter.
    SearchAccept,
    /// Search prompt: close and put back the query there was before.
    SearchCancel,
    /// Search prompt: erase the last typed character.
    SearchErase,
    /// Search prompt: a character typed into the query.
    SearchType(char),
    /// Jump to the next match in the article.
    NextMatch,
    /// Jump to the previous match in the article.
    PreviousMatch,
    /// Read the next article in the list's order, from the list or the article.
    NextArticle,
    /// Read the previous article in the list's order.
    PreviousArticle,
    /// Go to the next unread article in the list (from the top again after the last).
    NextUnread,
    /// Show unread articles only, or all again.
    UnreadOnly,
    /// Show drafts with the rest, then hide them, then show drafts only.
    CycleDrafts,
    /// Yes to the question the confirmation asks.
    Confirm,
    /// No to the question: any key the confirmation has no other use for.
    ConfirmCancel,
    /// The terminal changed size.
    Resize(u16, u16),
    /// Select this article (its position in the list) and give the list the keys: a click on
    /// its row. Not in the key table.
    SelectAt(usize),
    /// Scroll the article by this many lines, down when positive: the mouse wheel over it
    /// (`tui::mouse::WHEEL_LINES` a notch). Not in the key table.
    ScrollBody(i16),
}

impl Action {
    /// The action named in the key table, if any. `filter-tag` needs its digit and is handled
    /// by the key table itself, and so does `choose`.
    pub fn from_name(name: &str) -> Option<Action> {
        Some(match name {
            "quit" => Action::Quit,
            "suspend" => Action::Suspend,
            "help" => Action::Help,
            "switch-focus" => Action::SwitchFocus,
            "toggle-mascot" => Action::ToggleMascot,
            "tag-picker" => Action::TagPicker,
            "clear-filters" => Action::ClearFilters,
            "page-down" => Action::PageDown,
            "page-up" => Action::PageUp,
            "star" => Action::Star,
            "toggle-read" => Action::ToggleRead,
            "starred-only" => Action::StarredOnly,
            "mark-all-read" => Action::MarkAllRead,
            "mascot-down" => Action::MascotDown,
            "mascot-up" => Action::MascotUp,
            "next" => Action::Next,
            "previous" => Action::Previous,
            "first" => Action::First,
            "last" => Action::Last,
            "open" => Action::Open,
            "scroll-down" => Action::ScrollDown,
            "scroll-up" => Action::ScrollUp,
            "top" => Action::Top,
            "bottom" => Action::Bottom,
            "back" => Action::Back,
            "translation" => Action::Translation,
            "cycle-locale" => Action::CycleLocale,
            "category-picker" => Action::CategoryPicker,
            "toggle-sort" => Action::ToggleSort,
            "toggle-group" => Action::ToggleGroup,
            "related" => Action::Related,
            "links" => Action::Links,
            "picker-up" => Action::PickerUp,
            "picker-down" => Action::PickerDown,
            "picker-toggle" => Action::PickerToggle,
            "picker-mode" => Action::PickerMode,
            "picker-apply" => Action::PickerApply,
            "picker-cancel" => Action::PickerCancel,
            "picker-erase" => Action::PickerErase,
            "search" => Action::Search,
            "search-accept" => Action::SearchAccept,
            "search-cancel" => Action::SearchCancel,
            "search-erase" => Action::SearchErase,
            "next-match" => Action::NextMatch,
            "previous-match" => Action::PreviousMatch,
            "next-article" => Action::NextArticle,
            "previous-article" => Action::PreviousArticle,
            "next-unread" => Action::NextUnread,
            "unread-only" => Action::UnreadOnly,
            "cycle-drafts" => Action::CycleDrafts,
            "confirm" => Action::Confirm,
            "confirm-cancel" => Action::ConfirmCancel,
            _ => return None,
        })
    }
}
