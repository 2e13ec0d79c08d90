//! Work handed to a task of its own (a zero-delay timer), so that the task that asked for it
//! ends sooner: a long task holds the page's input and rendering.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;

/// Runs `f` in a later task. Where no timer can be set (no window), runs it at once: what is
/// asked is always done.
pub fn later(f: impl FnOnce() + 'static) {
    run_later(0, Box::new(f))
}

/// Runs `f` in a task at least `ms` milliseconds from now (at once where no timer can be set).
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    run_later(ms, Box::new(f))
}

/// One copy of the timer's code for every caller (each closure type would otherwise get its own).
fn run_later(ms: i32, f: Box<dyn FnOnce()>) {
    let slot = Rc::new(Cell::new(Some(f)));
    let run = {
        let slot = slot.clone();
        move || {
            if let Some(f) = slot.take() {
                f()
            }
        }
    };
    let again = run.clone();
    let timer = super::callbacks::once(Box::new(move |_| again()));
    let set = crate::window::window()
        .map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(timer.unchecked_ref(), ms)
                .is_ok()
        })
        .unwrap_or(false);
    if !set {
        run();
    }
}
