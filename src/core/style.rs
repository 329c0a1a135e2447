//! How text looks, as plain data shared by every output: colours as the settings name them
//! ([`Color`]), how many colours a terminal shows and mapping a colour down to that
//! ([`depth`]), the theme, a style for every element of the screen from one table
//! ([`theme`]), and the colours the built-in themes take on their background ([`palette`]).
//! No terminal library here: the reader turns a [`Theme`] into ratatui styles, `kiji show`
//! into SGR sequences, and `kiji doctor` reports the colour depth.

pub mod color;
pub mod depth;
pub mod palette;
pub mod theme;

pub use color::Color;
pub use depth::{ColorDepth, ColorSetting};
pub use palette::Background;
pub use theme::{ColorOverride, Element, ElementStyle, Elements, Modifiers, Part, Theme};
