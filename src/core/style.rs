//! How text looks, as plain data shared by every output: colours as the settings name them
//! ([`Color`]), how many colours a terminal shows and mapping a colour down to that
//! ([`depth`]), and the theme, a style for every element of the screen from one table
//! ([`theme`]). No terminal library here: the reader turns a [`Theme`] into ratatui styles,
//! `kiji show` into SGR sequences, and `kiji doctor` reports the colour depth.

pub mod color;
pub mod depth;
pub mod theme;

pub use color::Color;
pub use depth::{ColorDepth, ColorSetting};
pub use theme::{ColorOverride, Element, ElementStyle, Elements, Modifiers, Part, Theme};
