//! Narrow table cells wrap by the paragraph rules: a column is kept as wide as the widest
//! piece the line breaker will not split (a word with the punctuation kinsoku keeps beside
//! it), so no cell line starts with `・`, `、`, `。` or a closing bracket and a word that
//! fits a cell is never cut; only a word wider than any cell can be is broken.

use kiji::markdown::render;
use kiji::text::{AmbiguousWidth, LayoutOptions, widest_piece};

const TABLE: &str = "\
| 名前 | 型 | 説明 |
|---|---|---|
| agentName | string | エージェントの名前・識別子として使う文字列です。 |
| モデル・プロバイダー | enum | OpenAI・Anthropic・Google のいずれか。 |
| maxTokens | number | 最大トークン数（既定値は4096）。 |
";

/// The text of each cell line of a grid table, cell by cell.
fn cell_lines(source: &str, width: usize) -> Vec<String> {
    let out = render(source, width, &LayoutOptions::default());
    for line in &out.lines {
        assert!(line.width(AmbiguousWidth::Narrow) <= width, "{line:?}");
    }
    out.lines
        .iter()
        .map(|l| l.plain_text())
        .filter(|t| t.starts_with('│'))
        .flat_map(|t| {
            t.split('│')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn widest_piece_keeps_kinsoku_neighbours() {
    let opts = LayoutOptions::default();
    assert_eq!(widest_piece("Anthropic・Google", &opts), 11);
    assert_eq!(widest_piece("東京・大阪", &opts), 4);
    // `は4096）。` stays together (no break before a number here, nor before `）` or `。`).
    assert_eq!(widest_piece("値は4096）。", &opts), 10);
    // `点」、`: neither closing mark may start a line.
    assert_eq!(widest_piece("「各拠点」、", &opts), 6);
    assert_eq!(widest_piece("a b", &opts), 1);
    assert_eq!(widest_piece("", &opts), 0);
}

#[test]
fn no_cell_line_starts_with_closing_punctuation() {
    for width in [36, 38, 40, 44, 50] {
        for cell in cell_lines(TABLE, width) {
            let first = cell.chars().next().unwrap_or(' ');
            assert!(!"・、。）」".contains(first), "{width}: {cell:?}");
            let last = cell.chars().next_back().unwrap_or(' ');
            assert!(!"（「".contains(last), "{width}: {cell:?}");
        }
    }
}

#[test]
fn a_word_that_fits_moves_whole() {
    for width in [36, 40, 44] {
        let cells = cell_lines(TABLE, width);
        for word in ["agentName", "Anthropic・", "maxTokens", "4096）。"] {
            assert!(
                cells.iter().any(|c| c.contains(word)),
                "{width}: {word} in {cells:?}"
            );
        }
    }
    // Before: at 36 columns `Anthropic` was cut as `Anthropi` / `c・Google`.
    let cells = cell_lines(TABLE, 36);
    assert!(cells.iter().all(|c| !c.ends_with("Anthropi")), "{cells:?}");
}

#[test]
fn japanese_cells_keep_kinsoku() {
    let table =
        "| 拠点 | メモ |\n|---|---|\n| 東京・大阪・名古屋 | 「各拠点」、そして福岡。（予定） |\n";
    for width in 16..40 {
        for cell in cell_lines(table, width) {
            let first = cell.chars().next().unwrap_or(' ');
            assert!(!"・、。）」".contains(first), "{width}: {cell:?}");
        }
    }
}

#[test]
fn only_a_word_wider_than_the_cell_is_broken() {
    let table = "| a | b |\n|---|---|\n| 説明 | https://example.com/a/very/long/path/name |\n";
    let out = render(table, 30, &LayoutOptions::default());
    let text: String = out.lines.iter().map(|l| l.plain_text()).collect();
    // The URL is wider than any column can be (16 columns at most are kept): it is broken,
    // after URL punctuation, and nothing is lost.
    for piece in ["https://", "example.com/", "very/", "name"] {
        assert!(text.contains(piece), "{piece}: {text}");
    }
    assert!(
        out.lines
            .iter()
            .all(|l| l.width(AmbiguousWidth::Narrow) <= 30)
    );
}
