//! Text measurement and layout for the terminal: the one width function, sanitising, line
//! breaking with Japanese kinsoku, truncation, the styled-line types every pane draws, and the
//! escaping of names and values in text output and messages.

mod breaks;
pub mod escape;
pub mod kinsoku;
pub mod sanitize;
pub mod styled;
pub mod truncate;
pub mod width;
pub mod wrap;

pub use styled::{Line, Role, Span, Style};
pub use width::{AmbiguousWidth, grapheme_width, str_width};
pub use wrap::{LayoutOptions, Strictness, widest_piece};
