//! `kiji doctor` on terminals that answer late or not at all, in a pseudo-terminal: a late
//! answer is read by kiji, never left in the input for the shell to print (`;11R` at the
//! prompt), and TERM=dumb is sent no request at all.

use std::path::Path;

use crate::pty::{ATTRIBUTES_REQUEST, Session};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `kiji doctor`, then reads one line the way a shell prompt would and says whether it
/// got exactly what the test typed (`x`) or something left over before it.
const SCRIPT: &str = r#""$1" doctor
echo EXITED
IFS= read -r line
if [ "$line" = x ]; then echo CLEAN-INPUT; else printf 'LEFTOVER[%s]\n' "$line" | cat -v; fi
"#;

#[test]
fn a_late_answer_is_not_left_for_the_shell() {
    let kiji = env!("CARGO_BIN_EXE_kiji");
    let mut s = Session::start_program(
        "/bin/sh",
        &["-c", SCRIPT, "sh", kiji],
        manifest(),
        200,
        50,
        &[],
    );
    // The test plays the terminal, and answers only after kiji has given up waiting and shown
    // its report (when kiji would exit, without the drain).
    s.answers_cursor_requests = false;
    s.wait_for_text("Recommendations");
    let requests = s.output.windows(4).filter(|w| *w == b"\x1b[6n").count();
    assert_eq!(requests, kiji::doctor::SAMPLES.len(), "one batch");
    assert!(
        s.output
            .windows(ATTRIBUTES_REQUEST.len())
            .any(|w| w == ATTRIBUTES_REQUEST),
        "the batch ends with a device-attributes request"
    );
    let screen = s.screen();
    assert!(
        screen.contains("did not answer the cursor-position request"),
        "{screen}"
    );
    let late: String = "\x1b[50;3R".repeat(requests) + "\x1b[?62;22c";
    s.send(&late);
    s.wait_for_text("EXITED");
    s.send("x\r");
    s.wait_for("the shell's read to finish", |sc| {
        let t = sc.contents();
        t.contains("CLEAN-INPUT") || t.contains("LEFTOVER[")
    });
    let screen = s.screen();
    assert!(screen.contains("CLEAN-INPUT"), "{screen}");
    assert!(
        !screen.contains(";3R"),
        "an answer reached the shell: {screen}"
    );
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn term_dumb_is_sent_no_request() {
    let mut s = Session::start(&["doctor"], manifest(), 200, 50, &[("TERM", "dumb")]);
    assert_eq!(s.wait_exit(), 0);
    let screen = s.screen();
    assert!(screen.contains("TERM             dumb"), "{screen}");
    assert!(
        screen.contains("TERM=dumb says this terminal understands no escape sequences"),
        "{screen}"
    );
    assert!(
        !s.output.contains(&0x1b),
        "escape bytes sent to TERM=dumb: {:?}",
        String::from_utf8_lossy(&s.output)
    );
}
