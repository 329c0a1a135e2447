//! The cells a picture takes: from its pixel size and the terminal cell's pixel size, as wide
//! as the pane or its own width, whichever is smaller, at most a given number of rows, its
//! aspect ratio kept.

/// The size of one terminal cell in pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CellSize {
    /// Width in pixels.
    pub width: u16,
    /// Height in pixels.
    pub height: u16,
}

impl Default for CellSize {
    /// 8x16, the usual cell when the terminal does not say (and what half blocks amount to:
    /// one cell shows 1x2 picture pixels at that ratio).
    fn default() -> Self {
        CellSize {
            width: 8,
            height: 16,
        }
    }
}

/// The size in cells `(cols, rows)` of a `width`x`height` pixel picture with cells of
/// `cell`: at most `max_cols` columns (the pane) and the picture's own width in cells, at
/// most `max_rows` rows, the aspect ratio kept as well as whole cells allow, at least 1x1.
pub fn fit_cells(
    (width, height): (u32, u32),
    cell: CellSize,
    max_cols: usize,
    max_rows: usize,
) -> (usize, usize) {
    let cw = u64::from(cell.width.max(1));
    let ch = u64::from(cell.height.max(1));
    let (w, h) = (u64::from(width.max(1)), u64::from(height.max(1)));
    let max_cols = max_cols.max(1) as u64;
    let max_rows = max_rows.max(1) as u64;
    let own_cols = w.div_ceil(cw);
    let mut cols = own_cols.min(max_cols);
    // rows = cols * cw * h / w / ch, rounded to the nearest cell.
    let mut rows = rounded(cols * cw * h, w * ch);
    if rows > max_rows {
        rows = max_rows;
        cols = rounded(rows * ch * w, h * cw).min(max_cols);
    }
    (cols.max(1) as usize, rows.max(1) as usize)
}

/// `n / d` rounded to the nearest whole number.
fn rounded(n: u64, d: u64) -> u64 {
    (n + d / 2) / d.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CELL: CellSize = CellSize {
        width: 8,
        height: 16,
    };

    #[test]
    fn a_small_picture_keeps_its_own_size() {
        // 160x64 px = 20 columns, 4 rows of 8x16 cells.
        assert_eq!(fit_cells((160, 64), CELL, 80, 20), (20, 4));
    }

    #[test]
    fn a_wide_picture_takes_the_pane_width() {
        // 1600x400 px at 80 columns: 640 px wide, so 160 px high = 10 rows.
        assert_eq!(fit_cells((1600, 400), CELL, 80, 20), (80, 10));
    }

    #[test]
    fn a_tall_picture_is_held_to_the_row_limit_and_narrowed() {
        // 400x1600 px: 50 columns would need 100 rows; 12 rows are 192 px, so 48 px wide = 6.
        assert_eq!(fit_cells((400, 1600), CELL, 80, 12), (6, 12));
    }

    #[test]
    fn never_less_than_one_cell() {
        assert_eq!(fit_cells((1, 1), CELL, 80, 20), (1, 1));
        assert_eq!(fit_cells((8000, 1), CELL, 10, 20), (10, 1));
        assert_eq!(fit_cells((1, 8000), CELL, 10, 5), (1, 5));
        assert_eq!(
            fit_cells(
                (0, 0),
                CellSize {
                    width: 0,
                    height: 0
                },
                0,
                0
            ),
            (1, 1)
        );
    }

    #[test]
    fn the_cell_shape_counts() {
        // Square cells (10x10): a 100x100 picture is 10x10 cells.
        let square = CellSize {
            width: 10,
            height: 10,
        };
        assert_eq!(fit_cells((100, 100), square, 80, 20), (10, 10));
        // 13 columns of 8 px are 104 px: 6.5 rows of 16 px, rounded up.
        assert_eq!(fit_cells((100, 100), CELL, 80, 20), (13, 7));
    }
}
