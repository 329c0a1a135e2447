//! Fuzz target: arbitrary bytes as Markdown, laid out at an arbitrary width and setting. The
//! renderer must never panic, and no line may be wider than the width (a lone wide character
//! at width 1 is the one exception the layout engine documents).
#![no_main]

use kiji::markdown::render;
use kiji::text::wrap::{LayoutOptions, Strictness};
use kiji::text::{AmbiguousWidth, str_width};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&setting, rest)) = data.split_first() else {
        return;
    };
    let Some((&width, rest)) = rest.split_first() else {
        return;
    };
    let width = usize::from(width % 160) + 1;
    let opts = LayoutOptions {
        ambiguous: if setting & 1 == 1 {
            AmbiguousWidth::Wide
        } else {
            AmbiguousWidth::Narrow
        },
        strictness: if setting & 2 == 2 {
            Strictness::Normal
        } else {
            Strictness::Strict
        },
    };
    let text = String::from_utf8_lossy(rest);
    let rendered = render(&text, width, &opts);
    for line in &rendered.lines {
        let w: usize = line
            .spans
            .iter()
            .map(|s| str_width(&s.text, opts.ambiguous))
            .sum();
        assert!(
            w <= width.max(2),
            "line {w} wide at width {width}: {:?}",
            line.plain_text()
        );
    }
});
