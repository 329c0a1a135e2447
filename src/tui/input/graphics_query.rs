//! The terminal's answer to the graphics query, read from the raw bytes of the tty: kitty's
//! reply to a graphics query (`ESC _ G i=31 ; OK ESC \`) and the primary device attributes
//! (`ESC [ ? 62 ; 4 c`, where `4` means sixel), taken out of the input; what else came (keys
//! typed meanwhile) is turned into key events as crossterm would.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// What the reader writes to ask: a kitty graphics query for a 1x1 picture (id 31), then a
/// device-attributes request, which every terminal answers, and after the other.
pub const QUERY: &[u8] = b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[c";

/// What the terminal said.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    /// kitty's graphics protocol answered OK.
    pub kitty: bool,
    /// The device attributes include 4: sixel graphics.
    pub sixel: bool,
    /// The device attributes came (the last reply): nothing more to wait for.
    pub complete: bool,
}

/// Take the replies out of `buf` into `answer`; return the bytes that are not replies (keys,
/// mouse reports, pastes), each sequence whole, leaving in `buf` what is not complete yet.
pub fn take_replies(buf: &mut Vec<u8>, answer: &mut Answer) -> Vec<u8> {
    let mut keys = Vec::new();
    let mut i = 0;
    while i < buf.len() {
        let rest = &buf[i..];
        let Some(len) = unit_len(rest) else {
            break;
        };
        let unit = &rest[..len];
        if let Some(payload) = unit.strip_prefix(b"\x1b_G") {
            if find(payload, b"i=31").is_some() && find(payload, b";OK").is_some() {
                answer.kitty = true;
            }
        } else if unit.starts_with(b"\x1b[?") && unit.ends_with(b"c") {
            let params = String::from_utf8_lossy(&unit[3..len - 1]).into_owned();
            answer.sixel |= params.split(';').any(|p| p == "4");
            answer.complete = true;
        } else if !unit.starts_with(b"\x1b_") {
            keys.extend_from_slice(unit);
        }
        i += len;
    }
    buf.drain(..i);
    keys
}

/// The length of the whole unit at the start of `bytes` (an escape sequence, a paste, one
/// character), or None when it is not complete yet.
fn unit_len(bytes: &[u8]) -> Option<usize> {
    let first = *bytes.first()?;
    if first != 0x1b {
        let len = match first {
            0xf0..=0xf7 => 4,
            0xe0..=0xef => 3,
            0xc0..=0xdf => 2,
            _ => 1,
        };
        return (bytes.len() >= len).then_some(len);
    }
    match bytes.get(1)? {
        b'_' | b'P' | b']' => find(bytes, b"\x1b\\").map(|end| end + 2),
        b'[' if bytes[2..].starts_with(b"200~") || b"200~".starts_with(&bytes[2..]) => {
            find(bytes, b"\x1b[201~").map(|end| end + 6)
        }
        b'[' => bytes[2..]
            .iter()
            .position(|b| (0x40..=0x7e).contains(b))
            .map(|end| end + 3),
        b'O' => (bytes.len() >= 3).then_some(3),
        // Esc typed, and then something else began.
        0x1b => Some(1),
        _ => Some(2),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The events of raw tty bytes (whole units, see [`take_replies`]) that came while the
/// replies were read, as crossterm would report them: characters, Enter, Tab, Backspace,
/// Esc, control and Alt keys, arrows and page keys, SGR mouse reports, bracketed pastes.
/// Other sequences are dropped.
pub fn key_events(mut bytes: &[u8]) -> Vec<Event> {
    let mut events = Vec::new();
    while !bytes.is_empty() {
        let len = unit_len(bytes).unwrap_or(bytes.len());
        if let Some(event) = event_of(&bytes[..len]) {
            events.push(event);
        }
        bytes = &bytes[len..];
    }
    events
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// The event of one unit.
fn event_of(unit: &[u8]) -> Option<Event> {
    let none = KeyModifiers::NONE;
    if let Some(text) = unit
        .strip_prefix(b"\x1b[200~")
        .and_then(|t| t.strip_suffix(b"\x1b[201~"))
    {
        return Some(Event::Paste(String::from_utf8_lossy(text).into_owned()));
    }
    if let Some(report) = unit.strip_prefix(b"\x1b[<") {
        return mouse(report);
    }
    if let Some(csi) = unit
        .strip_prefix(b"\x1b[")
        .or_else(|| unit.strip_prefix(b"\x1bO"))
    {
        let code = match csi {
            b"A" => KeyCode::Up,
            b"B" => KeyCode::Down,
            b"C" => KeyCode::Right,
            b"D" => KeyCode::Left,
            b"H" => KeyCode::Home,
            b"F" => KeyCode::End,
            b"5~" => KeyCode::PageUp,
            b"6~" => KeyCode::PageDown,
            _ => return None,
        };
        return Some(key(code, none));
    }
    let text = std::str::from_utf8(unit).ok()?;
    let mut chars = text.chars();
    let c = chars.next()?;
    if c == '\x1b' {
        return Some(match chars.next() {
            None => key(KeyCode::Esc, none),
            Some(n) => key(KeyCode::Char(n), KeyModifiers::ALT),
        });
    }
    Some(match c {
        '\r' | '\n' => key(KeyCode::Enter, none),
        '\t' => key(KeyCode::Tab, none),
        '\x7f' | '\x08' => key(KeyCode::Backspace, none),
        c @ '\x01'..='\x1a' => {
            let letter = char::from(b'a' + (c as u8 - 1));
            key(KeyCode::Char(letter), KeyModifiers::CONTROL)
        }
        c if c.is_control() => return None,
        // As crossterm reports them: a capital letter comes with Shift.
        c if c.is_uppercase() => key(KeyCode::Char(c), KeyModifiers::SHIFT),
        c => key(KeyCode::Char(c), none),
    })
}

/// An SGR mouse report (`b;x;yM` or `m`, after `ESC [ <`).
fn mouse(report: &[u8]) -> Option<Event> {
    let (last, body) = report.split_last()?;
    let text = std::str::from_utf8(body).ok()?;
    let mut n = text.split(';').map(|p| p.parse::<u16>().ok());
    let (b, x, y) = (n.next()??, n.next()??, n.next()??);
    let mut modifiers = KeyModifiers::NONE;
    for (bit, m) in [
        (4, KeyModifiers::SHIFT),
        (8, KeyModifiers::ALT),
        (16, KeyModifiers::CONTROL),
    ] {
        if b & bit != 0 {
            modifiers |= m;
        }
    }
    let button = match b & 0b11 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = match (b & 0b1100_0000, b & 32 != 0, *last) {
        (64, _, _) if b & 1 == 0 => MouseEventKind::ScrollUp,
        (64, _, _) => MouseEventKind::ScrollDown,
        (_, true, _) => MouseEventKind::Drag(button),
        (_, false, b'm') => MouseEventKind::Up(button),
        _ => MouseEventKind::Down(button),
    };
    Some(Event::Mouse(MouseEvent {
        kind,
        column: x.saturating_sub(1),
        row: y.saturating_sub(1),
        modifiers,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kittys_reply_and_the_attributes_are_taken_out() {
        let mut buf = b"j\x1b_Gi=31;OK\x1b\\k\x1b[?62;4;22c".to_vec();
        let mut answer = Answer::default();
        let keys = take_replies(&mut buf, &mut answer);
        assert_eq!(keys, b"jk");
        assert!(buf.is_empty());
        assert_eq!(
            answer,
            Answer {
                kitty: true,
                sixel: true,
                complete: true
            }
        );
    }

    #[test]
    fn a_reply_split_across_reads_waits_for_its_end() {
        let mut answer = Answer::default();
        let mut buf = b"\x1b_Gi=31;EINVAL:no\x1b".to_vec();
        assert!(take_replies(&mut buf, &mut answer).is_empty());
        assert!(!buf.is_empty(), "kept for the next read");
        buf.extend_from_slice(b"\\\x1b[?62;22");
        assert!(take_replies(&mut buf, &mut answer).is_empty());
        buf.extend_from_slice(b"c");
        assert!(take_replies(&mut buf, &mut answer).is_empty());
        assert_eq!(
            answer,
            Answer {
                kitty: false,
                sixel: false,
                complete: true
            }
        );
    }

    #[test]
    fn keys_typed_meanwhile_become_key_events() {
        let events = key_events(b"jG\r\x1b[B\x1bx\x03");
        let codes: Vec<(KeyCode, KeyModifiers)> = events
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect();
        assert_eq!(
            codes,
            [
                (KeyCode::Char('j'), KeyModifiers::NONE),
                (KeyCode::Char('G'), KeyModifiers::SHIFT),
                (KeyCode::Enter, KeyModifiers::NONE),
                (KeyCode::Down, KeyModifiers::NONE),
                (KeyCode::Char('x'), KeyModifiers::ALT),
                (KeyCode::Char('c'), KeyModifiers::CONTROL),
            ]
        );
    }

    #[test]
    fn a_mouse_report_and_a_paste_split_across_reads_stay_whole() {
        let mut answer = Answer::default();
        let mut buf = Vec::new();
        let mut keys = Vec::new();
        for b in b"\x1b[<65;5;3M\x1b[200~q\x1b[201~\x1b\x1b[?62;22c" {
            buf.push(*b);
            keys.extend(take_replies(&mut buf, &mut answer));
        }
        assert!(answer.complete && buf.is_empty());
        let events = key_events(&keys);
        assert_eq!(
            events,
            [
                Event::Mouse(MouseEvent {
                    kind: MouseEventKind::ScrollDown,
                    column: 4,
                    row: 2,
                    modifiers: KeyModifiers::NONE,
                }),
                Event::Paste("q".into()),
                key(KeyCode::Esc, KeyModifiers::NONE),
            ]
        );
    }
}
