//! The terminal cell's size in pixels, from `TIOCGWINSZ` (its pixel size over its columns
//! and rows); the usual 8x16 when the terminal does not say (many report zero pixels).

use crate::images::CellSize;

/// The cell size of the terminal on standard output, or the default.
pub fn terminal_cell() -> CellSize {
    // SAFETY: TIOCGWINSZ writes one winsize into the struct we own; a failure leaves it zero.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0;
    if !ok {
        return CellSize::default();
    }
    from_winsize(ws.ws_xpixel, ws.ws_ypixel, ws.ws_col, ws.ws_row)
}

/// The cell of a window `xpixel` x `ypixel` pixels over `cols` x `rows` cells; the default
/// when any of them is zero or the result is not a plausible cell.
pub fn from_winsize(xpixel: u16, ypixel: u16, cols: u16, rows: u16) -> CellSize {
    if xpixel == 0 || ypixel == 0 || cols == 0 || rows == 0 {
        return CellSize::default();
    }
    let (width, height) = (xpixel / cols, ypixel / rows);
    if width < 2 || height < 2 {
        return CellSize::default();
    }
    CellSize { width, height }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cell_is_the_window_over_its_cells_or_the_default() {
        assert_eq!(
            from_winsize(1600, 960, 200, 48),
            CellSize {
                width: 8,
                height: 20
            }
        );
        assert_eq!(from_winsize(0, 0, 80, 24), CellSize::default());
        assert_eq!(from_winsize(80, 24, 80, 24), CellSize::default());
    }
}
