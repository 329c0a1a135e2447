//! The picture worker: a thread that decodes and encodes the pictures the reader asks for,
//! one at a time, off the UI thread, and wakes the loop with each one ready (or failed).

use std::io;
use std::sync::mpsc;
use std::thread;

use super::{Request, prepare};
use crate::tui::input::Wake;

/// Start the worker; requests sent to the returned sender come back to `wake` as
/// [`Wake::Picture`]. It ends when the sender is dropped or the loop is gone.
pub fn spawn(wake: mpsc::Sender<Wake>) -> io::Result<mpsc::Sender<Request>> {
    let (tx, rx) = mpsc::channel::<Request>();
    thread::Builder::new()
        .name("kiji-pictures".into())
        .spawn(move || {
            for request in rx {
                if wake.send(Wake::Picture(prepare(&request))).is_err() {
                    return;
                }
            }
        })?;
    Ok(tx)
}
